import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BatchHandler, Bus, BusMessage, BusUnavailableError, SubscribeOptions, Subscription } from './bus.js';

interface Entry {
  readonly message: BusMessage;
  readonly offset: number;
  readonly publishedAt: number;
  /** Groups that have not committed this entry yet; at zero the publisher is released. */
  pendingGroups: number;
  readonly settle: { resolve(): void; reject(error: Error): void };
}

interface Group {
  readonly handler: BatchHandler;
  readonly maxBatchMessages: number;
  readonly maxWaitMs: number;
  readonly queue: Entry[];
  wake: (() => void) | undefined;
  stopped: boolean;
  done: Promise<void>;
}

interface Topic {
  nextOffset: number;
  /** Entries published but not yet committed by every group: what counts against capacity. */
  inFlight: number;
  readonly groups: Map<string, Group>;
  readonly spaceWaiters: (() => void)[];
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * The single-machine bus. It keeps the Kafka contract that matters: per-key order (one
 * ordered log per topic), at-least-once hand-off (a batch whose handler fails is delivered
 * again, never skipped), real commits (a publisher is released only when every group
 * committed its messages, so a 202 from the gateway means the points are stored), and
 * back-pressure (a bounded number of uncommitted messages per topic; publishers wait).
 */
export class InProcessBus implements Bus {
  private readonly logger = new Logger(InProcessBus.name);
  private readonly topics = new Map<string, Topic>();
  /** Offsets restart at zero with every instance: the log identity must not repeat. */
  private readonly instance = randomUUID();
  private closed = false;

  constructor(private readonly capacityPerTopic: number) {}

  async publish(topicName: string, messages: readonly BusMessage[]): Promise<void> {
    if (this.closed) throw new BusUnavailableError('the bus is shutting down');
    const topic = this.topic(topicName);
    if (topic.groups.size === 0) throw new BusUnavailableError(`no consumer for ${topicName}`);
    if (messages.length > this.capacityPerTopic) {
      throw new BusUnavailableError(
        `${messages.length} messages exceed the bus capacity ${this.capacityPerTopic}`,
      );
    }
    while (topic.inFlight + messages.length > this.capacityPerTopic) {
      await new Promise<void>((resolve) => topic.spaceWaiters.push(resolve));
      if (this.closed) throw new BusUnavailableError('the bus is shutting down');
    }
    const now = Date.now();
    const committed = messages.map((message) => {
      let settle!: Entry['settle'];
      const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      const entry: Entry = {
        message,
        offset: topic.nextOffset++,
        publishedAt: now,
        pendingGroups: topic.groups.size,
        settle,
      };
      for (const group of topic.groups.values()) group.queue.push(entry);
      return promise;
    });
    topic.inFlight += messages.length;
    for (const group of topic.groups.values()) group.wake?.();
    await Promise.all(committed);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const topic = this.topic(options.topic);
    if (topic.groups.has(options.groupId)) {
      throw new Error(`group ${options.groupId} already consumes ${options.topic} in this process`);
    }
    const group: Group = {
      handler: options.handler,
      maxBatchMessages: options.maxBatchMessages,
      maxWaitMs: options.maxWaitMs,
      queue: [],
      wake: undefined,
      stopped: false,
      done: Promise.resolve(),
    };
    topic.groups.set(options.groupId, group);
    group.done = this.consume(options.topic, topic, group);
    return {
      stop: async () => {
        group.stopped = true;
        group.wake?.();
        await group.done;
        topic.groups.delete(options.groupId);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const topic of this.topics.values()) {
      for (const group of topic.groups.values()) {
        group.stopped = true;
        group.wake?.();
      }
      await Promise.all([...topic.groups.values()].map((g) => g.done));
      topic.spaceWaiters.splice(0).forEach((wake) => wake());
    }
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { nextOffset: 0, inFlight: 0, groups: new Map(), spaceWaiters: [] };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private async consume(topicName: string, topic: Topic, group: Group): Promise<void> {
    let retryDelay = RETRY_MIN_MS;
    // A stopping group drains what it holds first, so publishers are never left waiting.
    while (!group.stopped || group.queue.length > 0) {
      const ready = this.batchReady(group);
      if (ready !== true) {
        await this.sleepUntilWoken(group, ready);
        continue;
      }
      const batch = group.queue.slice(0, group.maxBatchMessages);
      try {
        await group.handler(
          batch.map((e) => ({
            topic: topicName,
            offset: e.offset,
            key: e.message.key,
            value: e.message.value,
            ...(e.message.headers ? { headers: e.message.headers } : {}),
          })),
          { log: `${topicName}/${this.instance}`, partition: 0, lag: group.queue.length - batch.length },
        );
      } catch (error) {
        if (group.stopped) {
          // Shutting down with a failing handler: tell the publishers, who may retry elsewhere.
          const reason = new BusUnavailableError(
            `shut down before ${topicName} was stored: ${String(error)}`,
          );
          for (const entry of group.queue.splice(0)) this.settle(topic, entry, reason);
          return;
        }
        // At-least-once: the same batch is offered again after a pause; nothing is skipped.
        this.logger.warn(`handler failed on ${topicName} (retry in ${retryDelay} ms): ${String(error)}`);
        await this.sleepUntilWoken(group, retryDelay);
        retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
        continue;
      }
      retryDelay = RETRY_MIN_MS;
      group.queue.splice(0, batch.length);
      for (const entry of batch) this.commit(topic, entry);
    }
  }

  /** True when a batch should be taken now, otherwise how long to wait (undefined: until woken). */
  private batchReady(group: Group): true | number | undefined {
    const oldest = group.queue[0];
    if (!oldest) return undefined;
    if (group.queue.length >= group.maxBatchMessages || group.stopped) return true;
    const waited = Date.now() - oldest.publishedAt;
    return waited >= group.maxWaitMs ? true : group.maxWaitMs - waited;
  }

  private commit(topic: Topic, entry: Entry): void {
    if (entry.pendingGroups === 0) return; // already failed for its publisher
    entry.pendingGroups -= 1;
    if (entry.pendingGroups === 0) this.settle(topic, entry);
  }

  /** Releases the publisher (with an error if given) and the entry's place in the topic. */
  private settle(topic: Topic, entry: Entry, error?: Error): void {
    entry.pendingGroups = 0;
    topic.inFlight -= 1;
    if (error) entry.settle.reject(error);
    else entry.settle.resolve();
    topic.spaceWaiters.shift()?.();
  }

  private sleepUntilWoken(group: Group, ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        group.wake = undefined;
        resolve();
      }
      group.wake = done;
    });
  }
}
