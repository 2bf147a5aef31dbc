import { ApiError } from '#grip/http';
import { IngestRateLimiter } from './ingest-rate-limiter.js';

describe('IngestRateLimiter', () => {
  let clock = 0;
  const limiter = (tenantPointsPerSecond = 1_000) =>
    new IngestRateLimiter({
      pointsPerSecond: 100,
      requestsPerSecond: 2,
      tenantPointsPerSecond,
      now: () => clock,
    });
  const refusal = (admit: () => void) => {
    try {
      admit();
    } catch (error) {
      return error as ApiError;
    }
    throw new Error('expected a refusal');
  };

  beforeEach(() => {
    clock = 0;
  });

  it('allows a burst of two seconds of points per agent, then answers 429 RATE_LIMITED with Retry-After', () => {
    const rate = limiter();
    rate.admitPoints('agent-1', 'e1', 150);
    const error = refusal(() => rate.admitPoints('agent-1', 'e1', 100));
    expect(error.getStatus()).toBe(429);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    rate.admitPoints('agent-2', 'e1', 200);
    clock += 500;
    rate.admitPoints('agent-1', 'e1', 100);
  });

  it('limits an enterprise whose agents together exceed the tenant rate, not other enterprises', () => {
    const rate = limiter(150); // burst 300 points for the whole enterprise
    rate.admitPoints('agent-1', 'e1', 150);
    rate.admitPoints('agent-2', 'e1', 150);
    const error = refusal(() => rate.admitPoints('agent-3', 'e1', 100)); // a fresh agent, same tenant
    expect(error.getStatus()).toBe(429);
    expect(JSON.stringify(error.getResponse())).toContain("this enterprise's agents send points");
    rate.admitPoints('agent-4', 'e2', 150); // another tenant is not affected
  });

  it('limits requests per second per agent', () => {
    const rate = limiter();
    for (let i = 0; i < 4; i++) rate.admitRequest('agent-1');
    expect(refusal(() => rate.admitRequest('agent-1')).headers).toEqual({ 'Retry-After': '1' });
  });
});
