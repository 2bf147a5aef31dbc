// Shared plumbing of the ingest benchmark: paths, temporary directories, child processes to
// clean up, formatting, and a description of the machine the figures were measured on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const MAIN = join(ROOT, 'dist/apps/platform/src/main.js');
export const STORE = join(ROOT, 'dist/libs/telemetry-store/src/index.js');
export const CHDB_CHILD = join(ROOT, 'scripts/bench/ingest/chdb-child.mjs');

const tempDirs = [];
/** Child processes still running; cleanUp() stops them. */
export const children = new Set();
export const benchStarted = performance.now();

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Stops every child still running (SIGTERM, SIGKILL after 30 s) and removes the temporary directories. */
export async function cleanUp() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    }
  }
  for (const hook of cleanUpHooks.splice(0)) await hook().catch(() => undefined);
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const cleanUpHooks = [];
/** Work for cleanUp() beyond children and directories (a broker, a database). */
export const onCleanUp = (hook) => cleanUpHooks.push(hook);

export function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer`);
  return n;
}

export function fail(message) {
  console.error(`bench-ingest: ${message}`);
  process.exit(1);
}

export function pct(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
}

export const sleep = (msec) => new Promise((r) => setTimeout(r, msec));
export const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
export const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
export const fmt = (x) => Math.round(x).toLocaleString('en-US');
export const pctOf = (part, whole) => `${((part / whole) * 100).toFixed(0)} %`;
export const log = (s) => console.error(`[${((performance.now() - benchStarted) / 1000).toFixed(1)} s] ${s}`);

/** Cores, memory, node, git commit and load average: the figures depend on all of them. */
export function machine() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return (
    `machine: ${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `node ${process.version}, ${process.platform}; commit ${commit}; load average (1/5/15 min) ${load}`
  );
}
