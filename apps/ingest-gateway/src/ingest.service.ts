import { Inject, Injectable } from '@nestjs/common';
import type { AgentPrincipal } from '#grip/auth';
import { BUS, BusUnavailableError } from '#grip/bus';
import type { Bus } from '#grip/bus';
import { encodeTelemetryMessage, TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import { ApiError, type JsonShapeLimits } from '#grip/http';
import { DeviceDirectory } from './device-directory.js';
import { IngestRateLimiter } from './ingest-rate-limiter.js';
import { IngestMetrics } from './ingest.metrics.js';
import { decodeTelemetryPayload } from './mqtt/telemetry-payload.decoder.js';
import { checkTelemetryBatch } from './telemetry-batch.validator.js';
import type { IngestLimits, PointRejection } from './telemetry-batch.validator.js';

export const INGEST_LIMITS = Symbol('INGEST_LIMITS');

export interface IngestResult {
  readonly accepted: number;
  readonly rejected: readonly PointRejection[];
}

@Injectable()
export class IngestService {
  constructor(
    @Inject(DeviceDirectory) private readonly directory: DeviceDirectory,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
    @Inject(IngestRateLimiter) private readonly rate: IngestRateLimiter,
  ) {}

  /**
   * HTTP: the body arrives parsed (JSON, gzip and the size limit are the body parser's).
   * Answers only after the accepted points were handed to the bus; rejected points go nowhere.
   */
  async ingest(agent: AgentPrincipal, body: unknown): Promise<IngestResult> {
    this.limit(() => this.rate.admitRequest(agent.agentId));
    return this.checkAndPublish(agent, body);
  }

  /**
   * MQTT: the same path, the raw payload decoded here with the HTTP body parser's rules (gzip,
   * the byte limit after decoding, JSON) once the request was admitted by the rate limiter.
   */
  async ingestPayload(
    agent: AgentPrincipal,
    payload: Buffer,
    limits: { readonly maxBytes: number; readonly json: JsonShapeLimits },
  ): Promise<IngestResult> {
    this.limit(() => this.rate.admitRequest(agent.agentId));
    let body: unknown;
    try {
      body = await decodeTelemetryPayload(payload, limits.maxBytes, limits.json);
    } catch (error) {
      if (error instanceof ApiError) this.metrics.batchRefused(error.code);
      throw error;
    }
    return this.checkAndPublish(agent, body);
  }

  private async checkAndPublish(agent: AgentPrincipal, body: unknown): Promise<IngestResult> {
    const devices = await this.directory.forEnterprise(agent.enterpriseId);
    const receivedAt = Date.now();
    const check = checkTelemetryBatch(body, devices, this.limits, receivedAt);
    if (!check.ok) {
      this.metrics.batchRefused(check.code);
      throw new ApiError(check.status, check.code, check.message, [
        { field: check.field, message: check.message },
      ]);
    }
    this.limit(() =>
      this.rate.admitPoints(agent.agentId, agent.enterpriseId, check.accepted.length + check.rejected.length),
    );
    this.metrics.pointsRejected(check.rejected.length);
    if (check.accepted.length === 0) {
      throw ApiError.badRequest(
        'NO_VALID_POINTS',
        'no point of the batch is valid',
        check.rejected.map((r) => ({
          index: r.index,
          field: `points[${r.index}]`,
          code: r.code,
          message: r.message,
        })),
      );
    }
    const message = encodeTelemetryMessage(
      { enterpriseId: agent.enterpriseId, agentId: agent.agentId, batchId: check.batchId, receivedAt },
      check.accepted,
    );
    try {
      // Keyed by agent: one agent's points (and so each of its devices') stay in order.
      await this.bus.publish(TELEMETRY_RAW_TOPIC, [{ key: agent.agentId, ...message }]);
    } catch (error) {
      if (error instanceof BusUnavailableError)
        throw ApiError.unavailable('telemetry cannot be stored right now', 5);
      throw error;
    }
    this.metrics.pointsAccepted(check.accepted.length, Date.now() - receivedAt);
    return { accepted: check.accepted.length, rejected: check.rejected };
  }

  private limit(admit: () => void): void {
    try {
      admit();
    } catch (error) {
      this.metrics.batchRefused('RATE_LIMITED');
      throw error;
    }
  }
}
