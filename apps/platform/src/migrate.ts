import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, platformConfigSchema, type PlatformConfig } from '#grip/config';
import { startEngines } from './engines.js';

/**
 * Migrations only, then exit: what a Kubernetes Job runs before the Deployments roll out
 * (deploy/, docs/deploy.md). Neither migrator locks against a concurrent run, so one process
 * migrates and the replicas that start afterwards find nothing pending. It opens both servers
 * the way every role does (startEngines applies the Postgres and the ClickHouse migrations);
 * embedded engines belong to the one process that owns DATA_DIR, so this entry refuses them.
 */
async function migrate(): Promise<void> {
  const config = readConfig();
  const logger = new Logger('GRIP migrate');
  if (!config.DATABASE_URL || !config.CLICKHOUSE_URL) {
    console.error('migrate.js migrates servers: set DATABASE_URL and CLICKHOUSE_URL');
    process.exit(1);
  }
  const engines = await startEngines(config, resolve(config.DATA_DIR), logger, {
    postgres: true,
    clickhouse: true,
  });
  await engines.close();
  logger.log('migrations are up to date');
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

migrate().catch((error: unknown) => {
  console.error('GRIP migrations failed:', error);
  process.exit(1);
});
