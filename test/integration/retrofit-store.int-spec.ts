import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClimateQueries,
  createClickHouse,
  RetrofitAssessmentStore,
  runClickHouseMigrations,
  TelemetryQueries,
  TelemetryWriter,
  type ClickHouse,
  type StoredAssessment,
} from '#grip/telemetry-store';

const E1 = '1e000000-0000-4000-8000-000000000001';
const E2 = '1e000000-0000-4000-8000-000000000002';
const T1 = '1d000000-0000-4000-8000-000000000001';
const T2 = '1d000000-0000-4000-8000-000000000002';
const P1 = '1f000000-0000-4000-8000-000000000001';
const P2 = '1f000000-0000-4000-8000-000000000002';
const TEMP = 'ambient.temperature';

let dataPath: string;
let ch: ClickHouse;

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-retrofit-store-'));
  ch = createClickHouse({ database: 'retrofit_store', dataPath });
  await runClickHouseMigrations(ch);
  const at = (iso: string, deviceId: string, value: number, enterpriseId = E1) => ({
    enterpriseId,
    deviceId,
    metric: TEMP,
    ts: Date.parse(iso),
    value,
  });
  await new TelemetryWriter(ch).insert([
    // Shanghai 2026-07-01 (UTC+8): hour 00:00 reads 20 and 24 (mid-range 22), hour 01:00 reads 26.
    at('2026-06-30T16:10:00Z', T1, 20),
    at('2026-06-30T16:50:00Z', T1, 24),
    at('2026-06-30T17:20:00Z', T1, 26),
    // A second thermometer in the 01:00 hour: its own mid-range (30) is one more value of the day.
    at('2026-06-30T17:30:00Z', T2, 30),
    // Shanghai 2026-07-02 begins at 16:00 UTC on 07-01.
    at('2026-07-01T16:30:00Z', T1, 18),
    // Another enterprise's thermometer, never read for E1.
    at('2026-06-30T16:10:00Z', T1, 99, E2),
  ]);
});

afterAll(async () => {
  await ch?.close();
  await rm(dataPath, { recursive: true, force: true });
});

describe('ClimateQueries', () => {
  it('averages the hours’ mid-range temperature per Shanghai day, scoped to the enterprise', async () => {
    const rows = await new ClimateQueries(ch).dailyMeanTemperature({
      enterpriseId: E1,
      deviceIds: [T1, T2],
      from: new Date('2026-06-30T16:00:00Z'),
      to: new Date('2026-07-02T16:00:00Z'),
    });
    // Day 1: T1 22 and 26, T2 30 → 26 over two distinct hours; day 2: one hour at 18.
    expect(rows).toEqual([
      { day: '2026-07-01', meanC: 26, hours: 2 },
      { day: '2026-07-02', meanC: 18, hours: 1 },
    ]);
  });

  it('reads nothing without thermometers, and refuses an empty range', async () => {
    const climate = new ClimateQueries(ch);
    const range = { enterpriseId: E1, from: new Date('2026-07-01'), to: new Date('2026-07-02') };
    expect(await climate.dailyMeanTemperature({ ...range, deviceIds: [] })).toEqual([]);
    await expect(climate.dailyMeanTemperature({ ...range, deviceIds: [T1], to: range.from })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('TelemetryQueries.enterprisesReporting', () => {
  it('lists the given enterprises that sent readings in the range', async () => {
    const q = new TelemetryQueries(ch);
    const july = [new Date('2026-06-30T16:00:00Z'), new Date('2026-07-31T16:00:00Z')] as const;
    expect(await q.enterprisesReporting([E1, E2], ...july)).toEqual([E1, E2].sort());
    expect(await q.enterprisesReporting([E2], ...july)).toEqual([E2]);
    expect(await q.enterprisesReporting([E1], new Date('2026-08-01'), new Date('2026-09-01'))).toEqual([]);
    expect(await q.enterprisesReporting([], ...july)).toEqual([]);
  });
});

describe('RetrofitAssessmentStore', () => {
  const assessment = (projectId: string, verdict: string, computedAt: string): StoredAssessment => ({
    projectId,
    enterpriseId: E1,
    regionCode: '440106',
    methodologyVersion: '2026.1',
    fingerprint: 'f1',
    verdict,
    result: JSON.stringify({ verdict }),
    computedAt: new Date(computedAt),
  });

  it('serves the latest computation of each project it is asked for', async () => {
    const store = new RetrofitAssessmentStore(ch);
    await store.save(assessment(P1, 'inconclusive', '2026-08-01T00:00:00Z'));
    await store.save(assessment(P1, 'achieved', '2026-08-02T00:00:00Z'));
    await store.save(assessment(P2, 'not_achieved', '2026-08-01T00:00:00Z'));
    const [p1] = await store.read([P1]);
    expect(p1).toMatchObject({
      projectId: P1,
      verdict: 'achieved',
      fingerprint: 'f1',
      methodologyVersion: '2026.1',
    });
    expect(p1!.computedAt.toISOString()).toBe('2026-08-02T00:00:00.000Z');
    expect(JSON.parse(p1!.result)).toEqual({ verdict: 'achieved' });
    expect((await store.read([P1, P2])).map((a) => a.verdict)).toEqual(['achieved', 'not_achieved']);
    expect(await store.read([])).toEqual([]);
  });
});
