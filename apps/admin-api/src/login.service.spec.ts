import { AccessTokenService, hashSecret, LoginThrottle, type RefreshTokenService } from '#grip/auth';
import { ApiError } from '#grip/http';
import type { UserRepository } from '#grip/registry';
import type { AuditTrail } from './audit-trail.service.js';
import { LoginService } from './login.service.js';

const OPERATOR = { id: '5d1f8a0e-7a43-4c1b-9a50-0f4c1e2d3b4a', role: 'operator', disabledAt: null };

describe('LoginService backoff', () => {
  let lookups: number;
  let clock: number;
  let logins: LoginService;

  beforeAll(async () => {
    Object.assign(OPERATOR, { username: 'ops', passwordHash: await hashSecret('right-password') });
  });

  beforeEach(() => {
    lookups = 0;
    clock = 1_000_000;
    const users = {
      findByUsername: async (username: string) => {
        lookups += 1;
        return username === 'ops' ? OPERATOR : undefined;
      },
    } as unknown as UserRepository;
    logins = new LoginService(
      users,
      new AccessTokenService('k'.repeat(32), 60),
      new LoginThrottle({ maxFailures: 3, now: () => clock }),
      {} as AuditTrail,
      { issue: async () => 'r'.repeat(43) } as unknown as RefreshTokenService,
    );
  });

  const statusOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 200,
      (e: unknown) => (e instanceof ApiError ? e : Promise.reject(e)),
    );

  it('refuses with 429 and Retry-After after the failures, without looking at the password', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await statusOf(logins.login('ops', 'wrong-password'))).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const lookupsBefore = lookups;
    const refused = await statusOf(logins.login('ops', 'right-password'));
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).getStatus()).toBe(429);
    expect((refused as ApiError).headers).toEqual({ 'Retry-After': '30' });
    expect(lookups).toBe(lookupsBefore);

    clock += 30_000;
    await expect(logins.login('ops', 'right-password')).resolves.toMatchObject({ role: 'operator' });
    // the success forgot the failures
    expect(await statusOf(logins.login('ops', 'wrong-password'))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await statusOf(logins.login('ops', 'wrong-password'))).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('backs off an unknown username exactly like a known one', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await statusOf(logins.login('nobody', 'x'))).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect(await statusOf(logins.login('nobody', 'x'))).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
