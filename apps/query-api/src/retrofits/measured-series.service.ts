import { Inject, Injectable } from '@nestjs/common';
import { energyFlowOf } from '#grip/contracts';
import { degreeDayBase, type EnergyBasis, type Methodology, type MvObservation } from '#grip/indicators';
import type { Device } from '#grip/registry';
import { ClimateQueries, EnergyQueries, type CounterMeter } from '#grip/telemetry-store';
import type { IndicatorPeriod } from '../indicators/indicator-period.js';
import { siteEnergyMeters } from '../site-energy.js';
import { dailyObservations, monthlyObservations, startedDays } from './mv-observations.js';

export type ObservationGranularity = 'day' | 'month';

/** What a retrofit project measures: which energy meters, which production counters. */
export interface MeasurementScope {
  readonly energy: CounterMeter[];
  readonly production: CounterMeter[];
  /** Devices reporting `ambient.temperature`. */
  readonly thermometers: string[];
}

/**
 * The project's boundary (indicators.md §6, docs/indicators.md): the whole site's meters by
 * default, or the energy counters of the devices the project names. Production counts come
 * from the named devices' production counters when they have any, else from every production
 * machine, so a project scoped to a line's meters still has an independent variable.
 */
export function measurementScope(
  devices: readonly Device[],
  meters: readonly string[] | null,
): MeasurementScope {
  const named = meters === null ? undefined : new Set(meters);
  const inScope = named ? devices.filter((d) => named.has(d.externalId)) : devices;
  const energy = named
    ? inScope.flatMap((d) =>
        d.metrics
          .filter((m) => energyFlowOf(m) !== undefined)
          .map((metric) => ({ deviceId: d.id, metric, counterMax: d.attributes.counterMax })),
      )
    : siteEnergyMeters(devices);
  const counters = (list: readonly Device[]) =>
    list
      .filter((d) => d.metrics.includes('production.count'))
      .map((d) => ({ deviceId: d.id, metric: 'production.count', counterMax: d.attributes.counterMax }));
  const namedCounters = named ? counters(inScope) : [];
  return {
    energy,
    production:
      namedCounters.length > 0
        ? namedCounters
        : counters(devices.filter((d) => d.attributes.productionEquipment)),
    thermometers: devices.filter((d) => d.metrics.includes('ambient.temperature')).map((d) => d.id),
  };
}

/** Reads the measured energy, production and temperature of a period as M&V observations. */
@Injectable()
export class MeasuredSeriesService {
  constructor(
    @Inject(EnergyQueries) private readonly energy: EnergyQueries,
    @Inject(ClimateQueries) private readonly climate: ClimateQueries,
  ) {}

  async observations(
    enterpriseId: string,
    scope: MeasurementScope,
    period: IndicatorPeriod,
    granularity: ObservationGranularity,
    basis: EnergyBasis,
    methodology: Methodology,
    now = new Date(),
  ): Promise<MvObservation[]> {
    const days = startedDays(period.from, period.to, now);
    if (days.length === 0) return [];
    const to = new Date(Math.min(period.to.getTime(), now.getTime()));
    const hourly = (meters: readonly CounterMeter[]) =>
      meters.length === 0
        ? Promise.resolve([])
        : this.energy.counterConsumptionFromRollups({
            enterpriseId,
            from: period.from,
            to,
            granularity: 'hour',
            meters,
          });
    const [energyRows, productionRows, temperature] = await Promise.all([
      hourly(scope.energy),
      hourly(scope.production),
      this.climate.dailyMeanTemperature({
        enterpriseId,
        deviceIds: scope.thermometers,
        from: period.from,
        to,
      }),
    ]);
    const daily = dailyObservations({
      days,
      energyRows,
      energyMeters: scope.energy.length,
      productionRows,
      temperature,
      basis,
      methodology,
      degreeDayBaseC: degreeDayBase(methodology),
    });
    return granularity === 'day' ? daily : monthlyObservations(daily);
  }
}
