/**
 * Plan progress (indicators.md §8): targets per year and region, a province's total split over
 * its cities by share, and progress = actual ÷ target. Actuals are counted by the caller from
 * registered projects and measured indicators, never typed in.
 */
export type PlanMetric = 'retrofits_started' | 'enterprises_on_cloud' | 'green_factories';

export interface PlanTarget {
  metric: PlanMetric;
  regionCode: string;
  year: number;
  target: number;
}

export interface PlanProgressRow {
  metric: PlanMetric;
  regionCode: string;
  year: number;
  target: number;
  /** null when no count was given for the metric (never a silent 0). */
  actual: number | null;
  /** actual ÷ target (1 = 100 %, may exceed 1); null without an actual or for a target of 0. */
  progress: number | null;
}

/** Fractional parts closer than this are a tie, broken by city code: float noise never decides. */
const TIE = 1e-9;

/**
 * Integers summing to `total`, proportional to the shares (largest remainder, Hamilton's method):
 * each city gets the floor of its quota total × share ÷ Σshares, and the units left go one each to
 * the largest fractional parts, ties to the lower city code. The shares are normalised by their
 * sum, so shares summing below 1 still split the whole total.
 */
export function splitTargetByShares(total: number, shares: Record<string, number>): Record<string, number> {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`a target is a whole number ≥ 0, got ${total}`);
  const cities = Object.keys(shares).sort();
  if (cities.length === 0) throw new RangeError('no city shares to split the target by');
  for (const city of cities) {
    const s = shares[city];
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`share of ${city} must be a number ≥ 0, got ${s}`);
  }
  const sum = cities.reduce((s, city) => s + shares[city], 0);
  if (!(sum > 0)) throw new RangeError('the city shares sum to 0');
  const quotas = cities.map((city) => {
    const quota = (total * shares[city]) / sum;
    const whole = Math.floor(quota + TIE);
    return { city, whole, fraction: Math.max(0, quota - whole) };
  });
  let left = total - quotas.reduce((s, q) => s + q.whole, 0);
  const byRemainder = [...quotas].sort((a, b) =>
    Math.abs(a.fraction - b.fraction) > TIE ? b.fraction - a.fraction : a.city < b.city ? -1 : 1,
  );
  for (const q of byRemainder) {
    if (left <= 0) break;
    q.whole += 1;
    left -= 1;
  }
  return Object.fromEntries(quotas.map((q) => [q.city, q.whole]));
}

export function planProgress(
  targets: readonly PlanTarget[],
  actuals: Partial<Record<PlanMetric, number>>,
): PlanProgressRow[] {
  return targets.map((t) => {
    const actual = actuals[t.metric];
    const known = typeof actual === 'number' && Number.isFinite(actual);
    return {
      metric: t.metric,
      regionCode: t.regionCode,
      year: t.year,
      target: t.target,
      actual: known ? actual : null,
      progress: known && t.target > 0 ? actual / t.target : null,
    };
  });
}
