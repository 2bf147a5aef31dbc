import { RecencyMap } from './recency-map.js';

export interface TokenBucketOptions {
  /** Tokens a full bucket holds: the burst allowed after a quiet period. */
  readonly capacity: number;
  /** Tokens added back per second: the sustained rate. */
  readonly refillPerSecond: number;
  /** Buckets kept at most; the least recently used is forgotten first. */
  readonly maxKeys?: number;
  /** Milliseconds; injected so tests control time. */
  readonly now?: () => number;
}

export type TakeResult =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_KEYS = 100_000;
const PRUNE_EVERY_MS = 1000;

/**
 * One token bucket per key (an agent, a user). A forgotten bucket comes back full, which is
 * exactly the state an idle bucket refills to, so buckets idle long enough to be full are
 * dropped (swept about once a second), and memory stays bounded by `maxKeys` even when keys
 * are invented.
 */
export class TokenBuckets {
  private readonly buckets: RecencyMap<Bucket>;
  private readonly now: () => number;
  private readonly fullAfterMs: number;
  private prunedAt = -Infinity;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.capacity > 0) || !(options.refillPerSecond > 0)) {
      throw new RangeError('capacity and refillPerSecond must be positive');
    }
    this.buckets = new RecencyMap(options.maxKeys ?? DEFAULT_MAX_KEYS);
    this.now = options.now ?? Date.now;
    this.fullAfterMs = (options.capacity / options.refillPerSecond) * 1000;
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Takes `cost` tokens, or none when there are too few; then says when enough will be back.
   * A cost above the capacity could never be paid, so it is a programming error, not a 429.
   */
  take(key: string, cost = 1): TakeResult {
    const { capacity, refillPerSecond } = this.options;
    if (!(cost >= 0) || cost > capacity) throw new RangeError(`cost ${cost} outside 0…${capacity}`);
    const now = this.now();
    const bucket = this.buckets.get(key);
    // A clock that steps back must not mint tokens: elapsed time is never negative.
    const elapsedMs = bucket ? Math.max(0, now - bucket.at) : 0;
    let tokens = bucket ? Math.min(capacity, bucket.tokens + (elapsedMs / 1000) * refillPerSecond) : capacity;
    let result: TakeResult;
    if (tokens >= cost) {
      tokens -= cost;
      result = { ok: true, remaining: Math.floor(tokens) };
    } else {
      result = { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / refillPerSecond)) };
    }
    this.buckets.set(key, { tokens, at: now });
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      this.buckets.prune((b) => now - b.at >= this.fullAfterMs);
    }
    return result;
  }
}
