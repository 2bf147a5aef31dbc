import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's first schema. Plain SQL that PostgreSQL 15 and PGlite (18) both accept: only core
 * features (gen_random_uuid() is core since PG 13, no extensions), text + CHECK instead of enum types
 * so a new value is a one-line migration. Constraint names are stable: the error mapper turns them
 * into field names for 409/400 answers.
 */
export class InitialSchema1700000000001 implements MigrationInterface {
  name = 'InitialSchema1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE providers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        credit_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_providers PRIMARY KEY (id),
        CONSTRAINT uq_providers_credit_code UNIQUE (credit_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE enterprises (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL,
        name text NOT NULL,
        credit_code text NOT NULL,
        region_code text NOT NULL,
        industry_code text NOT NULL,
        size_class text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_enterprises PRIMARY KEY (id),
        CONSTRAINT uq_enterprises_credit_code UNIQUE (credit_code),
        CONSTRAINT fk_enterprises_provider FOREIGN KEY (provider_id) REFERENCES providers (id),
        CONSTRAINT ck_enterprises_region_code CHECK (region_code ~ '^[0-9]{6}$'),
        CONSTRAINT ck_enterprises_industry_code CHECK (industry_code ~ '^[A-T]([0-9]{2,4})?$'),
        CONSTRAINT ck_enterprises_size_class CHECK (size_class IN ('large', 'medium', 'small', 'micro'))
      )`);
    await queryRunner.query(`CREATE INDEX ix_enterprises_provider ON enterprises (provider_id)`);
    // Region and industry scopes are prefix matches (LIKE '4401%'); text_pattern_ops lets the
    // index serve them whatever the database collation.
    await queryRunner.query(
      `CREATE INDEX ix_enterprises_region ON enterprises (region_code text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_enterprises_industry ON enterprises (industry_code text_pattern_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        provider_id uuid,
        enterprise_id uuid,
        region_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_username UNIQUE (username),
        CONSTRAINT fk_users_provider FOREIGN KEY (provider_id) REFERENCES providers (id),
        CONSTRAINT fk_users_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT ck_users_role CHECK (role IN ('operator', 'provider', 'enterprise', 'official')),
        CONSTRAINT ck_users_region_code CHECK (region_code ~ '^[0-9]{6}$'),
        CONSTRAINT ck_users_role_binding CHECK (
          (role = 'operator' AND provider_id IS NULL AND enterprise_id IS NULL AND region_code IS NULL)
          OR (role = 'provider' AND provider_id IS NOT NULL AND enterprise_id IS NULL AND region_code IS NULL)
          OR (role = 'enterprise' AND enterprise_id IS NOT NULL AND provider_id IS NULL AND region_code IS NULL)
          OR (role = 'official' AND region_code IS NOT NULL AND provider_id IS NULL AND enterprise_id IS NULL)
        )
      )`);
    await queryRunner.query(`CREATE INDEX ix_users_provider ON users (provider_id)`);
    await queryRunner.query(`CREATE INDEX ix_users_enterprise ON users (enterprise_id)`);
    await queryRunner.query(`
      CREATE TABLE devices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL,
        external_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        metrics text[] NOT NULL DEFAULT '{}',
        attributes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_devices PRIMARY KEY (id),
        CONSTRAINT uq_devices_enterprise_external_id UNIQUE (enterprise_id, external_id),
        CONSTRAINT fk_devices_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT ck_devices_kind CHECK (kind IN ('meter', 'machine', 'sensor', 'line')),
        CONSTRAINT ck_devices_attributes CHECK (jsonb_typeof(attributes) = 'object')
      )`);
    await queryRunner.query(`
      CREATE TABLE agent_credentials (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_seen_at timestamptz,
        CONSTRAINT pk_agent_credentials PRIMARY KEY (id),
        CONSTRAINT fk_agent_credentials_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_agent_credentials_enterprise ON agent_credentials (enterprise_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE platform_settings (
        key text NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_platform_settings PRIMARY KEY (key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'platform_settings',
      'agent_credentials',
      'devices',
      'users',
      'enterprises',
      'providers',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
