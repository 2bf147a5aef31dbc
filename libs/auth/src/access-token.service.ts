import { Principal } from '#grip/contracts';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'grip';

/**
 * Short-lived HS256 access tokens for people. The claims carry the whole principal so a
 * request needs no database look-up to know its scope.
 */
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<{ accessToken: string; expiresIn: number }> {
    const { userId, ...scope } = principal;
    const accessToken = await new SignJWT({ ...scope })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The principal of a valid token, or undefined for anything else (expired, forged, malformed). */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      return principalFromClaims(payload);
    } catch {
      return undefined;
    }
  }
}

function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const userId = claims.sub;
  if (typeof userId !== 'string') return undefined;
  const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : undefined);
  switch (claims.role) {
    case 'operator':
      return { role: 'operator', userId };
    case 'provider': {
      const providerId = str('providerId');
      return providerId ? { role: 'provider', userId, providerId } : undefined;
    }
    case 'enterprise': {
      const enterpriseId = str('enterpriseId');
      return enterpriseId ? { role: 'enterprise', userId, enterpriseId } : undefined;
    }
    case 'official': {
      const regionCode = str('regionCode');
      return regionCode ? { role: 'official', userId, regionCode } : undefined;
    }
    default:
      return undefined;
  }
}
