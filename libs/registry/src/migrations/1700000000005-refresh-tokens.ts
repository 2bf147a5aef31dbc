import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens: only the SHA-256 of each (random, 256-bit) token is kept. A family is one
 * sign-in and every token rotated out of it; spending a token twice revokes the family.
 */
export class RefreshTokens1700000000005 implements MigrationInterface {
  name = 'RefreshTokens1700000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        spent_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
        CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
        CONSTRAINT ck_refresh_tokens_hash CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refresh_tokens');
  }
}
