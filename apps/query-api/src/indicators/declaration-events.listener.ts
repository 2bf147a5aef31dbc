import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BUS } from '#grip/bus';
import type { Bus, Subscription } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, type RegistryEvent } from '#grip/contracts';
import { IndicatorComputationService } from './indicator-computation.service.js';

/**
 * A declared or corrected month recomputes the stored sets it feeds. The handler finishes the
 * recompute before committing, so on the in-process bus the declaring request returns once
 * the stored values are current; on Kafka it happens shortly after.
 */
@Injectable()
export class DeclarationEventsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeclarationEventsListener.name);
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(IndicatorComputationService) private readonly computation: IndicatorComputationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: REGISTRY_EVENTS_TOPIC,
      groupId: `indicator-engine-${randomUUID()}`,
      maxBatchMessages: 100,
      maxWaitMs: 1,
      handler: async (batch) => {
        for (const message of batch) await this.apply(message.value);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async apply(value: Buffer): Promise<void> {
    let event: RegistryEvent;
    try {
      event = JSON.parse(value.toString()) as RegistryEvent;
    } catch {
      return;
    }
    if (event.type !== 'declaration.declared') return;
    try {
      const n = await this.computation.recomputeForDeclaration(event.enterpriseId, event.period);
      this.logger.log(`declaration ${event.enterpriseId} ${event.period}: recomputed ${n} stored sets`);
    } catch (error) {
      // Not retried: the enterprise endpoint sees the new version and recomputes on its own.
      this.logger.warn(
        `recompute after declaration ${event.enterpriseId} ${event.period} failed: ${String(error)}`,
      );
    }
  }
}
