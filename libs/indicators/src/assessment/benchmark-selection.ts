import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';
import { COVERAGE_THRESHOLD_KEY, FRACTION } from '../result.js';
import { percentileScores } from './percentile.js';
import type { SizeClass } from './size-class.js';

/**
 * Benchmark enterprise selection (indicators.md §7, GRIP's own method): gate, peer group by
 * GB/T 4754-2017 level, percentile per intensity metric, weighted composite, selection by
 * threshold and by the two-period rule. Every candidate ends up either ranked or excluded with
 * the rule that excluded it; the ranked ones not selected are also listed under `excluded`, with
 * the same rule, so `excluded` alone answers "who was left out and why".
 */
export type BenchmarkMetric =
  | 'energy.intensity.output_value'
  | 'carbon.intensity.output_value'
  | 'intelligence.oee'
  | 'intelligence.labour_productivity'
  | 'intelligence.index'
  | 'green.score';

export const BENCHMARK_METRICS: readonly BenchmarkMetric[] = [
  'energy.intensity.output_value',
  'carbon.intensity.output_value',
  'intelligence.oee',
  'intelligence.labour_productivity',
  'intelligence.index',
  'green.score',
];

/** Energy and carbon per output value: less is better; the other metrics: more is better. */
const LOWER_IS_BETTER: ReadonlySet<BenchmarkMetric> = new Set([
  'energy.intensity.output_value',
  'carbon.intensity.output_value',
]);

export interface BenchmarkCandidate {
  enterpriseId: string;
  name: string;
  /** GB/T 4754-2017 class, e.g. 'C3911'. */
  industryCode: string;
  regionCode: string;
  sizeClass: SizeClass | null;
  /** Data coverage for the period, 0–1. */
  coverage: number;
  violations: { safety?: boolean; environmental?: boolean };
  energyPerUnitProduct?: number;
  /** The national limit value (限额) of energy per unit product, where one exists. */
  nationalLimit?: number;
  metrics: Partial<Record<BenchmarkMetric, number>>;
  /** In the top group (composite ≥ threshold) last period; undefined = no history. */
  previousTopGroup?: boolean;
}

export interface BenchmarkInput {
  /** The GB/T 4754 code to start from: a class ('C3911'), group ('C391') or division ('C39'). */
  industry: string;
  /** Split the peer group by size class. */
  sizeClass?: SizeClass;
  candidates: BenchmarkCandidate[];
  methodology?: Methodology;
}

export type PeerGroupLevel = 'class' | 'group' | 'division';

export type BenchmarkExclusionRule =
  | 'coverage'
  | 'violation'
  | 'above_national_limit'
  | 'outside_peer_group'
  | 'size_class'
  | 'below_threshold'
  | 'not_top_two_periods'
  | 'missing_metrics';

export interface RankedBenchmark {
  enterpriseId: string;
  name: string;
  /** Only the metrics the enterprise has. */
  percentiles: Partial<Record<BenchmarkMetric, number>>;
  composite: number;
  /** 1 = best; equal composites are ordered by enterpriseId ascending. */
  rank: number;
  selected: boolean;
  rule?: 'below_threshold' | 'not_top_two_periods';
}

export interface BenchmarkExclusion {
  enterpriseId: string;
  name: string;
  rule: BenchmarkExclusionRule;
  message: string;
}

export interface PeerGroupAttempt {
  level: PeerGroupLevel;
  code: string;
  /** Candidates of this level that passed the gate. */
  size: number;
}

export interface BenchmarkSelection {
  methodologyVersion: string;
  peerGroup: {
    level: PeerGroupLevel;
    code: string;
    size: number;
    minimum: number;
    /** False when no level reached the minimum and the division was used anyway. */
    reachedMinimum: boolean;
    /** The levels tried, narrowest first, with their gated sizes. */
    tried: PeerGroupAttempt[];
    note: string;
  };
  weights: Record<BenchmarkMetric, number>;
  threshold: number;
  ranked: RankedBenchmark[];
  excluded: BenchmarkExclusion[];
}

const LEVEL_OF_LENGTH: Readonly<Record<number, PeerGroupLevel>> = { 3: 'division', 4: 'group', 5: 'class' };

/** The GB/T 4754 levels from the given code up to its division, narrowest first. */
export function peerGroupLevels(industry: string): { level: PeerGroupLevel; code: string }[] {
  if (!/^[A-T]\d{2,4}$/.test(industry)) {
    throw new RangeError(
      `'${industry}' is not a GB/T 4754 division, group or class code (e.g. C39, C391, C3911)`,
    );
  }
  const levels: { level: PeerGroupLevel; code: string }[] = [];
  for (let length = industry.length; length >= 3; length--) {
    levels.push({ level: LEVEL_OF_LENGTH[length], code: industry.slice(0, length) });
  }
  return levels;
}

const byId = (a: { enterpriseId: string }, b: { enterpriseId: string }): number =>
  a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0;

function presentMetrics(c: BenchmarkCandidate): BenchmarkMetric[] {
  return BENCHMARK_METRICS.filter((m) => Number.isFinite(c.metrics[m]));
}

