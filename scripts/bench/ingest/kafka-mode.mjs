// Kafka mode: gateway process(es) (ROLES=admin-api,ingest-gateway; further gateways
// ROLES=ingest-gateway) and one writer process (ROLES=telemetry-writer, owning its chDB) on
// BUS=kafka with a private broker and a fresh PostgreSQL 15 database. N agents push over HTTP;
// "every accepted point is queryable" when the writer's consumer group has committed up to the
// end of every telemetry.raw partition — the writer commits an offset only after the insert
// that holds it returned, so from then on every point is in chDB. The count is checked in
// chDB after the writer stopped. Then a second push, open loop at half the measured rate, for
// the ingest-to-queryable latency at half load (the writer's writer_ingest_to_stored_ms).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { runChildProcess } from './chdb-child.mjs';
import { log, mb, sleep, tempDir } from './common.mjs';
import { producerPerfTest, telemetryPayloads } from './kafka-ceiling.mjs';
import { buildBodies, onboard, pushAll, splitPoints } from './load.mjs';
import { cpuSeconds, hwmKb, histogramQuantile, scrapeMetrics } from './measure.mjs';
import { createDatabase, platformEnv, startPlatform, startPrivateKafka } from './processes.mjs';
import { PAST_MARGIN_S } from './single.mjs';

