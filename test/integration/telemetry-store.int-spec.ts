import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClickHouse,
  createClickHouse,
  runClickHouseMigrations,
  TelemetryQueries,
  TelemetryWriter,
  type TelemetryRow,
} from '#grip/telemetry-store';

// One chDB path for the whole file (one per process); cases are isolated by database.
let dataPath: string;
let base: ClickHouse;

const E1 = '0e000000-0000-4000-8000-000000000001';
const E2 = '0e000000-0000-4000-8000-000000000002';
const D1 = 'de000000-0000-4000-8000-000000000001';
const D2 = 'de000000-0000-4000-8000-000000000002';
const D3 = 'de000000-0000-4000-8000-000000000003';
const KWH = 'electricity.active_energy';
const MIGRATIONS = new URL('../../libs/telemetry-store/src/migrations/', import.meta.url);

/** A wrapper on the shared chDB session addressing another database. */
function inDatabase(database: string, engine: 'chdb' | 'server' = 'chdb'): ClickHouse {
  return new ClickHouse({
    client: base.client,
    database,
    engine,
    // Without the chDB extension the writer takes the server path (JSONEachRow via client.insert).
    ...(engine === 'chdb' && base.chdb ? { chdb: base.chdb } : {}),
  });
}

async function migrated(database: string): Promise<ClickHouse> {
  const ch = inDatabase(database);
  await runClickHouseMigrations(ch);
  return ch;
}

const at = (iso: string) => Date.parse(iso);
const row = (
  enterpriseId: string,
  deviceId: string,
  iso: string,
  value: number,
  metric = KWH,
): TelemetryRow => ({
  enterpriseId,
  deviceId,
  metric,
  ts: at(iso),
  value,
});

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-telemetry-store-'));
  base = createClickHouse({ database: 'grip_test', dataPath: join(dataPath, 'clickhouse') });
});

afterAll(async () => {
  await base?.close();
  await rm(dataPath, { recursive: true, force: true });
});

describe('ClickHouse migrations', () => {
  it('creates the database and applies each file once', async () => {
    const ch = inDatabase('mig_once');
    expect(await runClickHouseMigrations(ch)).toEqual([
      '0001_telemetry_raw.sql',
      '0010_indicator_values.sql',
    ]);
    expect(await runClickHouseMigrations(ch)).toEqual([]);
    await expect(ch.ping()).resolves.toBeUndefined();
    const result = await ch.client.query({
      query: 'SELECT engine FROM system.tables WHERE database = {db:String} AND name = {name:String}',
      query_params: { db: 'mig_once', name: 'telemetry_raw' },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ engine: 'ReplacingMergeTree' }]);
  });

  it('applies only new files, and refuses to run when an applied file was edited', async () => {
    const dir = join(dataPath, 'migrations-copy');
    await cp(MIGRATIONS, dir, { recursive: true });
    const directory = pathToFileURL(`${dir}/`);
    const ch = inDatabase('mig_tamper');
    expect(await runClickHouseMigrations(ch, { directory })).toEqual([
      '0001_telemetry_raw.sql',
      '0010_indicator_values.sql',
    ]);

    await writeFile(
      join(dir, '0002_extra.sql'),
      '-- two statements; a comment with a semicolon;\nCREATE TABLE IF NOT EXISTS {database}.a (x UInt8) ENGINE = Memory;\n' +
        'CREATE TABLE IF NOT EXISTS {database}.b (x UInt8) ENGINE = Memory\n;\n',
    );
    expect(await runClickHouseMigrations(ch, { directory })).toEqual(['0002_extra.sql']);

    await appendFile(join(dir, '0001_telemetry_raw.sql'), '\n-- edited after it was applied\n');
    await expect(runClickHouseMigrations(ch, { directory })).rejects.toThrow(
      /0001_telemetry_raw\.sql changed/,
    );
  });
});

