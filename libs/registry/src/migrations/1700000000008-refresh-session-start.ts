import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each sign-in (refresh-token family) began, copied onto every token rotated from it, so
 * the exchange can refuse a session older than SESSION_MAX_AGE_S in the same one statement.
 * Existing families are taken to have begun with their oldest token.
 */
export class RefreshSessionStart1700000000008 implements MigrationInterface {
  name = 'RefreshSessionStart1700000000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE refresh_tokens ADD COLUMN session_started_at timestamptz');
    await queryRunner.query(`
      UPDATE refresh_tokens t SET session_started_at = f.started
      FROM (SELECT family_id, min(created_at) AS started FROM refresh_tokens GROUP BY family_id) f
      WHERE t.family_id = f.family_id`);
    await queryRunner.query(`
      ALTER TABLE refresh_tokens
        ALTER COLUMN session_started_at SET DEFAULT now(),
        ALTER COLUMN session_started_at SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE refresh_tokens DROP COLUMN session_started_at');
  }
}
