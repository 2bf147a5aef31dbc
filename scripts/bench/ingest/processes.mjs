// The processes under test: the built platform (all roles, or some of them with BUS=kafka),
// a private Kafka broker (scripts/kafka/services-up.mjs on another port and data directory)
// and a fresh PostgreSQL database for the registry the Kafka-mode processes share.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAIN, ROOT, children, log, onCleanUp } from './common.mjs';
import { ADMIN } from './load.mjs';

const READY = /GRIP is running at (http:\/\/\S+)/;

/** Limits raised so that nothing is throttled, and no demo. */
export function platformEnv(batch) {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    MQTT_PORT: '0', // off: several platforms on one host would collide on 1884
    LOG_LEVEL: 'log',
    DEMO: 'false',
    SIMULATOR: 'false',
    GRIP_ADMIN_USER: ADMIN.user,
    GRIP_ADMIN_PASSWORD: ADMIN.password,
    INGEST_RATE_POINTS_PER_S: '10000000',
    INGEST_RATE_REQUESTS_PER_S: '100000',
    API_RATE_PER_MIN: '100000',
    INGEST_MAX_POINTS: String(Math.max(10_000, batch)),
    INGEST_MAX_BYTES: String(64 * 1024 * 1024),
  };
}

/** Starts dist/apps/platform/src/main.js and resolves with its URL once the banner is printed. */
export async function startPlatform({ dataDir, env, cpuProf, label = 'platform' }) {
  const nodeArgs = [];
  if (cpuProf) {
    const dir = resolve(cpuProf, label);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { ...process.env, ...env, DATA_DIR: dataDir },
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
    const timer = setTimeout(() => rej(new Error(`${label} not ready in 120 s:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.length > 1_000_000) output = output.slice(-100_000);
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        res(match[1]);
      }
    };
    // Keep draining the pipes so a chatty log can never block the platform.
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`${label} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    label,
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

// ---------------------------------------------------------------- Kafka

/** Runs one of scripts/kafka/*.mjs for the private broker (never the shared one: no KAFKA_BROKERS). */
const runScript = (script, env) =>
  new Promise((res, rej) => {
    const base = { ...process.env };
    delete base.KAFKA_BROKERS; // services-up would only check that broker instead of starting ours
    const child = spawn(process.execPath, [join(ROOT, 'scripts/kafka', script)], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) =>
      code === 0 ? res(out) : rej(new Error(`${script} exited ${code}:\n${out}`)),
    );
  });

/**
 * A private broker for this run (its own port and data directory), so its RSS and CPU are
 * ours alone and the shared development broker is left in peace. Stopped by cleanUp().
 */
export async function startPrivateKafka({ port, dataDir }) {
  const env = { KAFKA_PORT: String(port), KAFKA_DATA_DIR: dataDir };
  const t = performance.now();
  await runScript('services-up.mjs', env);
  const stop = () => runScript('services-down.mjs', env);
  onCleanUp(stop);
  const pid = Number(readFileSync(join(dataDir, 'kafka.pid'), 'utf8').trim());
  const s = ((performance.now() - t) / 1000).toFixed(1);
  log(`private Kafka broker on 127.0.0.1:${port} (pid ${pid}) up in ${s} s`);
  return { brokers: `127.0.0.1:${port}`, pid, stop };
}

// ---------------------------------------------------------------- PostgreSQL

/** A throw-away database on the PostgreSQL 15 server (as test/integration does); dropped by cleanUp(). */
export async function createDatabase(adminUrl) {
  const { default: pg } = await import('pg');
  const database = `grip_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`); // a generated identifier, not input
  onCleanUp(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
