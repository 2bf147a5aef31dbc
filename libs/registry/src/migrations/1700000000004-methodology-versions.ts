import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published methodology versions (indicators.md §0): factors, thresholds and weights as data.
 * A version is immutable once published — results name the version they used, so changing it
 * in place would change what old results mean; a trigger refuses UPDATE and DELETE.
 */
export class MethodologyVersions1700000000004 implements MigrationInterface {
  name = 'MethodologyVersions1700000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE methodology_versions (
        version text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid,
        notes text,
        factors jsonb NOT NULL,
        CONSTRAINT pk_methodology_versions PRIMARY KEY (version),
        CONSTRAINT ck_methodology_versions_version CHECK (version ~ '^[0-9A-Za-z._-]{1,32}$'),
        CONSTRAINT ck_methodology_versions_factors CHECK (jsonb_typeof(factors) = 'array')
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_methodology_versions_published ON methodology_versions (published_at)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION methodology_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published methodology version cannot change: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER methodology_versions_no_change BEFORE UPDATE OR DELETE ON methodology_versions
      FOR EACH ROW EXECUTE FUNCTION methodology_versions_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE methodology_versions');
    await queryRunner.query('DROP FUNCTION methodology_versions_immutable()');
  }
}
