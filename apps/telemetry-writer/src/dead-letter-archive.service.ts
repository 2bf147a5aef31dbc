import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BUS } from '#grip/bus';
import type { Bus, ConsumedMessage, Subscription } from '#grip/bus';
import { TELEMETRY_DEAD_LETTER_TOPIC } from '#grip/contracts';
import { DeadLetterStore } from '#grip/telemetry-store';

/**
 * Keeps every dead letter in ClickHouse (telemetry_dead_letters) where operators can read it.
 * The topic holds them too (Kafka retention); the archive outlives it and serves the
 * single-process mode, where the in-process bus keeps nothing.
 */
@Injectable()
export class DeadLetterArchiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(DeadLetterStore) private readonly store: DeadLetterStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: TELEMETRY_DEAD_LETTER_TOPIC,
      groupId: 'dead-letter-archive',
      maxBatchMessages: 1000,
      maxWaitMs: 100,
      handler: (batch) => this.store.append(batch.map(toDeadLetter)),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}

function toDeadLetter(message: ConsumedMessage) {
  const { 'dlq-reason': reason, 'dlq-source': source, 'dlq-at': deadAt, ...original } = message.headers ?? {};
  return {
    source: source ?? `${message.topic}@${message.offset}`,
    reason: reason ?? 'unknown',
    deadAt: deadAt ?? new Date().toISOString(),
    headers: original,
    payload: message.value,
  };
}