export function selectBenchmarks(input: BenchmarkInput): BenchmarkSelection {
  const methodology = input.methodology ?? DEFAULT_METHODOLOGY;
  const coverageThreshold = factorIn(methodology, COVERAGE_THRESHOLD_KEY, FRACTION).value;
  const minimum = factorIn(methodology, 'benchmark.peer_group.min_size', 'count').value;
  const threshold = factorIn(methodology, 'benchmark.select.threshold', 'points').value;
  const weights = Object.fromEntries(
    BENCHMARK_METRICS.map((m) => [m, factorIn(methodology, `benchmark.weight.${m}`, 'weight').value]),
  ) as Record<BenchmarkMetric, number>;

  // The gate and the other rules that do not depend on the peer-group level, first that applies.
  const gateRule = (c: BenchmarkCandidate): Omit<BenchmarkExclusion, 'enterpriseId' | 'name'> | null => {
    if (input.sizeClass !== undefined && c.sizeClass !== input.sizeClass) {
      return {
        rule: 'size_class',
        message: `size class ${c.sizeClass ?? 'unknown'}, the peer group is ${input.sizeClass}`,
      };
    }
    if (!(c.coverage >= coverageThreshold)) {
      return { rule: 'coverage', message: `data coverage ${c.coverage} is below ${coverageThreshold}` };
    }
    const flags = (['safety', 'environmental'] as const).filter((v) => c.violations[v] === true);
    if (flags.length > 0) return { rule: 'violation', message: `declared ${flags.join(' and ')} violation` };
    if (
      Number.isFinite(c.energyPerUnitProduct) &&
      Number.isFinite(c.nationalLimit) &&
      c.energyPerUnitProduct! > c.nationalLimit!
    ) {
      return {
        rule: 'above_national_limit',
        message: `energy per unit product ${c.energyPerUnitProduct} is above the national limit ${c.nationalLimit}`,
      };
    }
    if (presentMetrics(c).length === 0)
      return { rule: 'missing_metrics', message: 'none of the benchmark metrics is available' };
    return null;
  };
  const gate = new Map(input.candidates.map((c) => [c, gateRule(c)]));

  const tried: PeerGroupAttempt[] = [];
  const levels = peerGroupLevels(input.industry);
  let chosen = levels[levels.length - 1];
  for (const level of levels) {
    const size = input.candidates.filter(
      (c) => c.industryCode.startsWith(level.code) && gate.get(c) === null,
    ).length;
    tried.push({ ...level, size });
    if (size >= minimum) {
      chosen = level;
      break;
    }
  }
  const chosenSize = tried.find((t) => t.code === chosen.code)!.size;
  const reachedMinimum = chosenSize >= minimum;

  const excluded: BenchmarkExclusion[] = [];
  const peers: BenchmarkCandidate[] = [];
  for (const c of input.candidates) {
    if (!c.industryCode.startsWith(chosen.code)) {
      excluded.push({
        enterpriseId: c.enterpriseId,
        name: c.name,
        rule: 'outside_peer_group',
        message: `industry ${c.industryCode} is outside the peer group ${chosen.code} (${chosen.level})`,
      });
      continue;
    }
    const rule = gate.get(c);
    if (rule) excluded.push({ enterpriseId: c.enterpriseId, name: c.name, ...rule });
    else peers.push(c);
  }

  // Percentiles per metric over the peers that have it.
  const percentiles = new Map<BenchmarkCandidate, Partial<Record<BenchmarkMetric, number>>>(
    peers.map((c) => [c, {}]),
  );
  for (const metric of BENCHMARK_METRICS) {
    const having = peers.filter((c) => Number.isFinite(c.metrics[metric]));
    const scores = percentileScores(
      having.map((c) => c.metrics[metric]!),
      LOWER_IS_BETTER.has(metric),
    );
    having.forEach((c, i) => (percentiles.get(c)![metric] = scores[i]));
  }

  const ranked: RankedBenchmark[] = peers
    .map((c) => {
      const own = percentiles.get(c)!;
      const present = Object.keys(own) as BenchmarkMetric[];
      const weight = present.reduce((s, m) => s + weights[m], 0);
      const composite = present.reduce((s, m) => s + weights[m] * own[m]!, 0) / weight;
      const rule: RankedBenchmark['rule'] =
        composite < threshold
          ? 'below_threshold'
          : c.previousTopGroup === false
            ? 'not_top_two_periods'
            : undefined;
      return {
        enterpriseId: c.enterpriseId,
        name: c.name,
        percentiles: own,
        composite,
        rank: 0,
        selected: !rule,
        ...(rule && { rule }),
      };
    })
    .sort((a, b) => b.composite - a.composite || byId(a, b))
    .map((r, i) => ({ ...r, rank: i + 1 }));

  for (const r of ranked) {
    if (r.rule === 'below_threshold') {
      excluded.push({
        enterpriseId: r.enterpriseId,
        name: r.name,
        rule: r.rule,
        message: `composite ${r.composite.toFixed(1)} is below ${threshold}`,
      });
    } else if (r.rule === 'not_top_two_periods') {
      excluded.push({
        enterpriseId: r.enterpriseId,
        name: r.name,
        rule: r.rule,
        message: `composite ${r.composite.toFixed(1)} reaches ${threshold}, but the enterprise was not in the top group last period`,
      });
    }
  }
  excluded.sort(byId);

  const note = reachedMinimum
    ? `peer group ${chosen.code} (${chosen.level}): ${chosenSize} enterprises pass the gate, at least ${minimum} needed`
    : `no level reached ${minimum} enterprises passing the gate (${tried.map((t) => `${t.code}: ${t.size}`).join(', ')}); the division ${chosen.code} is used with ${chosenSize}`;
  return {
    methodologyVersion: methodology.version,
    peerGroup: {
      level: chosen.level,
      code: chosen.code,
      size: chosenSize,
      minimum,
      reachedMinimum,
      tried,
      note,
    },
    weights,
    threshold,
    ranked,
    excluded,
  };
}
