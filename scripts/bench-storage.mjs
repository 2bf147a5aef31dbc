// Storage benchmark (docs/benchmarks.md, "Storage"): bytes on disk per point of realistic
// meter data under different codecs for telemetry_raw.value.
//
// Generates, deterministically, D days of 1-minute readings for:
//   - M electricity meters: cumulative kWh counters with 3 decimals, growing by a load
//     profile (day/night, ± 30 % noise), one meter in 50 resets once;
//   - M/4 power gauges (kW, 2 decimals) and M/10 temperature gauges (°C, 1 decimal);
//   - M/4 machines: equipment.state (0–4), holding each state for minutes to hours;
// inserts them once into a source table (TabSeparated through chDB's rawInsert), then for
// each codec copies them into a table identical to telemetry_raw except for the codec on
// `value` (INSERT … SELECT), merges it (OPTIMIZE … FINAL) and prints bytes on disk per point
// (all columns, from system.parts) and the bytes of the `value` column alone.
//
// Then it applies the real migrations (libs/telemetry-store/src/migrations) to a database,
// inserts the same points (so the materialized views fill the rollups), merges every table
// and prints bytes on disk per stored point for telemetry_raw and each rollup table.
//
// Usage: node scripts/bench-storage.mjs [--meters 300] [--days 3]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { prng } from './bench/prng.mjs';

const { values: args } = parseArgs({
  options: { meters: { type: 'string', default: '300' }, days: { type: 'string', default: '3' } },
});
const METERS = Number(args.meters);
const DAYS = Number(args.days);
const MINUTES = DAYS * 1440;
const T0 = Date.UTC(2024, 2, 1);

/** The value codecs compared; the first is 0001_telemetry_raw.sql's. */
const CODECS = [
  'Gorilla, ZSTD',
  'ZSTD',
  'Delta, ZSTD',
  'DoubleDelta, ZSTD',
  'FPC, ZSTD',
  'Delta, ZSTD(3)',
  'Delta, LZ4',
  'Gorilla, LZ4',
];
/** Codecs of the other columns: the default (LZ4) as in 0001, and 0005's. */
const OTHER = {
  '0001': { ids: '', ingested: '' },
  '0005': { ids: ' CODEC(ZSTD)', ingested: ' CODEC(Delta, ZSTD)' },
};
/** Rows printed: each value codec with 0001's other columns, then the migration's choice. */
const VARIANTS = [
  ...CODECS.map((codec) => ({ codec, other: '0001', label: codec })),
  { codec: 'Delta, ZSTD', other: '0005', label: 'Delta, ZSTD + ZSTD on ids and ingested_at (0005)' },
];

