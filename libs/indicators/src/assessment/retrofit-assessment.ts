import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';
import { COVERAGE_THRESHOLD_KEY, FRACTION } from '../result.js';
import { baselineVariables, fitBaseline, predict, type MvObservation } from './adjusted-baseline.js';
import { gbt13234Savings, type Gbt13234Savings } from './gbt13234-savings.js';
import {
  indicatorChanges,
  judgeTargets,
  type IndicatorChange,
  type IndicatorSnapshot,
  type RetrofitTarget,
  type TargetOutcome,
} from './indicator-changes.js';
import type { OlsFit } from './ols.js';
import { fractionalSavingsUncertainty } from './savings-uncertainty.js';

/**
 * Retrofit outcome assessment (indicators.md §6): GB/T 13234 savings from the period totals, the
 * IPMVP Option C adjusted-baseline savings with ASHRAE Guideline 14 model acceptance and savings
 * uncertainty, the indicator deltas, and a verdict against the declared targets.
 *
 * A verdict is `inconclusive` — with every reason that applies — when the data or the model are
 * not good enough; the model statistics and savings figures are still returned so the reasons can
 * be checked, but they are not a result. Sign conventions: GB/T 13234 `savings` are negative when
 * energy was saved (the standard's ΔE); Option C `avoided` is positive when energy was saved (the
 * IPMVP's avoided energy use).
 */
export type Granularity = 'day' | 'month';

export interface DeclaredTotals {
  /** 万元, at comparable prices. */
  outputValue?: number;
  productOutput?: number;
  valueAdded?: number;
}

export interface RetrofitAssessmentInput {
  projectId: string;
  granularity: Granularity;
  baseline: MvObservation[];
  reporting: MvObservation[];
  /** energy in tce. */
  baselineTotals: DeclaredTotals & { energy: number };
  reportingTotals: DeclaredTotals & { energy: number };
  baselineIndicators: IndicatorSnapshot[];
  reportingIndicators: IndicatorSnapshot[];
  targets: RetrofitTarget[];
  methodology?: Methodology;
}

export type Verdict = 'achieved' | 'not_achieved' | 'inconclusive';

export type VerdictReasonCode =
  | 'insufficient_coverage'
  | 'too_few_points'
  | 'model_singular'
  | 'model_fails_cvrmse'
  | 'model_fails_nmbe'
  | 'uncertainty_above_half_savings'
  | 'target_met'
  | 'target_missed'
  | 'indicator_missing'
  | 'no_targets';

export interface VerdictReason {
  code: VerdictReasonCode;
  message: string;
  details?: object;
}

export interface RetrofitModel {
  granularity: Granularity;
  /** 'intercept' then the regressors. */
  variables: string[];
  coefficients: Record<string, number>;
  n: number;
  p: number;
  r2: number;
  cvRmse: number;
  nmbe: number;
  rho: number;
  acceptance: { cvRmseMax: number; nmbeMax: number; passes: boolean };
}

export interface RetrofitSavings {
  /** Σ over the reporting period of the model's prediction, tce. */
  adjustedBaseline: number;
  /** Σ over the reporting period of the metered energy, tce. */
  actual: number;
  /** adjustedBaseline − actual, tce; positive = saved. */
  avoided: number;
  /** F = avoided ÷ adjustedBaseline. */
  fractionalSavings: number;
  /** Fractional savings uncertainty at 68 % (the methodology's confidence), relative to |F|. */
  fsu68: number;
  tValue: number;
  nEffective: number;
  /** Reporting points. */
  m: number;
  /** Acceptance: FSU below this share of the savings. */
  fsuMax: number;
}

export interface SeriesPoint {
  period: string;
  phase: 'baseline' | 'reporting';
  /** Metered energy, tce; null for a period without readings (coverage 0). */
  actual: number | null;
  /** The baseline model's prediction; null without a model. */
  predicted: number | null;
}

export interface RetrofitAssessment {
  projectId: string;
  methodologyVersion: string;
  verdict: Verdict;
  reasons: VerdictReason[];
  gbt13234: { product?: Gbt13234Savings; outputValue?: Gbt13234Savings };
  model: RetrofitModel | null;
  savings: RetrofitSavings | null;
  series: SeriesPoint[];
  indicatorChanges: IndicatorChange[];
  targets: TargetOutcome[];
  coverage: { baseline: number; reporting: number };
}

/** Reason codes that make a verdict inconclusive. */
const INCONCLUSIVE: ReadonlySet<VerdictReasonCode> = new Set([
  'insufficient_coverage',
  'too_few_points',
  'model_singular',
  'model_fails_cvrmse',
  'model_fails_nmbe',
  'uncertainty_above_half_savings',
  'indicator_missing',
]);

/** A period's coverage: the mean of its observations' coverage (each period counts once). */
function periodCoverage(observations: readonly MvObservation[]): number {
  if (observations.length === 0) return 0;
  return observations.reduce((s, o) => s + o.coverage, 0) / observations.length;
}

