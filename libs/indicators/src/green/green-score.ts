import {
  DEFAULT_METHODOLOGY,
  factor,
  factorIn,
  type FactorConfidence,
  type Methodology,
} from '../methodology/methodology.js';
import {
  componentValue,
  missingResult,
  type Amount,
  type AnyIndicatorResult,
  type IndicatorResult,
} from '../result.js';

/**
 * GB/T 36132-2025 green-factory scoring (indicators.md §5). Each quantitative indicator scores 0
 * at its baseline value (基准值) and full marks at its leading value (引领值), linearly between
 * and capped at both ends (GRIP's choice; the standard gives the two anchors only). Which way is
 * better follows from the anchors: a leading value above the baseline means higher is better.
 *
 * Benchmarks are methodology data per industry set — `green.2025.<set>.<indicator>.baseline |
 * leading | weight`, `<indicator>` being the indicator's formulaId. The set is the enterprise's
 * GB/T 4754 class, else its group, else its division, else `default`; the whole set is taken
 * from one level, never mixed. Scores are out of 100: full marks of an indicator are
 * 100 × weight ÷ Σ weights of its set.
 */
export const GREEN_SCORE_FORMULA_IDS = {
  indicator: 'green.indicator_score.gbt36132_2025',
  total: 'green.score.gbt36132_2025',
  candidate: 'green.candidate',
} as const;

const PREFIX = 'green.2025.';
const CANDIDATE_THRESHOLD_KEY = 'green.candidate.threshold';

export type ScoreDirection = 'higher-is-better' | 'lower-is-better';

/** Points for a value: 0 at the baseline, fullScore at the leading value, linear and capped. */
export function linearScore(value: number, baseline: number, leading: number, fullScore: number): number {
  for (const [name, x] of Object.entries({ value, baseline, leading, fullScore })) {
    if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
  }
  if (baseline === leading) throw new RangeError(`baseline and leading value are both ${baseline}: no scale`);
  const position = (value - baseline) / (leading - baseline);
  return fullScore * Math.min(1, Math.max(0, position));
}

export type GreenBenchmark = {
  readonly indicator: string;
  readonly unit: string;
  readonly baseline: number;
  readonly leading: number;
  readonly direction: ScoreDirection;
  readonly weight: number;
  /** Full marks of the indicator out of 100. */
  readonly fullScore: number;
  readonly confidence: FactorConfidence;
};

export type GreenBenchmarkSet = {
  /** The set used: an industry code or `default`. */
  readonly set: string;
  readonly requestedIndustry: string | null;
  readonly benchmarks: readonly GreenBenchmark[];
};

/** Candidate sets for an industry code, most specific first: C3360 → C336 → C33 → default. */
function setChain(industry: string | undefined): string[] {
  if (!industry) return ['default'];
  const chain = /^C\d{2,4}$/.test(industry)
    ? [industry, industry.slice(0, 4), industry.slice(0, 3)].filter((c) => c.length >= 3)
    : [industry];
  return [...new Set([...chain, 'default'])];
}

/** The benchmark set that applies to an industry, with each indicator's anchors and full marks. */
export function greenBenchmarkSet(
  industry: string | undefined,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): GreenBenchmarkSet {
  for (const set of setChain(industry)) {
    const weightKeys = methodology.factors
      .map((f) => f.key)
      .filter((k) => k.startsWith(`${PREFIX}${set}.`) && k.endsWith('.weight'));
    if (weightKeys.length === 0) continue;
    const raw = weightKeys.map((k) => {
      const indicator = k.slice(`${PREFIX}${set}.`.length, -'.weight'.length);
      const key = `${PREFIX}${set}.${indicator}`;
      const baseline = factor(methodology, `${key}.baseline`);
      // Both anchors in one unit, whatever the indicator's unit is.
      const leading = factorIn(methodology, `${key}.leading`, baseline.unit);
      const weight = factorIn(methodology, k, 'points');
      if (baseline.value === leading.value) throw new Error(`${key}: baseline equals leading value`);
      if (!(weight.value > 0)) throw new Error(`${k} must be positive, got ${weight.value}`);
      return { indicator, unit: baseline.unit, baseline, leading, weight };
    });
    const totalWeight = raw.reduce((s, r) => s + r.weight.value, 0);
    const rank = { H: 0, M: 1, U: 2 } as const;
    return {
      set,
      requestedIndustry: industry ?? null,
      benchmarks: raw.map((r) => ({
        indicator: r.indicator,
        unit: r.unit,
        baseline: r.baseline.value,
        leading: r.leading.value,
        direction: r.leading.value > r.baseline.value ? 'higher-is-better' : 'lower-is-better',
        weight: r.weight.value,
        fullScore: (100 * r.weight.value) / totalWeight,
        // The weakest confidence of the three factors.
        confidence: [r.baseline, r.leading, r.weight].reduce<FactorConfidence>(
          (c, f) => (rank[f.confidence] > rank[c] ? f.confidence : c),
          'H',
        ),
      })),
    };
  }
  throw new Error(
    `methodology ${methodology.version} has no GB/T 36132-2025 benchmark set (not even 'default')`,
  );
}

