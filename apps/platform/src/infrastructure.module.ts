import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AccessTokenService, AgentAuthenticator, LoginThrottle } from '#grip/auth';
import { BUS, type Bus } from '#grip/bus';
import type { PlatformConfig } from '#grip/config';
import { READINESS_CHECKS, ReadinessCheck } from '#grip/http';
import {
  AgentCredentialRepository,
  AuditLogRepository,
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  MethodologyRepository,
  ProviderRepository,
  SettingsRepository,
  UserRepository,
} from '#grip/registry';
import {
  ClickHouse,
  EnergyQueries,
  EquipmentQueries,
  IndicatorValuesStore,
  TelemetryWriter,
} from '#grip/telemetry-store';
import { INGEST_LIMITS, INGEST_RATE } from '../../ingest-gateway/src/index.js';
import { INDICATOR_OPTIONS } from '../../query-api/src/index.js';
import { WRITER_OPTIONS } from '../../telemetry-writer/src/index.js';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export interface PlatformResources {
  readonly config: PlatformConfig;
  readonly clickhouse: ClickHouse;
  readonly dataSource: DataSource;
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
    const agentCredentials = new AgentCredentialRepository(dataSource);
    const readiness: ReadinessCheck[] = [
      { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'clickhouse', check: () => clickhouse.ping() },
    ];
    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: BUS, useValue: resources.bus },
      { provide: Registry, useValue: metrics },
      { provide: READINESS_CHECKS, useValue: readiness },
      { provide: ProviderRepository, useValue: new ProviderRepository(dataSource) },
      { provide: UserRepository, useValue: new UserRepository(dataSource) },
      { provide: EnterpriseRepository, useValue: new EnterpriseRepository(dataSource) },
      { provide: DeviceRepository, useValue: new DeviceRepository(dataSource) },
      { provide: AgentCredentialRepository, useValue: agentCredentials },
      { provide: SettingsRepository, useValue: new SettingsRepository(dataSource) },
      { provide: DeclarationRepository, useValue: new DeclarationRepository(dataSource) },
      { provide: MethodologyRepository, useValue: new MethodologyRepository(dataSource) },
      { provide: AuditLogRepository, useValue: new AuditLogRepository(dataSource) },
      { provide: LoginThrottle, useValue: new LoginThrottle({ maxFailures: config.LOGIN_MAX_FAILURES }) },
      {
        provide: AccessTokenService,
        useValue: new AccessTokenService(resources.jwtSecret, config.ACCESS_TOKEN_TTL_S),
      },
      { provide: AgentAuthenticator, useValue: new AgentAuthenticator(agentCredentials) },
      { provide: TelemetryWriter, useValue: new TelemetryWriter(clickhouse) },
      { provide: EnergyQueries, useValue: new EnergyQueries(clickhouse) },
      { provide: EquipmentQueries, useValue: new EquipmentQueries(clickhouse) },
      { provide: IndicatorValuesStore, useValue: new IndicatorValuesStore(clickhouse) },
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
          requestsPerSecond: config.INGEST_RATE_REQUESTS_PER_S,
        },
      },
      {
        provide: WRITER_OPTIONS,
        useValue: { maxBatchMessages: config.WRITER_BATCH_MESSAGES, maxWaitMs: config.WRITER_BATCH_WAIT_MS },
      },
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
    };
  }
}
