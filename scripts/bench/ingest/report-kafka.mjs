// The Kafka-mode part of the report, with GRIP's ratio to both ceilings.
import { CEILING_INSERT_ROWS } from './chdb-child.mjs';
import { fmt, mb, ms, pctOf } from './common.mjs';

export function reportKafka(k, cfg, chdbCeiling) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  out(
    `Kafka mode: ${cfg.gateways} gateway process(es) → Kafka (${k.prefix}telemetry.raw, ${cfg.partitions} partition(s)) → 1 writer process → chDB; ` +
      `${cfg.agents} agents × batches of ${cfg.batch}`,
  );
  for (const [name, p] of [
    ['full load (closed loop)', k.full],
    [`half load (open loop at ${fmt(k.half.ratePerS ?? 0)} points/s)`, k.half],
  ]) {
    out(`  ${name}`);
    out(
      `    accepted            ${p.push.accepted} points, first send → last 202 ${(p.push.wallMs / 1000).toFixed(2)} s = ${fmt(p.acceptRate)} points/s`,
    );
    out(
      `    end to end          first send → all committed by the writer ${(p.e2eMs / 1000).toFixed(2)} s = ${fmt(p.e2eRate)} points/s (queryable ${ms(p.afterLastAckMs)} ms after the last 202)`,
    );
    out(
      `    request latency     p50 ${ms(p.push.latency.p50)} ms, p99 ${ms(p.push.latency.p99)} ms, max ${ms(p.push.latency.max)} ms (${p.push.requests} requests, ${p.push.retries} retries)`,
    );
    out(
      `    ingest → stored     p50 ${ms(p.ingestToStored.p50)} ms, p99 ${ms(p.ingestToStored.p99)} ms (writer_ingest_to_stored_ms, ${p.ingestToStored.count} inserts, bucket-interpolated)`,
    );
    if (p.inserts)
      out(
        `    writer inserts      ${p.inserts}, ${fmt(p.insertedPoints / p.inserts)} rows each, ${(p.insertMs / 1000).toFixed(2)} s inserting = ${pctOf(p.insertMs / 1000, p.e2eMs / 1000)} of the wall time`,
      );
    out(
      `    CPU                 ${p.cpu.map((c) => `${c.label} ${c.s.toFixed(1)} s (${pctOf(c.s, p.e2eMs / 1000)})`).join(', ')}`,
    );
  }
  out(
    `  peak RSS (VmHWM)      ${k.hwm.map((h) => `${h.label} ${mb(h.hwmKb * 1024)} MB`).join(', ')}` +
      (k.hwm.some((h) => h.hwmAfterCeilingKb)
        ? ` (broker after the producer perf test ${mb(k.hwm.find((h) => h.hwmAfterCeilingKb).hwmAfterCeilingKb * 1024)} MB)`
        : ''),
  );
  const s = k.stored;
  const expected = k.full.push.accepted + k.half.push.accepted;
  out(`  counted               stored count() FINAL ${s.final}, raw rows ${s.raw}, accepted ${expected}`);
  out(
    `  disk                  telemetry_raw as stored ${s.asStored.parts} parts, ${(s.asStored.bytes / s.final).toFixed(2)} B/point; after OPTIMIZE FINAL ${s.merged.parts} part(s), ${(s.merged.bytes / s.final).toFixed(2)} B/point`,
  );
  if (k.kafkaCeiling) {
    const c = k.kafkaCeiling;
    out();
    out(
      `Kafka ceiling (ProducerPerformance, GRIP's messages as payloads: mean ${mb(c.meanBytes)} MB of TSV = ${fmt(c.pointsPerRecord)} points, acks=all, idempotent, gzip, 1 in flight)`,
    );
    out(`  ${c.summary}`);
    out(
      `  = ${fmt(c.pointsPerS)} points/s; GRIP Kafka mode end to end = ${pctOf(k.full.e2eRate, c.pointsPerS)} of it`,
    );
  }
  if (chdbCeiling) {
    const rate = chdbCeiling.rows / (chdbCeiling.insertMs / 1000);
    out(
      `chDB ceiling (rawInsert of pre-serialised TSV, ≤ ${fmt(CEILING_INSERT_ROWS)} rows an insert) ${fmt(rate)} rows/s; GRIP Kafka mode end to end = ${pctOf(k.full.e2eRate, rate)} of it`,
    );
  }
  return lines.join('\n');
}
