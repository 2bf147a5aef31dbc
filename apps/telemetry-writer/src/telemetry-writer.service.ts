import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BUS } from '#grip/bus';
import type { Bus, ConsumedMessage, Subscription } from '#grip/bus';
import { TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import { TelemetryWriter, type TelemetryRow } from '#grip/telemetry-store';
import { Counter, Histogram, Registry } from 'prom-client';
import { decodeTelemetryBatch } from './telemetry-batch.decoder.js';

export const WRITER_OPTIONS = Symbol('WRITER_OPTIONS');

export interface WriterOptions {
  readonly maxBatchMessages: number;
  readonly maxWaitMs: number;
}

/**
 * telemetry.raw → ClickHouse. A batch is committed on the bus only after its insert
 * succeeded; a failed insert throws, so the bus offers the batch again (nothing skipped).
 */
@Injectable()
export class TelemetryWriterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryWriterService.name);
  private subscription?: Subscription;
  private readonly pointsWritten: Counter;
  private readonly poison: Counter;
  private readonly batchDuration: Histogram;
  private readonly batchSize: Histogram;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(TelemetryWriter) private readonly writer: TelemetryWriter,
    @Inject(WRITER_OPTIONS) private readonly options: WriterOptions,
    @Inject(Registry) registry: Registry,
  ) {
    const registers = [registry];
    this.pointsWritten = new Counter({
      name: 'writer_points_written_total',
      help: 'points inserted',
      registers,
    });
    this.poison = new Counter({
      name: 'writer_poison_messages_total',
      help: 'undecodable messages',
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'writer_batch_duration_ms',
      help: 'insert time per batch',
      buckets: [10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'writer_batch_points',
      help: 'points per insert',
      buckets: [10, 100, 1000, 10_000, 50_000, 100_000, 500_000],
      registers,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: TELEMETRY_RAW_TOPIC,
      groupId: 'telemetry-writer',
      maxBatchMessages: this.options.maxBatchMessages,
      maxWaitMs: this.options.maxWaitMs,
      handler: (batch) => this.write(batch),
    });
  }

  /** Runs after the HTTP server stopped taking requests: drain what the bus holds, then stop. */
  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async write(messages: readonly ConsumedMessage[]): Promise<void> {
    const rows: TelemetryRow[] = [];
    for (const message of messages) {
      const decoded = decodeTelemetryBatch(message.value);
      if (decoded.ok) {
        for (const row of decoded.rows) rows.push(row);
      } else {
        // Never stall the stream on a message that can never be written.
        this.poison.inc();
        this.logger.error(`dropped poison message ${message.topic}@${message.offset}: ${decoded.reason}`);
      }
    }
    if (rows.length === 0) return;
    const started = Date.now();
    await this.writer.insert(rows);
    this.batchDuration.observe(Date.now() - started);
    this.batchSize.observe(rows.length);
    this.pointsWritten.inc(rows.length);
  }
}
