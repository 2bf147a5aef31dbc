/**
 * The cluster variant of the migrations' DDL (CLICKHOUSE_CLUSTER). The .sql files are
 * written for one node and stay the single source; on a cluster the migrator rewrites each
 * statement with these rules, which are few enough to read at once:
 *
 * 1. `CREATE TABLE|MATERIALIZED VIEW|DATABASE …name`, `ALTER TABLE name`, `DROP … name` get
 *    `ON CLUSTER '<cluster>'` after the name: every node applies the DDL.
 * 2. `ENGINE = <X>MergeTree(args)` becomes `ENGINE = Replicated<X>MergeTree(
 *    '/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)` (the server
 *    expands the macros), and `non_replicated_deduplication_window` becomes
 *    `replicated_deduplication_window` (a replicated table deduplicates inserts through
 *    Keeper with that window; the token works the same).
 * 3. After each MergeTree table, a `Distributed` table `<name>_all` in front of it, sharded
 *    by `cityHash64(enterprise_id)` (`rand()` for a table without that column): one tenant's rows, and their duplicates, live on one
 *    shard, so FINAL, the per-device window functions and the rollups stay exact per shard.
 *    Materialized views stay local (raw → rollup on the same shard). Reads and inserts go
 *    through `<name>_all` (see `ClickHouse.table`); DDL names the local tables.
 * 4. `INSERT INTO x … FROM y` (a backfill) reads and writes through the Distributed tables,
 *    so every shard's rows are backfilled into their own shard.
 * Any other statement is refused, so a new kind of statement cannot silently run on one
 * node only: extend these rules (and the test that parses every rewritten statement).
 */
const NAME = String.raw`[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*`;
const CREATE_TABLE = new RegExp(String.raw`^(CREATE TABLE (?:IF NOT EXISTS )?)(${NAME})`);
const CREATE_VIEW = new RegExp(String.raw`^(CREATE MATERIALIZED VIEW (?:IF NOT EXISTS )?)(${NAME})`);
const ALTER_TABLE = new RegExp(String.raw`^(ALTER TABLE )(${NAME})`);
const DROP = new RegExp(String.raw`^(DROP (?:TABLE|VIEW) (?:IF EXISTS )?)(${NAME})`);
const CREATE_DATABASE = /^(CREATE DATABASE (?:IF NOT EXISTS )?)([a-z_][a-z0-9_]*)/;
const INSERT = new RegExp(String.raw`^INSERT INTO (${NAME})`);
const ENGINE = /ENGINE = (\w*)MergeTree(?:\(([^)]*)\))?/;
export const DISTRIBUTED_SUFFIX = '_all';
const REPLICA_PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";

export function clusterStatements(statement: string, cluster: string): string[] {
  const on = ` ON CLUSTER '${cluster}'`;
  const sql = statement.replaceAll('non_replicated_deduplication_window', 'replicated_deduplication_window');
  const m = CREATE_TABLE.exec(sql);
  if (m) {
    const engine = ENGINE.exec(sql);
    const local = sql.replace(CREATE_TABLE, `$1$2${on}`);
    if (!engine) return [local];
    const args = engine[2]?.trim() ? `${REPLICA_PATH}, ${engine[2].trim()}` : REPLICA_PATH;
    const name = m[2]!;
    const [database, table] = name.split('.') as [string, string];
    return [
      local.replace(ENGINE, `ENGINE = Replicated${engine[1]}MergeTree(${args})`),
      `CREATE TABLE IF NOT EXISTS ${name}${DISTRIBUTED_SUFFIX}${on} AS ${name}\n` +
        `ENGINE = Distributed('${cluster}', ${database}, ${table}, ${shardingKey(sql)})`,
    ];
  }
  for (const re of [CREATE_VIEW, ALTER_TABLE, DROP, CREATE_DATABASE]) {
    if (re.test(sql)) return [sql.replace(re, `$1$2${on}`)];
  }
  if (INSERT.test(sql)) {
    return [
      sql
        .replace(INSERT, `INSERT INTO $1${DISTRIBUTED_SUFFIX}`)
        .replace(new RegExp(String.raw`\bFROM (${NAME})\b`, 'g'), `FROM $1${DISTRIBUTED_SUFFIX}`),
    ];
  }
  throw new Error(`No cluster variant for this statement (clickhouse-cluster.ts): ${sql.slice(0, 80)}…`);
}

function shardingKey(createTable: string): string {
  return /\benterprise_id\b/.test(createTable) ? 'cityHash64(enterprise_id)' : 'rand()';
}
