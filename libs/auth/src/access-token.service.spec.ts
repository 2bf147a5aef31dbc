import { AccessTokenService } from './access-token.service.js';

describe('AccessTokenService', () => {
  const tokens = new AccessTokenService('a'.repeat(32), 60);

  it('round-trips every kind of principal', async () => {
    for (const principal of [
      { role: 'operator', userId: 'u1' },
      { role: 'provider', userId: 'u2', providerId: 'p1' },
      { role: 'enterprise', userId: 'u3', enterpriseId: 'e1' },
      { role: 'official', userId: 'u4', regionCode: '440100' },
    ] as const) {
      const { accessToken, expiresIn } = await tokens.issue(principal);
      expect(expiresIn).toBe(60);
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
});
