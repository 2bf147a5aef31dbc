import { DataSource } from 'typeorm';
import { AgentCredential } from './entities/agent-credential.entity.js';
import { AuditEntry } from './entities/audit-entry.entity.js';
import { Declaration } from './entities/declaration.entity.js';
import { MethodologyVersion } from './entities/methodology-version.entity.js';
import { Device } from './entities/device.entity.js';
import { Enterprise } from './entities/enterprise.entity.js';
import { PlatformSetting } from './entities/platform-setting.entity.js';
import { PlanCityShare } from './entities/plan-city-share.entity.js';
import { PlanTarget } from './entities/plan-target.entity.js';
import { Provider } from './entities/provider.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { RetrofitProject } from './entities/retrofit-project.entity.js';
import { User } from './entities/user.entity.js';
import { InitialSchema1700000000001 } from './migrations/1700000000001-initial-schema.js';
import { Declarations1700000000002 } from './migrations/1700000000002-declarations.js';
import { MethodologyVersions1700000000004 } from './migrations/1700000000004-methodology-versions.js';
import { AuditLog1700000000003 } from './migrations/1700000000003-audit-log.js';
import { RefreshTokens1700000000005 } from './migrations/1700000000005-refresh-tokens.js';
import { EnterpriseExternalIds1700000000006 } from './migrations/1700000000006-enterprise-external-ids.js';
import { AgentCredentialLifecycle1700000000007 } from './migrations/1700000000007-agent-credential-lifecycle.js';
import { RefreshSessionStart1700000000008 } from './migrations/1700000000008-refresh-session-start.js';
import { RetrofitProjects1700000000009 } from './migrations/1700000000009-retrofit-projects.js';
import { PlanTargets1700000000010 } from './migrations/1700000000010-plan-targets.js';

export interface RegistryDataSourceOptions {
  /** postgres:// URL: a PostgreSQL server or the embedded PGlite socket server. */
  url: string;
  logging?: boolean;
  /**
   * Default 8: the embedded socket server accepts 8 connections and refuses the rest, and the
   * single PGlite backend runs one query at a time anyway; a real server is fine with more.
   */
  poolSize?: number;
}

// Listed as classes, not globs: globs break between ts (tests) and compiled js (dist).
export const REGISTRY_ENTITIES = [
  Provider,
  User,
  Enterprise,
  Device,
  AgentCredential,
  PlatformSetting,
  Declaration,
  AuditEntry,
  MethodologyVersion,
  RefreshToken,
  RetrofitProject,
  PlanTarget,
  PlanCityShare,
];
export const REGISTRY_MIGRATIONS = [
  InitialSchema1700000000001,
  Declarations1700000000002,
  AuditLog1700000000003,
  MethodologyVersions1700000000004,
  RefreshTokens1700000000005,
  EnterpriseExternalIds1700000000006,
  AgentCredentialLifecycle1700000000007,
  RefreshSessionStart1700000000008,
  RetrofitProjects1700000000009,
  PlanTargets1700000000010,
];
export const REGISTRY_MIGRATIONS_TABLE = 'registry_migrations';

const DEFAULT_POOL_SIZE = 8;

/**
 * The registry's DataSource. Not initialised and no migrations run here: the caller does
 * `await ds.initialize(); await ds.runMigrations({ transaction: 'each' })` at start.
 */
export function createRegistryDataSource(options: RegistryDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: REGISTRY_ENTITIES,
    migrations: REGISTRY_MIGRATIONS,
    migrationsTableName: REGISTRY_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    // TypeORM would otherwise CREATE EXTENSION "uuid-ossp" at connect: PGlite has no extensions
    // unless loaded at create time, and managed servers may forbid it. The schema only uses the
    // core gen_random_uuid(), which is what 'pgcrypto' selects for generated uuids.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  });
}
