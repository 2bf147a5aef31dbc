import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClickHouse,
  EnergyQueries,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
  type CounterConsumptionRow,
  type TelemetryRow,
} from '#grip/telemetry-store';

const E1 = '0e000000-0000-4000-8000-000000000001';
const E2 = '0e000000-0000-4000-8000-000000000002';
/** D1 resets, D2 rolls over, D3 has an outlier, D4 crosses Shanghai midnight. */
const D1 = 'de000000-0000-4000-8000-000000000001';
const D2 = 'de000000-0000-4000-8000-000000000002';
const D3 = 'de000000-0000-4000-8000-000000000003';
const D4 = 'de000000-0000-4000-8000-000000000004';
const KWH = 'electricity.active_energy';

const readings = (enterpriseId: string, deviceId: string, points: [string, number][]): TelemetryRow[] =>
  points.map(([iso, value]) => ({ enterpriseId, deviceId, metric: KWH, ts: Date.parse(iso), value }));

const E1_READINGS = [
  ...readings(E1, D1, [
    ['2024-03-01T00:00:00Z', 50], // older: the look-back must take the latest reading before `from`
    ['2024-03-09T12:00:00Z', 100],
    ['2024-03-10T00:30:00Z', 110],
    ['2024-03-10T00:45:00Z', 115],
    ['2024-03-10T01:15:00Z', 3], // reset: 3 since zero
    ['2024-03-10T01:45:00Z', 8],
    ['2024-03-10T03:00:00Z', 1000], // at `to`: excluded
  ]),
  ...readings(E1, D2, [
    ['2024-03-09T23:00:00Z', 9950],
    ['2024-03-10T00:30:00Z', 9990],
    ['2024-03-10T01:30:00Z', 20], // rollover at 10,000: 10 + 20
    ['2024-03-10T02:30:00Z', 50],
    ['2024-03-10T02:45:00Z', 10], // far below the maximum: a reset
  ]),
  ...readings(E1, D3, [
    ['2024-03-09T23:00:00Z', 1000],
    ['2024-03-10T00:00:00Z', 1090], // 90 in 1 h, limit 100/h × 1.1
    ['2024-03-10T01:00:00Z', 1500], // 410 in 1 h: outlier
    ['2024-03-10T02:00:00Z', 1550],
  ]),
  ...readings(E1, D4, [
    ['2024-03-10T15:30:00Z', 0],
    ['2024-03-10T15:59:00Z', 10], // 23:59 on 10 March in Shanghai
    ['2024-03-10T16:01:00Z', 25], // 00:01 on 11 March in Shanghai
    ['2024-03-11T10:00:00Z', 40],
  ]),
];

/** Another tenant using the same device ids; none of it may leak into E1's figures. */
const E2_READINGS = [
  ...readings(E2, D1, [
    ['2024-03-09T23:00:00Z', 0],
    ['2024-03-10T00:40:00Z', 5_000],
    ['2024-03-10T01:40:00Z', 9_000],
  ]),
  ...readings(E2, D4, [['2024-03-10T16:30:00Z', 77_000]]),
];

const METERS = [
  { deviceId: D1, metric: KWH },
  { deviceId: D2, metric: KWH, counterMax: 10_000 },
  { deviceId: D3, metric: KWH, maxRatePerHour: 100 },
  { deviceId: D4, metric: KWH },
];

const bucket = (
  b: string,
  deviceId: string,
  consumption: number,
  readingsCount: number,
  counts: Partial<Pick<CounterConsumptionRow, 'resets' | 'rollovers' | 'outliers'>> = {},
): CounterConsumptionRow => ({
  bucket: b,
  deviceId,
  metric: KWH,
  consumption,
  readings: readingsCount,
  resets: 0,
  rollovers: 0,
  outliers: 0,
  ...counts,
});

let dataPath: string;
let ch: ClickHouse;
let energy: EnergyQueries;

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-telemetry-energy-'));
  ch = createClickHouse({ database: 'energy', dataPath });
  await runClickHouseMigrations(ch);
  const writer = new TelemetryWriter(ch);
  await writer.insert([...E1_READINGS, ...E2_READINGS]);
  // Delivered twice (at-least-once bus): the figures must not change.
  await writer.insert(E1_READINGS);
  energy = new EnergyQueries(ch);
});

afterAll(async () => {
  await ch?.close();
  await rm(dataPath, { recursive: true, force: true });
});

const byDevice = (rows: CounterConsumptionRow[], deviceId: string) =>
  rows.filter((r) => r.deviceId === deviceId);

