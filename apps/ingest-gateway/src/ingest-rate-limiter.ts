import { Inject, Injectable } from '@nestjs/common';
import { ApiError, TokenBuckets } from '#grip/http';

export const INGEST_RATE = Symbol('INGEST_RATE');

export interface IngestRate {
  readonly pointsPerSecond: number;
  readonly requestsPerSecond: number;
  /** Milliseconds; injected so tests control time. */
  readonly now?: () => number;
}

/**
 * Per-agent ingest limits: requests per second and points per second, each with a burst of two
 * seconds' worth (an agent catching up after an outage sends faster for a while). A refused
 * batch answers 429 with Retry-After before anything reaches the bus, so nothing of it is stored.
 * Limits are per gateway instance: with N replicas an agent may reach N times the rate.
 */
@Injectable()
export class IngestRateLimiter {
  private readonly requests: TokenBuckets;
  private readonly points: TokenBuckets;

  constructor(@Inject(INGEST_RATE) rate: IngestRate) {
    const bucket = (perSecond: number) =>
      new TokenBuckets({ capacity: 2 * perSecond, refillPerSecond: perSecond, now: rate.now });
    this.requests = bucket(rate.requestsPerSecond);
    this.points = bucket(rate.pointsPerSecond);
  }

  /** Before any work on the request. */
  admitRequest(agentId: string): void {
    const result = this.requests.take(agentId);
    if (!result.ok) throw refuse('requests', result.retryAfterSeconds);
  }

  /** Before publishing: every point of the batch counts, valid or not. */
  admitPoints(agentId: string, points: number): void {
    const result = this.points.take(agentId, points);
    if (!result.ok) throw refuse('points', result.retryAfterSeconds);
  }
}

function refuse(what: string, retryAfterSeconds: number): ApiError {
  return ApiError.rateLimited(
    `this agent sends ${what} faster than its limit; retry later`,
    retryAfterSeconds,
  );
}
