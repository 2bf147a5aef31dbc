import { DEFAULT_METHODOLOGY, type Methodology } from '../methodology/methodology.js';
import {
  FRACTION,
  measuredResult,
  missingResult,
  present,
  ratioResult,
  type Amount,
  type IndicatorResult,
} from '../result.js';

/**
 * Overall equipment effectiveness and first-pass yield from machine telemetry (indicators.md §4):
 * OEE = availability × performance × quality, with
 *   availability = running ÷ (running + idle + fault + setup)   — `off` is not planned time
 *   performance  = idealCycleTime × produced ÷ running
 *   quality      = good ÷ produced.
 */
export const OEE_FORMULA_ID = 'intelligence.oee';
export const FIRST_PASS_YIELD_FORMULA_ID = 'intelligence.first_pass_yield';

export interface OeeInput {
  /** Seconds spent in each `equipment.state` of planned time; `off` (0) is left out. */
  readonly stateDurationsS: {
    readonly running: Amount;
    readonly idle: Amount;
    readonly fault: Amount;
    readonly setup: Amount;
  };
  /** The device's registered `idealCycleTimeS`. */
  readonly idealCycleTimeS: Amount;
  readonly producedCount: Amount;
  readonly goodCount: Amount;
  /** Share of expected state readings present (0–1). */
  readonly coverage?: number;
}

export type OeeInputs = {
  readonly runningS: number | undefined;
  readonly idleS: number | undefined;
  readonly faultS: number | undefined;
  readonly setupS: number | undefined;
  readonly plannedS: number | undefined;
  readonly idealCycleTimeS: number | undefined;
  readonly producedCount: number | undefined;
  readonly goodCount: number | undefined;
  /** The three factors; null where their denominator is 0 (nothing ran, nothing was produced). */
  readonly availability: number | null;
  readonly performance: number | null;
  readonly quality: number | null;
};

export type Oee = IndicatorResult<typeof OEE_FORMULA_ID, OeeInputs>;

export function oee(input: OeeInput, methodology: Methodology = DEFAULT_METHODOLOGY): Oee {
  const d = input.stateDurationsS;
  const given: Record<string, Amount> = {
    runningS: d.running,
    idleS: d.idle,
    faultS: d.fault,
    setupS: d.setup,
    idealCycleTimeS: input.idealCycleTimeS,
    producedCount: input.producedCount,
    goodCount: input.goodCount,
  };
  const absent = Object.keys(given).filter((k) => !present(given[k]));
  const at = (k: string): number | undefined => (present(given[k]) ? given[k] : undefined);
  const states = [at('runningS'), at('idleS'), at('faultS'), at('setupS')];
  const [runningS, idleS, faultS, setupS] = states;
  // Planned time: every state but `off`.
  const plannedS = states.every((x) => x !== undefined) ? states.reduce((a, b) => a + b, 0) : undefined;
  const base = {
    runningS,
    idleS,
    faultS,
    setupS,
    plannedS,
    idealCycleTimeS: at('idealCycleTimeS'),
    producedCount: at('producedCount'),
    goodCount: at('goodCount'),
  };
  type Factors = Pick<OeeInputs, 'availability' | 'performance' | 'quality'>;
  const noFactors: Factors = { availability: null, performance: null, quality: null };
  const missing = (reason: string, factors: Factors = noFactors) =>
    missingResult(OEE_FORMULA_ID, FRACTION, { ...base, ...factors }, reason);

  if (absent.length > 0) return missing(`not given: ${absent.join(', ')}`);
  const running = runningS as number;
  const planned = plannedS as number;
  const { idealCycleTimeS: ideal, producedCount: produced, goodCount: good } = base as Record<string, number>;
  if ([...states, produced, good].some((x) => (x as number) < 0)) {
    return missing('durations and counts must be ≥ 0');
  }
  if (ideal <= 0) return missing(`idealCycleTimeS is ${ideal}; it must be positive`);
  if (planned === 0) return missing('no planned time: running + idle + fault + setup = 0');
  if (good > produced) {
    return missing(`good count (${good}) exceeds produced count (${produced}); the data contradict`);
  }
  if (running === 0 && produced > 0) {
    return missing(`${produced} units produced with no running time; the data contradict`);
  }

  const availability = running / planned;
  const performance = running > 0 ? (ideal * produced) / running : null;
  const quality = produced > 0 ? good / produced : null;
  if (performance !== null && performance > 1) {
    // Faster than ideal means the registered ideal cycle time is wrong: no number dressed as a result.
    return missing(
      `performance ${performance} exceeds 1: the registered idealCycleTimeS (${ideal} s) is longer than the actual cycle`,
      { availability, performance, quality },
    );
  }
  return measuredResult({
    formulaId: OEE_FORMULA_ID,
    unit: FRACTION,
    // Planned time with nothing produced is a true 0 (ideal × good ÷ planned), not a missing value.
    value: performance === null || quality === null ? 0 : availability * performance * quality,
    inputs: { ...base, availability, performance, quality },
    methodology,
    coverage: input.coverage,
  });
}

/** First-pass yield: units passing inspection first time ÷ units produced (telemetry counters). */
export function firstPassYield(
  input: { readonly producedCount: Amount; readonly goodCount: Amount; readonly coverage?: number },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof FIRST_PASS_YIELD_FORMULA_ID> {
  return ratioResult({
    formulaId: FIRST_PASS_YIELD_FORMULA_ID,
    unit: FRACTION,
    numerator: { name: 'goodCount', value: input.goodCount, label: 'good count', absent: 'is not measured' },
    denominator: {
      name: 'producedCount',
      value: input.producedCount,
      label: 'produced count',
      absent: 'is not measured',
    },
    share: true,
    methodology,
    coverage: input.coverage,
  });
}
