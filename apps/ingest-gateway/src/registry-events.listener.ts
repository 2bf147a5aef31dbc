import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgentAuthenticator } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus, Subscription } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, RegistryEvent } from '#grip/contracts';
import { DeviceDirectory } from './device-directory.js';
import { MqttListener } from './mqtt/mqtt-listener.js';

/** Keeps this gateway's caches in step with the registry; each instance is its own group. */
@Injectable()
export class RegistryEventsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryEventsListener.name);
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(DeviceDirectory) private readonly directory: DeviceDirectory,
    @Inject(AgentAuthenticator) private readonly agents: AgentAuthenticator,
    @Inject(MqttListener) private readonly mqtt: MqttListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: REGISTRY_EVENTS_TOPIC,
      groupId: `ingest-gateway-${randomUUID()}`,
      maxBatchMessages: 100,
      maxWaitMs: 1,
      fromBeginning: false, // this instance's caches start empty: only later changes matter
      handler: async (batch) => {
        for (const message of batch) this.apply(message.value);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private apply(value: Buffer): void {
    let event: RegistryEvent;
    try {
      event = JSON.parse(value.toString()) as RegistryEvent;
    } catch {
      this.logger.error('dropped a registry event that is not JSON');
      return;
    }
    switch (event.type) {
      case 'device.registered':
      case 'enterprise.onboarded':
        this.directory.invalidate(event.enterpriseId);
        break;
      case 'credential.revoked':
      case 'credential.rotated':
        this.agents.revoke(event.agentId);
        // An MQTT session outlives any token check: end it (and refuse its reconnect) now.
        this.mqtt.disconnectAgent(event.agentId);
        break;
    }
  }
}
