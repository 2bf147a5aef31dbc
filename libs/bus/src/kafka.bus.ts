import { Logger, LoggerService } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import type { Admin, EachBatchPayload, KafkaMessage, LogEntry, Producer } from 'kafkajs';
import { useFastGzip } from './kafka-gzip-codec.js';
import {
  BatchInfo,
  Bus,
  BusMessage,
  BusUnavailableError,
  ConsumedMessage,
  SubscribeOptions,
  Subscription,
} from './bus.js';
import {
  BROKER_TIMEOUT_MS,
  CONNECTION_TIMEOUT_MS,
  DEFAULT_FETCH_BYTES_PER_PARTITION,
  FETCH_WAIT_MAX_MS,
  FETCH_WAIT_MIN_MS,
  HEARTBEAT_MS,
  KafkaBusOptions,
  PUBLISH_REQUEST_TIMEOUT_MS,
  PUBLISH_RETRY,
  RETRY_MAX_MS,
  RETRY_MIN_MS,
  SESSION_TIMEOUT_MS,
} from './kafka.bus.options.js';

export type { KafkaBusOptions } from './kafka.bus.options.js';

// kafkajs is CommonJS whose exports Node cannot list statically: import the whole module.
const { Kafka, CompressionTypes, Partitioners, logLevel } = kafkajs;
useFastGzip();

/**
 * The cluster bus: Apache Kafka through kafkajs. It keeps the contract of bus.ts: per-key order
 * (the key picks the partition; a partition is consumed in order), at-least-once (offsets are
 * committed only after the handler resolved; a failing batch is offered again, never skipped),
 * and publish resolves once the broker acknowledged the messages on all in-sync replicas.
 * Unlike the in-process bus, publish does not wait for consumers: Kafka stores the messages.
 */
