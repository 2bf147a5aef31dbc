import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentPrincipal } from '#grip/auth';
import { ApiError, type ApiErrorBody, type JsonShapeLimits } from '#grip/http';
import { IngestService, type IngestResult } from '../ingest.service.js';
import { checkPublishTopic, telemetryTopic } from './mqtt-topics.js';

export const MQTT_OPTIONS = Symbol('MQTT_OPTIONS');

export interface MqttOptions {
  readonly host: string;
  /** 0: no MQTT listener. */
  readonly port: number;
  /** INGEST_MAX_BYTES: the payload limit after gzip decoding, as for HTTP. */
  readonly maxBytes: number;
  /** JSON_MAX_DEPTH and JSON_MAX_MEMBERS, as for HTTP bodies. */
  readonly json: JsonShapeLimits;
}

/**
 * What the listener does with a PUBLISH: `ack` — send PUBACK (QoS 1), which aedes does only
 * after this resolves, so an ack means the accepted points reached the bus; `disconnect` —
 * close the connection instead, so the client's session sends the message again later.
 */
export interface PublishOutcome {
  readonly ack: boolean;
  readonly disconnect: boolean;
  /** Published back on the agent's result topic: the HTTP 202 body or the api.md error shape. */
  readonly result: IngestResult | ApiErrorBody;
  /** For the refusal metric; undefined when accepted. */
  readonly code?: string;
}

/** The MQTT side of ingest: the topic rule, then the very path HTTP takes (IngestService). */
@Injectable()
export class MqttTelemetryHandler {
  private readonly logger = new Logger(MqttTelemetryHandler.name);

  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(MQTT_OPTIONS) private readonly options: MqttOptions,
  ) {}

  async handle(agent: AgentPrincipal, topic: string, payload: Buffer): Promise<PublishOutcome> {
    if (checkPublishTopic(agent.agentId, topic) !== 'allowed') {
      // An authorisation failure: the agent is misconfigured or probing; refuse and hang up.
      return refusal(
        new ApiError(403, 'FORBIDDEN', `an agent publishes only on ${telemetryTopic(agent.agentId)}`, [
          { field: 'topic', message: 'not this agent’s telemetry topic' },
        ]),
      );
    }
    try {
      return {
        ack: true,
        disconnect: false,
        result: await this.ingest.ingestPayload(agent, payload, this.options),
      };
    } catch (error) {
      if (error instanceof ApiError) return refusal(error);
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return refusal(new ApiError(500, 'INTERNAL', 'internal error'));
    }
  }
}

/**
 * A permanent refusal (bad JSON, invalid batch, too large) is acknowledged: sending the same
 * bytes again cannot succeed. A transient one (429, 503, 5xx) is not, and the connection is
 * closed: nothing of the batch was stored and the client's session offers it again on
 * reconnect. 403 is not acknowledged either: the agent has no business on that topic.
 */
function refusal(error: ApiError): PublishOutcome {
  const status = error.getStatus();
  const transient = status === 429 || status >= 500;
  const forbidden = status === 403;
  const body = error.getResponse() as ApiErrorBody;
  const retryAfter = error.headers['Retry-After'];
  const result: ApiErrorBody =
    retryAfter === undefined
      ? body
      : {
          error: {
            ...body.error,
            details: [...body.error.details, { field: 'retryAfterSeconds', message: retryAfter }],
          },
        };
  return { ack: !transient && !forbidden, disconnect: transient || forbidden, result, code: error.code };
}
