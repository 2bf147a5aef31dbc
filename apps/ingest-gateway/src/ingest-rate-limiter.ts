import { Inject, Injectable } from '@nestjs/common';
import { ApiError, TokenBuckets } from '#grip/http';

export const INGEST_RATE = Symbol('INGEST_RATE');

export interface IngestRate {
  readonly pointsPerSecond: number;
  readonly requestsPerSecond: number;
  /** Points per second of all an enterprise's agents together (a tenant cannot add agents to get more). */
  readonly tenantPointsPerSecond: number;
  /** Milliseconds; injected so tests control time. */
  readonly now?: () => number;
}

/**
 * Ingest limits: per agent, requests per second and points per second; per enterprise (tenant),
 * points per second of all its agents together. Each has a burst of two seconds' worth (an agent catching up after an outage sends faster for a while). A refused
 * batch answers 429 with Retry-After before anything reaches the bus, so nothing of it is stored.
 * Limits are per gateway instance: with N replicas an agent may reach N times the rate.
 */
@Injectable()
export class IngestRateLimiter {
  private readonly requests: TokenBuckets;
  private readonly points: TokenBuckets;
  private readonly tenantPoints: TokenBuckets;

  constructor(@Inject(INGEST_RATE) rate: IngestRate) {
    const bucket = (perSecond: number) =>
      new TokenBuckets({ capacity: 2 * perSecond, refillPerSecond: perSecond, now: rate.now });
    this.requests = bucket(rate.requestsPerSecond);
    this.points = bucket(rate.pointsPerSecond);
    this.tenantPoints = bucket(rate.tenantPointsPerSecond);
  }

  /** Before any work on the request. */
  admitRequest(agentId: string): void {
    const result = this.requests.take(agentId);
    if (!result.ok) throw refuse('this agent sends requests', result.retryAfterSeconds);
  }

  /** Before publishing: every point of the batch counts, valid or not. */
  admitPoints(agentId: string, enterpriseId: string, points: number): void {
    const result = this.points.take(agentId, points);
    if (!result.ok) throw refuse('this agent sends points', result.retryAfterSeconds);
    const tenant = this.tenantPoints.take(enterpriseId, points);
    if (!tenant.ok) throw refuse("this enterprise's agents send points", tenant.retryAfterSeconds);
  }
}

function refuse(what: string, retryAfterSeconds: number): ApiError {
  return ApiError.rateLimited(`${what} faster than its limit; retry later`, retryAfterSeconds);
}