const uuid = (kind, n) => `${kind}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ts = (minute) => new Date(T0 + minute * 60_000).toISOString().replace('T', ' ').slice(0, 23);

/** One series at a time, as TabSeparated text in TELEMETRY_COLUMNS order. */
function* series() {
  const enterprise = (i) => uuid('0e', 1 + (i % 20));
  for (let m = 0; m < METERS; m++) {
    const rand = prng(1000 + m);
    const mean = 5 + rand() * 200; // kW
    let kwh = Math.round(rand() * 1e6) / 1;
    const resetAt = m % 50 === 7 ? Math.floor(MINUTES / 2) : -1;
    let text = '';
    for (let t = 0; t < MINUTES; t++) {
      const hour = ((t / 60 + 8) | 0) % 24; // Shanghai local hour
      const shift = hour >= 8 && hour < 20 ? 1 : 0.3;
      kwh += (mean * shift * (0.7 + rand() * 0.6)) / 60;
      if (t === resetAt) kwh = 0;
      text += `${enterprise(m)}\t${uuid('de', m)}\telectricity.active_energy\t${ts(t)}\t${kwh.toFixed(3)}\n`;
    }
    yield text;
  }
  for (let g = 0; g < Math.ceil(METERS / 4); g++) {
    const rand = prng(5000 + g);
    const mean = 5 + rand() * 200;
    let text = '';
    for (let t = 0; t < MINUTES; t++) {
      const kw = mean * (0.7 + rand() * 0.6);
      text += `${enterprise(g)}\t${uuid('de', g)}\telectricity.active_power\t${ts(t)}\t${kw.toFixed(2)}\n`;
    }
    yield text;
  }
  for (let g = 0; g < Math.ceil(METERS / 10); g++) {
    const rand = prng(7000 + g);
    let temp = 15 + rand() * 10;
    let text = '';
    for (let t = 0; t < MINUTES; t++) {
      temp += (rand() - 0.5) * 0.2;
      text += `${enterprise(g)}\t${uuid('ac', g)}\tambient.temperature\t${ts(t)}\t${temp.toFixed(1)}\n`;
    }
    yield text;
  }
  for (let k = 0; k < Math.ceil(METERS / 4); k++) {
    const rand = prng(9000 + k);
    let state = 2;
    let hold = 0;
    let text = '';
    for (let t = 0; t < MINUTES; t++) {
      if (hold-- <= 0) {
        const r = rand();
        state = r < 0.6 ? 2 : r < 0.8 ? 1 : r < 0.9 ? 4 : r < 0.97 ? 0 : 3;
        hold = Math.floor(5 + rand() * 120);
      }
      text += `${enterprise(k)}\t${uuid('ee', k)}\tequipment.state\t${ts(t)}\t${state}\n`;
    }
    yield text;
  }
}

const tableSql = (name, codec, other = OTHER['0001']) => `
CREATE TABLE bench.${name}
(
    enterprise_id UUID${other.ids},
    device_id     UUID${other.ids},
    metric        LowCardinality(String),
    ts            DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD),
    value         Float64 CODEC(${codec}),
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)${other.ingested}
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (enterprise_id, device_id, metric, ts)`;

const MIGRATIONS = new URL('../libs/telemetry-store/src/migrations/', import.meta.url);

/** The migrator's split (clickhouse-migrator.ts): drop `--` lines, split at a `;` ending a line. */
function migrationStatements(database) {
  return readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(new URL(f, MIGRATIONS), 'utf8')
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n')
        .split(/;[ \t]*\r?$/m)
        .map((st) => st.trim())
        .filter((st) => st.length > 0)
        .map((st) => st.replaceAll('{database}', database)),
    );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grip-bench-storage-'));
  const connection = createChdbConnection({ path: dir });
  const client = createClient({ connection });
  const one = async (query, params = {}) =>
    (await (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json())[0];
  try {
    await client.command({ query: 'CREATE DATABASE bench' });
    await client.command({ query: tableSql('source', 'Gorilla, ZSTD') });
    let rows = 0;
    let text = '';
    const flush = async () => {
      if (text === '') return;
      await connection.chdb.rawInsert({
        table: 'bench.source',
        columns: ['enterprise_id', 'device_id', 'metric', 'ts', 'value'],
        format: 'TabSeparated',
        values: Buffer.from(text),
      });
      text = '';
    };
    for (const s of series()) {
      text += s;
      rows += MINUTES;
      if (text.length > 20_000_000) await flush();
    }
    await flush();
    console.log(
      `${rows.toLocaleString('en')} points: ${METERS} kWh counters, ${Math.ceil(METERS / 4)} kW gauges, ` +
        `${Math.ceil(METERS / 10)} temperatures, ${Math.ceil(METERS / 4)} machine states; ${DAYS} days at 1 minute`,
    );
    console.log('| value codec | bytes/point, all columns | `value` bytes/point | `ts` bytes/point |');
    console.log('| --- | --- | --- | --- |');
    for (const [i, { codec, other, label }] of VARIANTS.entries()) {
      const name = `t${i}`;
      await client.command({ query: tableSql(name, codec, OTHER[other]) });
      await client.command({ query: `INSERT INTO bench.${name} SELECT * FROM bench.source` });
      await client.command({ query: `OPTIMIZE TABLE bench.${name} FINAL` });
      const parts = await one(
        `SELECT sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
         WHERE database = 'bench' AND table = {t:String} AND active`,
        { t: name },
      );
      const cols = await one(
        `SELECT sumIf(data_compressed_bytes, name = 'value') AS value, sumIf(data_compressed_bytes, name = 'ts') AS ts
         FROM system.columns WHERE database = 'bench' AND table = {t:String}`,
        { t: name },
      );
      const per = (b) => (Number(b) / Number(parts.rows)).toFixed(2);
      console.log(`| ${label} | ${per(parts.bytes)} | ${per(cols.value)} | ${per(cols.ts)} |`);
      await client.command({ query: `DROP TABLE bench.${name} SYNC` });
    }

    // The schema as migrated, rollups included.
    await client.command({ query: 'CREATE DATABASE grip' });
    for (const query of migrationStatements('grip')) await client.command({ query });
    await client.command({
      query: `INSERT INTO grip.telemetry_raw (enterprise_id, device_id, metric, ts, value)
              SELECT enterprise_id, device_id, metric, ts, value FROM bench.source`,
    });
    console.log('');
    console.log('| table (migrated schema) | rows | bytes on disk | bytes/point |');
    console.log('| --- | --- | --- | --- |');
    let total = 0;
    for (const t of [
      'telemetry_raw',
      'telemetry_15m',
      'telemetry_1h',
      'telemetry_1d',
      'enterprise_1h',
      'enterprise_1d',
    ]) {
      await client.command({ query: `OPTIMIZE TABLE grip.${t} FINAL` });
      const p = await one(
        `SELECT sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
         WHERE database = 'grip' AND table = {t:String} AND active`,
        { t },
      );
      total += Number(p.bytes);
      console.log(
        `| ${t} | ${Number(p.rows).toLocaleString('en')} | ${Number(p.bytes).toLocaleString('en')} | ${(Number(p.bytes) / rows).toFixed(2)} |`,
      );
    }
    console.log(`| all | | ${total.toLocaleString('en')} | ${(total / rows).toFixed(2)} |`);
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
