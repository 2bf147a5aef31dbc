// Ingest benchmark for the single-process mode (docs/benchmarks.md).
//
// Starts the built platform on a fresh data directory (DEMO=false, rate limits raised so
// nothing is throttled), onboards over HTTP (operator → provider → provider user →
// enterprises → site electricity meters → one agent credential per enterprise), then lets
// N simulated agents push pre-serialised batches of B points concurrently, keep-alive,
// until P points were accepted. It prints:
//   - accepted points/s (wall clock from the first send to the last 202) and request
//     latency p50/p99;
//   - the time from the last 202 until every accepted point is queryable (the sum of
//     `dataQuality.readings` of the energy endpoint over all enterprises equals what was
//     accepted), cross-checked afterwards against count() FINAL in the stored table;
//   - peak RSS of the platform and of its PGlite child, CPU seconds each used while pushing;
//   - bytes on disk per point (DATA_DIR/clickhouse after minus before; parts are not merged
//     yet, so the figure after an OPTIMIZE … FINAL is printed too);
//   - the engine ceiling: the same rows as TabSeparated straight into chDB's rawInsert in a
//     separate process (as TelemetryWriter does), and GRIP's ratio to it.
//
// Usage: npm run build && node scripts/bench-ingest.mjs
//          [--agents 8] [--batch 5000] [--points 2000000] [--devices 10]
//          [--timeout-s 600] [--cpu-prof DIR] [--no-ceiling]
// WRITER_* and BUS_* variables in the environment are passed on to the platform.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = resolve(SCRIPT, '../..');
const MAIN = join(ROOT, 'dist/apps/platform/src/main.js');
const STORE = join(ROOT, 'dist/libs/telemetry-store/src/index.js');
const READY = /GRIP is running at (http:\/\/\S+)/;
const METRIC = 'electricity.active_energy';
const ADMIN = { user: 'bench-ops', password: 'bench-operator-password-1' };
const PROVIDER = { user: 'bench-provider', password: 'bench-provider-password-1' };
/** Rows per rawInsert in the ceiling run: TelemetryWriter's largest insert. */
const CEILING_INSERT_ROWS = 200_000;
/** Last reading this far before the start of the push: never in the future. */
const PAST_MARGIN_S = 300;

async function main() {
  const dataDir = tempDir('grip-bench-ingest-');
  const platform = await startPlatform(dataDir);
  const rss = sampleRss(platform.pid);
  log(`platform ready at ${platform.url} (pid ${platform.pid})`);

  const setup = await onboard(platform.url);
  log(`onboarded ${AGENTS} enterprises × ${DEVICES} site meters, ${AGENTS} agent credentials`);

  // Every reading ends at least PAST_MARGIN_S before now, one second apart per meter.
  const perAgent = Array.from(
    { length: AGENTS },
    (_, a) => Math.floor(POINTS / AGENTS) + (a < POINTS % AGENTS ? 1 : 0),
  );
  const seconds = Math.ceil(perAgent[0] / DEVICES);
  const startSec = Math.floor(Date.now() / 1000) - seconds - PAST_MARGIN_S;
  const t0 = performance.now();
  const bodies = perAgent.map((n, a) => buildBodies(a, n, startSec));
  const bodyBytes = bodies.flat().reduce((s, b) => s + b.length, 0);
  log(
    `built ${bodies.flat().length} request bodies (${mb(bodyBytes)} MB of JSON, ` +
      `${(bodyBytes / POINTS).toFixed(0)} B/point) in ${ms(performance.now() - t0)} ms`,
  );

  const chDir = join(dataDir, 'clickhouse');
  const diskBefore = diskUsage(chDir);
  const metricsBefore = await scrapeMetrics(platform.url);
  const cpuBefore = cpuTimes(platform.pid, rss.childPids());
  const clientCpuBefore = process.cpuUsage();
  rss.mark('push');

  const push = await pushAll(platform.url, setup, bodies);
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
  if (!opts['no-ceiling']) {
    const spec = {
      dataPath: join(tempDir('grip-bench-ceiling-'), 'clickhouse'),
      perAgent,
      startSec,
      devices: DEVICES,
      enterprises: setup.enterprises.map((e) => ({ id: e.id, deviceIds: e.deviceIds })),
    };
    ceiling = await runChildProcess('ceiling', spec);
  }

  report({
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
  });
}

// ---------------------------------------------------------------- the platform process

