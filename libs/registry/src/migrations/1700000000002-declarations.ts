import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Declared monthly figures, versioned: a correction adds a row, history is kept. */
export class Declarations1700000000002 implements MigrationInterface {
  name = 'Declarations1700000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE declarations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL,
        period text NOT NULL,
        version integer NOT NULL,
        data jsonb NOT NULL,
        declared_by uuid NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_declarations PRIMARY KEY (id),
        CONSTRAINT uq_declarations_enterprise_period_version UNIQUE (enterprise_id, period, version),
        CONSTRAINT fk_declarations_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT ck_declarations_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT ck_declarations_version CHECK (version >= 1),
        CONSTRAINT ck_declarations_data CHECK (jsonb_typeof(data) = 'object')
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE declarations');
  }
}
