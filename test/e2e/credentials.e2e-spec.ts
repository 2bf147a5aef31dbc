import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { makeCreditCode } from '#grip/contracts';
import { GripApiClient, GripApiError } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

// Credentials end to end, over HTTP against the started platform: people's refresh tokens
// (rotation, theft detection, logout), agents' secrets (rotation overlap, revocation, last
// seen), and a provincial identity provider's tokens (OIDC) mapped to GRIP users.

const OPS = { username: 'cred-ops', password: 'a-long-operator-password' };
const AUDIENCE = 'grip-e2e';

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  role: string;
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof GripApiError ? e.status : Promise.reject(e)),
  );

describe('credentials: refresh tokens, agent rotation, OIDC', () => {
  let platform: PlatformProcess;
  let anonymous: GripApiClient;
  let idp: Server;
  let issuer: string;
  let idpKey: CryptoKey;
  let provider: GripApiClient;
  let enterpriseId: string;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    idpKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
    idp = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    issuer = `${base}/realms/gd`;
    platform = await startPlatform({
      GRIP_ADMIN_USER: OPS.username,
      GRIP_ADMIN_PASSWORD: OPS.password,
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `${base}/realms/gd/certs`,
      OIDC_USER_CLAIM: 'preferred_username',
    });
    anonymous = new GripApiClient(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
    idp?.close();
  });

  const login = (username: string, password: string) =>
    anonymous.request<SignedIn>('POST', '/api/v1/auth/login', { username, password });
  const refresh = (refreshToken: string) =>
    anonymous.request<SignedIn>('POST', '/api/v1/auth/refresh', { refreshToken });

  it('logs in with a short access token naming its key, and a refresh token', async () => {
    const signedIn = await login(OPS.username, OPS.password);
    expect(signedIn).toMatchObject({
      expiresIn: 900,
      role: 'operator',
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(decodeProtectedHeader(signedIn.accessToken)).toMatchObject({
      alg: 'HS256',
      kid: expect.stringMatching(/^\d+$/),
    });
  });

  it('rotates the refresh token, detects a reused one and revokes that sign-in', async () => {
    const first = await login(OPS.username, OPS.password);
    const second = await refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await anonymous.withToken(second.accessToken).request('GET', '/api/v1/providers');

    // The first token again: someone copied it. Both it and its successor stop working.
    expect(await status(refresh(first.refreshToken))).toBe(401);
    expect(await status(refresh(second.refreshToken))).toBe(401);
    // Logged out: the refresh token is dead, logging out again is harmless.
    const third = await login(OPS.username, OPS.password);
    expect(
      await status(anonymous.request('POST', '/api/v1/auth/logout', { refreshToken: third.refreshToken })),
    ).toBe(200);
    expect(await status(refresh(third.refreshToken))).toBe(401);
    expect(
      await status(anonymous.request('POST', '/api/v1/auth/logout', { refreshToken: third.refreshToken })),
    ).toBe(200);
    expect(await status(refresh('not a token'))).toBe(401);

    const operator = anonymous.withToken((await login(OPS.username, OPS.password)).accessToken);
    const audit = await operator.request<{ items: { action: string; targetType: string }[] }>(
      'GET',
      '/api/v1/audit?action=session.reuse_revoke',
    );
    expect(audit.items).toHaveLength(1);
  });

  it('onboards a provider with an enterprise and a meter', async () => {
    const operator = anonymous.withToken((await login(OPS.username, OPS.password)).accessToken);
    const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: '凭证服务商',
      creditCode: makeCreditCode('91440101MA5CREDP1'),
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'cred-provider',
      password: 'provider-password-1',
      role: 'provider',
      providerId,
    });
    provider = anonymous.withToken((await login('cred-provider', 'provider-password-1')).accessToken);
    ({ id: enterpriseId } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: '凭证测试制造有限公司',
      creditCode: makeCreditCode('91440106MA5CREDE1'),
      regionCode: '440106',
      industryCode: 'C3851',
    }));
    await provider.request('POST', `/api/v1/enterprises/${enterpriseId}/devices`, {
      externalId: 'elec-site',
      name: 'site meter',
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    });
  });

  it('rotates an agent secret with an overlap, lists last seen, and revokes at once', async () => {
    const issued = await provider.request<{ agentId: string; token: string; label: string }>(
      'POST',
      `/api/v1/enterprises/${enterpriseId}/agents`,
      { label: 'workshop 2' },
    );
    const oldAgent = anonymous.withToken(issued.token);
    let seq = 0;
    const push = (client: GripApiClient) =>
      status(
        client.pushTelemetry(`cred-${++seq}`, [
          {
            device: 'elec-site',
            metric: 'electricity.active_energy',
            ts: new Date(Date.now() - 60_000).toISOString(),
            value: seq,
          },
        ]),
      );
    expect(await push(oldAgent)).toBe(200);

    // Last seen is written off the request path: it shows up shortly after.
    type Listed = { items: Record<string, unknown>[]; total: number };
    const list = () =>
      provider.request<Listed>('GET', `/api/v1/enterprises/${enterpriseId}/agents?pageSize=10`);
    let listed: Listed = await list();
    for (let i = 0; i < 50 && !listed.items[0]?.lastSeenAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listed = await list();
    }
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      agentId: issued.agentId,
      label: 'workshop 2',
      createdAt: expect.any(String),
      revokedAt: null,
      expiresAt: null,
      lastSeenAt: expect.any(String),
      lastSeenAddress: expect.stringMatching(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/),
    });
    expect(JSON.stringify(listed)).not.toMatch(/"(secret|secretHash|previousSecretHash|token)"|scrypt|hash/i);

    const rotated = await provider.request<{ token: string; previousSecretValidUntil: string }>(
      'POST',
      `/api/v1/agents/${issued.agentId}/rotate`,
      {},
    );
    expect(Date.parse(rotated.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const newAgent = anonymous.withToken(rotated.token);
    expect(await push(oldAgent)).toBe(200); // during the overlap
    expect(await push(newAgent)).toBe(200);
    expect(
      await status(
        provider.request('POST', `/api/v1/agents/${issued.agentId}/rotate`, { overlapSeconds: 604_801 }),
      ),
    ).toBe(400);

    const response = await fetch(`${platform.url}/api/v1/agents/${issued.agentId}`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${(await login('cred-provider', 'provider-password-1')).accessToken}`,
      },
    });
    expect(response.status).toBe(204);
    expect(await push(oldAgent)).toBe(401); // the overlap ended with the credential
    expect(await push(newAgent)).toBe(401);
    expect((await list()).items[0]).toMatchObject({ revokedAt: expect.any(String) });
  });

  it('drops the old secret at once with a zero overlap, though the gateway had cached it', async () => {
    const issued = await provider.request<{ agentId: string; token: string }>(
      'POST',
      `/api/v1/enterprises/${enterpriseId}/agents`,
    );
    const point = [
      {
        device: 'elec-site',
        metric: 'electricity.active_energy',
        ts: new Date(Date.now() - 30_000).toISOString(),
        value: 1,
      },
    ];
    const old = anonymous.withToken(issued.token);
    const issue = (body: unknown) =>
      status(provider.request('POST', `/api/v1/enterprises/${enterpriseId}/agents`, body));
    expect(await issue({ expiresAt: new Date(Date.now() - 1000).toISOString() })).toBe(400);
    expect(await issue({ expiresAt: 'tomorrow' })).toBe(400);
    expect(await issue({ label: 'x'.repeat(101) })).toBe(400);
    expect(await status(old.pushTelemetry('zero-1', point))).toBe(200);
    const rotated = await provider.request<{ token: string }>(
      'POST',
      `/api/v1/agents/${issued.agentId}/rotate`,
      {
        overlapSeconds: 0,
      },
    );
    expect(await status(old.pushTelemetry('zero-2', point))).toBe(401);
    expect(await status(anonymous.withToken(rotated.token).pushTelemetry('zero-3', point))).toBe(200);
  });

  it('keeps agents of one provider out of reach of another (404)', async () => {
    const operator = anonymous.withToken((await login(OPS.username, OPS.password)).accessToken);
    const { id: otherId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: '另一服务商',
      creditCode: makeCreditCode('91440101MA5CREDP2'),
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'other-provider',
      password: 'provider-password-2',
      role: 'provider',
      providerId: otherId,
    });
    const other = anonymous.withToken((await login('other-provider', 'provider-password-2')).accessToken);
    const { items } = await operator.request<{ items: { agentId: string }[] }>(
      'GET',
      `/api/v1/enterprises/${enterpriseId}/agents`,
    );
    expect(items).toHaveLength(2); // operators see every enterprise's agents (the refused issues made none)
    expect(await status(other.request('GET', `/api/v1/enterprises/${enterpriseId}/agents`))).toBe(404);
    expect(await status(other.request('POST', `/api/v1/agents/${items[1]!.agentId}/rotate`, {}))).toBe(404);
    expect(await status(other.request('DELETE', `/api/v1/agents/${items[1]!.agentId}`))).toBe(404);
  });

  it('records the failure that locks a username, with the address that tried', async () => {
    for (let i = 0; i < 5; i++) expect(await status(login('cred-provider', 'wrong-password'))).toBe(401);
    expect(await status(login('cred-provider', 'provider-password-1'))).toBe(429);
    const operator = anonymous.withToken((await login(OPS.username, OPS.password)).accessToken);
    const { items } = await operator.request<{ items: Record<string, unknown>[] }>(
      'GET',
      '/api/v1/audit?action=user.lockout',
    );
    expect(items).toEqual([
      expect.objectContaining({
        actorRole: 'system',
        targetType: 'username',
        targetId: 'cred-provider',
        sourceIp: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
        after: { retryAfterSeconds: 30 },
      }),
    ]);
  });

  it("accepts the identity provider's tokens as the named GRIP user, never its role claims", async () => {
    const idpToken = (claims: Record<string, unknown>, aud = AUDIENCE) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
        .setIssuer(issuer)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(idpKey);
    const viaIdp = anonymous.withToken(
      await idpToken({ preferred_username: 'cred-provider', role: 'operator' }),
    );
    const page = await viaIdp.request<{ items: { id: string }[] }>('GET', '/api/v1/enterprises');
    expect(page.items.map((e) => e.id)).toEqual([enterpriseId]);
    expect(await status(viaIdp.request('GET', '/api/v1/audit'))).toBe(403); // a provider, whatever the IdP says
    const wrongAudience = anonymous.withToken(
      await idpToken({ preferred_username: 'cred-provider' }, 'other'),
    );
    expect(await status(wrongAudience.request('GET', '/api/v1/enterprises'))).toBe(401);
    const unknown = anonymous.withToken(await idpToken({ preferred_username: 'nobody' }));
    expect(await status(unknown.request('GET', '/api/v1/enterprises'))).toBe(401);
  });
});
