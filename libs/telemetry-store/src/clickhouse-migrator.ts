import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { ClickHouse } from './clickhouse.client.js';
import { clusterStatements } from './clickhouse-cluster.js';

export interface ClickHouseMigration {
  readonly version: number;
  /** The file name, e.g. `0001_telemetry_raw.sql`. */
  readonly name: string;
  /** sha256 of the file's bytes: any edit of an applied file is refused. */
  readonly checksum: string;
  readonly statements: readonly string[];
}

export interface ClickHouseMigrationOptions {
  /** Where the `.sql` files are; defaults to `migrations/` beside this module (the build copies them there). */
  readonly directory?: URL;
}

/**
 * The migrator's own bookkeeping DDL. On a cluster `schema_migrations` is replicated to
 * every node of every shard (a Keeper path without `{shard}`), so any node knows what ran.
 */
export function bootstrapStatements(database: string, cluster?: string): string[] {
  const on = cluster ? ` ON CLUSTER '${cluster}'` : '';
  const engine = cluster
    ? "ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{replica}')"
    : 'MergeTree';
  return [
    `CREATE DATABASE IF NOT EXISTS ${database}${on}`,
    `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations${on} (
      version UInt32,
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ${engine} ORDER BY version`,
  ];
}

const DEFAULT_DIRECTORY = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * Brings the database up to date: creates it and `schema_migrations` when absent, then
 * applies the pending files in version order and records each one. Returns the names of
 * the files it applied (empty when already up to date).
 *
 * Applied files are immutable: a changed checksum (or an applied file that is gone) stops
 * the run before anything is applied — fix forward with a new file instead. ClickHouse has
 * no transactional DDL, so a file is recorded only after all its statements succeeded;
 * write statements that can run twice (`IF NOT EXISTS`) so a half-applied file can be
 * retried. Runs are not locked against each other: one process migrates at a time
 * (on chDB there is only one process anyway).
 */
export async function runClickHouseMigrations(
  ch: ClickHouse,
  options: ClickHouseMigrationOptions = {},
): Promise<string[]> {
  const migrations = await loadClickHouseMigrations(
    options.directory ?? DEFAULT_DIRECTORY,
    ch.database,
    ch.cluster,
  );
  const table = ch.localTable('schema_migrations');
  for (const query of bootstrapStatements(ch.database, ch.cluster)) await ch.client.command({ query });

  const result = await ch.client.query({
    query: `SELECT version, name, checksum FROM ${table} ORDER BY version`,
    format: 'JSONEachRow',
  });
  const applied = await result.json<{ version: number; name: string; checksum: string }>();
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const file = byVersion.get(Number(row.version));
    if (!file) {
      throw new Error(
        `ClickHouse migration ${row.name} was applied but its file is missing: is this build older?`,
      );
    }
    if (file.checksum !== row.checksum || file.name !== row.name) {
      throw new Error(
        `ClickHouse migration ${file.name} changed after it was applied as ${row.name} ` +
          `(checksum ${row.checksum.slice(0, 12)}… now ${file.checksum.slice(0, 12)}…): add a new migration instead`,
      );
    }
  }

  const done = new Set(applied.map((row) => Number(row.version)));
  const names: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements) {
      try {
        await ch.client.command({ query: statement });
      } catch (error) {
        throw new Error(`ClickHouse migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    await ch.client.insert({
      table,
      values: [{ version: migration.version, name: migration.name, checksum: migration.checksum }],
      format: 'JSONEachRow',
      columns: ['version', 'name', 'checksum'],
    });
    names.push(migration.name);
  }
  return names;
}

/**
 * Reads and parses the migration files, in version order; with a cluster name, each
 * statement is rewritten into its cluster variant (clickhouse-cluster.ts). The checksum is
 * the file's either way.
 */
export async function loadClickHouseMigrations(
  directory: URL,
  database: string,
  cluster?: string,
): Promise<ClickHouseMigration[]> {
  const files = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: ClickHouseMigration[] = [];
  for (const name of files) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new Error(`ClickHouse migration file name ${name} must look like 0001_some_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new Error(`Two ClickHouse migrations have version ${match[1]}`);
    }
    const bytes = await readFile(new URL(name, directory));
    const checksum = createHash('sha256').update(bytes).digest('hex');
    const single = splitStatements(bytes.toString('utf8')).map((s) => s.replaceAll('{database}', database));
    const statements = cluster ? single.flatMap((s) => clusterStatements(s, cluster)) : single;
    if (statements.length === 0) throw new Error(`ClickHouse migration ${name} has no statements`);
    migrations.push({ version, name, checksum, statements });
  }
  return migrations;
}

/**
 * Whole-line `--` comments are dropped first (they may contain `;`), then statements are
 * split at a `;` that ends a line. So a `;` inside a string literal is fine unless it is
 * the last character on its line.
 */
export function splitStatements(sql: string): string[] {
  const code = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return code
    .split(/;[ \t]*\r?$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
