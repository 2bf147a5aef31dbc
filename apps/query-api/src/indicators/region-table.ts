import type { Enterprise } from '#grip/registry';
import type { StoredIndicatorSet } from '#grip/telemetry-store';
import { aggregateRegion, type EnterpriseContribution } from './region-aggregate.js';
import { EQUIPMENT_RATES } from './stored-indicator-set.js';

type EnterpriseAggregate = ReturnType<typeof aggregateRegion>;

/**
 * One enterprise's line of a region's table: `included` when it counts in the region's energy
 * and carbon figures, `excluded` when its meters covered too little of the period (its equipment
 * rates still count), `not_computed` when it has no stored set for the period yet.
 */
export interface RegionTableRow {
  readonly enterprise: Enterprise;
  readonly set: StoredIndicatorSet | undefined;
  readonly status: 'included' | 'excluded' | 'not_computed';
  readonly reason: string | null;
  /** The region aggregate of this enterprise alone: its ratios, computed as the region's are. */
  readonly aggregate?: EnterpriseAggregate;
}

/** A row from the enterprise's stored set: its ratios are the region aggregate of it alone. */
export function tableRowOf(
  enterprise: Enterprise,
  set: StoredIndicatorSet,
  coverageThreshold: number,
): RegionTableRow {
  const aggregate = aggregateRegion([contributionOf(enterprise, set)], coverageThreshold);
  const excluded = aggregate.enterprises.excluded[0];
  return {
    enterprise,
    set,
    status: excluded ? 'excluded' : 'included',
    reason: excluded?.reason ?? null,
    aggregate,
  };
}

/** What a stored set brings to a region's sums. */
export function contributionOf(enterprise: Enterprise, set: StoredIndicatorSet): EnterpriseContribution {
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    energyCoverage: set.energyCoverage ?? undefined,
    energyTce: set.energyTce ?? 0,
    carbonTco2: set.carbonTco2 ?? undefined,
    outputValue: set.outputValue ?? undefined,
    valueAdded: set.valueAdded ?? undefined,
    equipmentCounts: Object.fromEntries(
      EQUIPMENT_RATES.flatMap((name) => {
        const counts = set.equipmentCounts[name];
        return counts ? [[name, counts]] : [];
      }),
    ),
  };
}

type Cell = string | number | null | undefined;

/** The table's columns, in order: a header (snake_case, unit where there is one) and its cell. */
export const REGION_TABLE_COLUMNS: readonly { header: string; cell: (row: RegionTableRow) => Cell }[] = [
  { header: 'enterprise_id', cell: (r) => r.enterprise.id },
  { header: 'name', cell: (r) => r.enterprise.name },
  { header: 'credit_code', cell: (r) => r.enterprise.creditCode },
  { header: 'region_code', cell: (r) => r.enterprise.regionCode },
  { header: 'industry_code', cell: (r) => r.enterprise.industryCode },
  { header: 'status', cell: (r) => r.status },
  { header: 'reason', cell: (r) => r.reason },
  { header: 'energy_coverage', cell: (r) => r.set?.energyCoverage },
  { header: 'energy_tce', cell: (r) => r.set?.energyTce },
  { header: 'carbon_tco2', cell: (r) => r.set?.carbonTco2 },
  { header: 'output_value_wan_yuan', cell: (r) => r.set?.outputValue },
  { header: 'value_added_wan_yuan', cell: (r) => r.set?.valueAdded },
  ...(
    [
      ['energy_intensity_output_value_tce_per_wan_yuan', 'energy.intensity.output_value'],
      ['energy_intensity_value_added_tce_per_wan_yuan', 'energy.intensity.value_added'],
      ['carbon_intensity_output_value_tco2_per_wan_yuan', 'carbon.intensity.output_value'],
    ] as const
  ).map(([header, name]) => ({
    header,
    cell: (r: RegionTableRow) => r.aggregate?.indicators[name].value,
  })),
  ...EQUIPMENT_RATES.map((name) => ({
    header: name,
    cell: (r: RegionTableRow) => r.aggregate?.equipmentRates[name]?.value,
  })),
  { header: 'methodology_version', cell: (r) => r.set?.methodologyVersion },
  { header: 'computed_at', cell: (r) => r.set?.computedAt.toISOString() },
];
