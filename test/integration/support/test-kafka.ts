import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import kafkajs from 'kafkajs';
import { KafkaBus, type KafkaBusOptions } from '#grip/bus';

// Needs a broker: `npm run services:up` starts one at 127.0.0.1:9092 (docs/kafka.md), or
// KAFKA_BROKERS names another. Every bus gets its own topic prefix, so cases never see each
// other's messages, and a spec deletes its topics and groups at the end.
export const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

/** kafkajs's own warnings (refused connections, handler retries) are expected in tests. */
export const quiet: LoggerService = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: unknown) => console.error(message),
};

/** One per spec file: makes buses with fresh prefixes and removes what they created. */
export class TestKafka {
  private readonly run = `grip-test.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  readonly prefixes: string[] = [];
  readonly admin = new kafkajs.Kafka({
    clientId: 'grip-test-admin',
    brokers: BROKERS,
    logLevel: kafkajs.logLevel.NOTHING,
    retry: { retries: 1 },
  }).admin();
  private connected = false;

  bus(options: Partial<KafkaBusOptions> = {}): KafkaBus {
    const topicPrefix = `${this.run}.${this.prefixes.length}.`;
    this.prefixes.push(topicPrefix);
    return new KafkaBus({ brokers: BROKERS, clientId: 'grip-test', topicPrefix, logger: quiet, ...options });
  }

  async connect(): Promise<void> {
    try {
      await this.admin.connect();
      await this.admin.listTopics();
      this.connected = true;
    } catch (error) {
      throw new Error(
        `no Kafka broker at ${BROKERS.join(',')} (${String(error)}): start one with ` +
          '`npm run services:up`, or set KAFKA_BROKERS',
        { cause: error },
      );
    }
  }

  async cleanUp(): Promise<void> {
    if (!this.connected) return;
    const ours = (name: string) => this.prefixes.some((p) => name.startsWith(p));
    const topics = (await this.admin.listTopics()).filter(ours);
    if (topics.length > 0) await this.admin.deleteTopics({ topics });
    const groups = (await this.admin.listGroups()).groups.map((g) => g.groupId).filter(ours);
    if (groups.length > 0) await this.admin.deleteGroups(groups).catch(() => undefined);
    await this.admin.disconnect();
  }
}
