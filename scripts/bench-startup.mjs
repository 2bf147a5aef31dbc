// Start-up benchmark: starts the built platform on a fresh data directory with the demo,
// then prints the time to ready, the time until the first indicator answers with data, and
// the resident memory of the platform and its PGlite child once the simulator has run.
// Usage: npm run build && npm run bench:startup [-- --settle-s 60]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const settleS = Number(process.argv[process.argv.indexOf('--settle-s') + 1]) || 30;
const dataDir = mkdtempSync(join(tmpdir(), 'grip-bench-'));
const started = performance.now();
const child = spawn(process.execPath, ['dist/apps/platform/src/main.js'], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', DEMO: 'true', SIMULATOR: 'true' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const url = await new Promise((resolve, reject) => {
  const onData = (chunk) => {
    output += chunk;
    const match = /GRIP is running at (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
});
const readyS = (performance.now() - started) / 1000;

const login = await fetch(`${url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'official-guangdong', password: 'grip-demo-2026' }),
}).then((r) => r.json());
const auth = { authorization: `Bearer ${login.accessToken}` };
const { items } = await fetch(`${url}/api/v1/enterprises?pageSize=1`, { headers: auth }).then((r) => r.json());
let firstIndicatorS;
for (;;) {
  const energy = await fetch(`${url}/api/v1/enterprises/${items[0].id}/energy?granularity=hour`, { headers: auth }).then(
    (r) => r.json(),
  );
  if (energy.total?.totalTce > 0) {
    firstIndicatorS = (performance.now() - started) / 1000;
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}

const times = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await fetch(`${url}/api/v1/enterprises/${items[0].id}/energy?granularity=day`, { headers: auth }).then((r) => r.json());
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

await new Promise((r) => setTimeout(r, settleS * 1000));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const childPids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
const pglitePid = childPids.map(Number).find((pid) => pid > 0);
const platformRss = rssMb(child.pid);
const pgliteRss = pglitePid ? rssMb(pglitePid) : NaN;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

console.log(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}`);
console.log(`ready (fresh data dir, demo seeded and a week backfilled): ${readyS.toFixed(1)} s`);
console.log(`first indicator with data (energy of a demo enterprise): ${firstIndicatorS.toFixed(1)} s after launch`);
console.log(`energy query (7 days by day, 20 calls): p50 ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms`);
console.log(`RSS after ${settleS} s of simulator: platform ${platformRss.toFixed(0)} MB, PGlite child ${pgliteRss.toFixed(0)} MB`);
