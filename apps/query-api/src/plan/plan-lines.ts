import { isWithinRegion, regionLevel, regionName } from '#grip/contracts';
import { planProgress, splitTargetByShares, type PlanMetric } from '#grip/indicators';

export const PLAN_METRICS: readonly PlanMetric[] = [
  'retrofits_started',
  'enterprises_on_cloud',
  'green_factories',
];

/** One target an operator set: a region's own figure for a metric and year. */
export interface SetTarget {
  readonly regionCode: string;
  readonly metric: PlanMetric;
  readonly target: number;
}

/** Per metric, how many enterprises count towards it by their region code: measured, never typed in. */
export type PlanActuals = Readonly<Record<PlanMetric, ReadonlyMap<string, number>>>;

export interface PlanLineTarget {
  readonly metric: PlanMetric;
  readonly target: number | null;
  /** `set`: an operator set it for this region; `share`: the province's target × the city's share. */
  readonly targetSource: 'set' | 'share' | null;
  readonly actual: number;
  /** actual ÷ target; null without a target or with a target of 0. */
  readonly progress: number | null;
}

export interface PlanLine {
  readonly regionCode: string;
  readonly regionName: string | null;
  readonly level: 'province' | 'city' | 'county';
  readonly metrics: readonly PlanLineTarget[];
}

/**
 * The plan's lines (indicators.md §8): the region asked for, then — under a province — each
 * city that has a target, a share or an enterprise counted. A city's target is the one set for
 * it, else its share of the province's (largest remainder, so the cities add up to the
 * province total). Actuals count the enterprises inside each line's region. `targets` holds the
 * province's and its regions' targets, `shares` the province's city shares.
 */
export function planLines(input: {
  readonly year: number;
  readonly regionCode: string;
  readonly targets: readonly SetTarget[];
  readonly shares: Readonly<Record<string, number>>;
  readonly actuals: PlanActuals;
}): PlanLine[] {
  const { year, regionCode, targets, shares, actuals } = input;
  const province = `${regionCode.slice(0, 2)}0000`;
  const own = (region: string, metric: PlanMetric) =>
    targets.find((t) => t.regionCode === region && t.metric === metric)?.target;
  const split = new Map(
    PLAN_METRICS.map((metric) => {
      const total = own(province, metric);
      return [metric, total === undefined ? {} : citySplit(total, shares)] as const;
    }),
  );
  const cities = new Set<string>();
  if (regionLevel(regionCode) === 'province') {
    const inside = (code: string) => code !== regionCode && isWithinRegion(code, regionCode);
    for (const t of targets)
      if (inside(t.regionCode) && regionLevel(t.regionCode) === 'city') cities.add(t.regionCode);
    for (const city of Object.keys(shares)) if (inside(city)) cities.add(city);
    for (const counts of Object.values(actuals)) {
      for (const code of counts.keys()) if (inside(code)) cities.add(`${code.slice(0, 4)}00`);
    }
  }
  const lineOf = (region: string): PlanLine => ({
    regionCode: region,
    regionName: regionName(region) ?? null,
    level: regionLevel(region),
    metrics: PLAN_METRICS.map((metric): PlanLineTarget => {
      const set = own(region, metric);
      const shared = regionLevel(region) === 'city' ? split.get(metric)?.[region] : undefined;
      const target = set ?? shared ?? null;
      let actual = 0;
      for (const [code, n] of actuals[metric]) if (isWithinRegion(code, region)) actual += n;
      return {
        metric,
        target,
        targetSource: set !== undefined ? 'set' : shared !== undefined ? 'share' : null,
        actual,
        progress:
          target === null
            ? null
            : planProgress([{ metric, regionCode: region, year, target }], { [metric]: actual })[0]!.progress,
      };
    }),
  });
  return [lineOf(regionCode), ...[...cities].sort().map(lineOf)];
}

const REST = 'rest';

/**
 * Each city's whole part of the province total by its share of the province (not of the shares'
 * sum): what the shares leave belongs to cities without one, so it is split off as one more
 * part and dropped — adding a city's share never moves another city's target.
 */
function citySplit(total: number, shares: Readonly<Record<string, number>>): Record<string, number> {
  const sum = Object.values(shares).reduce((a, b) => a + b, 0);
  if (Object.keys(shares).length === 0) return {};
  const split = splitTargetByShares(total, { ...shares, ...(sum < 1 ? { [REST]: 1 - sum } : {}) });
  return Object.fromEntries(Object.entries(split).filter(([part]) => part !== REST));
}
