import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UserDenyList } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus, Subscription } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, type RegistryEvent, type UserEvent } from '#grip/contracts';
import { UserRepository } from '#grip/registry';

/**
 * Keeps this process's deny list in step with disabled accounts, as the gateways do with
 * revoked agents: each process is its own group and hears every `user.disabled`. A process
 * that starts late reads who was disabled within the last access-token lifetime from the
 * registry, after subscribing, so no disable falls between the two.
 */
@Injectable()
export class UserDenialsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UserDenialsListener.name);
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(UserDenyList) private readonly denied: UserDenyList,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: REGISTRY_EVENTS_TOPIC,
      groupId: `user-denials-${randomUUID()}`,
      maxBatchMessages: 100,
      maxWaitMs: 1,
      fromBeginning: false, // what came before is read from the registry below
      handler: async (batch) => {
        for (const message of batch) this.apply(message.value);
      },
    });
    const recent = await this.users.disabledSince(this.denied.relevantSince());
    for (const user of recent) this.denied.deny(user.id, user.disabledAt);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private apply(value: Buffer): void {
    let event: RegistryEvent | UserEvent;
    try {
      event = JSON.parse(value.toString()) as RegistryEvent | UserEvent;
    } catch {
      this.logger.error('dropped a registry event that is not JSON');
      return;
    }
    if (event.type !== 'user.disabled') return;
    const disabledAt = new Date(event.disabledAt);
    if (Number.isNaN(disabledAt.getTime())) {
      this.logger.error(`dropped a user.disabled event without a valid time for ${event.userId}`);
      return;
    }
    this.denied.deny(event.userId, disabledAt);
  }
}
