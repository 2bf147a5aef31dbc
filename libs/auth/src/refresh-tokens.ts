import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface RefreshSession {
  readonly userId: string;
  readonly familyId: string;
}

/** Where refresh tokens are kept, by SHA-256 only; the registry's RefreshTokenRepository implements it. */
export interface RefreshTokenStore {
  insert(
    input: RefreshSession & { tokenHash: string; expiresAt: Date; sessionStartedAt: Date },
  ): Promise<void>;
  /**
   * Spends a live token whose sign-in began after `sessionsFrom` and stores its successor in the
   * same family (with the same start), atomically.
   */
  exchange(
    tokenHash: string,
    successorHash: string,
    expiresAt: Date,
    sessionsFrom: Date,
  ): Promise<RefreshSession | undefined>;
  find(tokenHash: string): Promise<
    | (RefreshSession & {
        sessionStartedAt: Date;
        expiresAt: Date;
        spentAt: Date | null;
        revokedAt: Date | null;
      })
    | undefined
  >;
  revokeFamily(familyId: string): Promise<number>;
  revokeUser(userId: string): Promise<number>;
}

export type RefreshOutcome =
  | { readonly kind: 'rotated'; readonly session: RefreshSession; readonly refreshToken: string }
  /** A spent token came back: someone holds a copy. The whole family is now revoked. */
  | { readonly kind: 'reused'; readonly session: RefreshSession }
  /** A live token of a sign-in older than the session's maximum age: sign in again. */
  | { readonly kind: 'ended'; readonly session: RefreshSession }
  | { readonly kind: 'invalid' };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 suffices (no slow hash): the token is 256 random bits, not something a person chose. */
export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Opaque, rotating refresh tokens. Each use spends the token and hands out its successor;
 * presenting a spent token again is taken as theft (RFC 6819 §5.2.2.3 / OAuth 2.1 refresh
 * token rotation) and revokes every token of that sign-in, the thief's and the owner's.
 *
 * Each token lives `ttlSeconds` from its issue (an idle timeout); the sign-in as a whole ends
 * `sessionMaxAgeSeconds` after it began, however often it was rotated (an absolute timeout), so
 * a stolen token kept fresh by rotation still dies.
 */
export class RefreshTokenService {
  constructor(
    private readonly store: RefreshTokenStore,
    private readonly ttlSeconds: number,
    private readonly sessionMaxAgeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new sign-in: a new family. */
  async issue(userId: string): Promise<string> {
    const token = newToken();
    await this.store.insert({
      userId,
      familyId: randomUUID(),
      tokenHash: refreshTokenHash(token),
      expiresAt: this.expiry(),
      sessionStartedAt: new Date(this.now()),
    });
    return token;
  }

  async rotate(token: string): Promise<RefreshOutcome> {
    if (!TOKEN.test(token)) return { kind: 'invalid' };
    const hash = refreshTokenHash(token);
    const successor = newToken();
    const sessionsFrom = new Date(this.now() - this.sessionMaxAgeSeconds * 1000);
    const session = await this.store.exchange(hash, refreshTokenHash(successor), this.expiry(), sessionsFrom);
    if (session) return { kind: 'rotated', session, refreshToken: successor };
    const stored = await this.store.find(hash);
    if (!stored) return { kind: 'invalid' };
    const found = { userId: stored.userId, familyId: stored.familyId };
    if (stored.spentAt) {
      await this.store.revokeFamily(stored.familyId);
      return { kind: 'reused', session: found };
    }
    const live = !stored.revokedAt && stored.expiresAt.getTime() > this.now();
    if (live && stored.sessionStartedAt <= sessionsFrom) return { kind: 'ended', session: found };
    return { kind: 'invalid' }; // expired or revoked
  }

  /** Ends the sign-in the token belongs to; quietly does nothing for an unknown token. */
  async revoke(token: string): Promise<RefreshSession | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const stored = await this.store.find(refreshTokenHash(token));
    if (!stored) return undefined;
    await this.store.revokeFamily(stored.familyId);
    return { userId: stored.userId, familyId: stored.familyId };
  }

  /** Every sign-in of a person: for disabling, deleting or a new password. */
  revokeUser(userId: string): Promise<number> {
    return this.store.revokeUser(userId);
  }

  private expiry(): Date {
    return new Date(this.now() + this.ttlSeconds * 1000);
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
