// Single-process mode: the whole platform in one process (in-process bus, embedded chDB and
// PGlite), N agents over HTTP, timed until every accepted point is queryable.
import { join } from 'node:path';
import { runChildProcess } from './chdb-child.mjs';
import { log, mb, ms, tempDir } from './common.mjs';
import { buildBodies, onboard, pushAll, splitPoints } from './load.mjs';
import { cpuTimes, diff, diskUsage, sampleRss, scrapeMetrics } from './measure.mjs';
import { platformEnv, startPlatform } from './processes.mjs';
import { reportSingle } from './report-single.mjs';
import { waitQueryable } from './queryable.mjs';

/** Last reading this far before the start of the push: never in the future. */
export const PAST_MARGIN_S = 300;

export async function runSingle(cfg) {
  const dataDir = tempDir('grip-bench-ingest-');
  const platform = await startPlatform({ dataDir, env: platformEnv(cfg.batch), cpuProf: cfg.cpuProf });
  const rss = sampleRss(platform.pid);
  log(`platform ready at ${platform.url} (pid ${platform.pid})`);

  const setup = await onboard(platform.url, cfg);
  log(`onboarded ${cfg.agents} enterprises × ${cfg.devices} site meters, ${cfg.agents} agent credentials`);

  // Every reading ends at least PAST_MARGIN_S before now, one second apart per meter.
  const perAgent = splitPoints(cfg.points, cfg.agents);
  const seconds = Math.ceil(perAgent[0] / cfg.devices);
  const startSec = Math.floor(Date.now() / 1000) - seconds - PAST_MARGIN_S;
  const t0 = performance.now();
  const bodies = perAgent.map((n, a) => buildBodies(a, n, startSec, cfg));
  const bodyBytes = bodies.flat().reduce((s, b) => s + b.length, 0);
  log(
    `built ${bodies.flat().length} request bodies (${mb(bodyBytes)} MB of JSON, ` +
      `${(bodyBytes / cfg.points).toFixed(0)} B/point) in ${ms(performance.now() - t0)} ms`,
  );

  const chDir = join(dataDir, 'clickhouse');
  const diskBefore = diskUsage(chDir);
  const metricsBefore = await scrapeMetrics(platform.url);
  const cpuBefore = cpuTimes(platform.pid, rss.childPids());
  const clientCpuBefore = process.cpuUsage();
  rss.mark('push');

  const push = await pushAll([platform.url], setup, bodies, { seconds: cfg.seconds });
  const cpuAfterPush = cpuTimes(platform.pid, rss.childPids());
  const clientCpu = process.cpuUsage(clientCpuBefore);
  log(`pushed: ${push.accepted} accepted in ${(push.wallMs / 1000).toFixed(2)} s`);

  const queryable = await waitQueryable(platform.url, setup, startSec, push.accepted, push.lastAckAt);
  rss.mark('done');
  const metricsAfter = await scrapeMetrics(platform.url);
  const diskAfterPush = diskUsage(chDir);

  const exitCode = await platform.stop();
  const rssPeaks = rss.stop();
  const diskAfterStop = diskUsage(chDir);
  log(`platform stopped (exit ${exitCode})`);

  const stored = await runChildProcess('verify', { dataPath: chDir });
  let ceiling;
  if (cfg.ceiling) {
    ceiling = await runCeiling(cfg, perAgent, startSec, setup);
  }
  const r = {
    push,
    queryable,
    rssPeaks,
    cpu: diff(cpuBefore, cpuAfterPush),
    clientCpuS: (clientCpu.user + clientCpu.system) / 1e6,
    metrics: { before: metricsBefore, after: metricsAfter },
    disk: { before: diskBefore, afterPush: diskAfterPush, afterStop: diskAfterStop },
    stored,
    ceiling,
    bodyBytes,
    seconds,
  };
  return { result: r, text: reportSingle(r, cfg) };
}

/** chDB inserting the same rows pre-serialised as TabSeparated, in a process of its own. */
export function runCeiling(cfg, perAgent, startSec, setup) {
  return runChildProcess('ceiling', {
    dataPath: join(tempDir('grip-bench-ceiling-'), 'clickhouse'),
    perAgent,
    startSec,
    devices: cfg.devices,
    enterprises: setup.enterprises.map((e) => ({ id: e.id, deviceIds: e.deviceIds })),
  });
}