async function startPlatform(dataDir) {
  const nodeArgs = [];
  if (opts['cpu-prof']) {
    mkdirSync(resolve(opts['cpu-prof']), { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${resolve(opts['cpu-prof'])}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'log',
      DEMO: 'false',
      SIMULATOR: 'false',
      GRIP_ADMIN_USER: ADMIN.user,
      GRIP_ADMIN_PASSWORD: ADMIN.password,
      INGEST_RATE_POINTS_PER_S: '10000000',
      INGEST_RATE_REQUESTS_PER_S: '100000',
      API_RATE_PER_MIN: '100000',
      INGEST_MAX_POINTS: String(Math.max(10_000, BATCH)),
      INGEST_MAX_BYTES: String(64 * 1024 * 1024),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const exited = new Promise((res) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      res(code ?? signal);
    }),
  );
  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`platform not ready in 120 s:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        res(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`platform exited (${code}) before it was ready:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty log can never block the platform.
  return {
    url,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

// ---------------------------------------------------------------- onboarding over HTTP

async function onboard(url) {
  const operator = await login(url, ADMIN.user, ADMIN.password);
  const provider = await api(url, operator, 'POST', '/api/v1/providers', {
    name: '基准测试工业互联网服务有限公司',
    creditCode: creditCode(`91440106MA5BNP${'001'}`),
  });
  await api(url, operator, 'POST', '/api/v1/users', {
    username: PROVIDER.user,
    password: PROVIDER.password,
    role: 'provider',
    providerId: provider.id,
  });
  const token = await login(url, PROVIDER.user, PROVIDER.password);
  const regions = ['440106', '440305', '440606', '440402', '440703', '441302', '440604', '440113'];
  const industries = ['C3851', 'C3399', 'C3981', 'C3432', 'C3041', 'C3089'];
  const enterprises = [];
  for (let a = 0; a < AGENTS; a++) {
    const region = regions[a % regions.length];
    const enterprise = await api(url, token, 'POST', '/api/v1/enterprises', {
      name: `基准测试第${a + 1}制造有限公司`,
      creditCode: creditCode(`9144${region.slice(2)}MA5BN${String(a).padStart(4, '0')}`),
      regionCode: region,
      industryCode: industries[a % industries.length],
      sizeClass: 'large',
    });
    const deviceIds = [];
    for (let d = 0; d < DEVICES; d++) {
      const meter = meterProfile(a, d);
      const device = await api(url, token, 'POST', `/api/v1/enterprises/${enterprise.id}/devices`, {
        externalId: deviceName(d),
        name: `${d + 1}# 进线柜电能表`,
        kind: 'meter',
        metrics: [METRIC],
        attributes: { meterScope: 'site', ratedPowerKw: meter.ratedPowerKw },
      });
      deviceIds.push(device.id);
    }
    const agent = await api(url, token, 'POST', `/api/v1/enterprises/${enterprise.id}/agents`);
    enterprises.push({ id: enterprise.id, deviceIds, agentToken: agent.token });
  }
  return { providerToken: token, enterprises };
}

async function login(url, username, password) {
  const { accessToken } = await api(url, undefined, 'POST', '/api/v1/auth/login', { username, password });
  return accessToken;
}

async function api(url, token, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// GB 32100 check character (libs/contracts/src/codes/credit-code.ts).
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`invalid credit code character ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return first17 + CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------- the readings

const deviceName = (d) => `meter-${String(d + 1).padStart(2, '0')}`;

/** A small deterministic PRNG, so the ceiling process can rebuild exactly the same rows. */
function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A feeder meter: its mean load (kW), its declared rated power and its counter at the start (kWh). */
function meterProfile(a, d) {
  const r = prng(1000 * a + d + 1);
  const meanKw = 150 + Math.round(r() * 850);
  return { meanKw, ratedPowerKw: meanKw * 3, start: Math.round(r() * 5_000_000 * 10) / 10 };
}

/**
 * The agent's readings in the order it sends them: second by second, every meter once a
 * second. The counter grows by the load (mean ± 30 %) over one second, in kWh with 3
 * decimals, so every reading is larger than the one before and no step is an outlier.
 */
function* readings(a, count, startSec, devices) {
  const meters = Array.from({ length: devices }, (_, d) => ({
    ...meterProfile(a, d),
    rand: prng(7919 * (a + 1) + d),
  }));
  const kwh = meters.map((m) => m.start);
  for (let j = 0; j < count; j++) {
    const d = j % devices;
    const m = meters[d];
    kwh[d] += (m.meanKw * (0.7 + 0.6 * m.rand())) / 3600;
    yield { d, sec: startSec + Math.floor(j / devices), value: Math.round(kwh[d] * 1000) / 1000 };
  }
}

/** The agent's request bodies, serialised before the clock starts. */
function buildBodies(a, count, startSec) {
  const bodies = [];
  const names = Array.from(
    { length: DEVICES },
    (_, d) => `{"device":"${deviceName(d)}","metric":"${METRIC}","ts":"`,
  );
  let lastSec = NaN;
  let iso = '';
  let text = '';
  let n = 0;
  const flush = () => {
    bodies.push(Buffer.from(`{"batchId":"bench-a${a}-${bodies.length}","points":[${text}]}`));
    text = '';
    n = 0;
  };
  for (const r of readings(a, count, startSec, DEVICES)) {
    if (r.sec !== lastSec) {
      iso = new Date(r.sec * 1000).toISOString();
      lastSec = r.sec;
    }
    text += (n ? ',' : '') + names[r.d] + iso + '","value":' + r.value + '}';
    if (++n === BATCH) flush();
  }
  if (n) flush();
  return bodies;
}

// ---------------------------------------------------------------- pushing and waiting

async function pushAll(url, setup, bodies) {
  const latencies = [];
  let accepted = 0;
  let retries = 0;
  let firstSendAt;
  let lastAckAt = 0;
  const agent = async (a) => {
    const auth = `Bearer ${setup.enterprises[a].agentToken}`;
    for (const body of bodies[a]) {
      for (let attempt = 0; ; attempt++) {
        const sentAt = performance.now();
        firstSendAt ??= sentAt;
        const response = await fetch(`${url}/ingest/v1/telemetry`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body,
        });
        const text = await response.text();
        const doneAt = performance.now();
        if (response.status === 202) {
          const result = JSON.parse(text);
          if (result.rejected.length)
            throw new Error(`points rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
          accepted += result.accepted;
          latencies.push(doneAt - sentAt);
          lastAckAt = Math.max(lastAckAt, doneAt);
          break;
        }
        if ((response.status === 503 || response.status === 429) && attempt < 5) {
          retries++;
          const wait = Number(response.headers.get('retry-after') ?? 1);
          await sleep(Math.min(wait, 5) * 1000);
          continue;
        }
        throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(bodies.map((_, a) => agent(a)));
  latencies.sort((x, y) => x - y);
  return {
    accepted,
    retries,
    requests: latencies.length,
    wallMs: lastAckAt - firstSendAt,
    lastAckAt,
    latency: { p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), max: latencies.at(-1) },
  };
}

/** Polls the energy endpoint until the readings it counts add up to what was accepted. */
async function waitQueryable(url, setup, startSec, accepted, lastAckAt) {
  const from = new Date((startSec - 3600) * 1000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const deadline = Date.now() + 120_000;
  let polls = 0;
  const queryMs = [];
  for (;;) {
    polls++;
    const counts = await Promise.all(
      setup.enterprises.map(async (e) => {
        const t = performance.now();
        const energy = await api(
          url,
          setup.providerToken,
          'GET',
          `/api/v1/enterprises/${e.id}/energy?granularity=day&from=${from}&to=${to}`,
        );
        queryMs.push(performance.now() - t);
        return energy.dataQuality.readings;
      }),
    );
    const readings = counts.reduce((s, c) => s + c, 0);
    if (readings === accepted) {
      queryMs.sort((x, y) => x - y);
      return {
        ms: performance.now() - lastAckAt,
        polls,
        readings,
        queryMs: { p50: pct(queryMs, 0.5), max: queryMs.at(-1) },
      };
    }
    if (readings > accepted)
      throw new Error(`the energy endpoint counts ${readings} readings, ${accepted} were accepted`);
    if (Date.now() > deadline)
      throw new Error(`only ${readings} of ${accepted} readings queryable after 120 s`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------- measuring the machine

/** Samples VmRSS of the platform and its children (the PGlite server) every 200 ms. */
function sampleRss(pid) {
  const peaks = { platform: 0, children: 0, total: 0 };
  let phase = 'start';
  const byPhase = {};
  let childPids = [];
  const sample = () => {
    try {
      childPids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return;
    }
    const platform = rssKb(pid);
    const children = childPids.reduce((s, c) => s + rssKb(c), 0);
    peaks.platform = Math.max(peaks.platform, platform);
    peaks.children = Math.max(peaks.children, children);
    peaks.total = Math.max(peaks.total, platform + children);
    const p = (byPhase[phase] ??= { platform: 0, children: 0 });
    p.platform = Math.max(p.platform, platform);
    p.children = Math.max(p.children, children);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    childPids: () => childPids,
    mark: (name) => {
      sample();
      phase = name;
    },
    stop: () => {
      clearInterval(timer);
      return { ...peaks, byPhase };
    },
  };
}

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** utime + stime in seconds of the platform and of its children. */
function cpuTimes(pid, childPids) {
  const of = (p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
    } catch {
      return 0;
    }
  };
  return { platform: of(pid), children: childPids.reduce((s, c) => s + of(c), 0) };
}

function diff(before, after) {
  return { platform: after.platform - before.platform, children: after.children - before.children };
}

/** Apparent bytes and allocated bytes (what du counts) under a directory. */
function diskUsage(dir) {
  let bytes = 0;
  let allocated = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue; // a part being merged away
      }
      bytes += st.size;
      allocated += st.blocks * 512;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return { bytes, allocated };
}

async function scrapeMetrics(url) {
  const text = await fetch(`${url}/metrics`).then((r) => (r.ok ? r.text() : ''));
  const values = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (match && !line.includes('le=')) values[match[1]] = (values[match[1]] ?? 0) + Number(match[2]);
  }
  return values;
}

// ---------------------------------------------------------------- child processes (chDB)

/** Runs this script as a child (one chDB data path per process) and returns its RESULT line. */
async function runChildProcess(mode, spec) {
  const specFile = join(tempDir('grip-bench-spec-'), 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(process.execPath, [SCRIPT, '--child', mode, specFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
        rows.push({
          enterpriseId: e.id,
          deviceId: e.deviceIds[r.d],
          metric: METRIC,
          ts: r.sec * 1000,
          value: r.value,
        });
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

// ---------------------------------------------------------------- the report

function report(r) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const m0 = r.metrics.before;
  const m1 = r.metrics.after;
  const d = (name) => (m1[name] ?? 0) - (m0[name] ?? 0);
  const rate = r.push.accepted / (r.push.wallMs / 1000);
  out(
    `machine: ${cpus().length} cores (${cpus()[0]?.model?.trim()}), node ${process.version}, ${process.platform}`,
  );
  out(
    `run: ${AGENTS} agents × batches of ${BATCH} points, ${POINTS} points ` +
      `(${DEVICES} site meters per agent, ${r.seconds} s of 1-s readings each), ${mb(r.bodyBytes)} MB of JSON`,
  );
  out();
  out(`ingest (HTTP, first send → last 202)`);
  out(
    `  accepted            ${r.push.accepted} points in ${(r.push.wallMs / 1000).toFixed(2)} s = ${fmt(rate)} points/s`,
  );
  out(
    `  requests            ${r.push.requests}, latency p50 ${ms(r.push.latency.p50)} ms, p99 ${ms(r.push.latency.p99)} ms, max ${ms(r.push.latency.max)} ms, retries ${r.push.retries}`,
  );
  out(
    `  queryable           ${ms(r.queryable.ms)} ms after the last 202 (${r.queryable.polls} poll(s) of ${AGENTS} energy queries; query p50 ${ms(r.queryable.queryMs.p50)} ms, max ${ms(r.queryable.queryMs.max)} ms)`,
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
  const inserts = d('writer_batch_duration_ms_count');
  const insertMs = d('writer_batch_duration_ms_sum');
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
  out();
  out(`total benchmark time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------- small helpers

function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function cleanUp() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    }
  }
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer`);
  return n;
}

function fail(message) {
  console.error(`bench-ingest: ${message}`);
  process.exit(1);
}

function pct(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
}

const sleep = (msec) => new Promise((r) => setTimeout(r, msec));
const ms = (x) => x.toFixed(0);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const pctOf = (part, whole) => `${((part / whole) * 100).toFixed(0)} %`;
const log = (s) => console.error(`[${((performance.now() - benchStarted) / 1000).toFixed(1)} s] ${s}`);

// ---------------------------------------------------------------- entry point (last: every helper above is initialised)

if (process.argv[2] === '--child') {
  await runChild(process.argv[3], process.argv[4]);
  process.exit(0);
}

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
const AGENTS = positiveInt(opts.agents, '--agents');
const BATCH = positiveInt(opts.batch, '--batch');
const POINTS = positiveInt(opts.points, '--points');
const DEVICES = positiveInt(opts.devices, '--devices');
const TIMEOUT_MS = positiveInt(opts['timeout-s'], '--timeout-s') * 1000;
if (BATCH > 100_000) fail('--batch is at most 100000 (INGEST_MAX_POINTS)');
if (POINTS < AGENTS) fail('--points must be at least --agents');

const tempDirs = [];
const children = new Set();
const benchStarted = performance.now();
const watchdog = setTimeout(() => {
  console.error(`bench-ingest: gave up after ${TIMEOUT_MS / 1000} s`);
  void cleanUp().finally(() => process.exit(2));
}, TIMEOUT_MS);
watchdog.unref();
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  await main();
} catch (error) {
  console.error('bench-ingest failed:', error);
  await cleanUp();
  process.exit(1);
}
await cleanUp();
clearTimeout(watchdog);