export type IndicatorScore = GreenBenchmark & {
  readonly status: 'ok' | 'partial' | 'missing';
  readonly value: number | null;
  readonly points: number | null;
  readonly reason?: string;
};

function scoreOne(b: GreenBenchmark, given: AnyIndicatorResult | Amount): IndicatorScore {
  const c = componentValue(given);
  if (c.status === 'missing') return { ...b, status: 'missing', value: null, points: null, reason: c.reason };
  // A value in another unit (a fraction against a % benchmark) would score silently wrong.
  if (c.unit !== undefined && c.unit !== b.unit) {
    throw new RangeError(`indicator '${b.indicator}' is in ${c.unit}, its benchmark in ${b.unit}`);
  }
  const points = linearScore(c.value, b.baseline, b.leading, b.fullScore);
  return { ...b, status: c.status, value: c.value, points };
}

/** Points of one indicator out of its full marks (see GreenBenchmark.fullScore). */
export type IndicatorScoreInputs = Partial<IndicatorScore> & {
  readonly set: string;
  readonly requestedIndustry: string | null;
  readonly indicator: string;
};

export function greenIndicatorScore(
  input: {
    readonly indicator: string;
    readonly value: AnyIndicatorResult | Amount;
    readonly industry?: string;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof GREEN_SCORE_FORMULA_IDS.indicator, IndicatorScoreInputs> {
  const { set, requestedIndustry, benchmarks } = greenBenchmarkSet(input.industry, methodology);
  const formulaId = GREEN_SCORE_FORMULA_IDS.indicator;
  const b = benchmarks.find((x) => x.indicator === input.indicator);
  if (!b) {
    const inputs = { set, requestedIndustry, indicator: input.indicator };
    return missingResult(formulaId, 'points', inputs, `set '${set}' has no benchmark for this indicator`);
  }
  const s = scoreOne(b, input.value);
  const inputs: IndicatorScoreInputs = { set, requestedIndustry, ...s };
  const base = { unit: 'points', formulaId, inputs, methodologyVersion: methodology.version } as const;
  if (s.points === null) {
    return missingResult(formulaId, 'points', inputs, `indicator value is missing: ${s.reason}`);
  }
  if (s.status === 'partial') {
    return { status: 'partial', value: s.points, ...base, reason: 'the indicator value is partial' };
  }
  return { status: 'ok', value: s.points, ...base };
}

export type GreenScoreInputs = {
  readonly set: string;
  readonly requestedIndustry: string | null;
  readonly maxScore: 100;
  readonly indicators: Readonly<Record<string, IndicatorScore>>;
  /** Values given for indicators the set does not score. */
  readonly notScored: readonly string[];
};

export type GreenScore = IndicatorResult<typeof GREEN_SCORE_FORMULA_IDS.total, GreenScoreInputs>;

/**
 * The 2025-edition score out of 100: Σ points over the set's indicators. An absent indicator
 * earns no points and makes the score `partial` (naming it); the score is not renormalised,
 * because in an assessment missing evidence earns nothing — and so a partial score is a lower
 * bound, which the candidate flag relies on.
 */
export function greenScore(
  input: {
    readonly values: Readonly<Record<string, AnyIndicatorResult | Amount>>;
    readonly industry?: string;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): GreenScore {
  const { set, requestedIndustry, benchmarks } = greenBenchmarkSet(input.industry, methodology);
  const indicators = Object.fromEntries(
    benchmarks.map((b) => [b.indicator, scoreOne(b, input.values[b.indicator])]),
  );
  const scores = Object.values(indicators);
  const inputs: GreenScoreInputs = {
    set,
    requestedIndustry,
    maxScore: 100,
    indicators,
    notScored: Object.keys(input.values).filter((k) => !(k in indicators)),
  };
  const formulaId = GREEN_SCORE_FORMULA_IDS.total;
  const absent = scores.filter((s) => s.points === null).map((s) => s.indicator);
  if (absent.length === scores.length) {
    return missingResult(formulaId, 'points', inputs, 'no indicator value is given');
  }
  const value = scores.reduce((sum, s) => sum + (s.points ?? 0), 0);
  const base = { value, unit: 'points', formulaId, inputs, methodologyVersion: methodology.version } as const;
  const partial = scores.filter((s) => s.status === 'partial').map((s) => s.indicator);
  if (absent.length === 0 && partial.length === 0) return { status: 'ok', ...base };
  const presentWeight =
    scores.filter((s) => s.points !== null).reduce((sum, s) => sum + s.fullScore, 0) / 100;
  const reason = [
    absent.length > 0 ? `no points for absent indicators: ${absent.join(', ')}` : '',
    partial.length > 0 ? `partial indicators: ${partial.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return { status: 'partial', ...base, coverage: presentWeight, reason };
}

export type GreenCandidateInputs = {
  readonly gates: Readonly<Record<string, boolean | null>>;
  readonly failedGates: readonly string[];
  readonly unansweredGates: readonly string[];
  readonly score: number | null;
  readonly scoreStatus: 'ok' | 'partial' | 'missing';
  readonly threshold: number;
};

/**
 * Green-factory candidate flag: every gate answer (basic requirements, declared) passes and the
 * score reaches `green.candidate.threshold` (default 80). A failed gate settles it (false) even
 * with other answers missing. A score partial only for absent indicators is a lower bound: at or
 * above the threshold it settles the flag (true), below it the flag stays `partial` (false until
 * data come in). An indicator below the coverage threshold leaves the flag `partial` either way.
 */
export function greenFactoryCandidate(
  input: { readonly gates: Readonly<Record<string, boolean | null | undefined>>; readonly score: GreenScore },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof GREEN_SCORE_FORMULA_IDS.candidate, GreenCandidateInputs, boolean> {
  const threshold = factorIn(methodology, CANDIDATE_THRESHOLD_KEY, 'points').value;
  const names = Object.keys(input.gates).sort();
  const score = input.score.status === 'missing' ? null : input.score.value;
  const inputs: GreenCandidateInputs = {
    gates: Object.fromEntries(names.map((n) => [n, input.gates[n] ?? null])),
    failedGates: names.filter((n) => input.gates[n] === false),
    unansweredGates: names.filter((n) => typeof input.gates[n] !== 'boolean'),
    score,
    scoreStatus: input.score.status,
    threshold,
  };
  const formulaId = GREEN_SCORE_FORMULA_IDS.candidate;
  const base = { unit: 'flag', formulaId, inputs, methodologyVersion: methodology.version } as const;
  if (inputs.failedGates.length > 0) return { status: 'ok', value: false, ...base };
  if (names.length === 0) return missingResult(formulaId, 'flag', inputs, 'no gate answer is declared');
  if (inputs.unansweredGates.length > 0) {
    return missingResult(
      formulaId,
      'flag',
      inputs,
      `gates not answered: ${inputs.unansweredGates.join(', ')}`,
    );
  }
  if (score === null || input.score.status === 'missing') {
    return missingResult(formulaId, 'flag', inputs, 'the green score is missing');
  }
  // Absent indicators only lower the score; a value from too few readings can move either way.
  const undecided = Object.values(input.score.inputs.indicators)
    .filter((s) => s.status === 'partial')
    .map((s) => s.indicator);
  if (undecided.length > 0) {
    const reason = `indicators below the coverage threshold: ${undecided.join(', ')}; decided on complete data only`;
    return { status: 'partial', value: false, ...base, reason };
  }
  if (score >= threshold) return { status: 'ok', value: true, ...base };
  if (input.score.status === 'partial') {
    const reason = `score ${score} from the indicators present is below ${threshold}; absent ones could reach it`;
    return { status: 'partial', value: false, ...base, reason };
  }
  return { status: 'ok', value: false, ...base };
}
