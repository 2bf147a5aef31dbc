import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import {
  AccessTokenService,
  AgentAuthenticator,
  AgentSightingRecorder,
  LoginThrottle,
  OidcVerifier,
  RefreshTokenService,
  UserDenyList,
} from '#grip/auth';
import { BUS, type Bus } from '#grip/bus';
import type { PlatformConfig } from '#grip/config';
import { READINESS_CHECKS, ReadinessCheck } from '#grip/http';
import {
  AgentCredentialRepository,
  AuditLogRepository,
  DeclarationRepository,
  PlanRepository,
  RetrofitRepository,
  DeviceRepository,
  EnterpriseImportRepository,
  EnterpriseRepository,
  MethodologyRepository,
  ProviderRepository,
  RefreshTokenRepository,
  RegistryTransactions,
  SettingsRepository,
  UserRepository,
} from '#grip/registry';
import {
  ClickHouse,
  ClimateQueries,
  DeadLetterStore,
  EnergyQueries,
  EquipmentQueries,
  IndicatorValuesStore,
  RetrofitAssessmentStore,
  TelemetryQueries,
  TelemetryWriter,
} from '#grip/telemetry-store';
import { INGEST_LIMITS, INGEST_RATE, MQTT_OPTIONS } from '../../ingest-gateway/src/index.js';
import { IMPORT_LIMITS } from '../../admin-api/src/index.js';
import { INDICATOR_OPTIONS } from '../../query-api/src/index.js';
import { WRITER_OPTIONS } from '../../telemetry-writer/src/index.js';
import { UserDenialsListener } from './user-denials.listener.js';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export interface PlatformResources {
  readonly config: PlatformConfig;
  /** Only in processes whose roles use telemetry (writer, query-api). */
  readonly clickhouse: ClickHouse | undefined;
  /** Only in processes whose roles use the registry (all but the writer). */
  readonly dataSource: DataSource | undefined;
  readonly bus: Bus;
  readonly jwtSecret: string;
}

const DAY_MS = 86_400_000;

