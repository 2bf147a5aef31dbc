import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bootstrapStatements,
  ClickHouse,
  clusterStatements,
  createClickHouse,
  loadClickHouseMigrations,
} from '#grip/telemetry-store';

const MIGRATIONS = new URL('../../libs/telemetry-store/src/migrations/', import.meta.url);
const CLUSTER = 'grip_cluster';

let dataPath: string;
let ch: ClickHouse;

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-telemetry-cluster-'));
  ch = createClickHouse({ database: 'cluster_check', dataPath });
});

afterAll(async () => {
  await ch?.close();
  await rm(dataPath, { recursive: true, force: true });
});

/** The engine's own parser and formatter: throws on a syntax error, executes nothing. */
async function format(statement: string): Promise<string> {
  const result = await ch.client.query({
    query: 'SELECT formatQuery({q:String}) AS f',
    query_params: { q: statement },
    format: 'JSONEachRow',
  });
  return (await result.json<{ f: string }>())[0]!.f;
}

describe('cluster DDL (CLICKHOUSE_CLUSTER)', () => {
  it('rewrites every statement of every migration into one the engine parses', async () => {
    const single = await loadClickHouseMigrations(MIGRATIONS, 'grip');
    const clustered = await loadClickHouseMigrations(MIGRATIONS, 'grip', CLUSTER);
    expect(clustered.map((m) => m.checksum)).toEqual(single.map((m) => m.checksum));

    const statements = [...bootstrapStatements('grip', CLUSTER), ...clustered.flatMap((m) => m.statements)];
    const formatted: string[] = [];
    for (const statement of statements) formatted.push(await format(statement));
    expect(formatted.length).toBeGreaterThan(single.flatMap((m) => m.statements).length);

    for (const f of formatted) {
      if (f.startsWith('INSERT')) {
        // Backfills read and write through the Distributed tables.
        expect(f).toMatch(/^INSERT INTO grip\.\w+_all\b[\s\S]*FROM grip\.telemetry_raw_all\b/);
      } else {
        expect(f).toContain(`ON CLUSTER ${CLUSTER}`);
      }
      expect(f).not.toMatch(/ENGINE = (Replacing|Aggregating)?MergeTree/);
      expect(f).not.toContain('non_replicated_deduplication_window');
    }
    const local = formatted.filter((f) =>
      /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}/.test(f),
    );
    const distributed = formatted.filter((f) => f.includes('ENGINE = Distributed'));
    // telemetry_raw, the five rollups, the dead letters, the two indicator tables and the
    // retrofit assessments, each with its Distributed table.
    expect(local).toHaveLength(10);
    expect(distributed.map((f) => /^CREATE TABLE IF NOT EXISTS grip\.(\w+)/.exec(f)![1]).sort()).toEqual([
      'enterprise_1d_all',
      'enterprise_1h_all',
      'indicator_sets_all',
      'indicator_values_all',
      'retrofit_assessments_all',
      'telemetry_15m_all',
      'telemetry_1d_all',
      'telemetry_1h_all',
      'telemetry_dead_letters_all',
      'telemetry_raw_all',
    ]);
    expect(formatted.join('\n')).toContain(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ingested_at)",
    );
    expect(distributed.join('\n')).toContain(
      `ENGINE = Distributed('${CLUSTER}', grip, telemetry_raw, cityHash64(enterprise_id))`,
    );
  });

  it('has a parser that refuses a misplaced ON CLUSTER (what a wrong rewrite would produce)', async () => {
    await expect(
      format(`CREATE TABLE grip.x (a UInt8) ENGINE = MergeTree ORDER BY a ON CLUSTER '${CLUSTER}'`),
    ).rejects.toThrow(/Syntax error/);
  });

  it('leaves the single-node statements as written', async () => {
    const [first] = await loadClickHouseMigrations(MIGRATIONS, 'grip');
    expect(first!.statements).toHaveLength(1);
    expect(first!.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS grip\.telemetry_raw\n/);
    expect(first!.statements[0]).toContain('ENGINE = ReplacingMergeTree(ingested_at)');
    expect(bootstrapStatements('grip')[1]).toContain('ENGINE = MergeTree ORDER BY version');
  });

  it('refuses statements it has no rule for, and a cluster on chDB', () => {
    expect(() => clusterStatements('SELECT 1', CLUSTER)).toThrow(/No cluster variant/);
    expect(() => createClickHouse({ database: 'x', dataPath, cluster: CLUSTER })).toThrow(/server URL/);
  });

  it('names the Distributed tables for reads and inserts, the local ones for DDL', () => {
    const clustered = new ClickHouse({
      client: ch.client,
      database: 'grip',
      engine: 'server',
      cluster: CLUSTER,
    });
    expect(clustered.table('telemetry_raw')).toBe('grip.telemetry_raw_all');
    expect(clustered.localTable('telemetry_raw')).toBe('grip.telemetry_raw');
    expect(ch.table('telemetry_raw')).toBe('cluster_check.telemetry_raw');
    expect(
      () => new ClickHouse({ client: ch.client, database: 'grip', engine: 'server', cluster: "a'b" }),
    ).toThrow();
  });
});
