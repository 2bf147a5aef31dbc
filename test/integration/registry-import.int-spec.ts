import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '#grip/contracts';
import {
  ConflictError,
  createRegistryDataSource,
  EnterpriseImportRepository,
  EnterpriseRepository,
  ProviderRepository,
  type ImportedDevice,
  type ImportedEnterprise,
  type Provider,
} from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// The bulk-import writes (jsonb_to_recordset upserts, adoption of external ids, the provider
// lock) on both registry engines. PGlite hangs if anything inside the transaction bypasses its
// EntityManager, so these tests also guard that.

const HOOK_TIMEOUT_MS = 60_000;
let seq = 0;
const creditCode = () =>
  `91440101MA${String(++seq).padStart(6, '0')}${String(Date.now() % 100).padStart(2, '0')}`;
const operator: Principal = { role: 'operator', userId: randomUUID() };

const enterpriseRow = (over: Partial<ImportedEnterprise> = {}): ImportedEnterprise => ({
  id: randomUUID(),
  externalId: `E-${++seq}`,
  name: '导入甲',
  creditCode: creditCode(),
  regionCode: '440106',
  industryCode: 'C3851',
  sizeClass: null,
  updatedAt: null,
  ...over,
});
const deviceRow = (enterpriseId: string, over: Partial<ImportedDevice> = {}): ImportedDevice => ({
  id: randomUUID(),
  enterpriseId,
  externalId: `d-${++seq}`,
  name: '表',
  kind: 'meter',
  metrics: ['electricity.active_energy', 'electricity.active_power'],
  attributes: { meterScope: 'site', ratedPowerKw: 800 },
  updatedAt: null,
  ...over,
});

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('registry bulk import', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let imports: EnterpriseImportRepository;
  let enterprises: EnterpriseRepository;
  let providerA: Provider;
  let providerB: Provider;

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    imports = new EnterpriseImportRepository(ds);
    enterprises = new EnterpriseRepository(ds);
    const providers = new ProviderRepository(ds);
    providerA = await providers.create({ name: 'A', creditCode: creditCode() });
    providerB = await providers.create({ name: 'B', creditCode: creditCode() });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  it(`${engine.name}: inserts, then updates only the mutable columns, keyed by (provider, external id)`, async () => {
    const e = enterpriseRow({ sizeClass: 'small' });
    const devices = Array.from({ length: 2500 }, () => deviceRow(e.id));
    await imports.transaction(async (tx) => {
      expect(await tx.provider(providerA.id, true)).toBe(true);
      await tx.upsertEnterprises(providerA.id, [e]);
      await tx.upsertDevices(devices);
    });
    const stored = await enterprises.findById(operator, e.id);
    expect(stored).toMatchObject({
      externalId: e.externalId,
      providerId: providerA.id,
      sizeClass: 'small',
      updatedAt: null,
    });
    const count = await ds.query('SELECT count(*)::int AS n FROM devices WHERE enterprise_id = $1', [e.id]);
    expect(count[0].n).toBe(2500);
    const [first] = await ds.query('SELECT metrics, attributes FROM devices WHERE id = $1', [devices[0]!.id]);
    expect(first).toEqual({ metrics: devices[0]!.metrics, attributes: devices[0]!.attributes });

    // Same keys, new values (and a different id, which must not replace the stored one).
    const at = new Date('2026-01-02T03:04:05Z');
    await imports.transaction(async (tx) => {
      await tx.upsertEnterprises(providerA.id, [
        { ...e, id: randomUUID(), name: '导入甲（更名）', sizeClass: null, updatedAt: at },
      ]);
      await tx.upsertDevices([
        {
          ...devices[0]!,
          id: randomUUID(),
          name: '新表名',
          metrics: ['electricity.active_energy'],
          updatedAt: at,
        },
      ]);
    });
    expect(await enterprises.findById(operator, e.id)).toMatchObject({
      name: '导入甲（更名）',
      sizeClass: null,
      creditCode: e.creditCode,
      providerId: providerA.id,
      updatedAt: at,
    });
    const [changed] = await ds.query('SELECT id, name, metrics FROM devices WHERE id = $1', [devices[0]!.id]);
    expect(changed).toEqual({ id: devices[0]!.id, name: '新表名', metrics: ['electricity.active_energy'] });
  });

  it(`${engine.name}: reads what an import needs, across providers only for credit codes`, async () => {
    const mine = enterpriseRow();
    const theirs = enterpriseRow();
    await imports.transaction(async (tx) => {
      await tx.upsertEnterprises(providerA.id, [mine]);
      await tx.upsertEnterprises(providerB.id, [theirs]);
      await tx.upsertDevices([deviceRow(mine.id), deviceRow(theirs.id)]);
    });
    const existing = await imports.transaction((tx) =>
      tx.existing(providerA.id, [mine.externalId, theirs.externalId], [mine.creditCode, theirs.creditCode]),
    );
    expect(existing.enterprises.map((e) => e.id)).toEqual([mine.id]);
    expect(existing.creditCodeHolders.map((h) => [h.id, h.providerId]).sort()).toEqual(
      [
        [mine.id, providerA.id],
        [theirs.id, providerB.id],
      ].sort(),
    );
    // Only the provider's own devices come back.
    expect(existing.devices.map((d) => d.enterpriseId)).toEqual([mine.id]);
  });

  it(`${engine.name}: adopts an enterprise onboarded without an external id, only the provider's own`, async () => {
    const single = await enterprises.create(
      { role: 'provider', userId: randomUUID(), providerId: providerA.id },
      { name: '单个录入', creditCode: creditCode(), regionCode: '440106', industryCode: 'C3851' },
    );
    expect(single.externalId).toBeNull();
    await imports.transaction(async (tx) => {
      await tx.adoptExternalIds(providerB.id, [{ id: single.id, externalId: 'STOLEN' }], new Date());
      await tx.adoptExternalIds(providerA.id, [{ id: single.id, externalId: 'CRM-1' }], new Date());
    });
    expect((await enterprises.findById(operator, single.id))?.externalId).toBe('CRM-1');
  });

  it(`${engine.name}: a credit code taken by another provider fails the upsert and rolls everything back`, async () => {
    const theirs = enterpriseRow();
    await imports.transaction((tx) => tx.upsertEnterprises(providerB.id, [theirs]));
    const fresh = enterpriseRow();
    const clash = enterpriseRow({ creditCode: theirs.creditCode });
    await expect(
      imports.transaction(async (tx) => {
        await tx.upsertEnterprises(providerA.id, [fresh, clash]);
        await tx.audit({
          actorUserId: null,
          actorRole: 'system',
          action: 'enterprise.import',
          targetType: 'provider',
          targetId: providerA.id,
          sourceIp: null,
          requestId: null,
          before: null,
          after: { rows: 2 },
        });
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await enterprises.findById(operator, fresh.id)).toBeUndefined();
    expect(await enterprises.findById(operator, theirs.id)).toMatchObject({
      providerId: providerB.id,
      name: theirs.name,
    });
  });

  it(`${engine.name}: two enterprises of one provider cannot share an external id; other providers may`, async () => {
    const first = enterpriseRow({ externalId: 'SHARED-1' });
    await imports.transaction((tx) => tx.upsertEnterprises(providerB.id, [first]));
    await expect(
      enterprises.create(
        { role: 'provider', userId: randomUUID(), providerId: providerB.id },
        {
          name: 'x',
          creditCode: creditCode(),
          regionCode: '440106',
          industryCode: 'C3851',
          externalId: 'SHARED-1',
        },
      ),
    ).rejects.toMatchObject({ fields: ['externalId'] });
    await expect(
      enterprises.create(
        { role: 'provider', userId: randomUUID(), providerId: providerA.id },
        {
          name: 'x',
          creditCode: creditCode(),
          regionCode: '440106',
          industryCode: 'C3851',
          externalId: 'SHARED-1',
        },
      ),
    ).resolves.toMatchObject({ externalId: 'SHARED-1' });
  });
});