/**
 * What the feature modules share in the single-process platform: the opened stores, the bus,
 * repositories and settings. Built from resources opened before Nest starts, so start-up
 * order (lock, engines, migrations) stays explicit in main.ts.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(resources: PlatformResources): DynamicModule {
    const { config, dataSource, clickhouse } = resources;
    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });
    const readiness: ReadinessCheck[] = [];
    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: BUS, useValue: resources.bus },
      { provide: Registry, useValue: metrics },
      { provide: READINESS_CHECKS, useValue: readiness },
      {
        provide: IMPORT_LIMITS,
        useValue: {
          maxRows: config.IMPORT_MAX_ROWS,
          maxBytes: config.IMPORT_MAX_BYTES,
          timeoutMs: config.IMPORT_TIMEOUT_MS,
        },
      },
      { provide: LoginThrottle, useValue: new LoginThrottle({ maxFailures: config.LOGIN_MAX_FAILURES }) },
      {
        provide: AccessTokenService,
        useValue: new AccessTokenService(resources.jwtSecret, config.ACCESS_TOKEN_TTL_S, {
          rotationDays: config.ACCESS_KEY_ROTATION_DAYS,
        }),
      },
      { provide: UserDenyList, useValue: new UserDenyList(config.ACCESS_TOKEN_TTL_S) },
      ...ingestSettings(config),
    ];
    if (dataSource) {
      readiness.push({ name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) });
      providers.push(...registryProviders(dataSource, config));
    }
    if (clickhouse) {
      readiness.push({ name: 'clickhouse', check: () => clickhouse.ping() });
      providers.push(
        { provide: TelemetryWriter, useValue: new TelemetryWriter(clickhouse) },
        { provide: DeadLetterStore, useValue: new DeadLetterStore(clickhouse) },
        { provide: EnergyQueries, useValue: new EnergyQueries(clickhouse) },
        { provide: EquipmentQueries, useValue: new EquipmentQueries(clickhouse) },
        { provide: IndicatorValuesStore, useValue: new IndicatorValuesStore(clickhouse) },
        { provide: ClimateQueries, useValue: new ClimateQueries(clickhouse) },
        { provide: RetrofitAssessmentStore, useValue: new RetrofitAssessmentStore(clickhouse) },
        { provide: TelemetryQueries, useValue: new TelemetryQueries(clickhouse) },
      );
    }
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
    };
  }
}

function registryProviders(dataSource: DataSource, config: PlatformConfig): Provider[] {
  const agentCredentials = new AgentCredentialRepository(dataSource);
  const users = new UserRepository(dataSource);
  // Last-seen writes leave the request path; one per agent per minute at most.
  const sightingLog = new Logger('AgentSightings');
  const sightings = new AgentSightingRecorder(agentCredentials, (error) =>
    sightingLog.warn(`could not record an agent's last-seen time: ${String(error)}`),
  );
  const providers: Provider[] = [
    { provide: ProviderRepository, useValue: new ProviderRepository(dataSource) },
    { provide: UserRepository, useValue: users },
    { provide: EnterpriseRepository, useValue: new EnterpriseRepository(dataSource) },
    { provide: DeviceRepository, useValue: new DeviceRepository(dataSource) },
    { provide: AgentCredentialRepository, useValue: agentCredentials },
    { provide: SettingsRepository, useValue: new SettingsRepository(dataSource) },
    { provide: DeclarationRepository, useValue: new DeclarationRepository(dataSource) },
    { provide: RetrofitRepository, useValue: new RetrofitRepository(dataSource) },
    { provide: PlanRepository, useValue: new PlanRepository(dataSource) },
    { provide: MethodologyRepository, useValue: new MethodologyRepository(dataSource) },
    { provide: AuditLogRepository, useValue: new AuditLogRepository(dataSource) },
    { provide: RegistryTransactions, useValue: new RegistryTransactions(dataSource) },
    { provide: EnterpriseImportRepository, useValue: new EnterpriseImportRepository(dataSource) },
    {
      provide: RefreshTokenService,
      useValue: new RefreshTokenService(
        new RefreshTokenRepository(dataSource),
        config.REFRESH_TOKEN_TTL_S,
        config.SESSION_MAX_AGE_S,
      ),
    },
    { provide: AgentSightingRecorder, useValue: sightings },
    {
      provide: AgentAuthenticator,
      useValue: new AgentAuthenticator(agentCredentials, 60_000, Date.now, sightings),
    },
  ];
  // Where people's access tokens are checked, disabled accounts must reach the deny list.
  if (config.ROLES.includes('admin-api') || config.ROLES.includes('query-api')) {
    providers.push(UserDenialsListener);
  }
  // Only when configured: the guard then also accepts the identity provider's tokens.
  if (config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL) {
    const oidc = {
      issuer: config.OIDC_ISSUER,
      audience: config.OIDC_AUDIENCE,
      jwksUrl: config.OIDC_JWKS_URL,
      userClaim: config.OIDC_USER_CLAIM,
    };
    providers.push({ provide: OidcVerifier, useValue: new OidcVerifier(oidc, users) });
  }
  return providers;
}

function ingestSettings(config: PlatformConfig): Provider[] {
  return [
    {
      provide: INGEST_LIMITS,
      useValue: {
        maxPoints: config.INGEST_MAX_POINTS,
        maxFutureMs: config.INGEST_MAX_FUTURE_S * 1000,
        retentionMs: config.INGEST_RETENTION_DAYS * DAY_MS,
      },
    },
    {
      provide: INGEST_RATE,
      useValue: {
        pointsPerSecond: config.INGEST_RATE_POINTS_PER_S,
        tenantPointsPerSecond: config.INGEST_RATE_TENANT_POINTS_PER_S,
        requestsPerSecond: config.INGEST_RATE_REQUESTS_PER_S,
      },
    },
    {
      provide: INDICATOR_OPTIONS,
      useValue: {
        schedule: config.INDICATOR_SCHEDULE,
        nightlyAt: config.INDICATOR_NIGHTLY_AT,
        monthlyAt: config.INDICATOR_MONTHLY_AT,
        lateCheckMinutes: config.INDICATOR_LATE_CHECK_MINUTES,
        lateLookbackDays: config.INDICATOR_LATE_LOOKBACK_DAYS,
        regionOnDemandMax: config.INDICATOR_REGION_ON_DEMAND_MAX,
      },
    },
    {
      provide: MQTT_OPTIONS,
      useValue: {
        host: config.MQTT_HOST ?? config.HOST,
        port: config.MQTT_PORT,
        maxBytes: config.INGEST_MAX_BYTES,
        json: {
          maxDepth: config.JSON_MAX_DEPTH,
          maxMembers: config.JSON_MAX_MEMBERS,
          maxObjectKeys: config.JSON_MAX_OBJECT_KEYS,
        },
      },
    },
    {
      provide: WRITER_OPTIONS,
      useValue: {
        maxBatchMessages: config.WRITER_BATCH_MESSAGES,
        maxWaitMs: config.WRITER_BATCH_WAIT_MS,
        maxInFlight: config.WRITER_MAX_IN_FLIGHT,
      },
    },
  ];
}
