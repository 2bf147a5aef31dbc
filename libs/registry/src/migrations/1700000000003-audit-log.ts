import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log, append-only in the database itself: a trigger refuses UPDATE, DELETE and
 * TRUNCATE whoever asks, so neither a bug nor a hand-typed statement through the platform's
 * connection can rewrite history. (A role that owns the table can still drop the trigger; in a
 * cluster the platform's role should not own it.) No foreign keys: an entry outlives its actor
 * and its target.
 */
export class AuditLog1700000000003 implements MigrationInterface {
  name = 'AuditLog1700000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        source_ip text,
        request_id text,
        before jsonb,
        after jsonb,
        CONSTRAINT pk_audit_log PRIMARY KEY (id),
        CONSTRAINT ck_audit_log_actor_role
          CHECK (actor_role IN ('operator', 'provider', 'enterprise', 'official', 'system')),
        CONSTRAINT ck_audit_log_action CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$')
      )`);
    // The list reads newest first, optionally for one actor, action or target.
    await queryRunner.query(`CREATE INDEX ix_audit_log_at ON audit_log (at, id)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_user_id, at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_action ON audit_log (action, at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, at)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP FUNCTION audit_log_append_only()');
  }
}
