import { RecencyMap } from '#grip/http';

export interface LoginThrottleOptions {
  /** Failed attempts for one username before further attempts are refused for a while. */
  readonly maxFailures: number;
  /** Failures are forgotten this long after the last one. Default 15 min. */
  readonly windowMs?: number;
  /** The first refusal period; each further failure doubles it. Default 30 s. */
  readonly baseDelayMs?: number;
  /** The longest refusal period. Default 15 min. */
  readonly maxDelayMs?: number;
  /** Usernames tracked at most; the least recently tried is forgotten first. */
  readonly maxKeys?: number;
  /** Milliseconds; injected so tests control time. */
  readonly now?: () => number;
}

export type LoginGate = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Failures {
  count: number;
  lastAt: number;
  lockedUntil: number;
}

const MINUTE = 60_000;

/**
 * Backoff for password guessing, per username: after `maxFailures` failures within the window,
 * attempts are refused without looking at the password, for 30 s, then 1, 2, 4 … up to 15 min
 * as failures go on; a success forgets them. Unknown usernames are counted exactly like known
 * ones, so a refusal reveals nothing about which accounts exist.
 *
 * An attempt counts as a failure from the moment it starts (begin) until it succeeds: a burst
 * of parallel guesses cannot all slip past the check before the first failure is recorded.
 * State is in memory, per process: replicas behind a load balancer each keep their own count.
 */
export class LoginThrottle {
  private readonly entries: RecencyMap<Failures>;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private prunedAt = -Infinity;

  constructor(private readonly options: LoginThrottleOptions) {
    if (!Number.isInteger(options.maxFailures) || options.maxFailures < 1) {
      throw new RangeError('maxFailures must be a positive integer');
    }
    this.entries = new RecencyMap(options.maxKeys ?? 100_000);
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 15 * MINUTE;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * MINUTE;
  }

  /** Call before checking the password; a refusal means: answer 429, check nothing. */
  begin(username: string): LoginGate {
    const now = this.now();
    const entry = this.current(username, now) ?? { count: 0, lastAt: now, lockedUntil: 0 };
    if (entry.lockedUntil > now) {
      return { ok: false, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) };
    }
    entry.count += 1;
    entry.lastAt = now;
    if (entry.count >= this.options.maxFailures) {
      const doublings = entry.count - this.options.maxFailures;
      entry.lockedUntil = now + Math.min(this.baseDelayMs * 2 ** Math.min(doublings, 30), this.maxDelayMs);
    }
    this.entries.set(username, entry);
    if (now - this.prunedAt >= 1000) {
      this.prunedAt = now;
      this.entries.prune((e) => this.expired(e, now));
    }
    return { ok: true };
  }

  /** Seconds until the username may try again; 0 when it is not refused now. */
  lockedFor(username: string): number {
    const now = this.now();
    const entry = this.current(username, now);
    return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
  }

  /** The password was right: the username starts afresh. */
  succeeded(username: string): void {
    this.entries.delete(username);
  }

  /**
   * The attempt ended without a verdict on the password (the database was down): it is not a
   * failure, so take back what begin() counted.
   */
  abandoned(username: string): void {
    const entry = this.entries.get(username);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count < this.options.maxFailures) entry.lockedUntil = 0;
    if (entry.count <= 0) this.entries.delete(username);
  }

  private current(username: string, now: number): Failures | undefined {
    const entry = this.entries.get(username);
    return entry && !this.expired(entry, now) ? entry : undefined;
  }

  /** Neither refused any more nor within the window of its last failure. */
  private expired(entry: Failures, now: number): boolean {
    return entry.lockedUntil <= now && now - entry.lastAt > this.windowMs;
  }
}
