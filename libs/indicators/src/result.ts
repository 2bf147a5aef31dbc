import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from './methodology/methodology.js';

/**
 * The shape every indicator returns (indicators.md §0): a value that explains itself, or the
 * reason there is none. `missing` carries no value at all, so an absent input or a zero
 * denominator can never be read as 0; `partial` carries a value computed from too few readings.
 */
export type IndicatorStatus = 'ok' | 'partial' | 'missing';

/** What a result records about its inputs: plain JSON, so it can be stored and shown as is. */
export type InputValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly InputValue[]
  | { readonly [key: string]: InputValue };

export type IndicatorInputs = { readonly [key: string]: InputValue };

export interface OkResult<F extends string = string, I = IndicatorInputs, V = number> {
  readonly status: 'ok';
  readonly value: V;
  readonly unit: string;
  readonly formulaId: F;
  readonly inputs: I;
  readonly methodologyVersion: string;
  /** Share of expected readings present; set for telemetry-based indicators given a coverage. */
  readonly coverage?: number;
}

export interface PartialResult<F extends string = string, I = IndicatorInputs, V = number> {
  readonly status: 'partial';
  readonly value: V;
  readonly unit: string;
  readonly formulaId: F;
  readonly inputs: I;
  readonly methodologyVersion: string;
  readonly coverage?: number;
  /** Why the value is partial: coverage below the threshold, or components absent. */
  readonly reason: string;
}

export interface MissingResult<F extends string = string, I = IndicatorInputs> {
  readonly status: 'missing';
  readonly unit: string;
  readonly formulaId: F;
  readonly inputs: I;
  readonly reason: string;
}

export type IndicatorResult<F extends string = string, I = IndicatorInputs, V = number> =
  OkResult<F, I, V> | PartialResult<F, I, V> | MissingResult<F, I>;

/** Any numeric result, whatever its formula and inputs: what composites (index, score) accept. */
export type AnyIndicatorResult = IndicatorResult<string, unknown>;

/** A declared or measured quantity; null and undefined both mean "not available". */
export type Amount = number | null | undefined;

export function present(x: Amount): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** For the ratio-style intensities of §2 and §3: which methodology, and the data coverage. */
export interface RatioOptions {
  readonly methodology?: Methodology;
  /** Share of expected readings present behind the numerator (0–1), when it comes from telemetry. */
  readonly coverage?: number;
}

/**
 * Period of a declared figure (§1.3 declarations are monthly; quarters and years add up), or a
 * run of whole months (a retrofit's baseline or reporting period, §6), given by its length.
 */
export type DeclarationPeriod = 'month' | 'quarter' | 'year' | MonthSpan;

export type MonthSpan = { readonly months: number };

/** Periods per year: a simple ×12 / ×4, as statistical bulletins annualise (no working-day weighting). */
export const ANNUALISATION: Readonly<Record<Exclude<DeclarationPeriod, MonthSpan>, number>> = {
  month: 12,
  quarter: 4,
  year: 1,
};

/** The annualisation factor of a period; an unknown period must not silently pick one. */
export function periodsPerYearOf(period: DeclarationPeriod): number {
  if (typeof period === 'object') {
    // 12 ÷ months: a 12-month run is a year, 6 months count twice (same rule as ×12 and ×4).
    if (!Number.isInteger(period.months) || period.months < 1)
      throw new RangeError(`a month span needs a whole number of months ≥ 1, not ${String(period.months)}`);
    return 12 / period.months;
  }
  const n = (ANNUALISATION as Readonly<Record<string, number>>)[period];
  if (n === undefined) throw new RangeError(`unknown period '${String(period)}' (month, quarter or year)`);
  return n;
}

export const COVERAGE_THRESHOLD_KEY = 'quality.coverage.threshold';

/** Unit of shares and rates: a fraction 0–1 (shown as % by the presentation layer). */
export const FRACTION = 'fraction';

export function missingResult<F extends string, I>(
  formulaId: F,
  unit: string,
  inputs: I,
  reason: string,
): MissingResult<F, I> {
  return { status: 'missing', unit, formulaId, inputs, reason };
}

/**
 * A computed value, graded by its data coverage: `ok` at or above the methodology threshold,
 * `partial` below it, `missing` when no expected reading is present at all (a value computed
 * from nothing would be a silent zero). Without a coverage the value is `ok` and says nothing
 * about coverage: the caller computed it from declared data.
 */
