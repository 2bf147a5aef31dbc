// Retrofit-assessment and benchmark-selection benchmark (docs/benchmarks.md): the pure functions
// of libs/indicators/src/assessment on generated data, in process, from the compiled dist.
//
// Measured:
//   - assessRetrofit for P projects, each with a year of daily readings (365 baseline + 365
//     reporting days; production, CDD and HDD varying, so the model has four coefficients);
//   - selectBenchmarks over one peer group of E enterprises with all six metrics.
// Each is run --runs times after one warm-up; the median and the fastest run are printed.
//
// Usage: npm run build && node scripts/bench-assess.mjs [--projects 1000] [--enterprises 1000] [--runs 5]
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './bench/prng.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const { values: args } = parseArgs({
  options: {
    projects: { type: 'string', default: '1000' },
    enterprises: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
  },
});
const PROJECTS = Number(args.projects);
const ENTERPRISES = Number(args.enterprises);
const RUNS = Number(args.runs);

const indicators = await import(pathToFileURL(join(ROOT, 'dist/libs/indicators/src/index.js')).href);
const { assessRetrofit, selectBenchmarks, degreeDays } = indicators;

const DAY = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** A year of days from `startMs`: seasonal temperature, production with noise, energy from both. */
function days(random, startMs, saving) {
  return Array.from({ length: 365 }, (_, d) => {
    const temperature = 22 + 8 * Math.sin((2 * Math.PI * (d - 100)) / 365) + 3 * (random() - 0.5);
    const { cdd, hdd } = degreeDays(temperature);
    const production = 800 + 200 * random() + (d % 7 >= 5 ? -300 : 0);
    const energy =
      (20 + 0.05 * production + 0.9 * cdd + 0.4 * hdd) * (1 - saving) * (1 + 0.04 * (random() - 0.5));
    return {
      period: isoDay(startMs + d * DAY),
      energy,
      production,
      cdd,
      hdd,
      coverage: random() < 0.01 ? 0 : 1,
    };
  });
}

function project(i) {
  const random = prng(1000 + i);
  const baseline = days(random, Date.UTC(2024, 0, 1), 0);
  const reporting = days(random, Date.UTC(2025, 0, 1), 0.05 + 0.1 * random());
  const total = (obs) => ({
    energy: obs.reduce((s, o) => s + (o.coverage > 0 ? o.energy : 0), 0),
    productOutput: obs.reduce((s, o) => s + o.production, 0),
    outputValue: obs.reduce((s, o) => s + o.production, 0) * 0.8,
  });
  const b = total(baseline);
  const r = total(reporting);
  return {
    projectId: `p${i}`,
    granularity: 'day',
    baseline,
    reporting,
    baselineTotals: b,
    reportingTotals: r,
    baselineIndicators: [
      {
        formulaId: 'energy.intensity.unit_product',
        status: 'ok',
        value: b.energy / b.productOutput,
        unit: 'tce/unit',
      },
    ],
    reportingIndicators: [
      {
        formulaId: 'energy.intensity.unit_product',
        status: 'ok',
        value: r.energy / r.productOutput,
        unit: 'tce/unit',
      },
    ],
    targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -5 }],
  };
}

/** One class of E enterprises; metrics follow a latent quality, so some enterprises lead on most. */
function peerGroup() {
  const random = prng(7);
  return Array.from({ length: ENTERPRISES }, (_, i) => {
    const quality = random();
    const noisy = (spread) => Math.min(1, Math.max(0, quality + spread * (random() - 0.5)));
    return {
      enterpriseId: `e${String(i).padStart(5, '0')}`,
      name: `Enterprise ${i}`,
      industryCode: 'C3911',
      regionCode: '440100',
      sizeClass: 'medium',
      coverage: 0.85 + 0.15 * random(),
      violations: { safety: random() < 0.01 },
      metrics: {
        'energy.intensity.output_value': 0.12 - 0.1 * noisy(0.4),
        'carbon.intensity.output_value': 0.25 - 0.2 * noisy(0.4),
        'intelligence.oee': 0.4 + 0.5 * noisy(0.6),
        'intelligence.labour_productivity': 20 + 80 * noisy(0.6),
        'intelligence.index': Math.round(100 * noisy(0.4)),
        ...(random() < 0.9 && { 'green.score': Math.round(100 * noisy(0.4)) }),
      },
      previousTopGroup: random() < 0.5 ? undefined : random() < 0.8,
    };
  });
}

function time(label, run) {
  run(); // warm-up: JIT and first allocation
  const ms = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    result = run();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label}: median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, fastest ${ms[0].toFixed(1)} ms (${RUNS} runs)`,
  );
  return { result, medianMs: ms[Math.floor(ms.length / 2)] };
}

const generateStart = process.hrtime.bigint();
const projects = Array.from({ length: PROJECTS }, (_, i) => project(i));
const candidates = peerGroup();
console.log(
  `generated ${PROJECTS} projects × (365 + 365) days and ${ENTERPRISES} enterprises in ${(Number(process.hrtime.bigint() - generateStart) / 1e6).toFixed(0)} ms`,
);

const assess = time(`assessRetrofit × ${PROJECTS}`, () => projects.map((p) => assessRetrofit(p)));
const verdicts = {};
for (const a of assess.result) verdicts[a.verdict] = (verdicts[a.verdict] ?? 0) + 1;
console.log(
  `  per project ${((1000 * assess.medianMs) / PROJECTS).toFixed(1)} µs; verdicts ${JSON.stringify(verdicts)}`,
);
const sample = assess.result[0];
console.log(
  `  project p0: variables ${sample.model.variables.join(', ')}, CV(RMSE) ${(100 * sample.model.cvRmse).toFixed(2)} %, ` +
    `F ${(100 * sample.savings.fractionalSavings).toFixed(2)} %, FSU ${(100 * sample.savings.fsu68).toFixed(2)} %`,
);

const rank = time(`selectBenchmarks over ${ENTERPRISES} enterprises`, () =>
  selectBenchmarks({ industry: 'C3911', candidates }),
);
const selection = rank.result;
console.log(
  `  peer group ${selection.peerGroup.code} (${selection.peerGroup.level}) of ${selection.peerGroup.size}; ` +
    `${selection.ranked.filter((r) => r.selected).length} selected, ${selection.excluded.length} listed as left out`,
);
