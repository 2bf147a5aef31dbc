// Ingest benchmark (docs/benchmarks.md): `npm run build && npm run bench:ingest [-- flags]`.
// The work is in scripts/bench/ingest/: load.mjs (onboarding, readings, agents), processes.mjs
// (platform, private broker, database), measure.mjs (/proc and /metrics), chdb-child.mjs (the
// chDB ceiling and the read-back), single.mjs and report-single.mjs (single-process mode).
//
// Flags: --agents 8  --batch 5000  --points 2000000  --devices 10  --timeout-s 600
//        --cpu-prof DIR (profile the platform)  --no-ceiling (skip the chDB-only run)
// WRITER_* and BUS_* variables in the environment are passed on to the platform.
import { parseArgs } from 'node:util';
import { benchStarted, cleanUp, fail, machine, positiveInt } from './bench/ingest/common.mjs';
import { runSingle } from './bench/ingest/single.mjs';

const { values: opts } = parseArgs({
  options: {
    agents: { type: 'string', default: '8' },
    batch: { type: 'string', default: '5000' },
    points: { type: 'string', default: '2000000' },
    devices: { type: 'string', default: '10' },
    'timeout-s': { type: 'string', default: '600' },
    'cpu-prof': { type: 'string' },
    'no-ceiling': { type: 'boolean', default: false },
  },
});
const cfg = {
  agents: positiveInt(opts.agents, '--agents'),
  batch: positiveInt(opts.batch, '--batch'),
  points: positiveInt(opts.points, '--points'),
  devices: positiveInt(opts.devices, '--devices'),
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
  const { text } = await runSingle(cfg);
  console.log(machine());
  console.log(text);
  console.log();
  console.log(`total benchmark time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error('bench-ingest failed:', error);
  await cleanUp();
  process.exit(1);
}
await cleanUp();
clearTimeout(watchdog);
