import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '#grip/contracts';
import { probe, refusalOf } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

// People's accounts end to end, over HTTP against the started platform: a session's absolute
// age, changing one's own password, and disabling / enabling users (their access tokens refused
// at once), scoped so a provider reaches only its own enterprises' users.

const OPS = { username: 'life-ops', password: 'a-long-operator-password' };
const SESSION_MAX_AGE_S = 5; // short, with room for a slow sign-in on a busy machine

interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('user lifecycle: session age, password change, disable / enable', () => {
  let platform: PlatformProcess;
  let opsToken: string;
  const tenants: { providerToken: string; enterpriseId: string; staffId: string }[] = [];

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    probe(platform.url, method, path, { token, body });
  const login = (username: string, password: string) =>
    call('POST', '/api/v1/auth/login', undefined, { username, password });
  const signIn = async (username: string, password: string): Promise<SignedIn> => {
    const answer = await login(username, password);
    if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${answer.text}`);
    return answer.body as SignedIn;
  };
  const refresh = (refreshToken: string) => call('POST', '/api/v1/auth/refresh', undefined, { refreshToken });
  const setDisabled = (token: string, userId: string, disabled: boolean) =>
    call('PATCH', `/api/v1/users/${userId}`, token, { disabled });
  const createUser = async (token: string, body: Record<string, string>) => {
    const answer = await call('POST', '/api/v1/users', token, body);
    if (answer.status !== 201) throw new Error(`create user: ${answer.status} ${answer.text}`);
    return (answer.body as { id: string }).id;
  };
  const enterpriseUser = async (tenant: number, username: string, password: string) => {
    const { providerToken, enterpriseId } = tenants[tenant]!;
    const id = await createUser(providerToken, { username, password, role: 'enterprise', enterpriseId });
    return { id, username, password };
  };

  beforeAll(async () => {
    platform = await startPlatform({
      GRIP_ADMIN_USER: OPS.username,
      GRIP_ADMIN_PASSWORD: OPS.password,
      SESSION_MAX_AGE_S: String(SESSION_MAX_AGE_S),
    });
    opsToken = (await signIn(OPS.username, OPS.password)).accessToken;
    for (const n of [1, 2]) {
      const provider = await call('POST', '/api/v1/providers', opsToken, {
        name: `生命周期服务商${n}`,
        creditCode: makeCreditCode(`91440101MA5LFEPR${n}`),
      });
      const providerId = (provider.body as { id: string }).id;
      const password = `provider-password-${n}`;
      const staffId = await createUser(opsToken, {
        username: `life-provider-${n}`,
        password,
        role: 'provider',
        providerId,
      });
      const providerToken = (await signIn(`life-provider-${n}`, password)).accessToken;
      const enterprise = await call('POST', '/api/v1/enterprises', providerToken, {
        name: `生命周期制造${n}有限公司`,
        creditCode: makeCreditCode(`91440106MA5LFEEN${n}`),
        regionCode: '440106',
        industryCode: 'C3851',
      });
      tenants.push({ providerToken, enterpriseId: (enterprise.body as { id: string }).id, staffId });
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('ends a session at SESSION_MAX_AGE_S however often it is refreshed, with SESSION_EXPIRED', async () => {
    const first = await signIn(OPS.username, OPS.password);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    await sleep(SESSION_MAX_AGE_S * 1000 + 300);
    const ended = await refresh((rotated.body as SignedIn).refreshToken);
    expect(refusalOf(ended)).toBe('401 SESSION_EXPIRED');
    // Signing in again starts a new session.
    const again = await signIn(OPS.username, OPS.password);
    expect((await refresh(again.refreshToken)).status).toBe(200);
  });

  it('changes one’s own password: the current one is required, the old one and every refresh token stop working', async () => {
    const user = await enterpriseUser(0, 'life-pw', 'first-password-1');
    const a = await signIn(user.username, user.password);
    const b = await signIn(user.username, user.password);
    const change = (current: string, next: string, token = a.accessToken) =>
      call('POST', '/api/v1/auth/password', token, { currentPassword: current, newPassword: next });

    expect((await call('POST', '/api/v1/auth/password', undefined, {})).status).toBe(401);
    expect(refusalOf(await change('not-the-password', 'second-password-2'))).toBe('400 WRONG_PASSWORD');
    expect(refusalOf(await change(user.password, 'short'))).toBe('400 VALIDATION_FAILED');
    expect(refusalOf(await change(user.password, user.password))).toBe('400 VALIDATION_FAILED');
    expect((await change(user.password, 'second-password-2')).status).toBe(204);

    expect(refusalOf(await login(user.username, user.password))).toBe('401 UNAUTHORIZED');
    expect((await login(user.username, 'second-password-2')).status).toBe(200);
    // Both sessions of the old password ended (revoked, not aged out).
    expect(refusalOf(await refresh(a.refreshToken))).toBe('401 UNAUTHORIZED');
    expect(refusalOf(await refresh(b.refreshToken))).toBe('401 UNAUTHORIZED');

    const audit = await call('GET', '/api/v1/audit?action=user.password_change', opsToken);
    const items = (audit.body as { items: { targetId: string }[] }).items;
    expect(items.map((i) => i.targetId)).toEqual([user.id]);
    expect(audit.text).not.toMatch(/first-password|second-password|scrypt|passwordHash/);
  });

  it('disabling refuses the user’s access token at once, their sign-in and refresh; enabling lets them in again', async () => {
    const user = await enterpriseUser(0, 'life-disabled', 'enterprise-password-1');
    const { providerToken, enterpriseId } = tenants[0]!;
    const session = await signIn(user.username, user.password);
    const ownEnterprise = (token: string) => call('GET', `/api/v1/enterprises/${enterpriseId}`, token);
    expect((await ownEnterprise(session.accessToken)).status).toBe(200);

    const disabled = await setDisabled(providerToken, user.id, true);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: user.id, disabled: true, disabledAt: expect.any(String) });
    expect(disabled.text).not.toMatch(/passwordHash/);
    // Refused at once: no waiting for the token's 15 minutes.
    expect(refusalOf(await ownEnterprise(session.accessToken))).toBe('401 UNAUTHORIZED');
    expect(refusalOf(await login(user.username, user.password))).toBe('401 UNAUTHORIZED');
    expect(refusalOf(await refresh(session.refreshToken))).toBe('401 UNAUTHORIZED');

    const listed = await call('GET', `/api/v1/users?username=life-disabled`, providerToken);
    expect((listed.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: user.id, disabled: true }),
    ]);

    // Access tokens carry whole seconds (iat): one issued in the disable's second is refused
    // too, so the next sign-in comes a second later.
    await sleep(1100);
    const enabled = await setDisabled(providerToken, user.id, false);
    expect(enabled.body).toMatchObject({ id: user.id, disabled: false, disabledAt: null });
    const back = await signIn(user.username, user.password);
    expect((await ownEnterprise(back.accessToken)).status).toBe(200);
    expect(refusalOf(await ownEnterprise(session.accessToken))).toBe('401 UNAUTHORIZED'); // still

    const audit = await call('GET', `/api/v1/audit?targetType=user&pageSize=100`, opsToken);
    const entries = (
      audit.body as { items: { action: string; targetId: string; before: unknown; after: unknown }[] }
    ).items.filter((e) => e.targetId === user.id && e.action !== 'user.create');
    expect(entries.map((e) => e.action).sort()).toEqual(['user.disable', 'user.enable']);
    const disable = entries.find((e) => e.action === 'user.disable')!;
    expect(disable.before).toMatchObject({ disabledAt: null });
    expect(disable.after).toMatchObject({ disabledAt: expect.any(String) });
  });

  it('lets a provider reach only its own enterprises’ users: others answer as an unknown id', async () => {
    const own = await enterpriseUser(1, 'life-own', 'enterprise-password-2');
    const foreign = await enterpriseUser(0, 'life-foreign', 'enterprise-password-3');
    const { providerToken, staffId } = tenants[1]!;
    const operatorId = (
      (await call('GET', `/api/v1/users?username=${OPS.username}`, opsToken)).body as {
        items: { id: string }[];
      }
    ).items[0]!.id;

    const unknown = await setDisabled(providerToken, randomUUID(), true);
    expect(refusalOf(unknown)).toBe('404 NOT_FOUND');
    for (const id of [foreign.id, operatorId, tenants[0]!.staffId, 'not-a-uuid']) {
      const answer = await setDisabled(providerToken, id, true);
      expect(refusalOf(answer)).toBe(refusalOf(unknown));
      expect(answer.text).not.toContain('life-');
    }
    // Its own staff it can see, but only operators disable providers.
    expect(refusalOf(await setDisabled(providerToken, staffId, true))).toBe('403 FORBIDDEN');
    // Nothing changed: the foreign user still signs in.
    expect((await login(foreign.username, foreign.password)).status).toBe(200);

    const listed = await call('GET', '/api/v1/users?pageSize=100', providerToken);
    const names = (listed.body as { items: { username: string }[] }).items.map((u) => u.username);
    expect(names).toContain('life-own');
    expect(names).not.toContain('life-foreign');

    const enterpriseToken = (await signIn(own.username, own.password)).accessToken;
    expect(refusalOf(await setDisabled(enterpriseToken, own.id, true))).toBe('403 FORBIDDEN');
    expect((await setDisabled(providerToken, own.id, true)).status).toBe(200);
    expect(refusalOf(await setDisabled(opsToken, operatorId, true))).toBe('409 CONFLICT');
    expect(refusalOf(await call('PATCH', `/api/v1/users/${own.id}`, opsToken, { disabled: 'yes' }))).toBe(
      '400 VALIDATION_FAILED',
    );
  });
});
