import { fitOls, type OlsFit } from './ols.js';

/** One period's metered energy and its drivers (indicators.md §6.2). */
export interface MvObservation {
  /** 'YYYY-MM-DD' (daily) or 'YYYY-MM' (monthly). */
  period: string;
  /** tce. */
  energy: number;
  production: number;
  cdd?: number;
  hdd?: number;
  /** Share (0–1) of the period's expected readings present. */
  coverage: number;
}

export type BaselineVariable = 'production' | 'cdd' | 'hdd';

/**
 * The regressors of the IPMVP Option C baseline E = β₀ + β₁·production (+ β₂·CDD + β₃·HDD).
 * Production is always in. A degree-day variable is added only when every baseline and every
 * reporting observation carries it (the reporting period must be predicted with it) and it varies
 * over the baseline (a constant one is the intercept again, and the design would be singular).
 */
export function baselineVariables(
  baseline: readonly MvObservation[],
  reporting: readonly MvObservation[],
): BaselineVariable[] {
  const variables: BaselineVariable[] = ['production'];
  for (const v of ['cdd', 'hdd'] as const) {
    const carried = [...baseline, ...reporting].every((o) => Number.isFinite(o[v]));
    const values = new Set(baseline.map((o) => o[v]));
    if (baseline.length > 0 && carried && values.size > 1) variables.push(v);
  }
  return variables;
}

function regressors(o: MvObservation, variables: readonly BaselineVariable[]): number[] {
  return variables.map((v) => o[v] as number);
}

/** Fits the baseline model by OLS; throws (from fitOls) on too few points or a singular design. */
export function fitBaseline(
  baseline: readonly MvObservation[],
  variables: readonly BaselineVariable[],
): OlsFit {
  return fitOls(
    [...variables],
    baseline.map((o) => regressors(o, variables)),
    baseline.map((o) => o.energy),
  );
}

/** The model's prediction of an observation's energy. */
export function predict(fit: OlsFit, variables: readonly BaselineVariable[], o: MvObservation): number {
  return regressors(o, variables).reduce(
    (sum, x, j) => sum + fit.coefficients[j + 1] * x,
    fit.coefficients[0],
  );
}
