import { decodeProtectedHeader, SignJWT } from 'jose';
import { AccessTokenService } from './access-token.service.js';

const DAY = 86_400_000;

describe('AccessTokenService', () => {
  const tokens = new AccessTokenService('a'.repeat(32), 60);

  it('round-trips every kind of principal, naming its key', async () => {
    for (const principal of [
      { role: 'operator', userId: 'u1' },
      { role: 'provider', userId: 'u2', providerId: 'p1' },
      { role: 'enterprise', userId: 'u3', enterpriseId: 'e1' },
      { role: 'official', userId: 'u4', regionCode: '440100' },
    ] as const) {
      const { accessToken, expiresIn } = await tokens.issue(principal);
      expect(expiresIn).toBe(60);
      expect(decodeProtectedHeader(accessToken).kid).toBe(String(Math.floor(Date.now() / (30 * DAY))));
      await expect(tokens.verify(accessToken)).resolves.toEqual(principal);
    }
  });

  it('refuses tokens signed with another key, tampered or expired', async () => {
    const { accessToken } = await tokens.issue({ role: 'operator', userId: 'u1' });
    const other = new AccessTokenService('b'.repeat(32), 60);
    await expect(other.verify(accessToken)).resolves.toBeUndefined();

    const [header, , signature] = accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u1', role: 'operator', iss: 'grip' })).toString(
      'base64url',
    );
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).resolves.toBeUndefined();

    const expired = new AccessTokenService('a'.repeat(32), -10);
    const { accessToken: old } = await expired.issue({ role: 'operator', userId: 'u1' });
    await expect(tokens.verify(old)).resolves.toBeUndefined();
    await expect(tokens.verify('not-a-token')).resolves.toBeUndefined();
  });

  it('refuses a token signed with the master secret itself, or without a kid', async () => {
    const raw = new TextEncoder().encode('a'.repeat(32));
    const claims = { role: 'operator' };
    const noKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('grip')
      .setExpirationTime('1m')
      .sign(raw);
    await expect(tokens.verify(noKid)).resolves.toBeUndefined();
    const kid = decodeProtectedHeader(
      (await tokens.issue({ role: 'operator', userId: 'u1' })).accessToken,
    ).kid!;
    const masterSigned = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid })
      .setSubject('u1')
      .setIssuer('grip')
      .setExpirationTime('1m')
      .sign(raw);
    await expect(tokens.verify(masterSigned)).resolves.toBeUndefined();
  });

  it('keeps accepting a token across one key rotation, not two', async () => {
    let clock = 300 * DAY - 1000; // a second before a 30-day rotation
    const rotating = new AccessTokenService('a'.repeat(32), 40 * 86_400, {
      rotationDays: 30,
      now: () => clock,
    });
    const { accessToken } = await rotating.issue({ role: 'operator', userId: 'u1' });
    clock += 2000;
    const fresh = (await rotating.issue({ role: 'operator', userId: 'u1' })).accessToken;
    expect(decodeProtectedHeader(fresh).kid).not.toBe(decodeProtectedHeader(accessToken).kid);
    await expect(rotating.verify(accessToken)).resolves.toEqual({ role: 'operator', userId: 'u1' });
    clock += 30 * DAY;
    await expect(rotating.verify(accessToken)).resolves.toBeUndefined();
    await expect(rotating.verify(fresh)).resolves.toEqual({ role: 'operator', userId: 'u1' });
  });
});
