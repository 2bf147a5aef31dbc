import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enterprises get the provider's own id for them (`external_id`, unique per provider), so a
 * provider's spreadsheet can be imported again and again: a row is matched by its external id,
 * never by position. Optional (NULL for enterprises onboarded one by one without it); NULLs are
 * distinct in a unique constraint, so any number may lack one. `updated_at` on enterprises and
 * devices records the last change a bulk import made (NULL: never changed since creation).
 */
export class EnterpriseExternalIds1700000000006 implements MigrationInterface {
  name = 'EnterpriseExternalIds1700000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE enterprises
        ADD COLUMN external_id text,
        ADD COLUMN updated_at timestamptz,
        ADD CONSTRAINT uq_enterprises_provider_external_id UNIQUE (provider_id, external_id),
        ADD CONSTRAINT ck_enterprises_external_id CHECK (external_id ~ '^[A-Za-z0-9._:-]{1,64}$')`);
    await queryRunner.query(`ALTER TABLE devices ADD COLUMN updated_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE devices DROP COLUMN updated_at`);
    await queryRunner.query(`
      ALTER TABLE enterprises
        DROP CONSTRAINT ck_enterprises_external_id,
        DROP CONSTRAINT uq_enterprises_provider_external_id,
        DROP COLUMN updated_at,
        DROP COLUMN external_id`);
  }
}
