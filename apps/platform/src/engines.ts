import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { PlatformConfig } from '#grip/config';
import { createRegistryDataSource, startEmbeddedPostgres } from '#grip/registry';
import { ClickHouse, createClickHouse, runClickHouseMigrations } from '#grip/telemetry-store';

export interface Engines {
  readonly clickhouse: ClickHouse;
  readonly dataSource: DataSource;
  /** Human-readable, for the start-up log. */
  readonly description: { postgres: string; clickhouse: string };
  close(): Promise<void>;
}

/**
 * Opens the stores and brings their schemas up to date: embedded engines by default
 * (PGlite served from a child process, chDB in-process, both under DATA_DIR), servers when
 * DATABASE_URL / CLICKHOUSE_URL are set. The same migrations run on both.
 */
export async function startEngines(
  config: PlatformConfig,
  dataDir: string,
  logger: Logger,
): Promise<Engines> {
  const embeddedPostgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres') });
  const closers: (() => Promise<void>)[] = [];
  try {
    if (embeddedPostgres) closers.push(() => embeddedPostgres.stop());
    const dataSource = createRegistryDataSource({ url: config.DATABASE_URL ?? embeddedPostgres!.url });
    await dataSource.initialize();
    closers.unshift(() => dataSource.destroy());
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`Postgres migrations applied: ${applied.map((m) => m.name).join(', ')}`);

    const clickhouse = createClickHouse({
      url: config.CLICKHOUSE_URL,
      username: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      database: config.CLICKHOUSE_DATABASE,
      dataPath: join(dataDir, 'clickhouse'),
      ...(config.CLICKHOUSE_CLUSTER ? { cluster: config.CLICKHOUSE_CLUSTER } : {}),
    });
    closers.unshift(() => clickhouse.close());
    const chApplied = await runClickHouseMigrations(clickhouse);
    if (chApplied.length) logger.log(`ClickHouse migrations applied: ${chApplied.join(', ')}`);

    return {
      clickhouse,
      dataSource,
      description: {
        postgres: config.DATABASE_URL
          ? 'PostgreSQL server (DATABASE_URL)'
          : `PGlite (embedded) in ${join(dataDir, 'postgres')}`,
        clickhouse: config.CLICKHOUSE_URL
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