function checkObservations(name: string, observations: readonly MvObservation[]): void {
  for (const o of observations) {
    if (!Number.isFinite(o.coverage) || o.coverage < 0 || o.coverage > 1) {
      throw new RangeError(
        `${name} ${o.period}: coverage must be a share between 0 and 1, got ${o.coverage}`,
      );
    }
    if (!Number.isFinite(o.energy) || !Number.isFinite(o.production)) {
      throw new RangeError(`${name} ${o.period}: energy and production must be finite numbers`);
    }
  }
}

// Periods are ISO dates or months: code-unit order is calendar order (and far cheaper than localeCompare).
const byPeriod = (a: MvObservation, b: MvObservation): number =>
  a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

/** A fraction as a percentage with two decimals: 15.03 % must not read as the limit 15.0 %. */
const percent = (x: number): string => `${(100 * x).toFixed(2)} %`;

export function assessRetrofit(input: RetrofitAssessmentInput): RetrofitAssessment {
  const methodology = input.methodology ?? DEFAULT_METHODOLOGY;
  const read = (key: string, unit: string) => factorIn(methodology, key, unit).value;
  const g = input.granularity;
  if (g !== 'day' && g !== 'month')
    throw new RangeError(`granularity must be 'day' or 'month', got '${String(g)}'`);
  checkObservations('baseline', input.baseline);
  checkObservations('reporting', input.reporting);

  const coverageThreshold = read(COVERAGE_THRESHOLD_KEY, FRACTION);
  const cvRmseMax = read(`assessment.acceptance.${g}.cv_rmse_max`, FRACTION);
  const nmbeMax = read(`assessment.acceptance.${g}.nmbe_max`, FRACTION);
  const fsuMax = read('assessment.fsu.max_share', FRACTION);
  const confidence = read('assessment.fsu.confidence', FRACTION);
  const minBaseline = read(`assessment.min_points.baseline.${g}`, 'count');
  const minReporting = read(`assessment.min_points.reporting.${g}`, 'count');

  const reasons: VerdictReason[] = [];
  const coverage = { baseline: periodCoverage(input.baseline), reporting: periodCoverage(input.reporting) };
  for (const phase of ['baseline', 'reporting'] as const) {
    if (coverage[phase] < coverageThreshold) {
      reasons.push({
        code: 'insufficient_coverage',
        message: `${phase} coverage ${percent(coverage[phase])} is below the threshold ${percent(coverageThreshold)}`,
        details: { phase, coverage: coverage[phase], threshold: coverageThreshold },
      });
    }
  }

  // Periods without a single reading carry no energy figure: they are left out of the fit and of
  // the savings sums (their coverage 0 still lowers the period's coverage).
  const baseline = input.baseline.filter((o) => o.coverage > 0).sort(byPeriod);
  const reporting = input.reporting.filter((o) => o.coverage > 0).sort(byPeriod);
  for (const [phase, points, minimum] of [
    ['baseline', baseline.length, minBaseline],
    ['reporting', reporting.length, minReporting],
  ] as const) {
    if (points < minimum) {
      reasons.push({
        code: 'too_few_points',
        message: `the ${phase} period has ${points} ${g === 'day' ? 'days' : 'months'} with readings; at least ${minimum} are needed`,
        details: { phase, points, minimum },
      });
    }
  }

  const variables = baselineVariables(baseline, reporting);
  let fit: OlsFit | null = null;
  if (baseline.length > variables.length + 1) {
    try {
      fit = fitBaseline(baseline, variables);
    } catch (error) {
      reasons.push({ code: 'model_singular', message: (error as Error).message, details: { variables } });
    }
  } else if (
    !reasons.some((r) => r.code === 'too_few_points' && (r.details as { phase: string }).phase === 'baseline')
  ) {
    reasons.push({
      code: 'too_few_points',
      message: `${baseline.length} baseline points cannot fit ${variables.length + 1} coefficients`,
      details: { phase: 'baseline', points: baseline.length, minimum: variables.length + 2 },
    });
  }

  let model: RetrofitModel | null = null;
  let savings: RetrofitSavings | null = null;
  if (fit) {
    const cvPasses = fit.cvRmse <= cvRmseMax;
    const nmbePasses = Math.abs(fit.nmbe) <= nmbeMax;
    model = {
      granularity: g,
      variables: fit.names,
      coefficients: Object.fromEntries(fit.names.map((name, i) => [name, fit.coefficients[i]])),
      n: fit.n,
      p: fit.p,
      r2: fit.r2,
      cvRmse: fit.cvRmse,
      nmbe: fit.nmbe,
      rho: fit.rho,
      acceptance: { cvRmseMax, nmbeMax, passes: cvPasses && nmbePasses },
    };
    if (!cvPasses) {
      reasons.push({
        code: 'model_fails_cvrmse',
        message: `baseline model CV(RMSE) ${percent(fit.cvRmse)} exceeds ${percent(cvRmseMax)} (ASHRAE Guideline 14, ${g === 'day' ? 'daily' : 'monthly'})`,
        details: { cvRmse: fit.cvRmse, max: cvRmseMax },
      });
    }
    if (!nmbePasses) {
      reasons.push({
        code: 'model_fails_nmbe',
        message: `baseline model |NMBE| ${percent(Math.abs(fit.nmbe))} exceeds ${percent(nmbeMax)} (ASHRAE Guideline 14)`,
        details: { nmbe: fit.nmbe, max: nmbeMax },
      });
    }
    if (reporting.length === 0 && !reasons.some((r) => r.code === 'too_few_points')) {
      // Only reachable with a reporting minimum of 0: no savings can be computed from no points.
      reasons.push({
        code: 'too_few_points',
        message: 'the reporting period has no points with readings',
        details: { phase: 'reporting', points: 0, minimum: 1 },
      });
    }
    if (reporting.length > 0) {
      const adjustedBaseline = reporting.reduce((s, o) => s + predict(fit, variables, o), 0);
      const actual = reporting.reduce((s, o) => s + o.energy, 0);
      const avoided = adjustedBaseline - actual;
      const fractionalSavings = adjustedBaseline > 0 ? avoided / adjustedBaseline : Number.NaN;
      const u = fractionalSavingsUncertainty({
        cvRmse: fit.cvRmse,
        n: fit.n,
        p: fit.p,
        rho: fit.rho,
        m: reporting.length,
        fractionalSavings,
        confidence,
      });
      savings = {
        adjustedBaseline,
        actual,
        avoided,
        fractionalSavings,
        fsu68: u.fsu,
        tValue: u.tValue,
        nEffective: u.nEffective,
        m: reporting.length,
        fsuMax,
      };
      if (!(u.fsu < fsuMax)) {
        reasons.push({
          code: 'uncertainty_above_half_savings',
          message: Number.isFinite(u.fsu)
            ? `the savings uncertainty (${percent(u.fsu)} of the savings at ${percent(confidence)} confidence) is not below ${percent(fsuMax)}`
            : 'the savings are zero or the adjusted baseline is not positive: no savings can be told from noise',
          details: { fsu: u.fsu, max: fsuMax, fractionalSavings },
        });
      }
    }
  }

  const changes = indicatorChanges(input.baselineIndicators, input.reportingIndicators);
  const targets = judgeTargets(input.targets, changes);
  for (const t of targets.filter((x) => x.met === undefined)) {
    reasons.push({
      code: 'indicator_missing',
      message: `the change of ${t.indicator} cannot be computed: it is missing in the baseline or reporting period`,
      details: { indicator: t.indicator },
    });
  }

  const inconclusive = reasons.some((r) => INCONCLUSIVE.has(r.code));
  let verdict: Verdict;
  if (inconclusive) {
    verdict = 'inconclusive';
  } else if (targets.length === 0) {
    // Without declared targets the project is judged on whether energy was saved at all, by the
    // weather- and production-adjusted Option C figure (it is present: the model passed).
    const saved = savings!.avoided > 0;
    verdict = saved ? 'achieved' : 'not_achieved';
    reasons.push({
      code: 'no_targets',
      message: `no targets declared: judged on the adjusted-baseline savings, ${savings!.avoided.toFixed(3)} tce avoided (${saved ? 'energy saved' : 'no energy saved'})`,
      details: { avoided: savings!.avoided },
    });
  } else {
    for (const t of targets) {
      const sense = t.direction === 'lower_is_better' ? 'at most' : 'at least';
      reasons.push({
        code: t.met ? 'target_met' : 'target_missed',
        message: `${t.indicator} changed by ${t.actualChangePercent!.toFixed(2)} %; the target is ${sense} ${t.changePercent} %`,
        details: { indicator: t.indicator, target: t.changePercent, actual: t.actualChangePercent },
      });
    }
    verdict = targets.every((t) => t.met) ? 'achieved' : 'not_achieved';
  }

  const seriesOf = (phase: 'baseline' | 'reporting', observations: readonly MvObservation[]) =>
    [...observations].sort(byPeriod).map((o) => ({
      period: o.period,
      phase,
      actual: o.coverage > 0 ? o.energy : null,
      predicted:
        fit && (phase === 'baseline' || variables.every((v) => Number.isFinite(o[v])))
          ? predict(fit, variables, o)
          : null,
    }));

  const totals = (
    t: DeclaredTotals & { energy: number },
    key: 'productOutput' | 'outputValue',
    c: number,
  ) => ({
    energy: t.energy,
    denominator: t[key],
    coverage: c,
  });
  return {
    projectId: input.projectId,
    methodologyVersion: methodology.version,
    verdict,
    reasons,
    gbt13234: {
      product: gbt13234Savings(
        'product',
        totals(input.baselineTotals, 'productOutput', coverage.baseline),
        totals(input.reportingTotals, 'productOutput', coverage.reporting),
        methodology,
      ),
      outputValue: gbt13234Savings(
        'output_value',
        totals(input.baselineTotals, 'outputValue', coverage.baseline),
        totals(input.reportingTotals, 'outputValue', coverage.reporting),
        methodology,
      ),
    },
    model,
    savings,
    series: [...seriesOf('baseline', input.baseline), ...seriesOf('reporting', input.reporting)],
    indicatorChanges: changes,
    targets,
    coverage,
  };
}