export class KafkaBus implements Bus {
  private readonly logger: LoggerService;
  private readonly prefix: string;
  private readonly partitions: number;
  private readonly fetchBytes: number;
  /** Producer and admin: fail fast. */
  private readonly fast: InstanceType<typeof Kafka>;
  /** Consumers: kafkajs's own patient retries, and a restart after a crash. */
  private readonly patient: InstanceType<typeof Kafka>;
  private producerReady: Promise<Producer> | undefined;
  private adminReady: Promise<Admin> | undefined;
  private readonly topics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: KafkaBusOptions) {
    this.logger = options.logger ?? new Logger(KafkaBus.name);
    this.prefix = options.topicPrefix;
    this.partitions = options.partitions ?? 6;
    this.fetchBytes = options.fetchBytesPerPartition ?? DEFAULT_FETCH_BYTES_PER_PARTITION;
    const common = {
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    };
    this.fast = new Kafka({ ...common, requestTimeout: PUBLISH_REQUEST_TIMEOUT_MS, retry: PUBLISH_RETRY });
    this.patient = new Kafka(common);
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (this.closed) throw new BusUnavailableError('the bus is closed');
    if (messages.length === 0) return;
    try {
      await this.ensureTopic(topic);
      const producer = await this.producer();
      await producer.send({
        topic: this.prefix + topic,
        acks: -1,
        timeout: BROKER_TIMEOUT_MS,
        compression: CompressionTypes.GZIP,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      // A fresh producer (new producer id, sequence numbers from zero) after a failure: the
      // idempotent producer's state is unknown once a send failed part-way.
      this.resetProducer();
      throw this.unavailable(`publish to ${topic}`, error);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new BusUnavailableError('the bus is closed');
    try {
      await this.ensureTopic(options.topic);
    } catch (error) {
      throw this.unavailable(`subscribe to ${options.topic}`, error);
    }
    const consumer = this.patient.consumer({
      groupId: this.prefix + options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: Math.min(Math.max(options.maxWaitMs, FETCH_WAIT_MIN_MS), FETCH_WAIT_MAX_MS),
      // Large fetches make large inserts downstream (each insert has a fixed cost).
      maxBytesPerPartition: this.fetchBytes,
      sessionTimeout: SESSION_TIMEOUT_MS,
      maxBytes: this.fetchBytes * 4,
    });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.logger.error(
        `consumer of ${options.topic} (${options.groupId}) crashed${payload.restart ? ', restarting' : ''}: ${explain(payload.error)}`,
      ),
    );
    const stopping = new AbortController();
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: [this.prefix + options.topic],
        fromBeginning: options.fromBeginning ?? true,
      });
      // Resolves once the consumer joined the group and got its partitions.
      await consumer.run({
        autoCommit: false,
        // kafkajs never hands out two batches of one partition at once, so per-log order holds.
        partitionsConsumedConcurrently: options.maxInFlight ?? 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.deliver(options, payload, stopping.signal),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw this.unavailable(`subscribe to ${options.topic}`, error);
    }
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      stop: () =>
        (stopped ??= (async () => {
          stopping.abort(); // wakes a handler retry that is waiting out its backoff
          // kafkajs waits for the batch in flight (deliver() finishes and commits it), then leaves.
          await consumer.disconnect();
          this.subscriptions.delete(subscription);
        })()),
    };
    this.subscriptions.add(subscription);
    if (this.closed) {
      await subscription.stop(); // close() ran while this one was joining
      throw new BusUnavailableError('the bus is closed');
    }
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const producer = this.producerReady;
    const admin = this.adminReady;
    this.producerReady = this.adminReady = undefined;
    await Promise.all([
      producer?.then((p) => p.disconnect()).catch(() => undefined),
      admin?.then((a) => a.disconnect()).catch(() => undefined),
    ]);
  }

  /** Hands a fetched partition batch to the handler in pieces of maxBatchMessages, committing each. */
  private async deliver(options: SubscribeOptions, payload: EachBatchPayload, stopping: AbortSignal) {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += options.maxBatchMessages) {
      // Take no new piece once stopping, or once the partition was reassigned (the new owner
      // resumes from our last commit).
      if (!payload.isRunning() || payload.isStale() || stopping.aborted) return;
      const piece = batch.messages.slice(start, start + options.maxBatchMessages);
      const consumed = piece.map((m) => toConsumed(options.topic, m));
      const info: BatchInfo = {
        log: `${batch.topic}/${batch.partition}`,
        partition: batch.partition,
        lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(piece[piece.length - 1]!.offset) - 1n)),
      };
      if (!(await this.handleUntilDone(options, consumed, info, payload, stopping))) return;
      const last = piece[piece.length - 1].offset;
      payload.resolveOffset(last);
      // Explicit offsets go straight to the coordinator, even while the consumer is stopping
      // (kafkajs's consumer.commitOffsets would skip them then): stop() commits what finished.
      await payload.commitOffsetsIfNecessary({
        topics: [
          {
            topic: batch.topic,
            partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }],
          },
        ],
      });
    }
  }

  /**
   * Calls the handler until it succeeds (true). Nothing is committed meanwhile, so the same
   * messages are offered again after a backoff. False when the subscription stops or the
   * partition moves first: the messages stay uncommitted for whoever consumes next.
   */
  private async handleUntilDone(
    options: SubscribeOptions,
    messages: ConsumedMessage[],
    info: BatchInfo,
    payload: EachBatchPayload,
    stopping: AbortSignal,
  ): Promise<boolean> {
    let delay = RETRY_MIN_MS;
    for (;;) {
      const keepAlive = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_MS);
      try {
        await options.handler(messages, info);
        return true;
      } catch (error) {
        this.logger.warn(
          `handler failed on ${options.topic} (${options.groupId}), ${messages.length} messages again in ${delay} ms: ${explain(error)}`,
        );
      } finally {
        clearInterval(keepAlive);
      }
      try {
        await sleep(delay, undefined, { signal: stopping });
      } catch {
        return false; // stopping
      }
      if (!payload.isRunning() || payload.isStale()) return false;
      // Throws when the group rebalances: kafkajs rejoins, nothing was committed.
      await payload.heartbeat();
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  private ensureTopic(topic: string): Promise<void> {
    let ready = this.topics.get(topic);
    if (!ready) {
      ready = this.createTopic(this.prefix + topic);
      this.topics.set(topic, ready);
      ready.catch(() => this.topics.delete(topic)); // try again next time
    }
    return ready;
  }

  private async createTopic(name: string): Promise<void> {
    const admin = await this.admin();
    // Listing first avoids kafkajs logging TOPIC_ALREADY_EXISTS as an error on every start.
    if ((await admin.listTopics()).includes(name)) return;
    // Resolves false when another process created it meanwhile: fine too.
    await admin.createTopics({
      topics: [{ topic: name, numPartitions: this.partitions }],
      waitForLeaders: true,
      timeout: BROKER_TIMEOUT_MS,
    });
  }

  private producer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.fast.producer({
        idempotent: true, // a retried send is not written twice
        maxInFlightRequests: 1, // kafkajs keeps per-partition order across retries only so
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner, // murmur2, as the Java client
        retry: PUBLISH_RETRY,
      });
      await producer.connect();
      return producer;
    })();
    return this.producerReady;
  }

  private resetProducer(): void {
    const producer = this.producerReady;
    this.producerReady = undefined;
    void producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  private admin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      const admin = this.fast.admin({ retry: PUBLISH_RETRY });
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminReady = undefined;
      throw error;
    });
    return this.adminReady;
  }

  /** An outage becomes BusUnavailableError; a broker refusing these messages stays itself. */
  private unavailable(what: string, error: unknown): Error {
    if (error instanceof BusUnavailableError) return error;
    const root = rootCause(error);
    const refused = root.name === 'KafkaJSProtocolError' && root.retriable === false;
    if (refused && error instanceof Error) return error;
    return new BusUnavailableError(`${what}: ${explain(error)}`);
  }

  private log({ namespace, log }: LogEntry): void {
    const { message, error } = log as { message: string; error?: unknown };
    // We limit the idempotent producer's retries on purpose (see PUBLISH_RETRY).
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    const text = `kafkajs ${namespace}: ${message}${error ? ` (${String(error)})` : ''}`;
    // Each failed connection attempt logs twice; the outage itself reaches the caller as
    // BusUnavailableError (or the consumer's CRASH event), so these are debug noise.
    if (namespace === 'Connection' || namespace === 'BrokerPool') this.logger.debug?.(text);
    // kafkajs logs recoverable trouble (a rebalance, a loading coordinator) as errors: warnings here.
    else this.logger.warn(text);
  }
}

function toConsumed(topic: string, m: KafkaMessage): ConsumedMessage {
  const consumed = {
    topic,
    offset: Number(m.offset),
    key: m.key?.toString() ?? '',
    value: m.value ?? Buffer.alloc(0),
  };
  if (!m.headers || Object.keys(m.headers).length === 0) return consumed;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers)) {
    // A repeated header arrives as an array: keep the last, as a map would.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) headers[name] = last.toString();
  }
  return { ...consumed, headers };
}

function rootCause(error: unknown): { name?: string; retriable?: boolean } {
  let current = error as { name?: string; retriable?: boolean; originalError?: unknown; cause?: unknown };
  while (current?.originalError ?? current?.cause) {
    current = (current.originalError ?? current.cause) as typeof current;
  }
  return current ?? {};
}

function explain(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
