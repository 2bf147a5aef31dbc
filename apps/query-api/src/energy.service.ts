import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { comprehensiveEnergy, methodologyOf } from '#grip/indicators';
import { DeviceRepository, EnterpriseRepository, MethodologyRepository } from '#grip/registry';
import { CounterConsumptionRow, EnergyQueries } from '#grip/telemetry-store';
import { EnergyQuery, Granularity } from './energy.query.dto.js';
import { addConsumption, CarrierTotals, emptyTotals, siteEnergyMeters } from './site-energy.js';

const HOUR_MS = 3_600_000;
/** Longest range per granularity, so one request cannot ask for millions of buckets. */
const MAX_RANGE_MS: Record<Granularity, number> = {
  hour: 31 * 24 * HOUR_MS,
  day: 366 * 24 * HOUR_MS,
  month: 5 * 366 * 24 * HOUR_MS,
};

/**
 * Consumption per carrier and comprehensive energy in tce (GB/T 2589, indicators.md §2) from
 * the enterprise's `site` meters only: sub-meters are never added to the boundary total.
 */
@Injectable()
export class EnergyService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeviceRepository) private readonly devices: DeviceRepository,
    @Inject(EnergyQueries) private readonly energy: EnergyQueries,
    @Inject(MethodologyRepository) private readonly methodologies: MethodologyRepository,
  ) {}

  async energyOf(scope: Principal, enterpriseId: string, query: EnergyQuery) {
    const { from, to } = range(query);
    if (!(await this.enterprises.findById(scope, enterpriseId))) throw ApiError.notFound('enterprise');
    const meters = siteEnergyMeters(await this.devices.findSiteEnergyMeters(enterpriseId));
    const rows = meters.length
      ? await this.energy.counterConsumption({
          enterpriseId,
          from,
          to,
          granularity: query.granularity,
          meters,
        })
      : [];

    const latest = await this.methodologies.latest();
    if (!latest) throw new Error('no methodology version is published');
    const methodology = methodologyOf(latest);
    const byBucket = new Map<string, CarrierTotals>();
    const total = emptyTotals();
    for (const row of rows) {
      let bucket = byBucket.get(row.bucket);
      if (!bucket) byBucket.set(row.bucket, (bucket = emptyTotals()));
      addConsumption(bucket, row);
      addConsumption(total, row);
    }
    const compute = (t: CarrierTotals) =>
      comprehensiveEnergy(
        { consumption: t.consumption, exportedElectricityKwh: t.exportedElectricityKwh, basis: query.basis },
        methodology,
      );
    return {
      enterpriseId,
      from: from.toISOString(),
      to: to.toISOString(),
      granularity: query.granularity,
      unit: 'tce',
      total: compute(total),
      buckets: [...byBucket.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([start, totals]) => ({ start, ...compute(totals) })),
      dataQuality: {
        siteMeters: meters.length,
        readings: sum(rows, 'readings'),
        resets: sum(rows, 'resets'),
        rollovers: sum(rows, 'rollovers'),
        outliersExcluded: sum(rows, 'outliers'),
      },
    };
  }
}

function sum(
  rows: readonly CounterConsumptionRow[],
  key: 'readings' | 'resets' | 'rollovers' | 'outliers',
): number {
  return rows.reduce((acc, row) => acc + row[key], 0);
}

function range(query: EnergyQuery): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 24 * HOUR_MS);
  if (from >= to) {
    throw ApiError.badRequest('INVALID_RANGE', 'from must be before to', [
      { field: 'from', message: 'from must be before to' },
    ]);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_MS[query.granularity]) {
    throw ApiError.badRequest(
      'RANGE_TOO_LONG',
      `the range is too long for granularity ${query.granularity}`,
      [
        {
          field: 'to',
          message: `at most ${MAX_RANGE_MS[query.granularity] / (24 * HOUR_MS)} days at this granularity`,
        },
      ],
    );
  }
  return { from, to };
}
