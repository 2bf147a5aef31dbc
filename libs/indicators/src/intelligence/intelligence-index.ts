import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';
import {
  componentValue,
  FRACTION,
  missingResult,
  type Amount,
  type AnyIndicatorResult,
  type IndicatorResult,
} from '../result.js';

/**
 * Intelligence index (indicators.md §4): Σ wᵢ·(100 × rateᵢ) ÷ Σ wᵢ over the rates with a weight
 * in the methodology (`intelligence.index.weight.<rate>`). The weights are published in the
 * result's inputs.
 *
 * Absent rates: the index is renormalised over the rates present and marked `partial`, naming
 * the absent ones — as long as the present weight reaches `intelligence.index.min_weight_share`
 * (default 0.5); below that it is `missing`, so one rate alone is never passed off as the index.
 */
export const INTELLIGENCE_INDEX_FORMULA_ID = 'intelligence.index';
export const MATURITY_LEVEL_FORMULA_ID = 'intelligence.maturity_level.gbt39116';

const WEIGHT_PREFIX = 'intelligence.index.weight.';
const MIN_WEIGHT_SHARE_KEY = 'intelligence.index.min_weight_share';

export type IntelligenceIndexComponent = {
  readonly weight: number;
  readonly status: 'ok' | 'partial' | 'missing';
  /** The rate as a fraction, and its 0–100 score; null when absent. */
  readonly rate: number | null;
  readonly score: number | null;
  readonly reason?: string;
};

export type IntelligenceIndexInputs = {
  readonly weights: Readonly<Record<string, number>>;
  readonly components: Readonly<Record<string, IntelligenceIndexComponent>>;
  /** Share of the total weight whose rate is present. */
  readonly presentWeightShare: number;
  readonly renormalised: boolean;
};

export type IntelligenceIndex = IndicatorResult<
  typeof INTELLIGENCE_INDEX_FORMULA_ID,
  IntelligenceIndexInputs
>;

/** The index components and their weights in this methodology. */
export function intelligenceIndexWeights(
  methodology: Methodology = DEFAULT_METHODOLOGY,
): Record<string, number> {
  return Object.fromEntries(
    methodology.factors
      .filter((f) => f.key.startsWith(WEIGHT_PREFIX))
      .map((f) => [f.key.slice(WEIGHT_PREFIX.length), factorIn(methodology, f.key, 'weight').value]),
  );
}

/**
 * The index from rates keyed by component (`digitisation_rate`, `networking_rate`,
 * `key_process_nc_rate`, `equipment_intelligence_rate`, `equipment_on_cloud_rate`): the results
 * of the rate functions, or bare fractions.
 */
export function intelligenceIndex(
  rates: Readonly<Record<string, AnyIndicatorResult | Amount>>,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IntelligenceIndex {
  const weights = intelligenceIndexWeights(methodology);
  for (const name of Object.keys(rates)) {
    // A misspelt component would otherwise be dropped and the index silently renormalised.
    if (!(name in weights)) {
      throw new RangeError(`'${name}' has no weight in methodology ${methodology.version}`);
    }
  }
  const components: Record<string, IntelligenceIndexComponent> = {};
  let totalWeight = 0;
  let presentWeight = 0;
  let weightedScore = 0;
  let anyPartial = false;
  for (const [name, weight] of Object.entries(weights)) {
    totalWeight += weight;
    const c = componentValue(rates[name]);
    if (c.status === 'missing') {
      components[name] = { weight, status: 'missing', rate: null, score: null, reason: c.reason };
      continue;
    }
    if (c.unit !== undefined && c.unit !== FRACTION) {
      throw new RangeError(`rate '${name}' is in ${c.unit}, expected ${FRACTION}`);
    }
    if (c.value < 0 || c.value > 1) {
      throw new RangeError(`rate '${name}' must be a fraction 0–1, got ${c.value}`);
    }
    const score = 100 * c.value;
    components[name] = { weight, status: c.status, rate: c.value, score };
    presentWeight += weight;
    weightedScore += weight * score;
    anyPartial ||= c.status === 'partial';
  }
  if (totalWeight <= 0) {
    throw new Error(`methodology ${methodology.version} gives the intelligence index no weight`);
  }
  const presentWeightShare = presentWeight / totalWeight;
  const absent = Object.keys(components).filter((n) => components[n].status === 'missing');
  const inputs: IntelligenceIndexInputs = {
    weights,
    components,
    presentWeightShare,
    renormalised: absent.length > 0,
  };
  const minShare = factorIn(methodology, MIN_WEIGHT_SHARE_KEY, FRACTION).value;
  if (presentWeight === 0 || presentWeightShare < minShare) {
    return missingResult(
      INTELLIGENCE_INDEX_FORMULA_ID,
      'index 0-100',
      inputs,
      `rates present carry ${presentWeightShare} of the weight, below ${minShare} (${MIN_WEIGHT_SHARE_KEY}); absent: ${absent.join(', ')}`,
    );
  }
  const base = {
    value: weightedScore / presentWeight,
    unit: 'index 0-100',
    formulaId: INTELLIGENCE_INDEX_FORMULA_ID,
    inputs,
    methodologyVersion: methodology.version,
  } as const;
  if (absent.length === 0 && !anyPartial) return { status: 'ok', ...base };
  const partialRates = Object.keys(components).filter((n) => components[n].status === 'partial');
  const reasons = [
    absent.length > 0 ? `renormalised over the rates present; absent: ${absent.join(', ')}` : '',
    partialRates.length > 0 ? `partial rates: ${partialRates.join(', ')}` : '',
  ].filter(Boolean);
  return { status: 'partial', ...base, coverage: presentWeightShare, reason: reasons.join('; ') };
}

/** GB/T 39116-2020 smart-manufacturing capability maturity levels (declared, not computed). */
export const MATURITY_LEVELS: Readonly<Record<number, string>> = {
  1: '规划级',
  2: '规范级',
  3: '集成级',
  4: '优化级',
  5: '引领级',
};

/** The declared maturity level (1–5), with its name; missing when not declared. */
export function maturityLevel(
  input: { readonly declaredLevel: Amount },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof MATURITY_LEVEL_FORMULA_ID> {
  const level = input.declaredLevel;
  if (level === null || level === undefined) {
    return missingResult(
      MATURITY_LEVEL_FORMULA_ID,
      'level',
      { declaredLevel: undefined },
      'maturity level is not declared',
    );
  }
  if (!Number.isInteger(level) || MATURITY_LEVELS[level] === undefined) {
    throw new RangeError(`maturity level must be an integer 1–5, got ${level}`);
  }
  return {
    status: 'ok',
    value: level,
    unit: 'level',
    formulaId: MATURITY_LEVEL_FORMULA_ID,
    inputs: { declaredLevel: level, name: MATURITY_LEVELS[level], standard: 'GB/T 39116-2020' },
    methodologyVersion: methodology.version,
  };
}
