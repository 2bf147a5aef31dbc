import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import type { CounterConsumptionRow } from '#grip/telemetry-store';
import { dailyObservations, monthlyObservations, startedDays } from './mv-observations.js';

const row = (
  bucket: string,
  deviceId: string,
  metric: string,
  consumption: number,
): CounterConsumptionRow => ({
  bucket,
  deviceId,
  metric,
  consumption,
  readings: 1,
  resets: 0,
  rollovers: 0,
  outliers: 0,
});

const hours = (day: string, count: number) =>
  Array.from({ length: count }, (_, h) => `${day}T${String(h).padStart(2, '0')}:00:00+08:00`);

// GB/T 2589 equivalent value of electricity: 0.1229 kgce/kWh, so 1,000 kWh = 0.1229 tce.
const TCE_PER_KWH = 0.1229 / 1000;

describe('dailyObservations', () => {
  const base = {
    energyMeters: 1,
    temperature: [],
    basis: 'equivalent' as const,
    methodology: DEFAULT_METHODOLOGY,
    degreeDayBaseC: 18,
  };

  it('converts each day to tce, sums production, and counts (meter, hour) pairs for coverage', () => {
    const energyRows = [
      ...hours('2026-01-05', 24).map((b) => row(b, 'm1', 'electricity.active_energy', 50)), // 1,200 kWh
      ...hours('2026-01-06', 12).map((b) => row(b, 'm1', 'electricity.active_energy', 100)), // 1,200 kWh, half the hours
    ];
    const productionRows = [
      row('2026-01-05T08:00:00+08:00', 'p1', 'production.count', 300),
      row('2026-01-05T09:00:00+08:00', 'p1', 'production.count', 200),
    ];
    const days = dailyObservations({
      ...base,
      days: ['2026-01-05', '2026-01-06', '2026-01-07'],
      energyRows,
      productionRows,
    });
    expect(days.map((d) => d.period)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(days[0]!.energy).toBeCloseTo(1200 * TCE_PER_KWH, 12);
    expect(days[0]).toMatchObject({ production: 500, coverage: 1 });
    expect(days[1]).toMatchObject({ production: 0, coverage: 0.5 });
    // A day without a reading is there, with coverage 0, not dropped.
    expect(days[2]).toMatchObject({ energy: 0, production: 0, coverage: 0 });
    expect(days[0]).not.toHaveProperty('cdd');
  });

  it('adds degree days from the day’s mean temperature where one is measured', () => {
    const [hot, cold] = dailyObservations({
      ...base,
      days: ['2026-07-01', '2026-07-02'],
      energyRows: [],
      productionRows: [],
      temperature: [
        { day: '2026-07-01', meanC: 30, hours: 24 },
        { day: '2026-07-02', meanC: 10.5, hours: 24 },
      ],
    });
    expect(hot).toMatchObject({ cdd: 12, hdd: 0 });
    expect(cold).toMatchObject({ cdd: 0, hdd: 7.5 });
  });
});

describe('monthlyObservations', () => {
  it('sums days into months, averages coverage, and keeps degree days only for fully measured months', () => {
    const months = monthlyObservations([
      { period: '2026-01-30', energy: 1, production: 10, coverage: 1, cdd: 0, hdd: 5 },
      { period: '2026-01-31', energy: 2, production: 20, coverage: 0.5, cdd: 1, hdd: 0 },
      { period: '2026-02-01', energy: 4, production: 40, coverage: 1, cdd: 0, hdd: 2 },
      { period: '2026-02-02', energy: 8, production: 80, coverage: 1 },
    ]);
    expect(months).toEqual([
      { period: '2026-01', energy: 3, production: 30, coverage: 0.75, cdd: 1, hdd: 5 },
      { period: '2026-02', energy: 12, production: 120, coverage: 1 },
    ]);
  });
});

describe('startedDays', () => {
  it('lists the Shanghai days of a period up to now', () => {
    const from = new Date('2026-02-27T16:00:00Z'); // 2026-02-28 00:00 +08:00
    const to = new Date('2026-03-02T16:00:00Z');
    expect(startedDays(from, to, new Date('2026-12-01'))).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(startedDays(from, to, new Date('2026-02-28T17:00:00Z'))).toEqual(['2026-02-28', '2026-03-01']);
  });
});
