import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '#grip/audit';
import type { Actor } from '#grip/auth';
import { InProcessBus } from '#grip/bus';
import type { Principal } from '#grip/contracts';
import {
  AuditLogRepository,
  createRegistryDataSource,
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  ForbiddenError,
  NotFoundError,
  PlanRepository,
  ProviderRepository,
  RegistryTransactions,
  RetrofitRepository,
  ValidationError,
  type Enterprise,
  type Provider,
  type RetrofitProject,
} from '#grip/registry';
import { DeclarationsController } from '../../apps/admin-api/src/declarations.controller.js';
import type { DeclarationDto } from '../../apps/admin-api/src/dto/declaration.dto.js';
import type { CreateRetrofitDto } from '../../apps/admin-api/src/dto/retrofit.dto.js';
import type { ImportLimits } from '../../apps/admin-api/src/imports/import-limits.js';
import { RetrofitImportService } from '../../apps/admin-api/src/imports/retrofit-import.service.js';
import { PlanController } from '../../apps/admin-api/src/plan.controller.js';
import { RetrofitService } from '../../apps/admin-api/src/retrofit.service.js';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// Retrofit projects and plan targets over the real registry, on both engines: who sees which
// project (exactly where its enterprise is seen), what an invisible id answers (the same as an
// unknown one), how statuses move, which audit rows each write leaves, and the plan's checks.

const HOOK_TIMEOUT_MS = 60_000;
let codeSeq = 0;
const creditCode = (): string =>
  `91440101MA${String(++codeSeq).padStart(6, '0')}${randomBytes(1).toString('hex')}`;
const as = (principal: Principal): Actor => ({ principal, requestId: `r-${randomUUID()}` });
const operator: Principal = { role: 'operator', userId: randomUUID() };
const asProvider = (p: Provider): Principal => ({ role: 'provider', userId: randomUUID(), providerId: p.id });
const asOfficial = (regionCode: string): Principal => ({
  role: 'official',
  userId: randomUUID(),
  regionCode,
});
const asEnterprise = (e: Enterprise): Principal => ({
  role: 'enterprise',
  userId: randomUUID(),
  enterpriseId: e.id,
});

const project = (overrides: Partial<CreateRetrofitDto> = {}): CreateRetrofitDto =>
  ({
    name: '空压站节能改造',
    kind: 'energy_saving',
    investment: 320.5,
    startDate: '2025-03-15',
    ...overrides,
  }) as CreateRetrofitDto;

