// Top self-time functions of a V8 .cpuprofile (what `--cpu-prof` writes):
//   node scripts/bench/ingest/profile-summary.mjs <file.cpuprofile> [top=25]
// Self time is the sum of the sampling intervals whose top frame is the function.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './common.mjs';

const [file, topText = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  total += dt;
  const f = byId.get(profile.samples[i]).callFrame;
  const where = f.url ? `${relative(ROOT, f.url.replace('file://', ''))}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + dt);
}
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled`);
for (const [key, msec] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topText))) {
  console.log(`${msec.toFixed(0).padStart(8)} ms ${((msec / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
