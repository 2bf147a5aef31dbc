import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { AccessTokenService, OidcVerifier } from '#grip/auth';
import { createRegistryDataSource, ProviderRepository, UserRepository } from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// OIDC against a real JWKS endpoint (a local HTTP server serving keys made here) and the
// registry's users on both engines: the IdP says who, GRIP says what they may do.

const HOOK_TIMEOUT_MS = 60_000;
const AUDIENCE = 'grip-api';

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('OIDC', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let users: UserRepository;
  let jwks: Server;
  let issuer: string;
  let jwksUrl: string;
  let rsa: CryptoKey;
  let ec: CryptoKey;
  let stranger: CryptoKey;
  let jwksRequests = 0;
  let provider: { userId: string; providerId: string; username: string };

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    users = new UserRepository(ds);
    const providerId = (
      await new ProviderRepository(ds).create({
        name: 'P',
        creditCode: `91440101MA${randomBytes(4).toString('hex')}`,
      })
    ).id;
    const username = `staff-${randomUUID()}`;
    const user = await users.create({ username, passwordHash: 'h', role: 'provider', providerId });
    provider = { userId: user.id, providerId, username };

    const rsaPair = await generateKeyPair('RS256');
    const ecPair = await generateKeyPair('ES256');
    rsa = rsaPair.privateKey;
    ec = ecPair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    const keys: JWK[] = [
      { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    issuer = `http://127.0.0.1:${port}/realms/guangdong`;
    jwksUrl = `http://127.0.0.1:${port}/realms/guangdong/certs`;
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    jwks?.close();
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  const sign = (
    key: CryptoKey,
    claims: Record<string, unknown>,
    over: { alg?: string; kid?: string; iss?: string; aud?: string; exp?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: over.alg ?? 'RS256', kid: over.kid ?? 'rsa-1' })
      .setIssuer(over.iss ?? issuer)
      .setAudience(over.aud ?? AUDIENCE)
      .setSubject('idp-subject-1')
      .setIssuedAt()
      .setExpirationTime(over.exp ?? '5m')
      .sign(key);

  describe(engine.name, () => {
    it('maps the user claim to the GRIP user, whose own role and binding apply', async () => {
      const oidc = new OidcVerifier({ issuer, audience: AUDIENCE, jwksUrl, userClaim: 'grip_user' }, users);
      // The IdP claims operator and another provider: ignored.
      const token = await sign(rsa, {
        grip_user: provider.username,
        role: 'operator',
        providerId: randomUUID(),
      });
      await expect(oidc.verify(token)).resolves.toEqual({
        role: 'provider',
        userId: provider.userId,
        providerId: provider.providerId,
      });
      const es = await sign(ec, { grip_user: provider.username }, { alg: 'ES256', kid: 'ec-1' });
      await expect(oidc.verify(es)).resolves.toMatchObject({ userId: provider.userId });
      expect(jwksRequests).toBeGreaterThan(0);
    });

    it('reads another claim when configured', async () => {
      const oidc = new OidcVerifier(
        { issuer, audience: AUDIENCE, jwksUrl, userClaim: 'preferred_username' },
        users,
      );
      await expect(
        oidc.verify(await sign(rsa, { preferred_username: provider.username })),
      ).resolves.toMatchObject({
        userId: provider.userId,
      });
      await expect(oidc.verify(await sign(rsa, { grip_user: provider.username }))).resolves.toBeUndefined();
    });

    it('refuses other issuers, audiences, keys, expired tokens, unknown and disabled users', async () => {
      const oidc = new OidcVerifier({ issuer, audience: AUDIENCE, jwksUrl, userClaim: 'grip_user' }, users);
      const claims = { grip_user: provider.username };
      const refused = [
        await sign(rsa, claims, { iss: 'http://127.0.0.1:1/other' }),
        await sign(rsa, claims, { aud: 'another-app' }),
        await sign(rsa, claims, { exp: '-1m' }),
        await sign(stranger, claims),
        await sign(stranger, claims, { kid: 'unknown-kid' }),
        await sign(rsa, { grip_user: 'nobody-here' }),
        await sign(rsa, {}),
        'not.a.token',
      ];
      for (const token of refused) await expect(oidc.verify(token)).resolves.toBeUndefined();

      // An HS256 token is ours or nobody's: the IdP path never accepts one.
      const hs = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('x'.repeat(32)));
      await expect(oidc.verify(hs)).resolves.toBeUndefined();
      await expect(new AccessTokenService('y'.repeat(32), 60).verify(hs)).resolves.toBeUndefined();

      const valid = await sign(rsa, claims);
      await ds.query('UPDATE users SET disabled_at = now() WHERE id = $1', [provider.userId]);
      try {
        await expect(oidc.verify(valid)).resolves.toBeUndefined();
      } finally {
        await ds.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [provider.userId]);
      }
    });
  });
});
