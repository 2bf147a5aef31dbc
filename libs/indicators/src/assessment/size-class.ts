import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';

/**
 * Enterprise size class for industry (indicators.md §7.2, after the NBS 统计上大中小微型企业划分办法
 * 2017): large ≥ 1,000 employees and ≥ ¥400 m (40,000 万元) revenue; medium ≥ 300 and ≥ ¥20 m;
 * small ≥ 20 and ≥ ¥3 m; else micro. Both lower bounds must hold — an enterprise with 2,000
 * employees and ¥100 m revenue is medium. The bounds are methodology factors.
 */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

const CLASSES = ['large', 'medium', 'small'] as const;

/** null when either figure is not declared: a size class is never guessed from one of them. */
export function classifySize(
  employees?: number | null,
  revenueWanYuan?: number | null,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): SizeClass | null {
  if (
    employees === undefined ||
    employees === null ||
    revenueWanYuan === undefined ||
    revenueWanYuan === null
  ) {
    return null;
  }
  if (!Number.isFinite(employees) || employees < 0)
    throw new RangeError(`employees must be ≥ 0, got ${employees}`);
  if (!Number.isFinite(revenueWanYuan) || revenueWanYuan < 0) {
    throw new RangeError(`revenue must be ≥ 0 万元, got ${revenueWanYuan}`);
  }
  for (const c of CLASSES) {
    const minEmployees = factorIn(methodology, `size_class.${c}.employees`, 'persons').value;
    const minRevenue = factorIn(methodology, `size_class.${c}.revenue`, '万元').value;
    if (employees >= minEmployees && revenueWanYuan >= minRevenue) return c;
  }
  return 'micro';
}
