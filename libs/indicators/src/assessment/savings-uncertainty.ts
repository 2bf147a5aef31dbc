import { studentTQuantile } from './student-t.js';

/**
 * ASHRAE Guideline 14's fractional savings uncertainty (indicators.md §6.2):
 *   FSU = t · 1.26 · CV · sqrt((n/n′)·(1 + 2/n′)·(1/m)) / F,   n′ = n(1 − ρ)/(1 + ρ),
 * with CV the baseline model's CV(RMSE), n its points, p its coefficients, m the reporting points,
 * F = savings ÷ adjusted baseline, and t the two-sided quantile at the confidence level with
 * n − p degrees of freedom. 1.26 is Guideline 14's empirical coefficient of the formula.
 *
 * ρ ≤ 0 is clamped to 0 (n′ = n): the correction exists for positively autocorrelated residuals,
 * which carry less information than their count; a negative ρ would raise n′ above n and claim
 * more information than there are points. ρ close to 1 drives n′ to 0 and the FSU to infinity —
 * such a model cannot support a savings claim.
 *
 * FSU is relative to |F|: an increase in energy is as uncertain as a saving of the same size.
 * F = 0 gives an infinite FSU.
 */
export const FSU_COEFFICIENT = 1.26;

export interface SavingsUncertaintyInput {
  readonly cvRmse: number;
  readonly n: number;
  readonly p: number;
  readonly rho: number;
  /** Reporting points. */
  readonly m: number;
  readonly fractionalSavings: number;
  /** Two-sided confidence, e.g. 0.68. */
  readonly confidence: number;
}

export interface SavingsUncertainty {
  readonly fsu: number;
  readonly tValue: number;
  readonly nEffective: number;
  /** ρ as used: the lag-1 autocorrelation clamped at 0. */
  readonly rhoUsed: number;
}

export function effectivePoints(n: number, rho: number): number {
  const r = Math.max(0, rho);
  return (n * (1 - r)) / (1 + r);
}

export function fractionalSavingsUncertainty(x: SavingsUncertaintyInput): SavingsUncertainty {
  if (!(x.m > 0)) throw new RangeError(`the savings uncertainty needs reporting points, got m = ${x.m}`);
  const tValue = studentTQuantile((1 + x.confidence) / 2, x.n - x.p);
  const rhoUsed = Math.max(0, x.rho);
  const nEffective = effectivePoints(x.n, x.rho);
  const absolute =
    nEffective > 0
      ? tValue * FSU_COEFFICIENT * x.cvRmse * Math.sqrt((x.n / nEffective) * (1 + 2 / nEffective) * (1 / x.m))
      : Number.POSITIVE_INFINITY;
  const f = Math.abs(x.fractionalSavings);
  return { fsu: f > 0 ? absolute / f : Number.POSITIVE_INFINITY, tValue, nEffective, rhoUsed };
}
