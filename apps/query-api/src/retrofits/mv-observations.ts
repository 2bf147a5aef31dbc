import {
  comprehensiveEnergy,
  degreeDays,
  type EnergyBasis,
  type Methodology,
  type MvObservation,
} from '#grip/indicators';
import type { CounterConsumptionRow, DailyTemperatureRow } from '#grip/telemetry-store';
import { addConsumption, emptyTotals, type CarrierTotals } from '../site-energy.js';

const HOURS_PER_DAY = 24;

export interface ObservationInputs {
  /** Shanghai days of the period that have started (`YYYY-MM-DD`), in order. */
  readonly days: readonly string[];
  /** Hourly consumption of the energy meters in scope. */
  readonly energyRows: readonly CounterConsumptionRow[];
  /** How many energy meters are in scope: the denominator of coverage. */
  readonly energyMeters: number;
  /** Hourly production counts (production.count) of the machines in scope. */
  readonly productionRows: readonly CounterConsumptionRow[];
  /** Daily outdoor temperature; empty when the site measures none. */
  readonly temperature: readonly DailyTemperatureRow[];
  readonly basis: EnergyBasis;
  readonly methodology: Methodology;
  /** Degree-day base temperature, °C (methodology). */
  readonly degreeDayBaseC: number;
}

interface DayFigures {
  readonly carriers: CarrierTotals;
  readonly meterHours: Set<string>;
  production: number;
}

/** The Shanghai day of a bucket start such as `2025-03-01T05:00:00+08:00`. */
const dayOf = (bucket: string) => bucket.slice(0, 10);

/**
 * The IPMVP Option C observations of one period, per Shanghai day: energy in tce (the same
 * GB/T 2589 conversion as the indicators), production, degree days from the day's mean
 * temperature, and coverage = share of (meter, hour) pairs with a reading. Every started day
 * appears, even one without readings (coverage 0), so missing days show instead of vanishing.
 */
export function dailyObservations(input: ObservationInputs): MvObservation[] {
  const byDay = new Map<string, DayFigures>(
    input.days.map((d) => [d, { carriers: emptyTotals(), meterHours: new Set<string>(), production: 0 }]),
  );
  for (const row of input.energyRows) {
    const day = byDay.get(dayOf(row.bucket));
    if (!day) continue;
    addConsumption(day.carriers, row);
    if (row.readings > 0) day.meterHours.add(`${row.deviceId}/${row.metric}/${row.bucket}`);
  }
  for (const row of input.productionRows) {
    const day = byDay.get(dayOf(row.bucket));
    if (day) day.production += row.consumption;
  }
  const temperature = new Map(input.temperature.map((t) => [t.day, t.meanC]));
  return input.days.map((period) => {
    const day = byDay.get(period)!;
    const energy = comprehensiveEnergy(
      {
        consumption: day.carriers.consumption,
        exportedElectricityKwh: day.carriers.exportedElectricityKwh,
        basis: input.basis,
      },
      input.methodology,
    ).totalTce;
    const meanC = temperature.get(period);
    const coverage =
      input.energyMeters === 0 ? 0 : Math.min(1, day.meterHours.size / (HOURS_PER_DAY * input.energyMeters));
    return {
      period,
      energy,
      production: day.production,
      coverage,
      ...(meanC === undefined ? {} : degreeDays(meanC, input.degreeDayBaseC)),
    };
  });
}

/**
 * Daily observations summed to calendar months: energy, production and degree days add up;
 * coverage is the mean of the days' (a month with ten silent days shows it). Degree days are
 * kept only for a month whose every day has a temperature, so a gap is not read as mild weather.
 */
export function monthlyObservations(daily: readonly MvObservation[]): MvObservation[] {
  const months = new Map<string, MvObservation[]>();
  for (const day of daily) {
    const key = day.period.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), day]);
  }
  return [...months].map(([period, days]) => {
    const sum = (pick: (d: MvObservation) => number) => days.reduce((acc, d) => acc + pick(d), 0);
    const withWeather = days.every((d) => d.cdd !== undefined && d.hdd !== undefined);
    return {
      period,
      energy: sum((d) => d.energy),
      production: sum((d) => d.production),
      coverage: sum((d) => d.coverage) / days.length,
      ...(withWeather ? { cdd: sum((d) => d.cdd!), hdd: sum((d) => d.hdd!) } : {}),
    };
  });
}

/** The Shanghai days from `from` (a Shanghai midnight) up to the earlier of `to` and `now`. */
export function startedDays(from: Date, to: Date, now: Date): string[] {
  const end = Math.min(to.getTime(), now.getTime());
  const days: string[] = [];
  for (let t = from.getTime(); t < end; t += 86_400_000) {
    days.push(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10));
  }
  return days;
}
