import type { Principal } from '#grip/contracts';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalOf, type UserRecord } from './principal-of.js';

export interface OidcOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** The claim naming the GRIP username (OIDC_USER_CLAIM: `grip_user`, `preferred_username` …). */
  readonly userClaim: string;
}

/** How the IdP's user is found in the registry; disabled accounts must come back with disabledAt. */
export interface OidcUserDirectory {
  findByUsername(username: string): Promise<(UserRecord & { disabledAt?: Date | null }) | undefined>;
}

// Asymmetric only: an HS256 token naming the issuer would otherwise be checked against a
// public key used as an HMAC secret (the classic algorithm-confusion attack).
const ALGORITHMS = ['RS256', 'ES256'];

/**
 * Accepts access tokens of a provincial identity provider. The token only says who the person
 * is: the claim names an existing GRIP user, whose own role and binding apply. Role or scope
 * claims from the IdP are never read, so the IdP cannot widen anyone's access.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly options: OidcOptions,
    private readonly users: OidcUserDirectory,
    keys?: JWTVerifyGetKey,
  ) {
    // jose caches the key set and refetches on an unknown kid (at most every 30 s).
    this.keys = keys ?? createRemoteJWKSet(new URL(options.jwksUrl));
  }

  async verify(token: string): Promise<Principal | undefined> {
    let username: unknown;
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      });
      username = payload[this.options.userClaim];
    } catch {
      return undefined;
    }
    if (typeof username !== 'string' || username.length === 0 || username.length > 64) return undefined;
    const user = await this.users.findByUsername(username);
    if (!user || user.disabledAt) return undefined;
    return principalOf(user);
  }
}
