// Work that needs chDB in a process of its own (one chDB data path per process):
//   verify   what a platform stored, read back after it stopped: count() FINAL, parts, bytes per
//            column, and the same after OPTIMIZE … FINAL;
//   ceiling  the engine ceiling: the same rows as the agents sent, encoded with
//            encodeTelemetryTsv (timed) and inserted with chdb.rawInsert as TabSeparated in
//            chunks of CEILING_INSERT_ROWS, as TelemetryWriter does, minus everything before it.
// Run as `node chdb-child.mjs <mode> <spec.json>`; prints one `RESULT {json}` line.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHDB_CHILD, STORE, children, tempDir } from './common.mjs';
import { readings, rowOf } from './load.mjs';

/** Rows per rawInsert in the ceiling run: TelemetryWriter's largest insert. */
export const CEILING_INSERT_ROWS = 200_000;

/** Runs this module as a child and returns its RESULT line. */
export async function runChildProcess(mode, spec) {
  const specFile = join(tempDir('grip-bench-spec-'), 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(process.execPath, [CHDB_CHILD, mode, specFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const code = await new Promise((res) => child.once('exit', (c) => res(c)));
  children.delete(child);
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`${mode} child exited with ${code}:\n${out}`);
  return JSON.parse(line.slice('RESULT '.length));
}

async function runChild(mode, specFile) {
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  const { createClickHouse, runClickHouseMigrations, encodeTelemetryTsv, TELEMETRY_COLUMNS } = await import(
    STORE
  );
  const ch = createClickHouse({ database: 'grip', dataPath: spec.dataPath });
  const query = async (sql) => (await ch.client.query({ query: sql, format: 'JSONEachRow' })).json();
  const partsSql = `SELECT toUInt64(count()) AS parts, toUInt64(sum(rows)) AS rows, toUInt64(sum(bytes_on_disk)) AS bytes
    FROM system.parts WHERE database = 'grip' AND table = 'telemetry_raw' AND active`;
  const columnsSql = `SELECT column, toUInt64(sum(column_data_compressed_bytes)) AS compressed,
      toUInt64(sum(column_data_uncompressed_bytes)) AS uncompressed
    FROM system.parts_columns WHERE database = 'grip' AND table = 'telemetry_raw' AND active
    GROUP BY column ORDER BY compressed DESC`;
  let result;
  if (mode === 'verify') {
    // What the platform stored, read back after it stopped: exact count, parts, bytes per column.
    const [{ final, raw }] = await query(
      `SELECT (SELECT count() FROM grip.telemetry_raw FINAL) AS final, (SELECT count() FROM grip.telemetry_raw) AS raw`,
    );
    // Everything chDB keeps on disk, by table: merged-away parts stay until old_parts_lifetime.
    const tables = await query(`SELECT database, table, toUInt64(countIf(active)) AS activeParts,
        toUInt64(countIf(NOT active)) AS inactiveParts, toUInt64(sumIf(bytes_on_disk, active)) AS activeBytes,
        toUInt64(sumIf(bytes_on_disk, NOT active)) AS inactiveBytes
      FROM system.parts GROUP BY database, table ORDER BY activeBytes + inactiveBytes DESC`);
    const [asStored] = await query(partsSql);
    const columns = await query(columnsSql);
    const t = performance.now();
    await ch.client.command({ query: 'OPTIMIZE TABLE grip.telemetry_raw FINAL' });
    const optimizeMs = performance.now() - t;
    const [merged] = await query(partsSql);
    const mergedColumns = await query(columnsSql);
    result = {
      final: Number(final),
      raw: Number(raw),
      tables,
      asStored,
      columns,
      optimizeMs,
      merged,
      mergedColumns,
    };
  } else if (mode === 'ceiling') {
    await runClickHouseMigrations(ch);
    const table = ch.table('telemetry_raw');
    // The same rows as the platform got, as TelemetryRow objects (what the writer decodes).
    const rows = [];
    for (let a = 0; a < spec.perAgent.length; a++) {
      const e = spec.enterprises[a];
      for (const r of readings(a, spec.perAgent[a], spec.startSec, spec.devices)) {
        rows.push(rowOf(e, r));
      }
    }
    let t = performance.now();
    const chunks = [];
    for (let i = 0; i < rows.length; i += CEILING_INSERT_ROWS)
      chunks.push(encodeTelemetryTsv(rows.slice(i, i + CEILING_INSERT_ROWS)));
    const encodeMs = performance.now() - t;
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    for (const values of chunks) {
      await ch.chdb.rawInsert({ table, columns: TELEMETRY_COLUMNS, format: 'TabSeparated', values });
    }
    const insertMs = performance.now() - t;
    const cpu = process.cpuUsage(cpuBefore);
    const insertCpuS = (cpu.user + cpu.system) / 1e6;
    const [{ n }] = await query(`SELECT count() AS n FROM ${table}`);
    if (Number(n) !== rows.length) throw new Error(`ceiling stored ${n} of ${rows.length} rows`);
    const [parts] = await query(partsSql);
    result = {
      rows: rows.length,
      inserts: chunks.length,
      tsvBytes: chunks.reduce((s, c) => s + c.length, 0),
      encodeMs,
      insertMs,
      insertCpuS,
      parts,
    };
  } else {
    throw new Error(`unknown child mode ${mode}`);
  }
  await ch.close();
  console.log('RESULT ' + JSON.stringify(result));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runChild(process.argv[2], process.argv[3]);
  process.exit(0);
}
