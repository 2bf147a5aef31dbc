import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClickHouse,
  createClickHouse,
  encodeTelemetryTsv,
  runClickHouseMigrations,
  TelemetryWriter,
  type TelemetryRow,
} from '#grip/telemetry-store';

// One chDB path for the file; each case writes its own enterprise so counts do not mix.
let dataPath: string;
let base: ClickHouse;

const KWH = 'electricity.active_energy';
const D1 = 'de000000-0000-4000-8000-000000000001';
const D2 = 'de000000-0000-4000-8000-000000000002';
const enterprise = (n: number) => `0e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The same store seen through the writer's server path (client.insert) instead of rawInsert. */
function serverView(): ClickHouse {
  return new ClickHouse({ client: base.client, database: base.database, engine: 'server' });
}

function batch(enterpriseId: string, start: number, n = 6): TelemetryRow[] {
  const t0 = Date.parse('2024-05-01T10:00:00Z');
  return Array.from({ length: n }, (_, i) => ({
    enterpriseId,
    deviceId: i % 2 === 0 ? D1 : D2,
    metric: KWH,
    ts: t0 + (start + i) * 60_000,
    value: 100 + start + i,
  }));
}

/** Rows on disk (no FINAL): what insert deduplication, not the merge, decided to keep. */
async function rawRows(enterpriseId: string): Promise<number> {
  const result = await base.client.query({
    query: `SELECT count() AS n FROM ${base.table('telemetry_raw')} WHERE enterprise_id = {e:UUID}`,
    query_params: { e: enterpriseId },
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string }>())[0]!.n);
}

const ROLLUPS = ['telemetry_15m', 'telemetry_1h', 'telemetry_1d', 'enterprise_1h', 'enterprise_1d'];

/** State rows on disk per rollup table (no merge): a replay the views did not drop adds rows. */
async function rollupRows(enterpriseId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of ROLLUPS) {
    const result = await base.client.query({
      query: `SELECT count() AS n FROM ${base.table(name)} WHERE enterprise_id = {e:UUID}`,
      query_params: { e: enterpriseId },
      format: 'JSONEachRow',
    });
    out[name] = Number((await result.json<{ n: string }>())[0]!.n);
  }
  return out;
}

/** Merged rollup figures: readings (distinct minutes) and last reading per device, devices reporting. */
async function rollupFigures(enterpriseId: string) {
  const readings = await base.client.query({
    query: `SELECT toUInt32(sum(bitCount(mask))) AS n FROM (
              SELECT groupBitOr(minutes) AS mask FROM ${base.table('telemetry_1h')}
              WHERE enterprise_id = {e:UUID} GROUP BY device_id, metric, bucket)`,
    query_params: { e: enterpriseId },
    format: 'JSONEachRow',
  });
  const last = await base.client.query({
    query: `SELECT tupleElement(max(last), 2) AS last FROM ${base.table('telemetry_1h')} WHERE enterprise_id = {e:UUID}`,
    query_params: { e: enterpriseId },
    format: 'JSONEachRow',
  });
  const ent = await base.client.query({
    query: `SELECT toUInt32(uniqExactMerge(devices)) AS devices
            FROM ${base.table('enterprise_1d')} WHERE enterprise_id = {e:UUID}`,
    query_params: { e: enterpriseId },
    format: 'JSONEachRow',
  });
  return {
    device: { ...(await readings.json<object>())[0], ...(await last.json<object>())[0] },
    enterprise: (await ent.json())[0],
  };
}

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-telemetry-dedup-'));
  base = createClickHouse({ database: 'dedup', dataPath });
  await runClickHouseMigrations(base);
});

afterAll(async () => {
  await base?.close();
  await rm(dataPath, { recursive: true, force: true });
});

describe.each([
  ['chDB rawInsert', () => base],
  ['server path (client.insert)', serverView],
])('insert deduplication tokens, %s', (_name, target) => {
  const offset = _name.startsWith('chDB') ? 0 : 100;

  it('stores a batch inserted twice with the same token once', async () => {
    const e = enterprise(offset + 1);
    const writer = new TelemetryWriter(target());
    await writer.insert(batch(e, 0), { dedupToken: `t-${offset}-1` });
    const once = await rollupRows(e);
    expect(Object.values(once).every((n) => n > 0)).toBe(true);
    await writer.insert(batch(e, 0), { dedupToken: `t-${offset}-1` });
    expect(await rawRows(e)).toBe(6);
    expect(await rollupRows(e)).toEqual(once);
  });

  it('stores the same data again under a different token (the merge removes it later)', async () => {
    const e = enterprise(offset + 2);
    const writer = new TelemetryWriter(target());
    await writer.insert(batch(e, 0), { dedupToken: `t-${offset}-2a` });
    const once = await rollupRows(e);
    const figures = await rollupFigures(e);
    expect(figures).toEqual({ device: { n: 6, last: 105 }, enterprise: { devices: 2 } });
    await writer.insert(batch(e, 0), { dedupToken: `t-${offset}-2b` });
    expect(await rawRows(e)).toBe(12);
    // The views saw the rows again (more state rows) but their states are idempotent.
    expect((await rollupRows(e)).telemetry_1h).toBe(2 * once.telemetry_1h!);
    expect(await rollupFigures(e)).toEqual(figures);
  });

  it('does not carry a token into a later insert without one', async () => {
    const e = enterprise(offset + 3);
    const writer = new TelemetryWriter(target());
    await writer.insert(batch(e, 0), { dedupToken: `t-${offset}-3` });
    // If the token had leaked into the session, this different batch would be dropped as a replay.
    await writer.insert(batch(e, 10));
    await writer.insert(batch(e, 20));
    expect(await rawRows(e)).toBe(18);
    const result = await base.client.query({
      query: "SELECT value FROM system.settings WHERE name = 'insert_deduplication_token'",
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ value: '' }]);
  });

  it('gives each chunk of a large batch its own token, so a replay drops every chunk', async () => {
    const e = enterprise(offset + 4);
    const writer = new TelemetryWriter(target(), { maxRowsPerInsert: 4 });
    await writer.insert(batch(e, 0, 10), { dedupToken: `t-${offset}-4` });
    const once = await rollupRows(e);
    await writer.insert(batch(e, 0, 10), { dedupToken: `t-${offset}-4` });
    expect(await rawRows(e)).toBe(10);
    expect(await rollupRows(e)).toEqual(once);
  });

  it('inserts pre-encoded TabSeparated bytes, deduplicated by token', async () => {
    const e = enterprise(offset + 5);
    const writer = new TelemetryWriter(target());
    const bytes = encodeTelemetryTsv(batch(e, 0));
    await writer.insertTabSeparated(bytes, { dedupToken: `t-${offset}-5` });
    await writer.insertTabSeparated(bytes, { dedupToken: `t-${offset}-5` });
    await writer.insertTabSeparated(encodeTelemetryTsv(batch(e, 10)));
    expect(await rawRows(e)).toBe(12);
    await expect(writer.insertTabSeparated(Buffer.from('not\ta\trow\n'))).rejects.toThrow();
  });

  it('refuses a token that is not a plain identifier (it is spliced into SQL)', async () => {
    const writer = new TelemetryWriter(target());
    for (const token of ["x' , insert_deduplicate = 0 --", '', 'a b', 'ü']) {
      await expect(writer.insert(batch(enterprise(999), 0), { dedupToken: token })).rejects.toThrow(
        /invalid dedupToken/,
      );
    }
    expect(await rawRows(enterprise(999))).toBe(0);
  });
});
