import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';

export const DEGREE_DAY_BASE_KEY = 'assessment.degree_days.base';

/**
 * One day's cooling and heating degree days from its mean temperature (°C): how far the day
 * lies above (CDD) or below (HDD) the base. A monthly value is the sum of its days' values — never
 * computed from the month's mean temperature, which hides the hot and cold days in it.
 */
export function degreeDays(dailyMeanTempC: number, baseC = 18): { cdd: number; hdd: number } {
  if (!Number.isFinite(dailyMeanTempC))
    throw new RangeError(`temperature must be finite, got ${dailyMeanTempC}`);
  if (!Number.isFinite(baseC)) throw new RangeError(`base temperature must be finite, got ${baseC}`);
  return { cdd: Math.max(0, dailyMeanTempC - baseC), hdd: Math.max(0, baseC - dailyMeanTempC) };
}

/** The degree-day base temperature of a methodology version (°C; default 18). */
export function degreeDayBase(methodology: Methodology = DEFAULT_METHODOLOGY): number {
  return factorIn(methodology, DEGREE_DAY_BASE_KEY, '°C').value;
}
