import type { DataSource, Repository } from 'typeorm';
import { RefreshToken } from '../entities/refresh-token.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { isUuid } from '../scope/uuid.js';

/** What libs/auth's RefreshTokenService needs; hashes are SHA-256 hex, never the tokens. */
export interface RefreshTokenSession {
  readonly userId: string;
  readonly familyId: string;
}

export interface StoredRefreshToken extends RefreshTokenSession {
  readonly sessionStartedAt: Date;
  readonly spentAt: Date | null;
  readonly revokedAt: Date | null;
  readonly expiresAt: Date;
}

/**
 * Refresh tokens. Unscoped: holding the token is the authorisation; the service decides. The
 * exchange is one statement, so two requests racing with the same token cannot both win.
 */
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get tokens(): Repository<RefreshToken> {
    return currentManager(this.dataSource).getRepository(RefreshToken);
  }

  async insert(
    input: RefreshTokenSession & { tokenHash: string; expiresAt: Date; sessionStartedAt: Date },
  ): Promise<void> {
    await withDbErrors(() =>
      this.tokens.insert({ ...input, spentAt: null, revokedAt: null } as Partial<RefreshToken>),
    );
  }

  /**
   * Spends a live token (not spent, not revoked, not expired, its sign-in begun after
   * `sessionsFrom`) and stores its successor in the same family, with the same start;
   * undefined when the token was not live.
   */
  async exchange(
    tokenHash: string,
    successorHash: string,
    expiresAt: Date,
    sessionsFrom: Date,
  ): Promise<RefreshTokenSession | undefined> {
    const rows = (await currentManager(this.dataSource).query(
      `WITH spent AS (
         UPDATE refresh_tokens SET spent_at = now()
         WHERE token_hash = $1 AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > now()
           AND session_started_at > $4
         RETURNING user_id, family_id, session_started_at)
       INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, session_started_at)
       SELECT $2, user_id, family_id, $3, session_started_at FROM spent
       RETURNING user_id, family_id`,
      [tokenHash, successorHash, expiresAt, sessionsFrom],
    )) as { user_id: string; family_id: string }[];
    const row = rows[0];
    return row && { userId: row.user_id, familyId: row.family_id };
  }

  async find(tokenHash: string): Promise<StoredRefreshToken | undefined> {
    const found = await this.tokens.findOneBy({ tokenHash });
    return found ?? undefined;
  }

  /** Revokes every token of the family; returns how many were still unrevoked. */
  async revokeFamily(familyId: string): Promise<number> {
    if (!isUuid(familyId)) return 0;
    const result = await this.tokens
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return result.affected ?? 0;
  }

  /** Revokes every token of a person (disabled, deleted, new password). */
  async revokeUser(userId: string): Promise<number> {
    if (!isUuid(userId)) return 0;
    const result = await this.tokens
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }
}
