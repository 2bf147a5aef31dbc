import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { PlatformConfig } from '#grip/config';
import { createRegistryDataSource, startEmbeddedPostgres } from '#grip/registry';
import { ClickHouse, createClickHouse, runClickHouseMigrations } from '#grip/telemetry-store';

export interface Engines {
  /** Absent when no role of this process reads or writes telemetry. */
  readonly clickhouse: ClickHouse | undefined;
  /** Absent when no role of this process uses the registry. */
  readonly dataSource: DataSource | undefined;
  /** Human-readable, for the start-up log. */
  readonly description: { postgres: string; clickhouse: string };
  close(): Promise<void>;
}

type Closers = (() => Promise<void>)[];

/**
 * Opens the stores this process's roles need and brings their schemas up to date: embedded
 * engines by default (PGlite served from a child process, chDB in-process, both under
 * DATA_DIR), servers when DATABASE_URL / CLICKHOUSE_URL are set. The same migrations run on both.
 */
export async function startEngines(
  config: PlatformConfig,
  dataDir: string,
  logger: Logger,
  needs: { readonly postgres: boolean; readonly clickhouse: boolean },
): Promise<Engines> {
  const closers: Closers = []; // run in order at close: last opened first
  try {
    const dataSource = needs.postgres ? await openRegistry(config, dataDir, logger, closers) : undefined;
    const clickhouse = needs.clickhouse ? await openClickHouse(config, dataDir, logger, closers) : undefined;
    return {
      clickhouse,
      dataSource,
      description: {
        postgres: !dataSource
          ? 'not used by these roles'
          : config.DATABASE_URL
            ? 'PostgreSQL server (DATABASE_URL)'
            : `PGlite (embedded) in ${join(dataDir, 'postgres')}`,
        clickhouse: !clickhouse
          ? 'not used by these roles'
          : config.CLICKHOUSE_URL
            ? `ClickHouse server ${new URL(config.CLICKHOUSE_URL).host}`
            : `chDB (embedded) in ${join(dataDir, 'clickhouse')}`,
      },
      close: async () => {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

async function openRegistry(
  config: PlatformConfig,
  dataDir: string,
  logger: Logger,
  closers: Closers,
): Promise<DataSource> {
  const embeddedPostgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres') });
  if (embeddedPostgres) closers.unshift(() => embeddedPostgres.stop());
  const dataSource = createRegistryDataSource({ url: config.DATABASE_URL ?? embeddedPostgres!.url });
  await dataSource.initialize();
  closers.unshift(() => dataSource.destroy());
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.log(`Postgres migrations applied: ${applied.map((m) => m.name).join(', ')}`);
  return dataSource;
}

async function openClickHouse(
  config: PlatformConfig,
  dataDir: string,
  logger: Logger,
  closers: Closers,
): Promise<ClickHouse> {
  const clickhouse = createClickHouse({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database: config.CLICKHOUSE_DATABASE,
    dataPath: join(dataDir, 'clickhouse'),
    ...(config.CLICKHOUSE_CLUSTER ? { cluster: config.CLICKHOUSE_CLUSTER } : {}),
  });
  closers.unshift(() => clickhouse.close());
  const applied = await runClickHouseMigrations(clickhouse);
  if (applied.length) logger.log(`ClickHouse migrations applied: ${applied.join(', ')}`);
  return clickhouse;
}
