import type { LoggerService } from '@nestjs/common';

export interface KafkaBusOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to every topic and consumer group: one environment per prefix, e.g. 'dev.'. */
  readonly topicPrefix: string;
  /** Partitions of the topics the bus creates (default 6); a key keeps its partition, hence its order. */
  readonly partitions?: number;
  /** Bytes fetched per partition and request (default 4 MiB): bounds a consumed batch. */
  readonly fetchBytesPerPartition?: number;
  /** Where kafkajs's and the driver's warnings go (default: Nest's Logger). */
  readonly logger?: LoggerService;
}

// The driver's timings.

// Publishing fails fast: the gateway answers 503 and the agent retries, which beats a request
// hanging through kafkajs's default retries (minutes). Measured: a refused connection rejects
// in ~0.5 s, a broker that accepts but never answers in ~5 s (one request timeout).
export const PUBLISH_RETRY = { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 };
export const CONNECTION_TIMEOUT_MS = 1_000;
export const PUBLISH_REQUEST_TIMEOUT_MS = 5_000;
/** Broker-side waits (all in-sync replicas' ack, topic creation): below the request timeout. */
export const BROKER_TIMEOUT_MS = 4_000;
// With minBytes=1 the broker answers a fetch as soon as data arrives, so the fetch wait only
// bounds idle polls: at least 100 ms (no busy loop of empty fetches), at most 1 s (stop() waits
// for the poll in flight).
export const FETCH_WAIT_MIN_MS = 100;
export const FETCH_WAIT_MAX_MS = 1_000;
/** Handler retry backoff, as the in-process bus. */
export const RETRY_MIN_MS = 100;
export const RETRY_MAX_MS = 5_000;
/**
 * A consumer that died without leaving (SIGKILL) keeps its partitions until the broker misses
 * its heartbeats this long (kafkajs's default is 30 s, measured as the writer's failover time).
 */
export const SESSION_TIMEOUT_MS = 10_000;
/** Heartbeats while a handler runs, so a slow store does not cost the group membership. */
export const HEARTBEAT_MS = 3_000;

/** A compact telemetry message is ~60 bytes a point: 4 MiB is ~70k points per fetch. */
export const DEFAULT_FETCH_BYTES_PER_PARTITION = 4 * 1024 * 1024;
