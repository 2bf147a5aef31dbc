// Ingest benchmark (docs/benchmarks.md): `npm run build && npm run bench:ingest [-- flags]`.
// The work is in scripts/bench/ingest/: load.mjs (onboarding, readings, agents), processes.mjs
// (platform, private broker, database), measure.mjs (/proc and /metrics), chdb-child.mjs (the
// chDB ceiling and the read-back), kafka-ceiling.mjs (Kafka's ProducerPerformance), single.mjs
// and kafka-mode.mjs (the two modes), report-*.mjs.
//
// Flags: --mode single|kafka|both (both)  --agents 8  --batch 5000  --points 2000000
//        --seconds N (stop sending after N s; what was accepted counts)  --devices 10
//        --quick (--points 200000 --agents 4 unless given)  --gateways 1 --partitions 6 (Kafka mode)
//        --kafka-port 19092 (the private broker)  --brokers host:port (use that broker instead:
//        no broker RSS)  --postgres postgres://postgres@127.0.0.1:5432/postgres (where to
//        create the throw-away database)  --timeout-s 900  --cpu-prof DIR  --no-ceiling
// WRITER_* and BUS_* variables in the environment are passed on to the platform.
import { parseArgs } from 'node:util';
import { benchStarted, cleanUp, fail, machine, positiveInt } from './bench/ingest/common.mjs';
import { runKafka } from './bench/ingest/kafka-mode.mjs';
import { reportKafka } from './bench/ingest/report-kafka.mjs';
import { runCeiling, runSingle } from './bench/ingest/single.mjs';

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    agents: { type: 'string' },
    batch: { type: 'string', default: '5000' },
    points: { type: 'string' },
    seconds: { type: 'string' },
    devices: { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
    gateways: { type: 'string', default: '1' },
    partitions: { type: 'string', default: '6' },
    'kafka-port': { type: 'string', default: '19092' },
    brokers: { type: 'string' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'timeout-s': { type: 'string', default: '900' },
    'cpu-prof': { type: 'string' },
    'no-ceiling': { type: 'boolean', default: false },
  },
});
if (!['single', 'kafka', 'both'].includes(opts.mode)) fail('--mode is single, kafka or both');
const cfg = {
  mode: opts.mode,
  agents: positiveInt(opts.agents ?? (opts.quick ? '4' : '8'), '--agents'),
  batch: positiveInt(opts.batch, '--batch'),
  points: positiveInt(opts.points ?? (opts.quick ? '200000' : '2000000'), '--points'),
  seconds: opts.seconds === undefined ? undefined : positiveInt(opts.seconds, '--seconds'),
  devices: positiveInt(opts.devices, '--devices'),
  gateways: positiveInt(opts.gateways, '--gateways'),
  partitions: positiveInt(opts.partitions, '--partitions'),
  kafkaPort: positiveInt(opts['kafka-port'], '--kafka-port'),
  brokers: opts.brokers,
  postgresAdminUrl: opts.postgres,
  timeoutMs: positiveInt(opts['timeout-s'], '--timeout-s') * 1000,
  cpuProf: opts['cpu-prof'],
  ceiling: !opts['no-ceiling'],
};
if (cfg.batch > 100_000) fail('--batch is at most 100000 (INGEST_MAX_POINTS)');
if (cfg.points < cfg.agents) fail('--points must be at least --agents');

const watchdog = setTimeout(() => {
  console.error(`bench-ingest: gave up after ${cfg.timeoutMs / 1000} s`);
  void cleanUp().finally(() => process.exit(2));
}, cfg.timeoutMs);
watchdog.unref();
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const sections = [];
  let chdbCeiling;
  if (cfg.mode !== 'kafka') {
    const { result, text } = await runSingle(cfg);
    chdbCeiling = result.ceiling;
    sections.push(text);
  }
  if (cfg.mode !== 'single') {
    const k = await runKafka({ ...cfg, ceiling: cfg.ceiling });
    if (cfg.ceiling && !chdbCeiling) chdbCeiling = await runCeiling(cfg, k.perAgent, k.startSec, k.setup);
    sections.push(reportKafka(k, cfg, chdbCeiling));
  }
  console.log(machine());
  console.log(sections.join('\n\n'));
  console.log();
  console.log(`total benchmark time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error('bench-ingest failed:', error);
  await cleanUp();
  process.exit(1);
}
await cleanUp();
clearTimeout(watchdog);
