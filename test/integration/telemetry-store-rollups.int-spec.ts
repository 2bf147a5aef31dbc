import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClickHouse,
  EnergyQueries,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
  type CounterConsumptionQuery,
  type CounterConsumptionRow,
  type CounterMeter,
  type TelemetryRow,
} from '#grip/telemetry-store';

const E1 = '0e000000-0000-4000-8000-000000000001';
const E2 = '0e000000-0000-4000-8000-000000000002';
const KWH = 'electricity.active_energy';
const GAS = 'natural_gas.volume';
const dev = (n: number) => `de000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const HOUR = 3_600_000;
/** 2024-03-09 00:00 in Shanghai. */
const T0 = Date.parse('2024-03-08T16:00:00Z');

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * Readings every 1–40 minutes over 3 days (plus a day before `from` for the look-back),
 * growing by random steps; `events` changes the value at given reading indexes.
 */
function series(
  enterpriseId: string,
  deviceId: string,
  metric: string,
  seed: number,
  opts: { start?: number; step?: number; events?: Record<number, (v: number) => number> } = {},
): TelemetryRow[] {
  const rand = prng(seed);
  const rows: TelemetryRow[] = [];
  let ts = T0 - 20 * HOUR + Math.floor(rand() * 600_000);
  let value = opts.start ?? Math.round(rand() * 1000);
  for (let i = 0; ts < T0 + 72 * HOUR; i++) {
    const event = opts.events?.[i];
    value = event ? event(value) : value + Math.round(rand() * (opts.step ?? 5) * 1000) / 1000;
    rows.push({ enterpriseId, deviceId, metric, ts, value });
    ts += 60_000 * (1 + Math.floor(rand() * 40));
  }
  return rows;
}

const METERS: CounterMeter[] = [
  { deviceId: dev(1), metric: KWH },
  { deviceId: dev(1), metric: GAS },
  { deviceId: dev(2), metric: KWH }, // resets: one inside an hour, more at random places
  { deviceId: dev(3), metric: KWH, counterMax: 10_000 }, // rolls over once
  { deviceId: dev(4), metric: KWH, maxRatePerHour: 1_000 }, // a limit it never reaches
  { deviceId: dev(5), metric: KWH, maxRatePerHour: 60 }, // one spike beyond its limit
];

const E1_ROWS = [
  ...series(E1, dev(1), KWH, 1),
  ...series(E1, dev(1), GAS, 2, { step: 0.5 }),
  ...series(E1, dev(2), KWH, 3, { events: { 100: () => 2, 150: () => 0.5, 200: (v) => v / 2 } }),
  ...series(E1, dev(3), KWH, 4, { start: 5_000, step: 10, events: { 120: () => 9_990, 121: () => 15 } }),
  ...series(E1, dev(4), KWH, 5),
  ...series(E1, dev(5), KWH, 6, { step: 0.5, events: { 130: (v) => v + 500 } }),
];
/** Another tenant with the same device ids: must never leak into E1's figures. */
const E2_ROWS = series(E2, dev(1), KWH, 7, { start: 50_000, step: 100 });

let dataPath: string;
let ch: ClickHouse;
let energy: EnergyQueries;

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-telemetry-rollups-'));
  ch = createClickHouse({ database: 'rollups', dataPath });
  await runClickHouseMigrations(ch);
  const writer = new TelemetryWriter(ch, { maxRowsPerInsert: 97 });
  // Shuffled into batches, so points arrive late and out of order across inserts.
  const rand = prng(42);
  const shuffled = [...E1_ROWS, ...E2_ROWS]
    .map((r) => ({ r, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
  const batches: TelemetryRow[][] = [];
  for (let i = 0; i < shuffled.length; i += 250) batches.push(shuffled.slice(i, i + 250));
  for (const [i, b] of batches.entries()) await writer.insert(b, { dedupToken: `rollups-${i}` });
  // A batch resent at other offsets (a new token) and one replayed (same token).
  await writer.insert(batches[3]!, { dedupToken: 'rollups-resent-3' });
  await writer.insert(batches[5]!, { dedupToken: 'rollups-5' });
  energy = new EnergyQueries(ch);
});

afterAll(async () => {
  await ch?.close();
  await rm(dataPath, { recursive: true, force: true });
});

const sorted = (rows: CounterConsumptionRow[]) =>
  rows
    .map((r) => ({ ...r, consumption: Math.round(r.consumption * 1000) / 1000 }))
    .sort(
      (a, b) =>
        a.deviceId.localeCompare(b.deviceId) ||
        a.metric.localeCompare(b.metric) ||
        a.bucket.localeCompare(b.bucket),
    );

describe('counterConsumptionFromRollups equals the raw query', () => {
  const cases: [string, Omit<CounterConsumptionQuery, 'enterpriseId' | 'meters'>][] = [
    ['hours of three days', { from: new Date(T0), to: new Date(T0 + 72 * HOUR), granularity: 'hour' }],
    ['Shanghai days', { from: new Date(T0), to: new Date(T0 + 72 * HOUR), granularity: 'day' }],
    [
      'a month',
      { from: new Date('2024-03-01T00:00:00+08:00'), to: new Date(T0 + 48 * HOUR), granularity: 'month' },
    ],
    [
      'hours from mid-day',
      { from: new Date(T0 + 13 * HOUR), to: new Date(T0 + 40 * HOUR), granularity: 'hour' },
    ],
    [
      'a range not on whole hours (raw)',
      { from: new Date(T0 + 90_000), to: new Date(T0 + 30 * HOUR), granularity: 'day' },
    ],
  ];

  it.each(cases)('%s', async (_name, range) => {
    const q = { ...range, enterpriseId: E1, meters: METERS };
    const raw = await energy.counterConsumption(q);
    const rollup = await energy.counterConsumptionFromRollups(q);
    expect(raw.length).toBeGreaterThan(0);
    expect(sorted(rollup)).toEqual(sorted(raw));
  });

  it('covers what it claims: resets, rollovers, an outlier, and another tenant', async () => {
    const q = { enterpriseId: E1, meters: METERS, from: new Date(T0), to: new Date(T0 + 72 * HOUR) };
    const days = await energy.counterConsumptionFromRollups({ ...q, granularity: 'day' });
    const total = (d: number, key: 'resets' | 'rollovers' | 'outliers') =>
      days.filter((r) => r.deviceId === dev(d)).reduce((s, r) => s + r[key], 0);
    expect(total(2, 'resets')).toBe(3);
    expect(total(3, 'rollovers')).toBe(1);
    expect(total(3, 'resets')).toBe(0);
    expect(total(5, 'outliers')).toBe(1);
    const e2 = await energy.counterConsumptionFromRollups({ ...q, enterpriseId: E2, granularity: 'day' });
    expect(sorted(e2)).toEqual(
      sorted(await energy.counterConsumption({ ...q, enterpriseId: E2, granularity: 'day' })),
    );
    expect(e2.every((r) => r.deviceId === dev(1) && r.metric === KWH)).toBe(true);
  });
});

describe('rollup tables hold the deduplicated raw figures', () => {
  const HOUR_BUCKET = "toStartOfHour(ts, 'Asia/Shanghai')";
  const DAY_BUCKET = "toStartOfDay(ts, 'Asia/Shanghai')";
  const device: [string, string, string][] = [
    [
      'telemetry_15m',
      'toStartOfFifteenMinutes(ts)',
      'groupBitOr(bitShiftLeft(toUInt16(1), toMinute(ts) % 15))',
    ],
    ['telemetry_1h', HOUR_BUCKET, 'groupBitOr(bitShiftLeft(toUInt64(1), toMinute(ts)))'],
    ['telemetry_1d', DAY_BUCKET, "groupBitOr(bitShiftLeft(toUInt32(1), toHour(ts, 'Asia/Shanghai')))"],
  ];
  const mask: Record<string, string> = {
    telemetry_15m: 'minutes',
    telemetry_1h: 'minutes',
    telemetry_1d: 'hours',
  };

  async function rows(query: string) {
    const result = await ch.client.query({ query, format: 'JSONEachRow' });
    return result.json();
  }

  it.each(device)(
    '%s: first and last reading, min/max, occupied-time mask per bucket',
    async (table, bucket, rawMask) => {
      const fromRollup = await rows(
        `SELECT enterprise_id, device_id, metric, toUnixTimestamp(bucket) AS b, tupleElement(min(first), 1) AS f1,
         tupleElement(min(first), 2) AS f2, tupleElement(max(last), 1) AS l1, tupleElement(max(last), 2) AS l2,
         min(min_value) AS lo, max(max_value) AS hi, toString(groupBitOr(${mask[table]})) AS m
       FROM ${ch.table(table)} GROUP BY enterprise_id, device_id, metric, bucket ORDER BY enterprise_id, device_id, metric, b`,
      );
      const fromRaw = await rows(
        `SELECT enterprise_id, device_id, metric, toUnixTimestamp(${bucket}) AS b, tupleElement(min((ts, value)), 1) AS f1,
         tupleElement(min((ts, value)), 2) AS f2, tupleElement(max((ts, value)), 1) AS l1,
         tupleElement(max((ts, value)), 2) AS l2, min(value) AS lo, max(value) AS hi, toString(${rawMask}) AS m
       FROM ${ch.table('telemetry_raw')} FINAL GROUP BY enterprise_id, device_id, metric, b
       ORDER BY enterprise_id, device_id, metric, b`,
      );
      expect(fromRaw.length).toBeGreaterThan(10);
      expect(fromRollup).toEqual(fromRaw);
    },
  );

  it.each([
    ['enterprise_1h', HOUR_BUCKET],
    ['enterprise_1d', DAY_BUCKET],
  ])('%s: devices reporting, min/max of value and ts per bucket', async (table, bucket) => {
    const fromRollup = await rows(
      `SELECT enterprise_id, metric, toUnixTimestamp(bucket) AS b, toUInt32(uniqExactMerge(devices)) AS d,
         min(min_value) AS lo, max(max_value) AS hi, min(first_ts) AS t1, max(last_ts) AS t2
       FROM ${ch.table(table)} GROUP BY enterprise_id, metric, bucket ORDER BY enterprise_id, metric, b`,
    );
    const fromRaw = await rows(
      `SELECT enterprise_id, metric, toUnixTimestamp(${bucket}) AS b, toUInt32(uniqExact(device_id)) AS d,
         min(value) AS lo, max(value) AS hi, min(ts) AS t1, max(ts) AS t2
       FROM ${ch.table('telemetry_raw')} FINAL GROUP BY enterprise_id, metric, b ORDER BY enterprise_id, metric, b`,
    );
    expect(fromRaw.length).toBeGreaterThan(10);
    expect(fromRollup).toEqual(fromRaw);
  });
});

describe('hoursWithData', () => {
  const D7 = dev(7);
  const D8 = dev(8);
  const at = (h: number, m = 0) => T0 + 30 * 24 * HOUR + h * HOUR + m * 60_000;
  beforeAll(async () => {
    const row = (deviceId: string, ts: number): TelemetryRow => ({
      enterpriseId: E1,
      deviceId,
      metric: KWH,
      ts,
      value: ts / 1e9,
    });
    await new TelemetryWriter(ch).insert([
      row(D7, at(0, 5)),
      row(D7, at(0, 50)),
      row(D7, at(1, 0)),
      row(D7, at(3, 59)),
      row(D8, at(1, 30)),
      row(D8, at(2, 30)),
      row(D8, at(9, 0)), // after `to`
    ]);
  });

  it('counts hours with readings per device and for any device, over the elapsed hours', async () => {
    const result = await energy.hoursWithData(E1, [D7, D8], new Date(at(0)), new Date(at(5)));
    expect(result).toEqual({
      hours: 4,
      elapsedHours: 5,
      coverage: 0.5,
      devices: [
        { deviceId: D7, hours: 3 },
        { deviceId: D8, hours: 2 },
      ],
    });
  });

  it('stops at now, starts at the hour holding `from`, and is scoped to the enterprise', async () => {
    const capped = await energy.hoursWithData(
      E1,
      [D7],
      new Date(at(0, 30)),
      new Date(at(9)),
      new Date(at(1, 10)),
    );
    expect(capped).toMatchObject({ hours: 2, elapsedHours: 2, coverage: 1 });
    expect(await energy.hoursWithData(E2, [D7, D8], new Date(at(0)), new Date(at(5)))).toMatchObject({
      hours: 0,
      coverage: 0,
      devices: [],
    });
    expect(await energy.hoursWithData(E1, [], new Date(at(0)), new Date(at(5)))).toMatchObject({ hours: 0 });
  });
});
