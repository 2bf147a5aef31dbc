import {
  classifySize,
  greenScore,
  type AnyIndicatorResult,
  type BenchmarkCandidate,
  type BenchmarkMetric,
  type Methodology,
} from '#grip/indicators';
import type { Enterprise } from '#grip/registry';

/** A stored or computed indicator set, as the enterprise indicators service returns it. */
export interface CandidateSet {
  readonly coverage: { readonly energy: number | null };
  readonly declared: { readonly averageEmployees?: number; readonly revenue?: number };
  readonly indicators: Readonly<Record<string, unknown>>;
}

/** The §7 metrics read from a set; the green score is scored here from the set's own values. */
const SET_METRICS: readonly BenchmarkMetric[] = [
  'energy.intensity.output_value',
  'carbon.intensity.output_value',
  'intelligence.oee',
  'intelligence.labour_productivity',
  'intelligence.index',
];

const valueOf = (result: unknown): number | undefined => {
  const r = result as { status?: string; value?: unknown } | undefined;
  return r && r.status !== 'missing' && typeof r.value === 'number' && Number.isFinite(r.value)
    ? r.value
    : undefined;
};

/** Violation flags declared in any month of the period (absent = none declared). */
export function declaredViolations(declarations: readonly { readonly data: unknown }[]) {
  const flags = { safety: false, environmental: false };
  for (const d of declarations) {
    const v = (d.data as { violations?: { safety?: unknown; environmental?: unknown } }).violations;
    if (v?.safety === true) flags.safety = true;
    if (v?.environmental === true) flags.environmental = true;
  }
  return flags;
}

/**
 * One enterprise as §7 sees it: coverage, declared violations, energy per unit product against
 * the national limit (methodology `benchmark.national_limit.<industry>` where one is published),
 * the intensity metrics, and the size class (registered, else from declared employees and
 * revenue).
 */
export function candidateOf(
  enterprise: Enterprise,
  set: CandidateSet,
  declarations: readonly { readonly data: unknown }[],
  methodology: Methodology,
  previousTopGroup?: boolean,
): BenchmarkCandidate {
  const metrics: Partial<Record<BenchmarkMetric, number>> = {};
  for (const metric of SET_METRICS) {
    const value = valueOf(set.indicators[metric]);
    if (value !== undefined) metrics[metric] = value;
  }
  const green = greenScore(
    { values: set.indicators as Record<string, AnyIndicatorResult>, industry: enterprise.industryCode },
    methodology,
  );
  const greenValue = valueOf(green);
  if (greenValue !== undefined) metrics['green.score'] = greenValue;
  const limit = nationalLimit(methodology, enterprise.industryCode);
  const perUnit = valueOf(set.indicators['energy.intensity.unit_product']);
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    industryCode: enterprise.industryCode,
    regionCode: enterprise.regionCode,
    sizeClass: enterprise.sizeClass ?? classifySize(set.declared.averageEmployees, set.declared.revenue),
    coverage: set.coverage.energy ?? 0,
    violations: declaredViolations(declarations),
    ...(perUnit === undefined ? {} : { energyPerUnitProduct: perUnit }),
    ...(limit === undefined ? {} : { nationalLimit: limit }),
    metrics,
    ...(previousTopGroup === undefined ? {} : { previousTopGroup }),
  };
}

/** The most specific national limit published for the industry code (class, group, division). */
function nationalLimit(methodology: Methodology, industryCode: string): number | undefined {
  for (let length = industryCode.length; length >= 3; length--) {
    const key = `benchmark.national_limit.${industryCode.slice(0, length)}`;
    const found = methodology.factors.find((f) => f.key === key);
    if (found) return found.value;
  }
  return undefined;
}
