import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BUS } from '#grip/bus';
import type { BatchInfo, Bus, BusMessage, ConsumedMessage, Subscription } from '#grip/bus';
import { TELEMETRY_DEAD_LETTER_TOPIC, TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import { TelemetryWriter } from '#grip/telemetry-store';
import { isRowDataError } from './clickhouse-data-error.js';
import { GroupCommit } from './group-commit.js';
import { decodeTelemetryMessage } from './telemetry-message.decoder.js';
import { WriterMetrics } from './writer.metrics.js';

export const WRITER_OPTIONS = Symbol('WRITER_OPTIONS');

export interface WriterOptions {
  readonly maxBatchMessages: number;
  readonly maxWaitMs: number;
  /**
   * Partition batches handled at once (Kafka); those arriving together share one insert
   * (group-commit.ts). Each log stays in order.
   */
  readonly maxInFlight: number;
}

interface Part {
  readonly items: readonly Decoded[];
  readonly info: BatchInfo;
}

/** The messages of one log and offset range: the same batch offered again gets the same token. */
function tokenOf(items: readonly Decoded[], info: BatchInfo): string {
  return `${info.log}:${items[0]!.message.offset}-${items[items.length - 1]!.message.offset}`;
}

interface Decoded {
  readonly message: ConsumedMessage;
  readonly points: number;
  readonly receivedAt: number;
}

/**
 * telemetry.raw → ClickHouse. Each step has a typed outcome: a message that can be stored joins
 * the insert; one that never can (poison) goes to the dead-letter topic with its reason and
 * original bytes. The bus commits a batch only after this handler resolved, so a failed insert
 * (ClickHouse down) throws, and the bus pauses and offers the same batch again with backoff —
 * nothing is skipped. Each insert carries a token naming its messages (log and offset range),
 * so a batch offered again after its insert did succeed is not stored twice.
 */
@Injectable()
export class TelemetryWriterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryWriterService.name);
  private subscription?: Subscription;
  private readonly groups = new GroupCommit<Part>(
    (parts) => this.flush(parts),
    (waitedMs) => waitedMs.forEach((ms) => this.metrics.backPressureWait.observe(ms)),
  );

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(TelemetryWriter) private readonly writer: TelemetryWriter,
    @Inject(WRITER_OPTIONS) private readonly options: WriterOptions,
    @Inject(WriterMetrics) private readonly metrics: WriterMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: TELEMETRY_RAW_TOPIC,
      groupId: 'telemetry-writer',
      maxBatchMessages: this.options.maxBatchMessages,
      maxWaitMs: this.options.maxWaitMs,
      maxInFlight: this.options.maxInFlight,
      handler: (batch, info) => this.write(batch, info),
    });
  }

  /** Runs after the HTTP server stopped taking requests: finish and commit, then stop. */
  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async write(messages: readonly ConsumedMessage[], info: BatchInfo): Promise<void> {
    this.metrics.lag.set({ log: info.log }, info.lag);
    const storable: Decoded[] = [];
    const poison: { message: ConsumedMessage; reason: string }[] = [];
    for (const message of messages) {
      const decoded = decodeTelemetryMessage(message);
      if (decoded.ok) storable.push({ message, points: decoded.points, receivedAt: decoded.receivedAt });
      else poison.push({ message, reason: decoded.reason });
    }
    // Dead letters first: if they cannot be published the whole batch is offered again.
    if (poison.length > 0) await this.deadLetter(poison, info);
    if (storable.length > 0) await this.groups.submit({ items: storable, info });
  }

  /** One insert for every part of the group; a refused row sends each part its own way. */
  private async flush(parts: readonly Part[]): Promise<unknown[]> {
    const token =
      parts.length === 1
        ? tokenOf(parts[0]!.items, parts[0]!.info)
        : // One insert, several logs: a token naming them all (the same group offered again
          // after a crash is rare; storage is idempotent anyway, docs/storage.md).
          'group:' +
          createHash('sha1')
            .update(parts.map((p) => tokenOf(p.items, p.info)).join(','))
            .digest('hex');
    try {
      await this.insert(
        parts.flatMap((p) => p.items),
        token,
      );
      return parts.map(() => undefined);
    } catch (error) {
      if (!isRowDataError(error)) {
        this.metrics.insertFailures.inc();
        return parts.map(() => error);
      }
      const outcomes: unknown[] = [];
      for (const part of parts) {
        outcomes.push(
          await this.insertIsolatingBadRows(part.items, part.info).then(
            () => undefined,
            (e: unknown) => e,
          ),
        );
      }
      return outcomes;
    }
  }

  /**
   * One insert for the batch. When ClickHouse refuses the data itself (a row it cannot parse —
   * the decoder's byte checks let it through), the batch is halved until the message at fault
   * is alone, and that one goes to the dead-letter topic: one bad message never stalls a log.
   */
  private async insertIsolatingBadRows(items: readonly Decoded[], info: BatchInfo): Promise<void> {
    try {
      await this.insert(items, tokenOf(items, info));
    } catch (error) {
      if (!isRowDataError(error)) {
        this.metrics.insertFailures.inc();
        throw error;
      }
      if (items.length === 1) {
        await this.deadLetter(
          [{ message: items[0]!.message, reason: `refused by ClickHouse: ${String(error)}` }],
          info,
        );
        return;
      }
      const half = Math.ceil(items.length / 2);
      await this.insertIsolatingBadRows(items.slice(0, half), info);
      await this.insertIsolatingBadRows(items.slice(half), info);
    }
  }

  private async insert(items: readonly Decoded[], dedupToken: string): Promise<void> {
    const bytes =
      items.length === 1 ? items[0]!.message.value : Buffer.concat(items.map((i) => i.message.value));
    const points = items.reduce((sum, i) => sum + i.points, 0);
    const started = Date.now();
    await this.writer.insertTabSeparated(bytes, { dedupToken });
    const now = Date.now();
    this.metrics.insertDuration.observe(now - started);
    this.metrics.batchPoints.observe(points);
    this.metrics.pointsWritten.inc(points);
    const oldest = items.reduce((min, i) => Math.min(min, i.receivedAt || now), now);
    this.metrics.ingestToStored.observe(now - oldest);
  }

  private async deadLetter(poison: readonly { message: ConsumedMessage; reason: string }[], info: BatchInfo) {
    const letters: BusMessage[] = poison.map(({ message, reason }) => {
      this.logger.error(`dead letter ${info.log}@${message.offset}: ${reason}`);
      this.metrics.deadLetters.inc({ reason: reason.split(':')[0]!.slice(0, 60) });
      return {
        key: message.key,
        value: message.value, // the original bytes, unchanged
        headers: {
          ...message.headers,
          'dlq-reason': reason.slice(0, 1000),
          'dlq-source': `${info.log}@${message.offset}`,
          'dlq-at': new Date().toISOString(),
        },
      };
    });
    await this.bus.publish(TELEMETRY_DEAD_LETTER_TOPIC, letters);
  }
}
