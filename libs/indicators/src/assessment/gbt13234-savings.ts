import { factorIn, type Methodology } from '../methodology/methodology.js';
import { COVERAGE_THRESHOLD_KEY, FRACTION, present, type Amount } from '../result.js';

/**
 * Energy savings in the GB/T 13234-2018 forms (indicators.md §6.1), from the period totals:
 *   e = E ÷ M (energy per unit of the denominator), ΔE = (e_report − e_base) × M_report,
 *   saving rate = ΔE ÷ (e_base × M_report).
 * Negative means saved: the reporting period used less energy per unit than the baseline did.
 * The product form divides by product output; the output-value form by output value (万元) at
 * comparable prices — deflating to comparable prices is the declarant's job, the value is used as
 * given.
 */
export const GBT13234_PRODUCT_FORMULA_ID = 'energy.savings.gbt13234.product';
export const GBT13234_OUTPUT_VALUE_FORMULA_ID = 'energy.savings.gbt13234.output_value';

export type Gbt13234FormulaId = typeof GBT13234_PRODUCT_FORMULA_ID | typeof GBT13234_OUTPUT_VALUE_FORMULA_ID;

export interface Gbt13234Computed {
  readonly status: 'ok' | 'partial';
  readonly formulaId: Gbt13234FormulaId;
  /** Unit of `savings`. */
  readonly unit: 'tce';
  /** Unit of eBase and eReport. */
  readonly intensityUnit: string;
  readonly eBase: number;
  readonly eReport: number;
  /** The reporting period's denominator M_report (product output or output value). */
  readonly mReport: number;
  /** ΔE in tce; negative = saved. */
  readonly savings: number;
  /** ΔE ÷ (e_base × M_report), a fraction; negative = saved. */
  readonly savingRate: number;
  readonly methodologyVersion: string;
  readonly coverage: { readonly baseline: number; readonly reporting: number };
  /** Why the figure is partial. */
  readonly reason?: string;
}

export interface Gbt13234Missing {
  readonly status: 'missing';
  readonly formulaId: Gbt13234FormulaId;
  readonly unit: 'tce';
  readonly reason: string;
}

export type Gbt13234Savings = Gbt13234Computed | Gbt13234Missing;

export interface PeriodTotals {
  /** tce, from the period's telemetry. */
  readonly energy: number;
  /** The denominator: product output or output value (万元). */
  readonly denominator: Amount;
  /** Share of expected readings present behind `energy`. */
  readonly coverage: number;
}

export function gbt13234Savings(
  form: 'product' | 'output_value',
  base: PeriodTotals,
  report: PeriodTotals,
  methodology: Methodology,
): Gbt13234Savings {
  const formulaId = form === 'product' ? GBT13234_PRODUCT_FORMULA_ID : GBT13234_OUTPUT_VALUE_FORMULA_ID;
  const noun = form === 'product' ? 'product output' : 'output value';
  const missing = (reason: string): Gbt13234Missing => ({
    status: 'missing',
    formulaId,
    unit: 'tce',
    reason,
  });
  for (const [period, totals] of [
    ['baseline', base],
    ['reporting', report],
  ] as const) {
    if (!present(totals.energy)) return missing(`the ${period} energy is not available`);
    if (!present(totals.denominator)) return missing(`the ${period} ${noun} is not declared`);
    if (totals.denominator <= 0) {
      return missing(`the ${period} ${noun} is ${totals.denominator}; the intensity needs a positive value`);
    }
  }
  const mBase = base.denominator as number;
  const mReport = report.denominator as number;
  const eBase = base.energy / mBase;
  const eReport = report.energy / mReport;
  if (eBase <= 0)
    return missing(`the baseline energy is ${base.energy}; a saving rate needs a positive baseline`);
  const savings = (eReport - eBase) * mReport;
  const threshold = factorIn(methodology, COVERAGE_THRESHOLD_KEY, FRACTION).value;
  const low = (
    [
      ['baseline', base.coverage],
      ['reporting', report.coverage],
    ] as const
  ).filter(([, c]) => c < threshold);
  return {
    status: low.length > 0 ? 'partial' : 'ok',
    formulaId,
    unit: 'tce',
    intensityUnit: form === 'product' ? 'tce/unit' : 'tce/万元',
    eBase,
    eReport,
    mReport,
    savings,
    savingRate: savings / (eBase * mReport),
    methodologyVersion: methodology.version,
    coverage: { baseline: base.coverage, reporting: report.coverage },
    ...(low.length > 0 && {
      reason: low
        .map(
          ([period, c]) =>
            `${period} coverage ${c} is below the threshold ${threshold} (${COVERAGE_THRESHOLD_KEY})`,
        )
        .join('; '),
    }),
  };
}