/** The error a promise rejects with, for checking its class and fields together. */
async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('retrofits and plan', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let retrofits: RetrofitRepository;
  let service: RetrofitService;
  let plans: PlanRepository;
  let plan: PlanController;
  let declarations: DeclarationsController;
  let bus: InProcessBus;
  let imports: RetrofitImportService;
  let a: Provider;
  let b: Provider;
  let gz: Enterprise; // provider A, Guangzhou Tianhe 440106
  let sz: Enterprise; // provider B, Shenzhen Nanshan 440305
  let gzProject: RetrofitProject;
  let szProject: RetrofitProject;

  const audits = async (action: string, targetId: string) =>
    (await ds.query(
      'SELECT actor_role, before, after FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY at, id',
      [action, targetId],
    )) as {
      actor_role: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const audit = new AuditTrail(new AuditLogRepository(ds), new RegistryTransactions(ds));
    const enterprises = new EnterpriseRepository(ds);
    retrofits = new RetrofitRepository(ds);
    plans = new PlanRepository(ds);
    service = new RetrofitService(enterprises, retrofits, audit);
    plan = new PlanController(plans, audit);
    bus = new InProcessBus(1000);
    declarations = new DeclarationsController(new DeclarationRepository(ds), audit, bus);

    const providers = new ProviderRepository(ds);
    const limits: ImportLimits = { maxRows: 100, maxBytes: 1_000_000, timeoutMs: 60_000 };
    imports = new RetrofitImportService(providers, retrofits, audit, limits);
    a = await providers.create({ name: 'Provider A', creditCode: creditCode() });
    b = await providers.create({ name: 'Provider B', creditCode: creditCode() });
    const onboard = (p: Provider, regionCode: string) =>
      enterprises.create(asProvider(p), {
        name: `E-${regionCode}`,
        externalId: `CRM-${regionCode}`,
        creditCode: creditCode(),
        regionCode,
        industryCode: 'C3911',
      });
    gz = await onboard(a, '440106');
    sz = await onboard(b, '440305');
    const devices = new DeviceRepository(ds);
    for (const externalId of ['meter-compressors', 'meter-site']) {
      await devices.create(asProvider(a), gz.id, {
        externalId,
        name: externalId,
        kind: 'meter',
        metrics: ['electricity.active_energy'],
      });
    }
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await bus?.close();
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  describe(engine.name, () => {
    it('registers a project with its defaults, as numbers and dates the API returns unchanged, audited once', async () => {
      gzProject = await service.register(
        as(asProvider(a)),
        gz.id,
        project({ meters: ['meter-compressors'] }),
      );
      expect(gzProject).toMatchObject({
        enterpriseId: gz.id,
        kind: 'energy_saving',
        investment: 320.5,
        startDate: '2025-03-15',
        completionDate: null,
        baselineFrom: '2024-03',
        baselineTo: '2025-02',
        reportingFrom: null,
        reportingTo: null,
        meters: ['meter-compressors'],
        targets: [],
        status: 'planned',
        updatedAt: null,
      });
      const entries = await audits('retrofit.create', gzProject.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor_role: 'provider', before: null, after: { id: gzProject.id } });

      szProject = await service.register(
        as(asProvider(b)),
        sz.id,
        project({
          name: 'SMT 线智能化',
          kind: 'smart_digital',
          investment: 1200,
          startDate: '2025-06-01',
          completionDate: '2025-11-30',
          targets: [
            { indicator: 'intelligence.oee', changePercent: 8 },
            { indicator: 'energy.intensity.unit_product', changePercent: -12.5 },
          ],
          status: 'completed',
        }),
      );
      expect(szProject).toMatchObject({
        baselineFrom: '2024-06',
        baselineTo: '2025-05',
        reportingFrom: '2025-12',
        reportingTo: '2026-11',
        status: 'completed',
        targets: [
          { indicator: 'intelligence.oee', changePercent: 8 },
          { indicator: 'energy.intensity.unit_product', changePercent: -12.5 },
        ],
      });
      // What a read returns is what was stored, field for field.
      expect(await retrofits.get(operator, szProject.id)).toEqual(szProject);
    });

    it('refuses writes outside the caller’s scope like an unknown enterprise, and every write of an official', async () => {
      const foreign = await failure(service.register(as(asProvider(a)), sz.id, project()));
      const unknown = await failure(service.register(as(asProvider(a)), randomUUID(), project()));
      expect(foreign).toBeInstanceOf(NotFoundError);
      expect(foreign).toEqual(unknown);
      expect(await failure(service.register(as(asOfficial('440000')), gz.id, project()))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await failure(service.register(as(asEnterprise(gz)), gz.id, project()))).toBeInstanceOf(
        ForbiddenError,
      );
      const count = (await ds.query('SELECT count(*)::int AS n FROM retrofit_projects')) as { n: number }[];
      expect(count[0]!.n).toBe(2);
    });

    it('names meters that are not devices of the enterprise, and dates out of order', async () => {
      const error = await failure(
        service.register(
          as(asProvider(a)),
          gz.id,
          project({ meters: ['meter-site', 'meter-of-someone-else'] }),
        ),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        expect.objectContaining({ field: 'meters[1]', code: 'UNKNOWN_DEVICE' }),
      ]);
      const dates = await failure(
        service.register(
          as(operator),
          gz.id,
          project({ completionDate: '2025-03-14', baselineFrom: '2024-05', baselineTo: '2024-04' }),
        ),
      );
      expect((dates as ValidationError).details.map((d) => d.field)).toEqual([
        'completionDate',
        'baselineTo',
      ]);
    });

    it('lists and reads exactly what the caller’s enterprises are: provider own, official own region, operator all', async () => {
      const ids = async (scope: Principal, request = {}) =>
        (await retrofits.list(scope, request)).items.map((p) => p.id).sort();
      const both = [gzProject.id, szProject.id].sort();
      expect(await ids(operator)).toEqual(both);
      expect(await ids(asProvider(a))).toEqual([gzProject.id]);
      expect(await ids(asProvider(b))).toEqual([szProject.id]);
      expect(await ids(asEnterprise(gz))).toEqual([gzProject.id]);
      expect(await ids(asOfficial('440000'))).toEqual(both);
      expect(await ids(asOfficial('440100'))).toEqual([gzProject.id]);
      expect(await ids(asOfficial('440106'))).toEqual([gzProject.id]);
      expect(await ids(asOfficial('440300'))).toEqual([szProject.id]);
      expect(await ids(asOfficial('440104'))).toEqual([]);
      // Filters narrow inside the scope; they never widen it.
      expect(await ids(asProvider(a), { regionCode: '440300' })).toEqual([]);
      expect(await ids(asProvider(a), { enterpriseId: sz.id })).toEqual([]);
      expect(await ids(operator, { regionCode: '440300' })).toEqual([szProject.id]);
      expect(await ids(operator, { status: 'completed' })).toEqual([szProject.id]);
      expect(await ids(operator, { enterpriseId: gz.id })).toEqual([gzProject.id]);
      const page = await retrofits.list(operator, { page: 2, pageSize: 1, sort: 'startDate' });
      expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page.items.map((p) => p.id)).toEqual([szProject.id]);

      // An invisible project answers exactly like an unknown one.
      const unknown = await failure(retrofits.get(asProvider(a), randomUUID()));
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(await failure(retrofits.get(asProvider(a), szProject.id))).toEqual(unknown);
      expect(await failure(retrofits.get(asOfficial('440100'), szProject.id))).toEqual(unknown);
      expect(await failure(retrofits.get(asEnterprise(gz), szProject.id))).toEqual(unknown);
      expect(await failure(retrofits.get(operator, 'not-a-uuid'))).toEqual(unknown);
      expect((await retrofits.get(asOfficial('440300'), szProject.id)).id).toBe(szProject.id);

      // The enterprise's own list: 404 for an enterprise the caller cannot see.
      expect(
        await failure(service.listOfEnterprise(asProvider(a), sz.id, { page: 1, pageSize: 50 })),
      ).toMatchObject({
        status: 404,
      });
      const own = await service.listOfEnterprise(asOfficial('440100'), gz.id, { page: 1, pageSize: 50 });
      expect(own.items.map((p) => p.id)).toEqual([gzProject.id]);
    });

    it('moves statuses forward only, audits each change with before and after, and keeps nothing of a refused one', async () => {
      const provider = as(asProvider(a));
      const started = await service.update(provider, gzProject.id, { status: 'in_progress' });
      expect(started).toMatchObject({ status: 'in_progress', baselineFrom: '2024-03' });
      expect(started.updatedAt).toBeInstanceOf(Date);

      // Completed needs the completion date; with it the reporting months follow.
      const noDate = await failure(service.update(provider, gzProject.id, { status: 'completed' }));
      expect((noDate as ValidationError).details).toEqual([
        expect.objectContaining({ field: 'completionDate', code: 'REQUIRED' }),
      ]);
      const completed = await service.update(provider, gzProject.id, {
        status: 'completed',
        completionDate: '2025-09-30',
      });
      expect(completed).toMatchObject({
        status: 'completed',
        reportingFrom: '2025-10',
        reportingTo: '2026-09',
      });

      const back = await failure(service.update(provider, gzProject.id, { status: 'in_progress' }));
      expect(back).toBeInstanceOf(ValidationError);
      expect((back as ValidationError).details[0]).toMatchObject({
        field: 'status',
        code: 'INVALID_TRANSITION',
      });

      const entries = await audits('retrofit.update', gzProject.id);
      expect(entries.map((e) => [e.before?.status, e.after?.status])).toEqual([
        ['planned', 'in_progress'],
        ['in_progress', 'completed'],
      ]);

      // Others cannot change it; an official never writes.
      const unknown = await failure(service.update(as(asProvider(b)), randomUUID(), { name: 'x' }));
      expect(await failure(service.update(as(asProvider(b)), gzProject.id, { name: 'x' }))).toEqual(unknown);
      expect(
        await failure(service.update(as(asOfficial('440000')), gzProject.id, { name: 'x' })),
      ).toBeInstanceOf(ForbiddenError);
      expect(await failure(service.update(provider, gzProject.id, { name: null } as never))).toMatchObject({
        status: 400,
      });
      expect((await retrofits.get(operator, gzProject.id)).name).toBe('空压站节能改造');
      expect(await audits('retrofit.update', gzProject.id)).toHaveLength(2);

      // The operator may correct a status backwards.
      const corrected = await service.update(as(operator), gzProject.id, { status: 'in_progress' });
      expect(corrected.status).toBe('in_progress');
      expect((await audits('retrofit.update', gzProject.id)).at(-1)).toMatchObject({
        actor_role: 'operator',
      });
    });

    it('marks a completed project assessed, and nothing else', async () => {
      expect(await retrofits.markAssessed(gzProject.id)).toBe(false);
      expect((await retrofits.get(operator, gzProject.id)).status).toBe('in_progress');
      expect(await retrofits.markAssessed(szProject.id)).toBe(true);
      expect(await retrofits.markAssessed(szProject.id)).toBe(true);
      expect((await retrofits.get(operator, szProject.id)).status).toBe('assessed');
      expect(await retrofits.markAssessed(randomUUID())).toBe(false);
    });

    it('counts enterprises starting retrofits by region and year', async () => {
      await service.register(as(asProvider(a)), gz.id, project({ name: 'second', startDate: '2025-12-31' }));
      await service.register(
        as(asProvider(a)),
        gz.id,
        project({ name: 'next year', startDate: '2026-01-01' }),
      );
      expect(await retrofits.startsByRegion(2025, '440000')).toEqual([
        { regionCode: '440106', enterprises: 1, projects: 2 },
        { regionCode: '440305', enterprises: 1, projects: 1 },
      ]);
      expect(await retrofits.startsByRegion(2025, '440300')).toEqual([
        { regionCode: '440305', enterprises: 1, projects: 1 },
      ]);
      expect(await retrofits.startsByRegion(2026, '440000')).toEqual([
        { regionCode: '440106', enterprises: 1, projects: 1 },
      ]);
    });

    it('stores declared violation flags with the declaration and returns them', async () => {
      const body = { outputValue: 100, violations: { safety: true, environmental: false } } as DeclarationDto;
      await declarations.declare(as(asProvider(a)), gz.id, '2025-04', body);
      const { current } = await declarations.history(asOfficial('440100'), gz.id, '2025-04');
      expect(current!.data).toEqual({ outputValue: 100, violations: { safety: true, environmental: false } });
    });

    it('sets plan targets and shares (operators only, audited) and shows officials their region and province line', async () => {
      const op = as(operator);
      await plan.setTargets(op, 2025, '440000', { retrofitsStarted: 8500, enterprisesOnCloud: 10000 });
      await plan.setTargets(op, 2025, '440100', { retrofitsStarted: 2000 });
      await plan.setTargets(op, 2025, '440300', { retrofitsStarted: 1800, greenFactories: 12 });
      // A metric left out keeps its value; a named one is replaced.
      const changed = await plan.setTargets(op, 2025, '440000', { retrofitsStarted: 8200 });
      expect(changed.targets.map((t) => [t.metric, t.target])).toEqual([
        ['enterprises_on_cloud', 10000],
        ['retrofits_started', 8200],
      ]);
      const entries = await audits('plan.targets_set', '2025/440000');
      expect(entries).toHaveLength(2);
      expect(entries[1]!.before).toMatchObject({
        targets: [
          { metric: 'enterprises_on_cloud', target: 10000 },
          { metric: 'retrofits_started', target: 8500 },
        ],
      });

      const rows = async (scope: Principal) =>
        (await plans.listTargetsFor(scope, 2025)).map((t) => `${t.regionCode}:${t.metric}=${t.target}`);
      expect(await rows(asOfficial('440100'))).toEqual([
        '440000:enterprises_on_cloud=10000',
        '440000:retrofits_started=8200',
        '440100:retrofits_started=2000',
      ]);
      expect(await rows(asOfficial('440000'))).toHaveLength(5);
      expect(await rows(asOfficial('440106'))).toEqual([
        '440000:enterprises_on_cloud=10000',
        '440000:retrofits_started=8200',
        '440100:retrofits_started=2000',
      ]);
      expect(await rows(asOfficial('440305'))).toEqual([
        '440000:enterprises_on_cloud=10000',
        '440000:retrofits_started=8200',
        '440300:green_factories=12',
        '440300:retrofits_started=1800',
      ]);
      expect(await rows(operator)).toHaveLength(5);
      expect(await plans.listTargets(2025, '4403')).toHaveLength(2);
      expect(await plans.listTargets(2024, '')).toEqual([]);
      expect(await failure(plans.listTargetsFor(asProvider(a), 2025))).toBeInstanceOf(ForbiddenError);
      expect(
        await failure(plan.setTargets(as(asOfficial('440000')), 2025, '440000', { retrofitsStarted: 1 })),
      ).toBeInstanceOf(ForbiddenError);
      const bad = await failure(plan.setTargets(op, 2025, '449999', { retrofitsStarted: -1 }));
      expect((bad as ValidationError).details.map((d) => d.field)).toEqual([
        'regionCode',
        'retrofits_started',
      ]);

      // Shares: cities of the province, adding up to at most 1 (0.1 + 0.2 + 0.7 is 1 in floating point's slack).
      await plan.setShares(op, '440000', { shares: { '440100': 0.1, '440300': 0.2, '440600': 0.7 } });
      await plan.setShares(op, '440000', { shares: { '440100': 0.3, '440300': 0.25 } });
      expect((await plans.listShares('440000')).map((s) => [s.cityCode, s.share])).toEqual([
        ['440100', 0.3],
        ['440300', 0.25],
      ]);
      const over = await failure(
        plan.setShares(op, '440000', { shares: { '440100': 0.7, '440300': 0.300001 } }),
      );
      expect((over as ValidationError).details).toEqual([
        expect.objectContaining({ code: 'SHARES_ABOVE_ONE' }),
      ]);
      const outside = await failure(
        plan.setShares(op, '440000', { shares: { '450100': 0.1, '440106': 0.1 } }),
      );
      // Object keys that look like integers come in numeric order.
      expect((outside as ValidationError).details.map((d) => [d.field, d.code])).toEqual([
        ['shares.440106', 'NOT_A_CITY'],
        ['shares.450100', 'NOT_A_CITY'],
      ]);
      expect(await failure(plan.setShares(op, '440100', { shares: {} }))).toBeInstanceOf(ValidationError);
      expect(await failure(plan.setShares(as(asProvider(a)), '440000', { shares: {} }))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await audits('plan.shares_set', '440000')).toHaveLength(2);
      expect((await plan.targets(asOfficial('440300'), { year: 2025 })).shares).toHaveLength(2);
    });
    it('imports projects in bulk: dry run writes nothing, every bad row is named, apply is one audited unit, a re-sent file adds nothing', async () => {
      const count = async () =>
        ((await ds.query('SELECT count(*)::int AS n FROM retrofit_projects')) as { n: number }[])[0]!.n;
      const before = await count();
      const csv = [
        'enterpriseExternalId,name,kind,investment,startDate,completionDate,meters,targets,status',
        'CRM-440106,余热回收,energy_saving,88,2025-04-01,2025-10-31,meter-site,energy.intensity.unit_product=-8,completed',
        'CRM-440106,MES 上线,smart_digital,150,2025-05-01,,,intelligence.oee=6,',
      ].join('\n');
      const run = (
        body: string,
        dryRun: boolean,
        format: 'csv' | 'json' = 'csv',
        principal = asProvider(a),
      ) => imports.import(as(principal), { dryRun, format, body: Buffer.from(body) });

      expect(await run(csv, true)).toMatchObject({ dryRun: true, rows: 2, retrofits: { created: 2 } });
      expect(await count()).toBe(before);

      // Another provider's enterprise is unknown here; unknown meters, bad values and repeats are named.
      const bad = [
        'enterpriseExternalId,name,kind,investment,startDate,meters',
        'CRM-440305,foreign,energy_saving,1,2025-01-01,',
        'CRM-440106,bad,paint,-1,2025-02-30,meter-nowhere',
        'CRM-440106,空压站节能改造,energy_saving,1,2025-03-15,',
        'CRM-440106,twice,energy_saving,1,2025-01-01,',
        'CRM-440106,twice,energy_saving,1,2025-01-01,',
      ].join('\n');
      const refused = await failure(run(bad, false));
      expect(refused).toMatchObject({ status: 400 });
      const details = (refused as { details: { row: number; field: string; code: string }[] }).details;
      expect(details.map((d) => [d.row, d.field, d.code])).toEqual([
        [2, 'enterpriseExternalId', 'UNKNOWN_ENTERPRISE'],
        [3, 'investment', 'INVALID_AMOUNT'],
        [3, 'kind', 'INVALID_KIND'],
        [3, 'meters', 'UNKNOWN_DEVICE'],
        [3, 'startDate', 'INVALID_DATE'],
        [4, 'name', 'ALREADY_REGISTERED'],
        [6, 'name', 'DUPLICATE_IN_FILE'],
      ]);
      expect(await count()).toBe(before);
      expect(await failure(run(csv, false, 'csv', asOfficial('440000')))).toMatchObject({ status: 403 });

      const applied = await run(csv, false);
      expect(applied).toMatchObject({ dryRun: false, rows: 2, retrofits: { created: 2 } });
      expect(await count()).toBe(before + 2);
      const imported = (
        await retrofits.list(asProvider(a), { enterpriseId: gz.id, sort: 'name' })
      ).items.find((p) => p.name === '余热回收');
      expect(imported).toMatchObject({
        investment: 88,
        baselineFrom: '2024-04',
        baselineTo: '2025-03',
        reportingFrom: '2025-11',
        reportingTo: '2026-10',
        meters: ['meter-site'],
        targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -8 }],
        status: 'completed',
      });
      const entries = await audits('retrofit.import', a.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.after).toMatchObject({ rows: 2, retrofits: { created: 2 }, dryRun: false });

      expect(await failure(run(csv, false))).toMatchObject({ status: 400 });
      const json = JSON.stringify({
        retrofits: [
          {
            enterpriseExternalId: 'CRM-440106',
            name: 'JSON 项目',
            kind: 'clean_production',
            investment: 5,
            startDate: '2025-07-01',
          },
        ],
      });
      expect(await run(json, false, 'json')).toMatchObject({ format: 'json', retrofits: { created: 1 } });
      expect(await count()).toBe(before + 3);
      // An operator imports for a provider it names, and only that provider's enterprises match.
      expect(
        await failure(
          imports.import(as(operator), { dryRun: true, format: 'json', body: Buffer.from(json) }),
        ),
      ).toMatchObject({ status: 400 });
      const forB = await failure(
        imports.import(as(operator), {
          dryRun: true,
          providerId: b.id,
          format: 'json',
          body: Buffer.from(json),
        }),
      );
      expect((forB as { details: { code: string }[] }).details.map((d) => d.code)).toEqual([
        'UNKNOWN_ENTERPRISE',
      ]);
    });
    it('keeps no project, change or plan figure whose audit entry the store refused', async () => {
      await ds.query('CREATE TABLE IF NOT EXISTS test_refused_audit_actions (action text PRIMARY KEY)');
      await ds.query(`
        CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_refused_audit_actions WHERE action = NEW.action) THEN
            RAISE EXCEPTION 'test: the audit store refuses %', NEW.action;
          END IF;
          RETURN NEW;
        END $$`);
      await ds.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log
                      FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
      await ds.query(`INSERT INTO test_refused_audit_actions (action)
                      VALUES ('retrofit.create'), ('retrofit.update'), ('plan.targets_set'), ('plan.shares_set')`);
      try {
        const refused = /test: the audit store refuses/;
        const count = async (sql: string) =>
          ((await ds.query(`SELECT count(*)::int AS n FROM ${sql}`)) as { n: number }[])[0]!.n;
        const projects = await count('retrofit_projects');
        await expect(
          service.register(as(asProvider(a)), gz.id, project({ name: 'refused' })),
        ).rejects.toThrow(refused);
        expect(await count('retrofit_projects')).toBe(projects);
        await expect(service.update(as(asProvider(a)), gzProject.id, { name: 'refused' })).rejects.toThrow(
          refused,
        );
        expect((await retrofits.get(operator, gzProject.id)).name).toBe('空压站节能改造');
        await expect(plan.setTargets(as(operator), 2030, '440000', { greenFactories: 7 })).rejects.toThrow(
          refused,
        );
        expect(await plans.listTargets(2030, '')).toEqual([]);
        const shares = await plans.listShares('440000');
        await expect(plan.setShares(as(operator), '440000', { shares: {} })).rejects.toThrow(refused);
        expect(await plans.listShares('440000')).toEqual(shares);
      } finally {
        await ds.query('DROP TRIGGER test_refuse_audit ON audit_log');
        await ds.query('DROP TABLE test_refused_audit_actions');
      }
    });
  });
});
