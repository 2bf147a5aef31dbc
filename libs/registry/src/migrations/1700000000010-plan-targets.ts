import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Yearly plan targets per region and the provinces' city shares (indicators.md §8). */
export class PlanTargets1700000000010 implements MigrationInterface {
  name = 'PlanTargets1700000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plan_targets (
        year integer NOT NULL,
        region_code text NOT NULL,
        metric text NOT NULL,
        target integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_plan_targets PRIMARY KEY (year, region_code, metric),
        CONSTRAINT ck_plan_targets_metric
          CHECK (metric IN ('retrofits_started', 'enterprises_on_cloud', 'green_factories')),
        CONSTRAINT ck_plan_targets_region_code CHECK (region_code ~ '^[1-9][0-9]{5}$'),
        CONSTRAINT ck_plan_targets_year CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT ck_plan_targets_target CHECK (target >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_city_shares (
        province_code text NOT NULL,
        city_code text NOT NULL,
        share numeric NOT NULL,
        CONSTRAINT pk_plan_city_shares PRIMARY KEY (province_code, city_code),
        CONSTRAINT ck_plan_city_shares_province CHECK (province_code ~ '^[1-9][0-9]0000$'),
        CONSTRAINT ck_plan_city_shares_city
          CHECK (city_code ~ '^[1-9][0-9]{3}00$' AND substr(city_code, 1, 2) = substr(province_code, 1, 2)
                 AND substr(city_code, 3, 2) <> '00'),
        CONSTRAINT ck_plan_city_shares_share CHECK (share >= 0 AND share <= 1)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE plan_city_shares');
    await queryRunner.query('DROP TABLE plan_targets');
  }
}
