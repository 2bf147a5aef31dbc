import { energyFlowOf, EnergyCarrier } from '#grip/contracts';
import type { Device } from '#grip/registry';
import type { CounterConsumptionRow, CounterMeter } from '#grip/telemetry-store';

/**
 * The enterprise boundary's energy meters: `site` devices and their energy counters. Only these
 * add up to the enterprise total, so a sub-meter is never counted twice (indicators.md §1.2).
 */
export function siteEnergyMeters(devices: readonly Device[]): CounterMeter[] {
  return devices
    .filter((d) => d.attributes.meterScope === 'site')
    .flatMap((d) =>
      d.metrics
        .filter((m) => energyFlowOf(m) !== undefined)
        .map((metric) => ({
          deviceId: d.id,
          metric,
          counterMax: d.attributes.counterMax,
          // A reading cannot grow faster than the meter's rated power allows (outlier rule, §1.1).
          maxRatePerHour: metric.startsWith('electricity.') ? d.attributes.ratedPowerKw : undefined,
        })),
    );
}

export interface CarrierTotals {
  readonly consumption: Partial<Record<EnergyCarrier, number>>;
  exportedElectricityKwh: number;
}

export function emptyTotals(): CarrierTotals {
  return { consumption: {}, exportedElectricityKwh: 0 };
}

/** Adds a meter's consumption to its carrier, or to the exported electricity. */
export function addConsumption(into: CarrierTotals, row: CounterConsumptionRow): void {
  const flow = energyFlowOf(row.metric);
  if (!flow) return;
  if (flow.direction === 'export') into.exportedElectricityKwh += row.consumption;
  else into.consumption[flow.carrier] = (into.consumption[flow.carrier] ?? 0) + row.consumption;
}
