import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Principal } from '#grip/contracts';
import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import {
  createRegistryDataSource,
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  MethodologyRepository,
  type Enterprise,
} from '#grip/registry';
import {
  createClickHouse,
  EnergyQueries,
  EquipmentQueries,
  IndicatorValuesStore,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
} from '#grip/telemetry-store';
import { EnterpriseIndicatorsService } from '../../apps/query-api/src/indicators/enterprise-indicators.service.js';
import { IndicatorComputationService } from '../../apps/query-api/src/indicators/indicator-computation.service.js';
import { DEFAULT_INDICATOR_OPTIONS } from '../../apps/query-api/src/indicators/indicator-options.js';
import { serverEngine } from './support/registry-engines.js';
import './integration-timeouts.js';

// The recompute paths on real engines (PostgreSQL 15 + chDB): a corrected declaration
// recomputes the stored sets its month feeds, and late telemetry those of its period.
const OPERATOR: Principal = { role: 'operator', userId: '0a000000-0000-4000-8000-000000000001' };
const MONTH = '2025-06';
const QUARTER = '2025-Q2';
const PRODUCTIVITY = 'intelligence.labour_productivity';

const engine = serverEngine();
let ds: DataSource;
let ch: ClickHouse;
let dataPath: string;
let store: IndicatorValuesStore;
let declarations: DeclarationRepository;
let service: EnterpriseIndicatorsService;
let computation: IndicatorComputationService;
let enterprise: Enterprise;

const storedValue = async (period: string, indicator: string) => {
  const kind = period.includes('Q') ? 'quarter' : 'month';
  const read = await store.read(enterprise.id, { periodKind: kind, periodKey: period, basis: 'equivalent' });
  const value = read?.values.find((v) => v.indicatorId === indicator);
  return { set: read?.set, value: value?.value };
};

beforeAll(async () => {
  ds = createRegistryDataSource({ url: await engine.start(), poolSize: 4 });
  await ds.initialize();
  await ds.runMigrations();
  const methodologies = new MethodologyRepository(ds);
  await methodologies.publishIfAbsent({
    version: DEFAULT_METHODOLOGY.version,
    factors: DEFAULT_METHODOLOGY.factors,
  });
  const [{ id: providerId }] = (await ds.query(
    `INSERT INTO providers (name, credit_code) VALUES ('P', '91440000RECOMP000X') RETURNING id`,
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO enterprises (provider_id, name, credit_code, region_code, industry_code)
     VALUES ($1, 'E', 'RECOMPUTE000000001', '440106', 'C38')`,
    [providerId],
  );
  dataPath = await mkdtemp(join(tmpdir(), 'grip-indicator-recompute-'));
  ch = createClickHouse({ database: 'recompute', dataPath });
  await runClickHouseMigrations(ch);
  store = new IndicatorValuesStore(ch);
  const enterprises = new EnterpriseRepository(ds);
  declarations = new DeclarationRepository(ds);
  service = new EnterpriseIndicatorsService(
    enterprises,
    new DeviceRepository(ds),
    declarations,
    new EnergyQueries(ch),
    new EquipmentQueries(ch),
    methodologies,
    store,
  );
  computation = new IndicatorComputationService(enterprises, service, store, {
    ...DEFAULT_INDICATOR_OPTIONS,
    lateLookbackDays: 3650,
  });
  enterprise = (await enterprises.list(OPERATOR)).items[0]!;
});

afterAll(async () => {
  await ds?.destroy();
  await engine.dispose();
  await ch?.close();
  if (dataPath) await rm(dataPath, { recursive: true, force: true });
});

describe('indicator recompute', () => {
  it('stores the month when it is declared, and recomputes what a correction feeds', async () => {
    await declarations.declare(OPERATOR, enterprise.id, MONTH, { valueAdded: 1200, employees: 100 });
    expect(await computation.recomputeForDeclaration(enterprise.id, MONTH)).toBe(1);
    // 1,200 万元 × 10,000 × 12 ÷ 100
    expect((await storedValue(MONTH, PRODUCTIVITY)).value).toBeCloseTo(1_440_000, 6);
    // The quarter is stored once asked for (on demand).
    const quarter = await service.indicatorsOf(OPERATOR, enterprise.id, QUARTER, 'equivalent');
    expect(quarter.source).toBe('computed');
    const before = await storedValue(QUARTER, PRODUCTIVITY);
    expect(before.set?.declarationVersions).toEqual({ [MONTH]: 1 });

    await declarations.declare(OPERATOR, enterprise.id, MONTH, { valueAdded: 1500, employees: 100 });
    // Before the event is handled the stored month is stale for the endpoint …
    expect((await service.indicatorsOf(OPERATOR, enterprise.id, MONTH, 'equivalent')).source).toBe(
      'computed',
    );
    // … and the event recomputes the month and the quarter it feeds.
    expect(await computation.recomputeForDeclaration(enterprise.id, MONTH)).toBe(2);
    expect((await storedValue(MONTH, PRODUCTIVITY)).value).toBeCloseTo(1_800_000, 6);
    const after = await storedValue(QUARTER, PRODUCTIVITY);
    expect(after.set?.declarationVersions).toEqual({ [MONTH]: 2 });
    expect(after.set!.computedAt.getTime()).toBeGreaterThan(before.set!.computedAt.getTime());
    expect((await service.indicatorsOf(OPERATOR, enterprise.id, MONTH, 'equivalent')).source).toBe('stored');
  });

  it('recomputes the stored sets whose period received late telemetry', async () => {
    expect(await computation.checkLateTelemetry()).toBe(0);
    const computedBefore = (await storedValue(MONTH, PRODUCTIVITY)).set!.computedAt;
    await new TelemetryWriter(ch).insert([
      {
        enterpriseId: enterprise.id,
        deviceId: '0d000000-0000-4000-8000-000000000001',
        metric: 'electricity.active_energy',
        ts: Date.parse('2025-06-10T00:00:00Z'),
        value: 1,
      },
    ]);
    // The month and its quarter hold the reading; both are recomputed, then nothing is late.
    expect(await computation.checkLateTelemetry()).toBe(2);
    expect((await storedValue(MONTH, PRODUCTIVITY)).set!.computedAt.getTime()).toBeGreaterThan(
      computedBefore.getTime(),
    );
    expect(await computation.checkLateTelemetry()).toBe(0);
    expect((await service.indicatorsOf(OPERATOR, enterprise.id, MONTH, 'equivalent')).source).toBe('stored');
  });
});
