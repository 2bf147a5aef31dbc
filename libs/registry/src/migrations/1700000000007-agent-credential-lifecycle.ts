import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent-credential lifecycle: a label, an optional expiry, the previous secret's hash while a
 * rotation overlaps (both secrets work until previous_valid_until), and the last source address.
 */
export class AgentCredentialLifecycle1700000000007 implements MigrationInterface {
  name = 'AgentCredentialLifecycle1700000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE agent_credentials
        ADD COLUMN label text,
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN previous_secret_hash text,
        ADD COLUMN previous_valid_until timestamptz,
        ADD COLUMN last_seen_address text,
        ADD CONSTRAINT ck_agent_credentials_previous
          CHECK ((previous_secret_hash IS NULL) = (previous_valid_until IS NULL))`);
    // The list reads an enterprise's credentials oldest first.
    await queryRunner.query(
      `CREATE INDEX ix_agent_credentials_enterprise_created ON agent_credentials (enterprise_id, created_at, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_agent_credentials_enterprise_created');
    await queryRunner.query(`
      ALTER TABLE agent_credentials
        DROP CONSTRAINT ck_agent_credentials_previous,
        DROP COLUMN label, DROP COLUMN expires_at, DROP COLUMN previous_secret_hash,
        DROP COLUMN previous_valid_until, DROP COLUMN last_seen_address`);
  }
}