export async function runKafka(cfg) {
  const broker = cfg.brokers
    ? { brokers: cfg.brokers, pid: undefined }
    : await startPrivateKafka({ port: cfg.kafkaPort, dataDir: tempDir('grip-bench-kafka-') });
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  const databaseUrl = await createDatabase(cfg.postgresAdminUrl);
  const common = {
    ...platformEnv(cfg.batch),
    BUS: 'kafka',
    KAFKA_BROKERS: broker.brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_PARTITIONS: String(cfg.partitions),
    GRIP_JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const writerDir = tempDir('grip-bench-writer-');
  const writer = await startPlatform({
    dataDir: writerDir,
    env: { ...common, ROLES: 'telemetry-writer' },
    cpuProf: cfg.cpuProf,
    label: 'writer',
  });
  const gateways = [];
  for (let g = 0; g < cfg.gateways; g++) {
    gateways.push(
      await startPlatform({
        dataDir: tempDir('grip-bench-gateway-'),
        env: {
          ...common,
          DATABASE_URL: databaseUrl,
          ROLES: g === 0 ? 'admin-api,ingest-gateway' : 'ingest-gateway',
        },
        cpuProf: cfg.cpuProf,
        label: `gateway-${g + 1}`,
      }),
    );
  }
  log(
    `Kafka mode: writer pid ${writer.pid}, gateway pid(s) ${gateways.map((g) => g.pid).join(', ')}, prefix ${prefix}`,
  );

  const setup = await onboard(gateways[0].url, cfg);
  log(`onboarded ${cfg.agents} enterprises × ${cfg.devices} site meters`);
  const kafka = new kafkajs.Kafka({
    clientId: 'grip-bench',
    brokers: [broker.brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `${prefix}telemetry.raw`;
  const groupId = `${prefix}telemetry-writer`;

  const procs = [
    ...gateways.map((g) => ({ label: g.label, pid: g.pid })),
    { label: 'writer', pid: writer.pid },
  ];
  if (broker.pid) procs.push({ label: 'Kafka broker (JVM)', pid: broker.pid });
  const gatewayUrls = gateways.map((g) => g.url);

  // Full load (closed loop), then half of the measured rate (open loop), on distinct readings.
  const perAgent = splitPoints(cfg.points, cfg.agents);
  const seconds = Math.ceil(perAgent[0] / cfg.devices);
  const fullStart = Math.floor(Date.now() / 1000) - seconds - PAST_MARGIN_S;
  const full = await phase('full', { perAgent, startSec: fullStart });
  const halfRate = full.e2eRate / 2;
  const halfPerAgent = splitPoints(Math.max(cfg.agents, Math.floor(cfg.points / 2)), cfg.agents);
  const halfStart = fullStart - Math.ceil(halfPerAgent[0] / cfg.devices) - 60;
  const half = await phase('half', { perAgent: halfPerAgent, startSec: halfStart, ratePerS: halfRate });
  await admin.disconnect();

  // Peak RSS per process from the kernel, read just before each stops.
  const hwm = procs.map((p) => ({ ...p, hwmKb: hwmKb(p.pid) }));
  for (const g of gateways) await g.stop();
  const writerExit = await writer.stop();
  log(`gateways and writer stopped (writer exit ${writerExit})`);
  const stored = await runChildProcess('verify', { dataPath: join(writerDir, 'clickhouse') });

  let kafkaCeiling;
  if (cfg.ceiling) {
    const payloads = await telemetryPayloads({
      perAgent,
      startSec: fullStart,
      devices: cfg.devices,
      batch: cfg.batch,
      enterprises: setup.enterprises,
    });
    log(`Kafka ceiling: ProducerPerformance, ${payloads.length} payloads of ${mb(payloads[0].length)} MB`);
    kafkaCeiling = await producerPerfTest({
      brokers: broker.brokers,
      topic: `${prefix}perf-test`,
      partitions: cfg.partitions,
      payloads,
      points: cfg.points,
      records: Math.max(payloads.length, 200),
    });
    const brokerHwm = hwm.find((p) => broker.pid && p.pid === broker.pid);
    if (brokerHwm) brokerHwm.hwmAfterCeilingKb = hwmKb(broker.pid);
  }
  return { full, half, hwm, stored, kafkaCeiling, setup, perAgent, startSec: fullStart, seconds, prefix };

  async function phase(name, { perAgent: counts, startSec, ratePerS }) {
    const bodies = counts.map((n, a) => buildBodies(a, n, startSec, { ...cfg, tag: `-${name}` }));
    const metricsBefore = await scrapeMetrics(writer.url);
    const cpuBefore = procs.map((p) => cpuSeconds(p.pid));
    const push = await pushAll(gatewayUrls, setup, bodies, {
      ratePerS,
      batch: cfg.batch,
      seconds: cfg.seconds,
    });
    log(`${name}: ${push.accepted} accepted in ${(push.wallMs / 1000).toFixed(2)} s; waiting for the writer`);
    const committedAt = await waitCommitted(admin, topic, groupId);
    const cpu = procs.map((p, i) => ({ label: p.label, s: cpuSeconds(p.pid) - cpuBefore[i] }));
    const metricsAfter = await scrapeMetrics(writer.url);
    const q = (x) => histogramQuantile(metricsBefore, metricsAfter, 'writer_ingest_to_stored_ms', x);
    const d = (k) => (metricsAfter[k] ?? 0) - (metricsBefore[k] ?? 0);
    const e2eMs = committedAt - push.firstSendAt;
    return {
      push,
      ratePerS,
      acceptRate: push.accepted / (push.wallMs / 1000),
      e2eRate: push.accepted / (e2eMs / 1000),
      e2eMs,
      afterLastAckMs: committedAt - push.lastAckAt,
      ingestToStored: { p50: q(0.5), p99: q(0.99), count: d('writer_ingest_to_stored_ms_count') },
      inserts: d('writer_insert_duration_ms_count'),
      insertMs: d('writer_insert_duration_ms_sum'),
      insertedPoints: d('writer_batch_points_sum'),
      cpu,
    };
  }
}

/** Resolves (performance.now()) when the group committed up to the end offset of every partition. */
async function waitCommitted(admin, topic, groupId) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const at = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    if (ends.every((e) => Number(e.high) === 0 || (at.get(e.partition) ?? -1) >= Number(e.high))) {
      return performance.now();
    }
    if (Date.now() > deadline) throw new Error(`the writer did not commit ${topic} to its end in 300 s`);
    await sleep(50);
  }
}
