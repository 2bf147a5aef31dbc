import { DEFAULT_METHODOLOGY, type Methodology } from '../methodology/methodology.js';
import {
  FRACTION,
  periodsPerYearOf,
  ratioResult,
  type Amount,
  type DeclarationPeriod,
  type IndicatorResult,
} from '../result.js';

/** Productivity and quality from declared monthly data (indicators.md §1.3, §4). */
export const LABOUR_PRODUCTIVITY_FORMULA_ID = 'intelligence.labour_productivity';
export const FIRST_GRADE_RATE_FORMULA_ID = 'intelligence.first_grade_rate';

const YUAN_PER_WAN_YUAN = 10_000;

/**
 * Labour productivity (全员劳动生产率): value added ÷ average employees, in yuan per person-year.
 * Value added is declared in 万元 (×10,000 to yuan) for the period, annualised by ANNUALISATION.
 */
export function labourProductivity(
  input: {
    readonly valueAddedWanYuan: Amount;
    readonly averageEmployees: Amount;
    readonly period: DeclarationPeriod;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof LABOUR_PRODUCTIVITY_FORMULA_ID> {
  const periodsPerYear = periodsPerYearOf(input.period);
  return ratioResult({
    formulaId: LABOUR_PRODUCTIVITY_FORMULA_ID,
    unit: 'yuan/person-year',
    numerator: { name: 'valueAddedWanYuan', value: input.valueAddedWanYuan, label: 'value added (万元)' },
    denominator: { name: 'averageEmployees', value: input.averageEmployees, label: 'average employees' },
    scale: YUAN_PER_WAN_YUAN * periodsPerYear,
    noun: 'productivity',
    context: { period: input.period, annualisationFactor: periodsPerYear, yuanPerWanYuan: YUAN_PER_WAN_YUAN },
    methodology,
  });
}

/** First-grade rate (产品优等率): first-grade (优等品) output ÷ total output, in the same product unit. */
export function firstGradeRate(
  input: { readonly firstGradeOutput: Amount; readonly totalOutput: Amount },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof FIRST_GRADE_RATE_FORMULA_ID> {
  return ratioResult({
    formulaId: FIRST_GRADE_RATE_FORMULA_ID,
    unit: FRACTION,
    numerator: { name: 'firstGradeOutput', value: input.firstGradeOutput, label: 'first-grade output' },
    denominator: { name: 'totalOutput', value: input.totalOutput, label: 'total output' },
    share: true,
    methodology,
  });
}
