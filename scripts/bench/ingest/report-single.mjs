// The printed report of each mode.
import { CEILING_INSERT_ROWS } from './chdb-child.mjs';
import { fmt, mb, ms, pctOf } from './common.mjs';

export function reportSingle(r, cfg) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const m0 = r.metrics.before;
  const m1 = r.metrics.after;
  const d = (name) => (m1[name] ?? 0) - (m0[name] ?? 0);
  const rate = r.push.accepted / (r.push.wallMs / 1000);
  out(
    `run: ${cfg.agents} agents × batches of ${cfg.batch} points, ${cfg.points} points ` +
      `(${cfg.devices} site meters per agent, ${r.seconds} s of 1-s readings each), ${mb(r.bodyBytes)} MB of JSON`,
  );
  out();
  out(`single-process mode: ingest (HTTP, first send → last 202)`);
  out(
    `  accepted            ${r.push.accepted} points in ${(r.push.wallMs / 1000).toFixed(2)} s = ${fmt(rate)} points/s`,
  );
  out(
    `  requests            ${r.push.requests}, latency p50 ${ms(r.push.latency.p50)} ms, p99 ${ms(r.push.latency.p99)} ms, max ${ms(r.push.latency.max)} ms, retries ${r.push.retries}`,
  );
  out(
    `  queryable           ${ms(r.queryable.ms)} ms after the last 202 (${r.queryable.polls} poll(s) of ${cfg.agents} energy queries; query p50 ${ms(r.queryable.queryMs.p50)} ms, max ${ms(r.queryable.queryMs.max)} ms)`,
  );
  out(
    `  counted             energy readings ${r.queryable.readings}, stored count() FINAL ${r.stored.final}, raw rows ${r.stored.raw}, accepted ${r.push.accepted}`,
  );
  out();
  out(`where the time went (platform /metrics and /proc during the push)`);
  const wallS = r.push.wallMs / 1000;
  out(
    `  CPU                 platform ${r.cpu.platform.toFixed(1)} s (${pctOf(r.cpu.platform, wallS)} of one core), PGlite child ${r.cpu.children.toFixed(1)} s, this client ${r.clientCpuS.toFixed(1)} s, over ${wallS.toFixed(1)} s wall`,
  );
  const inserts = d('writer_insert_duration_ms_count');
  const insertMs = d('writer_insert_duration_ms_sum');
  if (inserts > 0) {
    out(
      `  writer inserts      ${inserts} inserts, ${fmt(d('writer_batch_points_sum') / inserts)} rows each on average, ${(insertMs / 1000).toFixed(2)} s in TelemetryWriter.insert (TSV encode + rawInsert) = ${pctOf(insertMs / 1000, wallS)} of the wall time`,
    );
  }
  const handoffs = d('ingest_handoff_duration_ms_count');
  if (handoffs > 0)
    out(
      `  hand-off to bus     mean ${ms(d('ingest_handoff_duration_ms_sum') / handoffs)} ms per request (validation end → writer commit)`,
    );
  out();
  out(`memory (VmRSS, sampled every 200 ms)`);
  const p = r.rssPeaks.byPhase.push ?? { platform: 0, children: 0 };
  out(
    `  idle after onboarding  platform ${mb(r.rssPeaks.byPhase.start.platform * 1024)} MB, PGlite child ${mb(r.rssPeaks.byPhase.start.children * 1024)} MB`,
  );
  out(
    `  peak while pushing     platform ${mb(p.platform * 1024)} MB, PGlite child ${mb(p.children * 1024)} MB (peak of the sum over the run ${mb(r.rssPeaks.total * 1024)} MB)`,
  );
  out();
  const points = r.push.accepted;
  const grow = (after) => ({
    bytes: after.bytes - r.disk.before.bytes,
    allocated: after.allocated - r.disk.before.allocated,
  });
  const g1 = grow(r.disk.afterPush);
  const g2 = grow(r.disk.afterStop);
  out(`disk (DATA_DIR/clickhouse, after − before; parts not necessarily merged)`);
  out(
    `  right after the push   ${mb(g1.allocated)} MB allocated (${(g1.allocated / points).toFixed(2)} B/point), ${mb(g1.bytes)} MB apparent (${(g1.bytes / points).toFixed(2)} B/point)`,
  );
  out(
    `  after SIGTERM          ${mb(g2.allocated)} MB allocated (${(g2.allocated / points).toFixed(2)} B/point), ${mb(g2.bytes)} MB apparent (${(g2.bytes / points).toFixed(2)} B/point)`,
  );
  const s = r.stored;
  out(
    `  parts on disk          ${s.tables
      .filter((t) => Number(t.activeBytes) + Number(t.inactiveBytes) > 0)
      .map(
        (t) =>
          `${t.database}.${t.table} ${t.activeParts} active ${mb(t.activeBytes)} MB + ${t.inactiveParts} merged-away ${mb(t.inactiveBytes)} MB`,
      )
      .join('; ')}`,
  );
  out(
    `  telemetry_raw parts    as stored ${s.asStored.parts} parts, ${(s.asStored.bytes / s.final).toFixed(2)} B/point; after OPTIMIZE FINAL (${ms(s.optimizeMs)} ms) ${s.merged.parts} part(s), ${(s.merged.bytes / s.final).toFixed(2)} B/point`,
  );
  if (s.mergedColumns.some((c) => Number(c.compressed) > 0)) {
    out(
      `  per column (merged)    ${s.mergedColumns.map((c) => `${c.column} ${(c.compressed / s.final).toFixed(2)}`).join(', ')} B/point (compressed)`,
    );
  } else {
    out(`  per column (merged)    n/a: the part is in compact format (one file for all columns)`);
  }
  if (r.ceiling) {
    const c = r.ceiling;
    const ceilingRate = c.rows / (c.insertMs / 1000);
    out();
    out(
      `engine ceiling (same rows, pre-serialised TabSeparated → chdb.rawInsert, ${c.inserts} inserts of ≤ ${fmt(CEILING_INSERT_ROWS)} rows, separate process)`,
    );
    out(
      `  rawInsert           ${c.rows} rows in ${(c.insertMs / 1000).toFixed(2)} s = ${fmt(ceilingRate)} rows/s (${mb(c.tsvBytes)} MB of TSV; ${c.insertCpuS.toFixed(1)} CPU-s = ${((c.insertCpuS / c.rows) * 1e6).toFixed(2)} µs/row)`,
    );
    out(
      `  TSV encoding        ${ms(c.encodeMs)} ms = ${fmt(c.rows / (c.encodeMs / 1000))} rows/s (encodeTelemetryTsv, as the writer does)`,
    );
    out(`  encode + insert     ${fmt(c.rows / ((c.encodeMs + c.insertMs) / 1000))} rows/s`);
    out(`  GRIP / ceiling      ${((rate / ceilingRate) * 100).toFixed(1)} % of rawInsert alone`);
  }
  return lines.join('\n');
}
