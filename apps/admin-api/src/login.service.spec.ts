import {
  AccessTokenService,
  hashSecret,
  LoginThrottle,
  type RefreshOutcome,
  type RefreshTokenService,
} from '#grip/auth';
import { ApiError } from '#grip/http';
import type { UserRepository } from '#grip/registry';
import type { AuditTrail } from '#grip/audit';
import { LoginService } from './login.service.js';

const OPERATOR = { id: '5d1f8a0e-7a43-4c1b-9a50-0f4c1e2d3b4a', role: 'operator', disabledAt: null };

describe('LoginService backoff', () => {
  let lookups: number;
  let clock: number;
  let logins: LoginService;
  let audited: { action: string; targetId: string; sourceIp: unknown }[];

  beforeAll(async () => {
    Object.assign(OPERATOR, { username: 'ops', passwordHash: await hashSecret('right-password') });
  });

  beforeEach(() => {
    lookups = 0;
    audited = [];
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
      {
        record: async (
          _actor: unknown,
          change: { action: string; targetId: string },
          origin?: { sourceIp?: string },
        ) =>
          void audited.push({ action: change.action, targetId: change.targetId, sourceIp: origin?.sourceIp }),
      } as unknown as AuditTrail,
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
      expect(
        await statusOf(logins.login('ops', 'wrong-password', { sourceIp: '198.51.100.4' })),
      ).toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    // Only the failure that locked is in the audit log, with the address that tried.
    expect(audited).toEqual([{ action: 'user.lockout', targetId: 'ops', sourceIp: '198.51.100.4' }]);
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

describe('LoginService refresh', () => {
  const USER_ID = '7e1f8a0e-7a43-4c1b-9a50-0f4c1e2d3b4a';
  const session = { userId: USER_ID, familyId: 'f1' };
  let outcome: RefreshOutcome;
  let user: Record<string, unknown> | undefined;
  let revokedUsers: string[];
  let audited: string[];
  let logins: LoginService;

  beforeEach(() => {
    revokedUsers = [];
    audited = [];
    user = { id: USER_ID, role: 'official', regionCode: '440100', disabledAt: null };
    logins = new LoginService(
      { findForSession: async () => user } as unknown as UserRepository,
      new AccessTokenService('k'.repeat(32), 60),
      new LoginThrottle({ maxFailures: 3 }),
      {
        recorded: async (
          _: unknown,
          work: () => Promise<{ result: unknown; change: { action: string } | undefined }>,
        ) => {
          const { result, change } = await work();
          if (change) audited.push(change.action);
          return result;
        },
      } as unknown as AuditTrail,
      {
        rotate: async () => outcome,
        revokeUser: async (id: string) => revokedUsers.push(id),
      } as unknown as RefreshTokenService,
    );
  });

  const code = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'OK',
      (e: ApiError) => e.code,
    );

  it('issues tokens for the principal the registry has now', async () => {
    outcome = { kind: 'rotated', session, refreshToken: 'n'.repeat(43) };
    await expect(logins.refresh('o'.repeat(43))).resolves.toMatchObject({
      role: 'official',
      refreshToken: 'n'.repeat(43),
      expiresIn: 60,
    });
  });

  it('records a reused token in the audit log and answers 401', async () => {
    outcome = { kind: 'reused', session };
    expect(await code(logins.refresh('o'.repeat(43)))).toBe('UNAUTHORIZED');
    expect(audited).toEqual(['session.reuse_revoke']);
  });

  it('refuses a disabled or deleted account and revokes all its sign-ins', async () => {
    outcome = { kind: 'rotated', session, refreshToken: 'n'.repeat(43) };
    user = { ...user, disabledAt: new Date() };
    expect(await code(logins.refresh('o'.repeat(43)))).toBe('UNAUTHORIZED');
    user = undefined;
    expect(await code(logins.refresh('o'.repeat(43)))).toBe('UNAUTHORIZED');
    expect(revokedUsers).toEqual([USER_ID, USER_ID]);
    outcome = { kind: 'invalid' };
    expect(await code(logins.refresh('o'.repeat(43)))).toBe('UNAUTHORIZED');
  });
});
