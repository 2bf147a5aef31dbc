import { Principal } from '#grip/contracts';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { SigningKeys } from './signing-keys.js';

const ISSUER = 'grip';

/** A valid token's principal and when it was issued (JWT `iat`, whole seconds). */
export interface VerifiedAccessToken {
  readonly principal: Principal;
  readonly issuedAt: number;
}

export interface AccessTokenOptions {
  /** A new signing key every this many days (ACCESS_KEY_ROTATION_DAYS). */
  readonly rotationDays?: number;
  readonly now?: () => number;
}

/**
 * Short-lived HS256 access tokens for people. The claims carry the whole principal so a
 * request needs no database look-up to know its scope. Each token names its signing key in
 * `kid`; see SigningKeys for how keys rotate.
 */
export class AccessTokenService {
  private readonly keys: SigningKeys;
  private readonly now: () => number;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    options: AccessTokenOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.keys = new SigningKeys(secret, options.rotationDays ?? 30, this.now);
  }

  async issue(principal: Principal): Promise<{ accessToken: string; expiresIn: number }> {
    const { userId, ...scope } = principal;
    const { kid, key } = this.keys.current();
    const issuedAt = Math.floor(this.now() / 1000);
    const accessToken = await new SignJWT({ ...scope })
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The principal of a valid token, or undefined for anything else (expired, forged, old key, malformed). */
  async verify(token: string): Promise<Principal | undefined> {
    return (await this.verifyIssued(token))?.principal;
  }

  /** As verify, with the issue time the deny list compares against. */
  async verifyIssued(token: string): Promise<VerifiedAccessToken | undefined> {
    try {
      const key = this.keys.forVerification(decodeProtectedHeader(token).kid);
      if (!key) return undefined;
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
      const principal = principalFromClaims(payload);
      if (!principal || typeof payload.iat !== 'number') return undefined;
      return { principal, issuedAt: payload.iat };
    } catch {
      return undefined;
    }
  }
}

/** Whether a token looks like one of ours (HS256) rather than an identity provider's. */
export function isLocalToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).alg === 'HS256';
  } catch {
    return false;
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
