import { connect } from 'node:net';
import { makeCreditCode } from '#grip/contracts';
import { GripApiClient, GripApiError } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

const OPS = { username: 'ops', password: 'a-long-operator-password' };
const PORTAL = 'https://portal.example.gov.cn';
// Small limits so each can be reached in a few requests.
const ENV = {
  GRIP_ADMIN_USER: OPS.username,
  GRIP_ADMIN_PASSWORD: OPS.password,
  LOGIN_MAX_FAILURES: '3',
  INGEST_RATE_POINTS_PER_S: '10',
  INGEST_MAX_POINTS: '20',
  API_RATE_PER_MIN: '40',
  REQUEST_TIMEOUT_MS: '6000',
  CORS_ORIGINS: PORTAL,
};
const HOUR = 3_600_000;
const DAY_START = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR - 10 * 24 * HOUR;
const at = (hours: number) => new Date(DAY_START + hours * HOUR).toISOString();

interface AuditEntry {
  at: string;
  actorUserId: string | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | null;
  sourceIp: string | null;
  requestId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Page<T> {
  items: T[];
  total: number;
}

async function failure(promise: Promise<unknown>): Promise<GripApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GripApiError);
  return error as GripApiError;
}

const login = (platform: PlatformProcess, username: string, password: string) =>
  fetch(`${platform.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('hardening: headers, CORS, limits, login backoff, audit log', () => {
  let platform: PlatformProcess;
  let operator: GripApiClient;
  let provider: GripApiClient;
  let providerUserId: string;
  let enterpriseId: string;
  let agentId: string;
  let agentSecret: string;

  beforeAll(async () => {
    platform = await startPlatform(ENV);
    operator = await new GripApiClient(platform.url).login(OPS.username, OPS.password);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('sends security headers on the dashboard, the docs and the API', async () => {
    for (const path of ['/', '/docs', '/docs/swagger-ui-init.js', '/api/v1/enterprises', '/health/live']) {
      const response = await fetch(`${platform.url}${path}`);
      expect([200, 401]).toContain(response.status);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    }
    const docs = await (await fetch(`${platform.url}/docs`)).text();
    expect(docs).toContain('swagger-ui-init.js');
    expect(docs).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script the CSP would block
    const api = await fetch(`${platform.url}/api/v1/enterprises`, {
      headers: { 'x-request-id': 'e2e-req-1' },
    });
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('x-request-id')).toBe('e2e-req-1');
  });

  it('answers CORS for the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.url}/api/v1/enterprises`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(PORTAL);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await preflight('https://elsewhere.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers bad input without a stack trace or internals', async () => {
    for (const response of [
      await fetch(`${platform.url}/api/v1/enterprises/%E0%A4%A`),
      await fetch(`${platform.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username": ',
      }),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|\.js:\d+|stack/);
    }
  });

  it('onboards through the admin API (the audited writes)', async () => {
    ({ id: providerUserId } = await (async () => {
      const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
        name: 'Hardening provider',
        creditCode: makeCreditCode('91440101MA5HARD01'),
      });
      return operator.request<{ id: string }>('POST', '/api/v1/users', {
        username: 'hard-provider',
        password: 'provider-password-1',
        role: 'provider',
        providerId,
      });
    })());
    provider = await new GripApiClient(platform.url).login('hard-provider', 'provider-password-1');
    const enterprise = {
      name: 'Hardening E2E 制造有限公司',
      creditCode: makeCreditCode('91440106MA5HARD02'),
      regionCode: '440106',
      industryCode: 'C3851',
    };
    ({ id: enterpriseId } = await provider.request<{ id: string }>(
      'POST',
      '/api/v1/enterprises',
      enterprise,
    ));
    // A failed write: refused with 409, and never recorded as done.
    expect((await failure(provider.request('POST', '/api/v1/enterprises', enterprise))).status).toBe(409);
    await provider.request('POST', `/api/v1/enterprises/${enterpriseId}/devices`, {
      externalId: 'elec-site',
      name: 'Incoming supply',
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    });
    ({ agentId, secret: agentSecret } = await provider.request<{ agentId: string; secret: string }>(
      'POST',
      `/api/v1/enterprises/${enterpriseId}/agents`,
    ));
  });

  it('refuses ingest over the per-agent rate with 429 and Retry-After, storing none of it', async () => {
    const agent = new GripApiClient(platform.url, `${agentId}.${agentSecret}`);
    // 20 readings half an hour apart, 50 kWh each.
    const readings = (fromHour: number, base: number) =>
      Array.from({ length: 20 }, (_, i) => ({
        device: 'elec-site',
        metric: 'electricity.active_energy',
        ts: at(fromHour + i / 2),
        value: base + 50 * i,
      }));
    const electricity = async () => {
      const energy = await provider.request<{ total: { carriers: { carrier: string; quantity: number }[] } }>(
        'GET',
        `/api/v1/enterprises/${enterpriseId}/energy?granularity=day&from=${at(0)}&to=${at(24)}`,
      );
      return energy.total.carriers.find((c) => c.carrier === 'electricity')?.quantity;
    };

    // The burst is two seconds' worth: one full batch of 20 passes, a second one at once does
    // not (it would need the first to have taken two seconds).
    expect(await agent.pushTelemetry('rate-1', readings(0, 1000))).toEqual({ accepted: 20, rejected: [] });
    const refused = await failure(agent.pushTelemetry('rate-2', readings(10, 900_000)));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(await electricity()).toBe(950);

    // After Retry-After a batch goes through.
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterSeconds! * 1000));
    expect(await agent.pushTelemetry('rate-3', readings(10, 2000))).toMatchObject({ accepted: 20 });
    expect(await electricity()).toBe(1950);
  });

  it('locks a username after repeated failures, even against the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login(platform, 'hard-provider', 'wrong-password')).status).toBe(401);
    const locked = await login(platform, 'hard-provider', 'provider-password-1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await locked.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await login(platform, 'hard-provider', 'provider-password-1')).status).toBe(429);
    // Other accounts are unaffected; an unknown username is locked exactly like a known one.
    expect((await login(platform, OPS.username, OPS.password)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(platform, 'no-such-user', 'whatever')).status).toBe(401);
    expect((await login(platform, 'no-such-user', 'whatever')).status).toBe(429);
  });

  it('revokes the agent and records it, with the request id', async () => {
    const response = await fetch(`${platform.url}/api/v1/agents/${agentId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await tokenOf(platform, OPS)}`, 'x-request-id': 'e2e-revoke-1' },
    });
    expect(response.status).toBe(204);
  });

  it('shows operators the audit log: who, what, when, from where; never a secret', async () => {
    const read = (query: string) => operator.request<Page<AuditEntry>>('GET', `/api/v1/audit?${query}`);
    const created = await read('action=enterprise.create');
    expect(created.total).toBe(1); // the 409 attempt is not there
    expect(created.items[0]).toMatchObject({
      actorUserId: providerUserId,
      actorRole: 'provider',
      targetType: 'enterprise',
      targetId: enterpriseId,
      sourceIp: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
      requestId: expect.any(String),
      before: null,
      after: { id: enterpriseId, regionCode: '440106', creditCode: makeCreditCode('91440106MA5HARD02') },
    });
    expect(Date.now() - Date.parse(created.items[0]!.at)).toBeLessThan(10 * 60_000);

    const revoked = await read(`action=agent.revoke&targetId=${agentId}`);
    expect(revoked.items).toEqual([
      expect.objectContaining({
        actorRole: 'operator',
        requestId: 'e2e-revoke-1',
        sourceIp: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
        before: { agentId, enterpriseId, revokedAt: null },
        after: { agentId, enterpriseId, revokedAt: expect.any(String) },
      }),
    ]);
    const byProvider = await read(`actorUserId=${providerUserId}&pageSize=200`);
    expect(byProvider.items.map((e) => e.action).sort()).toEqual([
      'agent.issue',
      'device.create',
      'enterprise.create',
    ]);

    const everything = await read('pageSize=200');
    expect(everything.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['provider.create', 'user.create', 'agent.issue']),
    );
    expect(
      everything.items.find((e) => e.actorRole === 'system' && e.action === 'user.create'),
    ).toMatchObject({
      action: 'user.create',
      after: { username: OPS.username, role: 'operator' },
    });
    const text = JSON.stringify(everything);
    for (const secret of [agentSecret, OPS.password, 'provider-password-1', 'scrypt$']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/"(password|passwordHash|secret|secretHash|token)"/);
  });

  it('refuses the audit log to anyone but an operator', async () => {
    expect((await failure(provider.request('GET', '/api/v1/audit'))).status).toBe(403);
    expect((await fetch(`${platform.url}/api/v1/audit`)).status).toBe(401);
    expect((await failure(operator.request('GET', '/api/v1/audit?actorUserId=1%27%20OR%201=1'))).status).toBe(
      400,
    );
  });

  it('limits each user to API_RATE_PER_MIN requests a minute', async () => {
    await operator.request('POST', '/api/v1/users', {
      username: 'busy-official',
      password: 'official-password',
      role: 'official',
      regionCode: '440100',
    });
    const official = await new GripApiClient(platform.url).login('busy-official', 'official-password');
    // 40 at once, plus the few tokens that trickle back (40 a minute) while they are answered.
    let served = 0;
    let refused: GripApiError | undefined;
    while (!refused && served < 60) {
      refused = await official.request('GET', '/api/v1/enterprises').then(
        () => void served++,
        (e: GripApiError) => e,
      );
    }
    expect(served).toBeGreaterThanOrEqual(40);
    expect(refused?.status).toBe(429);
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // another user's bucket is its own
    await operator.request('GET', '/api/v1/enterprises');
  });

  it('closes a connection whose request does not arrive within REQUEST_TIMEOUT_MS', async () => {
    const { hostname, port } = new URL(platform.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      // Headers, then a body that never comes: a slow-loris upload.
      socket.write('POST /ingest/v1/telemetry HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n');
      socket.write('Content-Length: 1000\r\n\r\n{"batchId":');
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(5500);
    expect(elapsed).toBeLessThan(40_000);
    expect(answer).not.toMatch(/^HTTP\/1\.1 2/);
  });
});

async function tokenOf(
  platform: PlatformProcess,
  user: { username: string; password: string },
): Promise<string> {
  const response = await login(platform, user.username, user.password);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