describe('TelemetryWriter and TelemetryQueries', () => {
  let ch: ClickHouse;
  beforeAll(async () => {
    ch = await migrated('writer');
  });

  it('stores points with millisecond timestamps and exact values, and counts a repeated batch once', async () => {
    const writer = new TelemetryWriter(ch);
    const queries = new TelemetryQueries(ch);
    const batch = [
      row(E1, D1, '2024-03-10T00:00:00.007Z', 1.5),
      row(E1, D1, '2024-03-10T00:00:01.070Z', 1e21),
      row(E1, D1, '2024-03-10T00:00:01.700Z', 1.5e-7, 'ambient.temperature'),
      row(E1, D2, '2023-12-31T23:59:59.999Z', -0.25),
    ];
    await writer.insert(batch);
    await writer.insert(batch);
    expect(await queries.countPoints({ enterpriseId: E1 })).toBe(4);
    expect(await queries.countPoints({ enterpriseId: E1, deviceId: D1 })).toBe(3);
    expect(await queries.countPoints({ enterpriseId: E1, deviceId: D1, metric: KWH })).toBe(2);
    expect(await queries.countPoints({ enterpriseId: E2 })).toBe(0);
    expect(await queries.latestReading({ enterpriseId: E1, metric: KWH })).toEqual({
      deviceId: D1,
      metric: KWH,
      ts: at('2024-03-10T00:00:01.070Z'),
      value: 1e21,
    });
    expect(await queries.latestReading({ enterpriseId: E1, deviceId: D2 })).toEqual({
      deviceId: D2,
      metric: KWH,
      ts: at('2023-12-31T23:59:59.999Z'),
      value: -0.25,
    });
    expect(await queries.latestReading({ enterpriseId: E2 })).toBeNull();
  });

  it('writes the same points through the server path (JSONEachRow), also deduplicated', async () => {
    const json = new TelemetryWriter(inDatabase('writer', 'server'));
    const queries = new TelemetryQueries(ch);
    const batch = [row(E2, D1, '2024-03-10T00:00:00.123Z', 7), row(E2, D1, '2024-03-10T00:00:00.456Z', 8)];
    await json.insert(batch);
    await new TelemetryWriter(ch).insert(batch);
    expect(await queries.countPoints({ enterpriseId: E2 })).toBe(2);
    expect(await queries.latestReading({ enterpriseId: E2 })).toMatchObject({
      ts: at('2024-03-10T00:00:00.456Z'),
      value: 8,
    });
  });

  it('splits a large batch into several inserts', async () => {
    const writer = new TelemetryWriter(ch, { maxRowsPerInsert: 3 });
    const t0 = at('2024-04-01T00:00:00Z');
    const rows = Array.from({ length: 10 }, (_, i) => ({
      enterpriseId: E1,
      deviceId: D3,
      metric: KWH,
      ts: t0 + i,
      value: i,
    }));
    await writer.insert(rows);
    expect(await new TelemetryQueries(ch).countPoints({ enterpriseId: E1, deviceId: D3 })).toBe(10);
  });

  it('rejects rows ClickHouse cannot parse, and rows that are not finite, on both paths', async () => {
    for (const target of [ch, inDatabase('writer', 'server')]) {
      const writer = new TelemetryWriter(target);
      await expect(writer.insert([row(E1, 'not-a-uuid', '2024-03-10T00:00:00Z', 1)])).rejects.toThrow(/UUID/);
      // A tab in an id is escaped, so it cannot shift the columns: the id just fails to parse.
      await expect(writer.insert([row(E1, `${D1}\t${D2}`, '2024-03-10T00:00:00Z', 1)])).rejects.toThrow(
        /UUID|Cannot parse/,
      );
      await expect(writer.insert([row(E1, D1, '2024-03-10T00:00:00Z', Number.NaN)])).rejects.toThrow(
        /finite/,
      );
      await expect(
        writer.insert([{ ...row(E1, D1, '2024-03-10T00:00:00Z', 1), ts: Number.NaN }]),
      ).rejects.toThrow(/epoch milliseconds/);
    }
  });

  it('rejects an insert into a table that is gone', async () => {
    const doomed = await migrated('doomed');
    await doomed.client.command({ query: 'DROP TABLE doomed.telemetry_raw' });
    const rows = [row(E1, D1, '2024-03-10T00:00:00Z', 1)];
    await expect(new TelemetryWriter(doomed).insert(rows)).rejects.toThrow(/telemetry_raw/);
    await expect(new TelemetryWriter(inDatabase('doomed', 'server')).insert(rows)).rejects.toThrow(
      /telemetry_raw/,
    );
  });
});
