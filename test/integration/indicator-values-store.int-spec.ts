import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClickHouse,
  IndicatorValuesStore,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
  type StoredIndicatorSet,
  type StoredIndicatorValue,
} from '#grip/telemetry-store';

const E1 = '1e000000-0000-4000-8000-000000000001';
const E2 = '1e000000-0000-4000-8000-000000000002';
const D1 = '1d000000-0000-4000-8000-000000000001';
const MARCH = { periodKind: 'month', periodKey: '2026-03', basis: 'equivalent' };
const MARCH_FROM = new Date('2026-02-28T16:00:00Z');
const MARCH_TO = new Date('2026-03-31T16:00:00Z');

const set = (enterpriseId: string, computedAt: string, energyTce: number | null): StoredIndicatorSet => ({
  enterpriseId,
  ...MARCH,
  regionCode: '440106',
  industryCode: 'C3851',
  periodFrom: MARCH_FROM,
  periodTo: MARCH_TO,
  computedUntil: MARCH_TO,
  methodologyVersion: '2026.1',
  energyCoverage: energyTce === null ? null : 1,
  energyTce,
  carbonTco2: energyTce === null ? null : energyTce * 3,
  outputValue: 5000,
  valueAdded: null,
  equipmentCounts: { digitisation_rate: { matching: 2, population: 3 } },
  declarationVersions: { '2026-03': 1 },
  registerHash: 'abc',
  telemetryIngestedAt: null,
  envelope: JSON.stringify({ period: '2026-03' }),
  computationId: crypto.randomUUID(),
  computedAt: new Date(computedAt),
});

const value = (indicatorId: string, v: number | null): StoredIndicatorValue => ({
  indicatorId,
  value: v,
  unit: 'tce',
  status: v === null ? 'missing' : 'ok',
  coverage: v === null ? null : 1,
  formulaId: indicatorId,
  methodologyVersion: '2026.1',
  inputs: JSON.stringify({ v }),
  result: JSON.stringify({ status: v === null ? 'missing' : 'ok', value: v ?? undefined }),
});

let dataPath: string;
let ch: ClickHouse;
let store: IndicatorValuesStore;

beforeAll(async () => {
  dataPath = await mkdtemp(join(tmpdir(), 'grip-indicator-values-'));
  ch = createClickHouse({ database: 'indicator_values', dataPath });
  await runClickHouseMigrations(ch);
  store = new IndicatorValuesStore(ch);
});

afterAll(async () => {
  await ch?.close();
  await rm(dataPath, { recursive: true, force: true });
});

describe('IndicatorValuesStore', () => {
  it('reads back what it stored, and a recompute supersedes the old values', async () => {
    const first = set(E1, '2026-04-01T00:00:00Z', 289.4092);
    await store.save(first, [
      value('energy.comprehensive', 289.4092),
      value('energy.intensity.output_value', 0.05),
    ]);
    const second = set(E1, '2026-04-02T00:00:00Z', 300);
    await store.save(second, [
      value('energy.comprehensive', 300),
      value('energy.intensity.unit_product', null),
    ]);

    const read = await store.read(E1, MARCH);
    expect(read?.set.computationId).toBe(second.computationId);
    expect(read?.set.energyTce).toBe(300);
    expect(read?.set.computedAt.toISOString()).toBe('2026-04-02T00:00:00.000Z');
    expect(read?.set.periodFrom.toISOString()).toBe(MARCH_FROM.toISOString());
    expect(read?.set.equipmentCounts).toEqual({ digitisation_rate: { matching: 2, population: 3 } });
    expect(read?.set.declarationVersions).toEqual({ '2026-03': 1 });
    expect(read?.set.telemetryIngestedAt).toBeNull();
    // Only the second computation's values: the first's intensity is not mixed in.
    expect(read?.values.map((v) => [v.indicatorId, v.value, v.status])).toEqual([
      ['energy.comprehensive', 300, 'ok'],
      ['energy.intensity.unit_product', null, 'missing'],
    ]);
    expect(await store.read(E1, { ...MARCH, basis: 'equal-value' })).toBeUndefined();
  });

  it('reads only the enterprises it is given', async () => {
    await store.save(set(E2, '2026-04-01T00:00:00Z', null), []);
    const both = await store.readSets([E1, E2], MARCH);
    expect(both.map((s) => [s.enterpriseId, s.energyTce]).sort()).toEqual([
      [E1, 300],
      [E2, null],
    ]);
    expect((await store.readSets([E2], MARCH)).map((s) => s.enterpriseId)).toEqual([E2]);
    expect(await store.readSets([], MARCH)).toEqual([]);
  });

  it('finds sets whose period received telemetry after they were computed', async () => {
    const writer = new TelemetryWriter(ch);
    const since = new Date(Date.now() - 1000);
    await writer.insert([
      {
        enterpriseId: E1,
        deviceId: D1,
        metric: 'electricity.active_energy',
        ts: Date.parse('2026-03-10T00:00:00Z'),
        value: 5,
      },
    ]);
    expect(await store.telemetryIngestedAt(E1, MARCH_FROM, MARCH_TO)).toBeInstanceOf(Date);
    expect(await store.telemetryIngestedAt(E2, MARCH_FROM, MARCH_TO)).toBeNull();
    const stale = await store.staleByLateTelemetry(new Date('2026-01-01T00:00:00Z'), since);
    expect(stale).toEqual([{ enterpriseId: E1, ...MARCH }]);
    // Nothing ingested after now: nothing is late.
    expect(
      await store.staleByLateTelemetry(new Date('2026-01-01T00:00:00Z'), new Date(Date.now() + 60_000)),
    ).toEqual([]);
    // A recompute after the late reading makes it fresh again.
    await store.save(set(E1, new Date(Date.now() + 1000).toISOString(), 305), []);
    expect(await store.staleByLateTelemetry(new Date('2026-01-01T00:00:00Z'), since)).toEqual([]);
    expect(await store.storedKeys(E1, ['2026-03', '2026-Q1'])).toEqual([{ enterpriseId: E1, ...MARCH }]);
  });
});
