import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '#grip/contracts';
import {
  AgentCredentialRepository,
  ConflictError,
  createRegistryDataSource,
  DeviceRepository,
  EnterpriseRepository,
  ForbiddenError,
  InvalidReferenceError,
  InvalidValueError,
  NotFoundError,
  ProviderRepository,
  REGISTRY_MIGRATIONS,
  SettingsRepository,
  UserRepository,
  type Enterprise,
  type Provider,
} from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// The same cases run against embedded PGlite (through the child-process socket server) and a real
// PostgreSQL 15: the schema and the repositories must behave identically on both.

const HOOK_TIMEOUT_MS = 60_000;

let codeSeq = 0;
/** 18 characters shaped like a unified social credit code; the registry does not check the digit. */
const creditCode = (): string =>
  `91440101MA${String(++codeSeq).padStart(6, '0')}${randomBytes(1).toString('hex')}`;
const operator: Principal = { role: 'operator', userId: randomUUID() };
const asProvider = (p: Provider): Principal => ({ role: 'provider', userId: randomUUID(), providerId: p.id });
const asEnterprise = (e: Enterprise): Principal => ({
  role: 'enterprise',
  userId: randomUUID(),
  enterpriseId: e.id,
});
const asOfficial = (regionCode: string): Principal => ({
  role: 'official',
  userId: randomUUID(),
  regionCode,
});

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('registry', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let providers: ProviderRepository;
  let users: UserRepository;
  let enterprises: EnterpriseRepository;
  let devices: DeviceRepository;
  let agents: AgentCredentialRepository;
  let settings: SettingsRepository;
  const figures: string[] = [];

  async function connect(): Promise<void> {
    const url = await engine.start();
    ds = createRegistryDataSource({ url });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    providers = new ProviderRepository(ds);
    users = new UserRepository(ds);
    enterprises = new EnterpriseRepository(ds);
    devices = new DeviceRepository(ds);
    agents = new AgentCredentialRepository(ds);
    settings = new SettingsRepository(ds);
  }

  const timed = async (label: string, work: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    await work();
    figures.push(`${label} ${Date.now() - started} ms`);
  };

  beforeAll(() => timed('first start + migrations', connect), HOOK_TIMEOUT_MS);
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
    console.log(`${engine.name}: ${figures.join(', ')}`);
  }, HOOK_TIMEOUT_MS);

  const onboard = (p: Provider, regionCode: string, name = `E-${regionCode}`): Promise<Enterprise> =>
    enterprises.create(asProvider(p), {
      name,
      creditCode: creditCode(),
      regionCode,
      industryCode: 'C3911',
      sizeClass: 'medium',
    });

  /** Provider A onboards a Guangzhou (Tianhe) enterprise, provider B a Shenzhen (Nanshan) one. */
  async function world() {
    const a = await providers.create({ name: 'Provider A', creditCode: creditCode() });
    const b = await providers.create({ name: 'Provider B', creditCode: creditCode() });
    return { a, b, gz: await onboard(a, '440106'), sz: await onboard(b, '440305') };
  }

  describe(engine.name, () => {
    it('runs the migrations; a second run, and down then up again, leave each applied once', async () => {
      expect(await ds.runMigrations({ transaction: 'each' })).toEqual([]);
      await ds.undoLastMigration({ transaction: 'each' });
      expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
        REGISTRY_MIGRATIONS.at(-1)!.name,
      ]);
      expect(await ds.query('SELECT name FROM registry_migrations')).toHaveLength(REGISTRY_MIGRATIONS.length);
      // The entities must describe the migrated columns: TypeORM's own diff may only want to drop
      // what entities do not model (foreign keys, checks, pattern indexes), never change a column.
      const diff = await ds.driver.createSchemaBuilder().log();
      const columnChanges = diff.upQueries
        .map((q) => q.query)
        .filter(
          (sql) =>
            !/^(ALTER TABLE "\w+" DROP CONSTRAINT "(fk|ck)_\w+"|DROP INDEX "public"\."ix_\w+")$/.test(sql),
        );
      expect(columnChanges).toEqual([]);
    });

    it('creates a provider, an enterprise, a device and an agent credential', async () => {
      const { a, gz } = await world();
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.createdAt).toBeInstanceOf(Date);
      expect(gz).toMatchObject({
        providerId: a.id,
        regionCode: '440106',
        industryCode: 'C3911',
        sizeClass: 'medium',
      });
      const meter = await devices.create(asProvider(a), gz.id, {
        externalId: 'M-site-1',
        name: 'Incoming supply',
        kind: 'meter',
        metrics: ['electricity.active_energy', 'electricity.active_power'],
        attributes: { meterScope: 'site', energyCarrier: 'electricity', ratedPowerKw: 800 },
      });
      await devices.create(asProvider(a), gz.id, {
        externalId: 'M-sub-1',
        name: 'Workshop 1',
        kind: 'meter',
        metrics: ['electricity.active_energy'],
        attributes: { meterScope: 'sub' },
      });
      await devices.create(operator, gz.id, {
        externalId: 'CNC-01',
        name: 'Lathe',
        kind: 'machine',
        metrics: [],
      });
      expect((await devices.findForIngest(gz.id)).map((d) => d.externalId)).toEqual([
        'CNC-01',
        'M-site-1',
        'M-sub-1',
      ]);
      const site = await devices.findSiteEnergyMeters(gz.id);
      expect(site).toHaveLength(1);
      expect(site[0]).toMatchObject({ id: meter.id, metrics: meter.metrics, attributes: meter.attributes });
      const agentId = await agents.create(gz.id, 'scrypt$hash');
      expect(await agents.findActive(agentId)).toMatchObject({
        enterpriseId: gz.id,
        secretHash: 'scrypt$hash',
      });
      const user = await users.create({
        username: `ops-${codeSeq}`,
        passwordHash: 'h',
        role: 'provider',
        providerId: a.id,
      });
      expect(await users.findByUsername(user.username)).toMatchObject({
        id: user.id,
        role: 'provider',
        disabledAt: null,
      });
    });

    it('turns constraint violations into typed errors', async () => {
      const { a, gz } = await world();
      const dupProvider = providers.create({ name: 'Copy', creditCode: a.creditCode });
      await expect(dupProvider).rejects.toBeInstanceOf(ConflictError);
      await expect(dupProvider).rejects.toMatchObject({
        constraint: 'uq_providers_credit_code',
        field: 'creditCode',
      });
      const dupEnterprise = enterprises.create(asProvider(a), {
        name: 'Same code',
        creditCode: gz.creditCode,
        regionCode: '440106',
        industryCode: 'C39',
      });
      await expect(dupEnterprise).rejects.toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
      const device = { externalId: 'X', name: 'x', kind: 'sensor' as const, metrics: [] };
      await devices.create(asProvider(a), gz.id, device);
      await expect(devices.create(asProvider(a), gz.id, device)).rejects.toMatchObject({
        fields: ['enterpriseId', 'externalId'],
      });
      const orphan = { name: 'O', creditCode: creditCode(), regionCode: '440106', industryCode: 'C39' };
      await expect(enterprises.create(operator, { ...orphan, providerId: randomUUID() })).rejects.toEqual(
        new InvalidReferenceError('fk_enterprises_provider', 'providerId'),
      );
      await expect(
        enterprises.create(operator, { ...orphan, regionCode: '4401', providerId: a.id }),
      ).rejects.toBeInstanceOf(InvalidValueError);
      await expect(agents.create(randomUUID(), 'h')).rejects.toBeInstanceOf(InvalidReferenceError);
      // A provider user must be bound to a provider: the table refuses a half-bound principal.
      await expect(
        users.create({ username: `u-${codeSeq}`, passwordHash: 'h', role: 'provider' }),
      ).rejects.toMatchObject({
        constraint: 'ck_users_role_binding',
      });
    });

    it('narrows every read to the caller: provider, official region, enterprise', async () => {
      const { a, b, gz, sz } = await world();
      const ids = async (scope: Principal, filter = {}) =>
        (await enterprises.list(scope, { pageSize: 200, ...filter })).items.map((e) => e.id);

      expect(await enterprises.findById(asProvider(a), gz.id)).toMatchObject({ id: gz.id });
      expect(await enterprises.findById(asProvider(a), sz.id)).toBeUndefined();
      expect(await ids(asProvider(a))).toContain(gz.id);
      expect(await ids(asProvider(a))).not.toContain(sz.id);
      expect((await enterprises.list(asProvider(b))).items.every((e) => e.providerId === b.id)).toBe(true);

      const guangzhou = asOfficial('440100');
      expect(await enterprises.findById(guangzhou, gz.id)).toBeDefined();
      expect(await enterprises.findById(guangzhou, sz.id)).toBeUndefined();
      expect(await ids(guangzhou)).toContain(gz.id);
      expect(await ids(guangzhou)).not.toContain(sz.id);
      expect(await ids(asOfficial('440106'))).toContain(gz.id);
      expect(await ids(asOfficial('440000'))).toEqual(expect.arrayContaining([gz.id, sz.id]));
      expect(await ids(operator, { regionCode: '440300' })).toEqual(expect.arrayContaining([sz.id]));
      expect(await ids(operator, { regionCode: '440300' })).not.toContain(gz.id);
      expect(await ids(guangzhou, { industryCode: 'C39' })).toContain(gz.id);
      expect(await ids(guangzhou, { industryCode: 'C13' })).not.toContain(gz.id);

      const self = asEnterprise(gz);
      const own = await enterprises.list(self);
      expect([own.total, own.items[0]?.id]).toEqual([1, gz.id]);
      expect(await enterprises.findById(self, sz.id)).toBeUndefined();
      expect(await enterprises.findById(self, 'not-a-uuid')).toBeUndefined();

      expect(await providers.findById(asProvider(a), b.id)).toBeUndefined();
      expect(await providers.findById(self, a.id)).toMatchObject({ id: a.id });
      expect(await providers.findById(self, b.id)).toBeUndefined();
      expect(await providers.findById(guangzhou, a.id)).toBeDefined();
      expect(await providers.findById(guangzhou, b.id)).toBeUndefined();
      expect((await providers.list(asProvider(a))).items.map((p) => p.id)).toEqual([a.id]);

      expect(await devices.listByEnterprise(asProvider(b), gz.id)).toBeUndefined();
      expect(await devices.listByEnterprise(guangzhou, gz.id)).toMatchObject({ items: [], total: 0 });
      const device = { externalId: 'D', name: 'd', kind: 'line' as const, metrics: [] };
      await expect(devices.create(asProvider(b), gz.id, device)).rejects.toBeInstanceOf(NotFoundError);
      await expect(devices.create(guangzhou, gz.id, device)).rejects.toBeInstanceOf(ForbiddenError);
      const onboard = { name: 'N', creditCode: creditCode(), regionCode: '440106', industryCode: 'C39' };
      await expect(enterprises.create(guangzhou, onboard)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(enterprises.create(self, onboard)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        enterprises.create(asProvider(a), { ...onboard, providerId: b.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);

      const staffB = await users.create({
        username: `b-${codeSeq}`,
        passwordHash: 'h',
        role: 'provider',
        providerId: b.id,
      });
      expect(await users.findById(asProvider(a), staffB.id)).toBeUndefined();
      expect(await users.findById(asProvider(b), staffB.id)).toMatchObject({ id: staffB.id });
    });

    it('paginates with a total', async () => {
      const p = await providers.create({ name: 'Paged', creditCode: creditCode() });
      for (let i = 0; i < 5; i++) await onboard(p, '440106', `E${i}`);
      const { total, page, pageSize, items } = await enterprises.list(asProvider(p), {
        page: 2,
        pageSize: 2,
      });
      expect({ total, page, pageSize, names: items.map((e) => e.name) }).toEqual({
        total: 5,
        page: 2,
        pageSize: 2,
        names: ['E2', 'E3'],
      });
    });

    it('revokes a credential at once, only within scope, and keeps last-seen monotonic', async () => {
      const { a, b, gz } = await world();
      const agentId = await agents.create(gz.id, 'h');
      expect(await agents.revoke(asProvider(b), agentId)).toBeUndefined();
      expect(await agents.findActive(agentId)).toBeDefined();
      const at = new Date('2026-03-01T08:00:00Z');
      await agents.touchLastSeen(agentId, at);
      await agents.touchLastSeen(agentId, new Date('2026-03-01T07:00:00Z'));
      expect((await agents.findActive(agentId))?.lastSeenAt).toEqual(at);
      const revoked = await agents.revoke(asProvider(a), agentId);
      expect(revoked).toMatchObject({ agentId, enterpriseId: gz.id });
      expect(await agents.findActive(agentId)).toBeUndefined();
      expect((await agents.revoke(asEnterprise(gz), agentId))?.revokedAt).toEqual(revoked?.revokedAt);
    });

    it('stores settings as JSON and sets a key only once when asked', async () => {
      expect(await settings.get('demo.seed')).toBeUndefined();
      expect(await settings.setIfAbsent('demo.seed', { version: 1 })).toBe(true);
      expect(await settings.setIfAbsent('demo.seed', { version: 2 })).toBe(false);
      expect(await settings.get('demo.seed')).toEqual({ version: 1 });
      await settings.set('list', ['a', 'b']);
      await settings.set('list', ['c']);
      expect(await settings.get('list')).toEqual(['c']);
      await settings.set('text', "it's");
      expect(await settings.get('text')).toBe("it's");
    });

    it('answers concurrent queries over the whole pool correctly', async () => {
      const { a, gz } = await world();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 ? enterprises.findById(asProvider(a), gz.id) : providers.findById(operator, a.id),
        ),
      );
      expect(results.every((r, i) => r?.id === (i % 2 ? gz.id : a.id))).toBe(true);
    });

    if (engine.halt) {
      const halt = engine.halt.bind(engine);
      it(
        'keeps committed data across a clean restart and across SIGKILL',
        async () => {
          const p = await providers.create({ name: 'Durable', creditCode: creditCode() });
          await ds.destroy();
          await halt('stop');
          await timed('restart', connect);
          expect(await providers.findById(operator, p.id)).toMatchObject({ name: 'Durable' });

          const q = await providers.create({ name: 'Before crash', creditCode: creditCode() });
          await halt('kill');
          await ds.destroy().catch(() => undefined);
          await timed('restart after SIGKILL', connect);
          expect(await providers.findById(operator, q.id)).toMatchObject({ name: 'Before crash' });
          expect(await ds.query('SELECT name FROM registry_migrations')).toHaveLength(
            REGISTRY_MIGRATIONS.length,
          );
        },
        HOOK_TIMEOUT_MS,
      );
    }
  });
});
