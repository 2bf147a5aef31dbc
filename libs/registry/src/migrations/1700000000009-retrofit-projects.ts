import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retrofit projects (indicators.md §6). The checks repeat the API's rules so that no path
 * (import, PATCH, a script) can store a project the assessment cannot read.
 */
export class RetrofitProjects1700000000009 implements MigrationInterface {
  name = 'RetrofitProjects1700000000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE retrofit_projects (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        investment numeric NOT NULL,
        start_date date NOT NULL,
        completion_date date,
        baseline_from text NOT NULL,
        baseline_to text NOT NULL,
        reporting_from text,
        reporting_to text,
        meters text[],
        targets jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'planned',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        CONSTRAINT pk_retrofit_projects PRIMARY KEY (id),
        CONSTRAINT fk_retrofit_projects_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT ck_retrofit_projects_kind
          CHECK (kind IN ('smart_digital', 'equipment_renewal', 'energy_saving', 'clean_production')),
        CONSTRAINT ck_retrofit_projects_status CHECK (status IN ('planned', 'in_progress', 'completed', 'assessed')),
        CONSTRAINT ck_retrofit_projects_investment CHECK (investment >= 0),
        CONSTRAINT ck_retrofit_projects_completion CHECK (completion_date IS NULL OR completion_date >= start_date),
        CONSTRAINT ck_retrofit_projects_baseline CHECK (
          baseline_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND baseline_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
          AND baseline_from <= baseline_to),
        CONSTRAINT ck_retrofit_projects_reporting CHECK (
          (reporting_from IS NULL AND reporting_to IS NULL) OR (
            reporting_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND reporting_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
            AND reporting_from <= reporting_to)),
        CONSTRAINT ck_retrofit_projects_targets CHECK (jsonb_typeof(targets) = 'array')
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_retrofit_projects_enterprise ON retrofit_projects (enterprise_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE retrofit_projects');
  }
}