describe('EnergyQueries.counterConsumption', () => {
  describe('by hour, 08:00–11:00 in Shanghai', () => {
    let rows: CounterConsumptionRow[];
    beforeAll(async () => {
      rows = await energy.counterConsumption({
        enterpriseId: E1,
        from: new Date('2024-03-10T08:00:00+08:00'),
        to: new Date('2024-03-10T11:00:00+08:00'),
        granularity: 'hour',
        meters: METERS.slice(0, 3),
      });
    });

    it('counts a reset reading as consumption since zero, starting from the last reading before `from`', () => {
      expect(byDevice(rows, D1)).toEqual([
        bucket('2024-03-10T08:00:00+08:00', D1, 15, 2),
        bucket('2024-03-10T09:00:00+08:00', D1, 8, 2, { resets: 1 }),
      ]);
    });

    it('adds counterMax − previous + new for a rollover near the maximum', () => {
      expect(byDevice(rows, D2)).toEqual([
        bucket('2024-03-10T08:00:00+08:00', D2, 40, 1),
        bucket('2024-03-10T09:00:00+08:00', D2, 30, 1, { rollovers: 1 }),
        bucket('2024-03-10T10:00:00+08:00', D2, 40, 2, { resets: 1 }),
      ]);
    });

    it('excludes and counts a delta beyond maxRatePerHour', () => {
      expect(byDevice(rows, D3)).toEqual([
        bucket('2024-03-10T08:00:00+08:00', D3, 90, 1),
        bucket('2024-03-10T09:00:00+08:00', D3, 0, 1, { outliers: 1 }),
        bucket('2024-03-10T10:00:00+08:00', D3, 50, 1),
      ]);
    });

    it('only reads the requested meters', () => {
      expect(new Set(rows.map((r) => r.deviceId))).toEqual(new Set([D1, D2, D3]));
    });
  });

  it('splits days at midnight in Shanghai (16:00 UTC)', async () => {
    const rows = await energy.counterConsumption({
      enterpriseId: E1,
      from: new Date('2024-03-10T00:00:00+08:00'),
      to: new Date('2024-03-12T00:00:00+08:00'),
      granularity: 'day',
      meters: METERS,
    });
    // The whole local day: 15 + 8 as above, then 992 up to the reading at 11:00 (the hourly query's `to`).
    expect(byDevice(rows, D1)).toEqual([bucket('2024-03-10T00:00:00+08:00', D1, 1015, 5, { resets: 1 })]);
    expect(byDevice(rows, D4)).toEqual([
      bucket('2024-03-10T00:00:00+08:00', D4, 10, 2),
      bucket('2024-03-11T00:00:00+08:00', D4, 30, 2),
    ]);
  });

  it('sums a Shanghai month', async () => {
    const rows = await energy.counterConsumption({
      enterpriseId: E1,
      from: new Date('2024-03-01T00:00:00+08:00'),
      to: new Date('2024-04-01T00:00:00+08:00'),
      granularity: 'month',
      meters: [METERS[3]!],
    });
    expect(rows).toEqual([bucket('2024-03-01T00:00:00+08:00', D4, 40, 4)]);
  });

  it("never counts another enterprise's readings of the same device ids", async () => {
    const query = {
      from: new Date('2024-03-10T00:00:00+08:00'),
      to: new Date('2024-03-12T00:00:00+08:00'),
      granularity: 'day' as const,
      meters: [METERS[0]!, METERS[3]!],
    };
    const e2 = await energy.counterConsumption({ ...query, enterpriseId: E2 });
    expect(e2).toEqual([
      // 07:00 in Shanghai is E2's first reading of the day: no earlier one, so no delta.
      bucket('2024-03-10T00:00:00+08:00', D1, 9_000, 3),
      bucket('2024-03-11T00:00:00+08:00', D4, 0, 1),
    ]);
    const e1 = await energy.counterConsumption({ ...query, enterpriseId: E1 });
    expect(e1.reduce((sum, r) => sum + r.consumption, 0)).toBe(1015 + 40);
  });

  it('returns nothing for an empty range or no meters, and refuses a meter listed twice', async () => {
    const q = {
      enterpriseId: E1,
      from: new Date('2024-03-10T00:00:00Z'),
      to: new Date('2024-03-11T00:00:00Z'),
      granularity: 'day' as const,
    };
    expect(await energy.counterConsumption({ ...q, meters: [] })).toEqual([]);
    expect(await energy.counterConsumption({ ...q, to: q.from, meters: METERS })).toEqual([]);
    await expect(energy.counterConsumption({ ...q, meters: [METERS[0]!, METERS[0]!] })).rejects.toThrow(
      /twice/,
    );
  });
});
