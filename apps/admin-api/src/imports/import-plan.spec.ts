import type { Enterprise, ExistingDevice, ExistingForImport } from '#grip/registry';
import { planImport } from './import-plan.js';
import type { ImportDevice, ImportEnterprise } from './import-rows.js';

const PROVIDER = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2026-03-01T00:00:00Z');

const device = (externalId: string, over: Partial<ImportDevice> = {}): ImportDevice => ({
  externalId,
  name: externalId,
  kind: 'machine',
  metrics: ['equipment.state'],
  attributes: { robot: true, commissionedYear: 2020 },
  at: (field) => ({ row: 0, field: `devices.${field}` }),
  ...over,
});
const row = (externalId: string, creditCode: string, devices: ImportDevice[] = []): ImportEnterprise => ({
  externalId,
  name: `name ${externalId}`,
  creditCode,
  regionCode: '440106',
  industryCode: 'C3851',
  sizeClass: '',
  devices,
  at: (field) => ({ row: 0, field }),
});
const stored = (r: ImportEnterprise, id: string, over: Partial<Enterprise> = {}): Enterprise => ({
  id,
  providerId: PROVIDER,
  externalId: r.externalId,
  name: r.name,
  creditCode: r.creditCode,
  regionCode: r.regionCode,
  industryCode: r.industryCode,
  sizeClass: null,
  createdAt: AT,
  updatedAt: null,
  ...over,
});
const storedDevice = (
  enterpriseId: string,
  d: ImportDevice,
  over: Partial<ExistingDevice> = {},
): ExistingDevice => ({
  id: `dev-${d.externalId}`,
  enterpriseId,
  externalId: d.externalId,
  name: d.name,
  kind: d.kind as ExistingDevice['kind'],
  metrics: [...d.metrics],
  // jsonb hands keys back in its own order: that is not a change.
  attributes: Object.fromEntries(Object.entries(d.attributes).reverse()),
  ...over,
});
const holders = (...es: Enterprise[]) =>
  es.map(({ id, providerId, externalId, creditCode }) => ({ id, providerId, externalId, creditCode }));

describe('planImport', () => {
  it('creates what is new, leaves what is identical alone and updates only what changed', () => {
    const same = row('E1', 'C1', [device('d1'), device('d2')]);
    const renamed = {
      ...row('E2', 'C2', [device('d1', { metrics: ['equipment.state', 'production.count'] })]),
    };
    const fresh = row('E3', 'C3', [device('d1')]);
    const e1 = stored(same, 'id-1');
    const e2 = stored(renamed, 'id-2', { name: 'old name' });
    const existing: ExistingForImport = {
      enterprises: [e1, e2],
      creditCodeHolders: holders(e1, e2),
      devices: [
        storedDevice('id-1', device('d1')),
        storedDevice('id-1', device('d2')),
        storedDevice('id-2', device('d1')),
      ],
    };
    const plan = planImport(PROVIDER, [same, renamed, fresh], existing, AT);
    expect(plan.issues).toEqual([]);
    expect(plan.enterprises).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect(plan.devices).toEqual({ created: 1, updated: 1, unchanged: 2 });
    expect(plan.enterpriseRows.map((r) => [r.externalId, r.updatedAt])).toEqual([
      ['E2', AT],
      ['E3', null],
    ]);
    expect(plan.deviceRows.map((r) => [r.enterpriseId, r.externalId, r.id.startsWith('dev-')])).toEqual([
      ['id-2', 'd1', true],
      [plan.createdEnterpriseIds[0], 'd1', false],
    ]);
  });

  it('gives an enterprise onboarded without an external id the one the file names (same provider only)', () => {
    const r = row('CRM-9', 'C9');
    const single = stored(r, 'id-9', { externalId: null });
    const plan = planImport(
      PROVIDER,
      [r],
      { enterprises: [], creditCodeHolders: holders(single), devices: [] },
      AT,
    );
    expect(plan.adopted).toEqual([{ id: 'id-9', externalId: 'CRM-9' }]);
    expect(plan.enterprises).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it("refuses a credit code held elsewhere, a changed credit code and a changed device kind, without planning the row's devices", () => {
    const theirs = stored(row('X', 'C-THEIRS'), 'id-x', { providerId: OTHER });
    const mine = stored(row('M', 'C-MINE'), 'id-m');
    const changedCode = row('M', 'C-NEW', [device('d1')]);
    const taken = row('T', 'C-THEIRS', [device('d1')]);
    const kind = row('K', 'C-K', [device('d1', { kind: 'meter' })]);
    const k = stored(kind, 'id-k');
    const plan = planImport(
      PROVIDER,
      [changedCode, taken, kind],
      {
        enterprises: [mine, k],
        creditCodeHolders: holders(theirs, mine, k),
        devices: [storedDevice('id-k', device('d1'))],
      },
      AT,
    );
    expect(plan.issues.map((i) => [i.field, i.code])).toEqual([
      ['creditCode', 'CREDIT_CODE_CHANGED'],
      ['creditCode', 'CREDIT_CODE_TAKEN'],
      ['devices.kind', 'KIND_CHANGED'],
    ]);
    expect(plan.issues[1]!.message).toBe(
      'the credit code is registered to an enterprise of another provider',
    );
    expect(plan.deviceRows).toEqual([]);
  });
});
