import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClickHouse,
  EquipmentQueries,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
  type TelemetryRow,
} from '#grip/telemetry-store';

const E1 = '0e000000-0000-4000-8000-0000000000a1';
const E2 = '0e000000-0000-4000-8000-0000000000a2';
const M1 = 'de000000-0000-4000-8000-0000000000a1';
const M2 = 'de000000-0000-4000-8000-0000000000a2';
const T0 = Date.parse('2026-03-01T16:00:00Z'); // 00:00 on 2 March in Shanghai
const MIN = 60_000;

const state = (enterpriseId: string, deviceId: string, minute: number, value: number): TelemetryRow => ({
  enterpriseId,
  deviceId,
  metric: 'equipment.state',
  ts: T0 + minute * MIN,
  value,
});

describe('EquipmentQueries on chDB', () => {
  let dir: string;
  let ch: ClickHouse;
  let queries: EquipmentQueries;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grip-equipment-'));
    ch = createClickHouse({ database: 'equipment_test', dataPath: dir });
    await runClickHouseMigrations(ch);
    queries = new EquipmentQueries(ch);
    await new TelemetryWriter(ch).insert([
      // The OEE worked example's day shape, reported every 10 min: running 400, idle 30, fault
      // 50 minutes, then off (reported every 15 min) until midnight.
      ...Array.from({ length: 48 }, (_, i) => state(E1, M1, i * 10, i < 40 ? 2 : i < 43 ? 1 : 3)),
      ...Array.from({ length: 64 }, (_, i) => state(E1, M1, 480 + i * 15, 0)),
      // M2 goes silent for 2 h after running: only 15 min of it count.
      state(E1, M2, 0, 2),
      state(E1, M2, 120, 1),
      { ...state(E1, M2, 60 * 24 * 2, 1) }, // a reading on a third day
      // Another tenant with the same device id.
      state(E2, M1, 0, 3),
    ]);
    // A retried batch: stored once.
    await new TelemetryWriter(ch).insert([state(E1, M1, 400, 1)]);
  });

  afterAll(async () => {
    await ch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sums the time in each state, a reading holding until the next one', async () => {
    const rows = await queries.stateDurations({
      enterpriseId: E1,
      deviceIds: [M1],
      from: new Date(T0),
      to: new Date(T0 + 24 * 60 * MIN),
    });
    expect(rows).toEqual([
      { deviceId: M1, state: 0, seconds: (24 * 60 - 480) * 60 },
      { deviceId: M1, state: 1, seconds: 30 * 60 },
      { deviceId: M1, state: 2, seconds: 400 * 60 },
      { deviceId: M1, state: 3, seconds: 50 * 60 },
    ]);
  });

  it('does not stretch a state over a silence longer than the hold limit', async () => {
    const rows = await queries.stateDurations({
      enterpriseId: E1,
      deviceIds: [M2],
      from: new Date(T0),
      to: new Date(T0 + 24 * 60 * MIN),
    });
    expect(rows).toEqual([
      { deviceId: M2, state: 1, seconds: 15 * 60 },
      { deviceId: M2, state: 2, seconds: 15 * 60 },
    ]);
  });

  it('counts distinct Shanghai days with data per device, within the tenant', async () => {
    const rows = await queries.daysWithData({
      enterpriseId: E1,
      deviceIds: [M1, M2],
      from: new Date(T0),
      to: new Date(T0 + 7 * 24 * 60 * MIN),
    });
    expect(rows).toEqual([
      { deviceId: M1, days: 1 },
      { deviceId: M2, days: 2 },
    ]);
    expect(
      await queries.daysWithData({
        enterpriseId: E2,
        deviceIds: [M2],
        from: new Date(T0),
        to: new Date(T0 + MIN),
      }),
    ).toEqual([]);
  });
});
