import 'reflect-metadata';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { resolve } from 'node:path';
import {
  ConfigError,
  describeConfig,
  isDemo,
  loadConfig,
  platformConfigSchema,
  PlatformConfig,
  ROLES,
} from '#grip/config';
import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import { MethodologyRepository, SettingsRepository } from '#grip/registry';
import { LoginService } from '../../admin-api/src/index.js';
import { MqttListener } from '../../ingest-gateway/src/index.js';
import { CHART_JS_DIR, DASHBOARD_DIR } from '../../query-api/src/index.js';
import type { FactorySimulator } from '../../edge-agent/src/factory-simulator.js';
import { DataDirLockedError, lockDataDir } from './data-dir.lock.js';
import { DEMO_OFFICIALS, DEMO_PASSWORD, DEMO_PROVIDERS } from './demo/demo-catalog.js';
import { runDemo } from './demo/demo-runner.js';
import { DEMO_ENTERPRISE_USER } from './demo/demo-seed.js';
import { createBus } from './bus-factory.js';
import { startEngines } from './engines.js';
import { configureHttp } from './http-setup.js';
import { loadJwtSecret } from './jwt-secret.js';
import { PlatformModule } from './platform.module.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const logger = new Logger('GRIP');
  Logger.overrideLogger(LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1));
  logger.log(`configuration: ${JSON.stringify(describeConfig(config))}`);

  const dataDir = resolve(config.DATA_DIR);
  const releaseLock = lockOrExit(dataDir);
  const roles = new Set(config.ROLES);
  const engines = await startEngines(config, dataDir, logger, {
    postgres: config.ROLES.some((role) => role !== 'telemetry-writer'),
    clickhouse: roles.has('telemetry-writer') || roles.has('query-api'),
  });
  const bus = createBus(config);
  const app = await NestFactory.create<NestExpressApplication>(
    PlatformModule.forRoot({
      config,
      clickhouse: engines.clickhouse,
      dataSource: engines.dataSource,
      bus,
      jwtSecret: loadJwtSecret(config.GRIP_JWT_SECRET, dataDir),
    }),
    { bufferLogs: true },
  );
  configureHttp(app, {
    maxBodyBytes: config.INGEST_MAX_BYTES,
    json: {
      maxDepth: config.JSON_MAX_DEPTH,
      maxMembers: config.JSON_MAX_MEMBERS,
      maxObjectKeys: config.JSON_MAX_OBJECT_KEYS,
    },
    importMaxBytes: config.IMPORT_MAX_BYTES,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    apiRatePerMin: config.API_RATE_PER_MIN,
  });
  if (roles.has('query-api')) {
    app.useStaticAssets(DASHBOARD_DIR, { index: 'index.html' });
    app.useStaticAssets(CHART_JS_DIR, { prefix: '/vendor/' });
  }
  // Accounts and the methodology exist before the first request can arrive.
  const admin = {
    username: config.GRIP_ADMIN_USER ?? 'admin',
    password: config.GRIP_ADMIN_PASSWORD ?? 'admin',
  };
  if (roles.has('admin-api')) {
    if (await app.get(LoginService).ensureOperator(admin.username, admin.password)) {
      logger.log(`created the operator account ${admin.username}`);
    }
    // The methodology in use is data in Postgres; the first start publishes the default version.
    if (
      await app.get(MethodologyRepository).publishIfAbsent({
        version: DEFAULT_METHODOLOGY.version,
        factors: DEFAULT_METHODOLOGY.factors,
        notes: 'the defaults of indicators.md, seeded at first start',
      })
    ) {
      logger.log(`published methodology ${DEFAULT_METHODOLOGY.version}`);
    }
  }

  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');

  let simulator: FactorySimulator | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal}: draining and stopping`);
    await simulator?.stop();
    await app.close(); // HTTP stops first; the writer then drains what the bus holds
    await bus.close();
    await engines.close();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  if (isDemo(config)) {
    simulator = await runDemo(app.get(SettingsRepository), {
      baseUrl: url,
      dataDir,
      admin,
      simulate: config.SIMULATOR,
      intervalMs: config.SIMULATOR_INTERVAL_MS,
    }).catch((error: unknown) => {
      logger.error(
        `the demo could not start: ${String(error)} (delete ${dataDir} to seed it again from scratch)`,
      );
      return undefined;
    });
  }
  printBanner(
    logger,
    url,
    roles.has('ingest-gateway') ? app.get(MqttListener).url : undefined,
    config,
    engines.description,
    performance.now() - startedAt,
  );
}

function readConfig(): PlatformConfig {
  try {
    return loadConfig(platformConfigSchema);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function lockOrExit(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function printBanner(
  logger: Logger,
  url: string,
  mqttUrl: string | undefined,
  config: PlatformConfig,
  engines: { postgres: string; clickhouse: string },
  startMs: number,
): void {
  const lines = [
    `GRIP is running at ${url} (ready in ${(startMs / 1000).toFixed(1)} s)`,
    `  roles       ${config.ROLES.length === ROLES.length ? 'all' : config.ROLES.join(', ')}; bus ${config.BUS === 'kafka' ? `Kafka ${config.KAFKA_BROKERS?.join(',')} (topics ${config.KAFKA_TOPIC_PREFIX}*)` : 'in-process'}`,
    `  dashboard   ${url}/`,
    `  API docs    ${url}/docs  (OpenAPI JSON at ${url}/docs-json)`,
    `  health      ${url}/health/ready   metrics ${url}/metrics`,
    `  MQTT ingest ${mqttUrl ? `${mqttUrl}  topic grip/v1/{agentId}/telemetry` : 'off (MQTT_PORT=0, or no ingest-gateway role)'}`,
    `  Postgres    ${engines.postgres}`,
    `  ClickHouse  ${engines.clickhouse}`,
  ];
  if (isDemo(config)) {
    lines.push(
      '  demo logins (password ' + DEMO_PASSWORD + ' unless noted):',
      `    operator    ${config.GRIP_ADMIN_USER ?? 'admin'} / ${config.GRIP_ADMIN_PASSWORD ? '(GRIP_ADMIN_PASSWORD)' : 'admin'}`,
      `    providers   ${DEMO_PROVIDERS.map((p) => p.username).join(', ')}`,
      `    officials   ${DEMO_OFFICIALS.map((o) => `${o.username} (${o.regionCode})`).join(', ')}`,
      `    enterprise  ${DEMO_ENTERPRISE_USER}`,
    );
    if (!config.GRIP_ADMIN_PASSWORD) {
      lines.push(
        '  WARNING: the operator password is the demo default admin/admin. Set GRIP_ADMIN_PASSWORD outside a demo.',
      );
    }
  }
  // One write, so a reader of the log (or a test) never sees half a banner.
  logger.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('GRIP failed to start:', error);
  process.exit(1);
});