export function measuredResult<F extends string, I, V = number>(r: {
  readonly formulaId: F;
  readonly unit: string;
  readonly value: V;
  readonly inputs: I;
  readonly methodology: Methodology;
  readonly coverage?: number;
}): IndicatorResult<F, I, V> {
  const base = {
    value: r.value,
    unit: r.unit,
    formulaId: r.formulaId,
    inputs: r.inputs,
    methodologyVersion: r.methodology.version,
  };
  if (r.coverage === undefined) return { status: 'ok', ...base };
  const coverage = r.coverage;
  // Coverage is computed by the platform, never declared: a bad one is a programming error.
  if (!Number.isFinite(coverage) || coverage < 0 || coverage > 1) {
    throw new RangeError(`coverage must be a share between 0 and 1, got ${coverage}`);
  }
  if (coverage === 0) {
    return missingResult(r.formulaId, r.unit, r.inputs, 'no expected reading is present (coverage 0)');
  }
  const threshold = factorIn(r.methodology, COVERAGE_THRESHOLD_KEY, FRACTION).value;
  if (coverage < threshold) {
    return {
      status: 'partial',
      ...base,
      coverage,
      reason: `coverage ${coverage} is below the threshold ${threshold} (${COVERAGE_THRESHOLD_KEY})`,
    };
  }
  return { status: 'ok', ...base, coverage };
}

/** One side of a ratio: its name in `inputs`, its value, and how to name it in a reason. */
export interface Operand {
  readonly name: string;
  readonly value: Amount;
  readonly label: string;
  /** How an absent value is described; "is not declared" unless the value is computed. */
  readonly absent?: string;
}

/**
 * numerator × scale ÷ denominator, or the reason it cannot be given. The denominator must be
 * positive (never a division by zero). A `share` (a part of the whole) must also lie within
 * 0…denominator: a larger part means the data contradict each other, which is reported.
 */
export function ratioResult<F extends string>(spec: {
  readonly formulaId: F;
  readonly unit: string;
  readonly numerator: Operand;
  readonly denominator: Operand;
  readonly scale?: number;
  /** The noun in "the … needs a positive value"; "ratio" unless said otherwise. */
  readonly noun?: string;
  readonly share?: boolean;
  /** Other facts to record in `inputs` (units, conversion factors), listed first. */
  readonly context?: IndicatorInputs;
  readonly methodology?: Methodology;
  readonly coverage?: number;
}): IndicatorResult<F> {
  const { numerator: num, denominator: den } = spec;
  const inputs: IndicatorInputs = {
    ...spec.context,
    [num.name]: present(num.value) ? num.value : undefined,
    [den.name]: present(den.value) ? den.value : undefined,
  };
  const missing = (reason: string) => missingResult(spec.formulaId, spec.unit, inputs, reason);
  if (!present(num.value)) return missing(`${num.label} ${num.absent ?? 'is not declared'}`);
  if (!present(den.value)) return missing(`${den.label} ${den.absent ?? 'is not declared'}`);
  if (den.value <= 0) {
    return missing(`${den.label} is ${den.value}; the ${spec.noun ?? 'ratio'} needs a positive value`);
  }
  if (spec.share && num.value < 0) return missing(`${num.label} is ${num.value}; a share needs a value ≥ 0`);
  if (spec.share && num.value > den.value) {
    return missing(`${num.label} (${num.value}) exceeds ${den.label} (${den.value}); the data contradict`);
  }
  return measuredResult({
    formulaId: spec.formulaId,
    unit: spec.unit,
    value: (num.value * (spec.scale ?? 1)) / den.value,
    inputs,
    methodology: spec.methodology ?? DEFAULT_METHODOLOGY,
    coverage: spec.coverage,
  });
}

/**
 * A component of a composite (intelligence index, green score): a result or a bare number.
 * Gives its value and status, or why it is absent.
 */
export function componentValue(
  x: AnyIndicatorResult | Amount,
): { status: 'ok' | 'partial'; value: number; unit?: string } | { status: 'missing'; reason: string } {
  if (x === null || x === undefined) return { status: 'missing', reason: 'not given' };
  if (typeof x === 'number') {
    return Number.isFinite(x) ? { status: 'ok', value: x } : { status: 'missing', reason: `value is ${x}` };
  }
  if (x.status === 'missing') return { status: 'missing', reason: x.reason };
  return { status: x.status, value: x.value, unit: x.unit };
}
