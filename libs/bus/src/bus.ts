/**
 * The bus between services: a deliberately small interface (ThingsBoard-style) with two
 * drivers, in-process and Kafka, that pass the same contract suite (bus.contract.ts).
 */
export interface BusMessage {
  /** Messages with the same key are delivered in the order they were published. */
  readonly key: string;
  readonly value: Buffer;
  /** Small metadata beside the value (Kafka record headers), e.g. a dead letter's reason. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ConsumedMessage extends BusMessage {
  readonly topic: string;
  readonly offset: number;
}

/** Where a batch comes from. Every message of one batch comes from the same ordered log. */
export interface BatchInfo {
  /**
   * The ordered log's stable identity (Kafka: prefixed topic and partition; in-process: the
   * topic and this bus instance). With the first and last offsets it names a batch
   * deterministically, so a batch offered again after a crash can be recognised (dedup token).
   */
  readonly log: string;
  readonly partition: number;
  /** Messages of this log not yet delivered to the group after this batch (consumer lag). */
  readonly lag: number;
}

export type BatchHandler = (batch: readonly ConsumedMessage[], info: BatchInfo) => Promise<void>;

export interface SubscribeOptions {
  readonly topic: string;
  /** Each group receives every message once; members of a group share it. */
  readonly groupId: string;
  readonly handler: BatchHandler;
  /** A batch closes at this many messages … */
  readonly maxBatchMessages: number;
  /** … or when its oldest message has waited this long. */
  readonly maxWaitMs: number;
  /**
   * Batches handled at once (Kafka: partitions consumed concurrently; default 1). Within one
   * log, batches are always handled and committed in order.
   */
  readonly maxInFlight?: number;
  /**
   * Where a group seen for the first time starts (Kafka; default true): at the beginning, so
   * nothing published before it subscribed is missed, or only at what comes next (for caches
   * that start empty anyway). A known group always resumes after its last commit.
   */
  readonly fromBeginning?: boolean;
}

export interface Subscription {
  /** Stops taking new batches, lets the one in flight finish and commit, then resolves. */
  stop(): Promise<void>;
}

export interface Bus {
  /**
   * Resolves once the messages are durably handed off: for Kafka when the broker
   * acknowledged them, in-process when every subscribed group committed them. Rejects with
   * BusUnavailableError when nothing can take them; then nothing is acknowledged, though some
   * messages may have been written anyway (Kafka after a timeout). Retrying is safe: a point's
   * identity (enterprise, device, metric, ts) deduplicates it in storage (docs/ingest.md).
   */
  publish(topic: string, messages: readonly BusMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export class BusUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusUnavailableError';
  }
}

export const BUS = Symbol('BUS');
