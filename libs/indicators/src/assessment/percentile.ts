/**
 * Percentile score of a value within its peer group (indicators.md §7.3), oriented so higher is
 * better, 1–100 with 50 the median as the ENERGY STAR score:
 *   percentile = round(100 × (count worse + ½ × count equal) ÷ N), clamped to 1…100,
 * where "equal" includes the value itself (a group of one scores 50) and ties score alike.
 * Computed as round(100·(2·worse + equal) ÷ 2N): integer arithmetic up to the one division, so
 * a half is exactly a half and rounds up.
 */
export function percentileScores(values: readonly number[], lowerIsBetter: boolean): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  // Count of values strictly below / strictly above v, by binary search over the sorted copy.
  const firstAtLeast = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const firstAbove = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => {
    const below = firstAtLeast(v);
    const above = n - firstAbove(v);
    const equal = n - below - above;
    const worse = lowerIsBetter ? above : below;
    return Math.min(100, Math.max(1, Math.round((100 * (2 * worse + equal)) / (2 * n))));
  });
}
