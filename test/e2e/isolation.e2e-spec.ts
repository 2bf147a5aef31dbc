import { randomUUID } from 'node:crypto';
import { isWithinRegion, makeCreditCode } from '#grip/contracts';
import { readCsv } from '../../apps/admin-api/src/imports/csv-reader.js';
import {
  ENTERPRISE_READS,
  ENTERPRISE_WRITES,
  ROLE_GATED_READS,
  type EnterpriseEndpoint,
} from './support/endpoint-table.js';
import { assertThat, describeAnswer, hasErrorShape, probe, refusalOf } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import {
  apiRole,
  at,
  createTenants,
  ENTERPRISE_KEYS,
  ENTERPRISES,
  ISOLATION_ENV,
  MONTH,
  OFFICIAL_REGIONS,
  ROLE_KEYS,
  VISIBLE,
  type EnterpriseKey,
  type RoleKey,
  type Tenants,
} from './support/tenant-fixture.js';

/**
 * Every role × every endpoint × every enterprise: what a caller may not see answers exactly
 * like an id that does not exist (api.md: never reveal that another tenant's object exists).
 */
describe('tenant and region isolation', () => {
  let platform: PlatformProcess;
  let t: Tenants;
  let n = 0;
  const call = (role: RoleKey, method: string, path: string, body?: unknown) =>
    probe(t.url, method, path, { token: t.tokens[role], body });

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    t = await createTenants(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const mayCall = (role: RoleKey, endpoint: EnterpriseEndpoint) => endpoint.roles.includes(apiRole(role));

  it.each(ENTERPRISE_READS.map((e) => [e.name, e] as const))(
    'read %s: own → 200, anyone else’s → the same 404 as an unknown id (403 for roles never allowed)',
    async (_name, endpoint) => {
      for (const role of ROLE_KEYS) {
        if (!endpoint.roles.includes(apiRole(role))) {
          // A role that may never call it: 403 for every id, its own included (nothing revealed).
          for (const id of [randomUUID(), ...ENTERPRISE_KEYS.map((key) => t.enterpriseIds[key])]) {
            const answer = await call(role, endpoint.method, endpoint.path(id));
            assertThat(
              answer.status === 403 && hasErrorShape(answer),
              describeAnswer(`${role} ${id}`, answer),
            );
          }
          continue;
        }
        const unknown = await call(role, endpoint.method, endpoint.path(randomUUID()));
        assertThat(
          unknown.status === 404 && hasErrorShape(unknown),
          describeAnswer(`${role} unknown`, unknown),
        );
        for (const key of ENTERPRISE_KEYS) {
          const answer = await call(role, endpoint.method, endpoint.path(t.enterpriseIds[key]));
          const label = `${role} ${endpoint.name} of ${key}`;
          if (VISIBLE[role].includes(key)) {
            assertThat(answer.status === 200, describeAnswer(label, answer));
            assertThat(answer.text.includes(t.enterpriseIds[key]), describeAnswer(label, answer));
          } else {
            assertThat(refusalOf(answer) === refusalOf(unknown), describeAnswer(label, answer));
          }
          for (const other of ENTERPRISE_KEYS.filter((k) => k !== key)) {
            assertThat(!answer.text.includes(t.enterpriseIds[other]), `${label} names ${other}`);
          }
        }
      }
    },
  );

  it('lists exactly the enterprises in scope, whatever the filters name', async () => {
    const ids = async (role: RoleKey, query: string) => {
      const answer = await call(role, 'GET', `/api/v1/enterprises?pageSize=200${query}`);
      assertThat(answer.status === 200, describeAnswer(`${role} list${query}`, answer));
      const page = answer.body as { items: { id: string }[]; total: number };
      expect(page.total).toBe(page.items.length);
      return page.items.map((e) => e.id).sort();
    };
    const idsOf = (keys: EnterpriseKey[]) => keys.map((k) => t.enterpriseIds[k]).sort();
    for (const role of ROLE_KEYS) {
      expect(await ids(role, '')).toEqual(idsOf(VISIBLE[role]));
      // A filter naming another tenant's region or industry narrows the caller's scope, never widens it.
      for (const regionCode of ['440000', '440100', '440300', '440106', '440304', '440305', '110000']) {
        const expected = VISIBLE[role].filter((k) => isWithinRegion(ENTERPRISES[k].regionCode, regionCode));
        expect({ role, regionCode, ids: await ids(role, `&regionCode=${regionCode}`) }).toEqual({
          role,
          regionCode,
          ids: idsOf(expected),
        });
      }
      for (const industryCode of ['C38', 'C3911']) {
        const expected = VISIBLE[role].filter((k) => ENTERPRISES[k].industryCode.startsWith(industryCode));
        expect(await ids(role, `&industryCode=${industryCode}`)).toEqual(idsOf(expected));
      }
    }
  });

  it('region indicators: outside an official’s region 404; for others only their own enterprises count', async () => {
    for (const role of ROLE_KEYS) {
      for (const regionCode of ['440000', '440100', '440300', '440106', '440103', '440304', '110000']) {
        const answer = await call(role, 'GET', `/api/v1/regions/${regionCode}/indicators?period=${MONTH}`);
        const label = `${role} region ${regionCode}`;
        const own = OFFICIAL_REGIONS[role];
        if (own && !isWithinRegion(regionCode, own)) {
          assertThat(answer.status === 404 && hasErrorShape(answer), describeAnswer(label, answer));
          continue;
        }
        assertThat(answer.status === 200, describeAnswer(label, answer));
        const inScope = VISIBLE[role].filter((k) => isWithinRegion(ENTERPRISES[k].regionCode, regionCode));
        expect({
          label,
          inScope: (answer.body as { enterprises: { inScope: number } }).enterprises.inScope,
        }).toEqual({ label, inScope: inScope.length });
        for (const key of ENTERPRISE_KEYS.filter((k) => !VISIBLE[role].includes(k))) {
          assertThat(!answer.text.includes(t.enterpriseIds[key]), `${label} names ${key}`);
        }
      }
    }
  });

  it('region export: operators and officials in their region get their enterprises only, each export audited', async () => {
    let exported = 0;
    for (const role of ROLE_KEYS) {
      for (const regionCode of ['440000', '440100', '440300', '440106', '110000']) {
        const answer = await call(
          role,
          'GET',
          `/api/v1/regions/${regionCode}/indicators/export?period=${MONTH}`,
        );
        const label = `${role} export ${regionCode}`;
        const own = OFFICIAL_REGIONS[role];
        if (!['operator', 'official'].includes(apiRole(role))) {
          assertThat(answer.status === 403 && hasErrorShape(answer), describeAnswer(label, answer));
          continue;
        }
        if (own && !isWithinRegion(regionCode, own)) {
          assertThat(answer.status === 404 && hasErrorShape(answer), describeAnswer(label, answer));
          continue;
        }
        assertThat(answer.status === 200, describeAnswer(label, answer));
        assertThat(answer.headers.get('content-type')?.startsWith('text/csv') === true, label);
        exported++;
        const table = readCsv(answer.text);
        if (!table.ok) throw new Error(`${label}: ${table.message}`);
        const [header, ...rows] = table.records.map((r) => r.cells);
        expect(header![0]).toBe('enterprise_id');
        const expected = VISIBLE[role].filter((k) => isWithinRegion(ENTERPRISES[k].regionCode, regionCode));
        expect({
          label,
          ids: rows.map((cells) => cells[0]).sort(),
        }).toEqual({
          label,
          ids: expected.map((k) => t.enterpriseIds[k]).sort(),
        });
      }
    }
    const audit = await call('operator', 'GET', '/api/v1/audit?action=region.export&pageSize=200');
    assertThat(audit.status === 200, describeAnswer('audit', audit));
    const entries = (audit.body as { items: { actorRole: string; targetId: string }[] }).items;
    expect(entries).toHaveLength(exported);
  });

  it('operator-only lists refuse everyone else with 403', async () => {
    for (const endpoint of ROLE_GATED_READS) {
      for (const role of ROLE_KEYS) {
        const answer = await call(role, 'GET', endpoint.path);
        const expected = endpoint.roles.includes(apiRole(role)) ? 200 : 403;
        assertThat(answer.status === expected, describeAnswer(`${role} ${endpoint.name}`, answer));
        if (expected === 403) assertThat(hasErrorShape(answer), describeAnswer(role, answer));
      }
    }
  });

  it.each(ENTERPRISE_WRITES.map((e) => [e.name, e] as const))(
    'write %s on what the caller may not change → as for an unknown id (404, or 403 for its role), nothing changed',
    async (_name, endpoint) => {
      for (const role of ROLE_KEYS) {
        const attempt = (id: string) =>
          call(role, endpoint.method, endpoint.path(id), endpoint.body?.(++n, id));
        const unknown = await attempt(randomUUID());
        const expected = mayCall(role, endpoint) ? 404 : 403;
        assertThat(
          unknown.status === expected && hasErrorShape(unknown),
          describeAnswer(`${role} unknown`, unknown),
        );
        // Roles that may not write are refused on their own enterprises too; the others on foreign ones.
        const targets = ENTERPRISE_KEYS.filter((k) => !mayCall(role, endpoint) || !VISIBLE[role].includes(k));
        for (const key of targets) {
          const answer = await attempt(t.enterpriseIds[key]);
          assertThat(
            refusalOf(answer) === refusalOf(unknown),
            describeAnswer(`${role} ${endpoint.name} of ${key}`, answer),
          );
        }
      }
    },
  );

  it('revoking another tenant’s agent answers like an unknown agent', async () => {
    for (const role of ROLE_KEYS) {
      const unknown = await call(role, 'DELETE', `/api/v1/agents/${randomUUID()}`);
      const writer = ['operator', 'provider'].includes(apiRole(role));
      assertThat(unknown.status === (writer ? 404 : 403), describeAnswer(`${role} unknown agent`, unknown));
      for (const key of ENTERPRISE_KEYS.filter((k) => !writer || !VISIBLE[role].includes(k))) {
        const answer = await call(role, 'DELETE', `/api/v1/agents/${t.agents[key].agentId}`);
        assertThat(refusalOf(answer) === refusalOf(unknown), describeAnswer(`${role} revoke ${key}`, answer));
      }
    }
  });

  it('a provider cannot onboard an enterprise or a provider user for another provider', async () => {
    const enterprise = await call('providerA', 'POST', '/api/v1/enterprises', {
      name: 'Hijack 有限公司',
      creditCode: makeCreditCode('91440101MA5TEN0X1'),
      regionCode: '440106',
      industryCode: 'C3851',
      providerId: t.providerIds.B,
    });
    assertThat(
      enterprise.status === 404 || enterprise.status === 400,
      describeAnswer('enterprise', enterprise),
    );
    const user = await call('providerA', 'POST', '/api/v1/users', {
      username: 'hijack-provider',
      password: 'hijack-password-1',
      role: 'provider',
      providerId: t.providerIds.B,
    });
    assertThat(user.status === 403 && hasErrorShape(user), describeAnswer('user', user));
  });

  it('after every refused write, nothing changed and every agent still works', async () => {
    for (const key of ENTERPRISE_KEYS) {
      const id = t.enterpriseIds[key];
      const devices = await call('operator', 'GET', `/api/v1/enterprises/${id}/devices`);
      expect(
        (devices.body as { items: { externalId: string }[] }).items.map((d) => d.externalId).sort(),
      ).toEqual([`meter-${key}`, 'meter-main'].sort());
      const declaration = await call('operator', 'GET', `/api/v1/enterprises/${id}/declarations/${MONTH}`);
      expect((declaration.body as { history: unknown[] }).history).toHaveLength(1);
      const pushed = await probe(t.url, 'POST', '/ingest/v1/telemetry', {
        token: t.agents[key].token,
        // A repeat of the fixture's first reading: accepted, changes no consumption.
        body: {
          batchId: `alive-${key}`,
          points: [{ device: 'meter-main', metric: 'electricity.active_energy', ts: at(1), value: 5000 }],
        },
      });
      assertThat(pushed.status === 202, describeAnswer(`agent ${key}`, pushed));
    }
    const audit = await call('operator', 'GET', '/api/v1/audit?pageSize=200');
    const actions = (audit.body as { items: { action: string; targetId: string | null }[] }).items;
    expect(actions.filter((e) => e.action === 'user.create' && /intruder/.test(JSON.stringify(e)))).toEqual(
      [],
    );
  });

  it('an edge agent cannot write to another enterprise’s devices', async () => {
    const electricity = async (key: EnterpriseKey) => {
      const answer = await call(
        'operator',
        'GET',
        `/api/v1/enterprises/${t.enterpriseIds[key]}/energy?granularity=day&from=${at(0)}&to=${at(24)}`,
      );
      const total = (answer.body as { total: { carriers: { carrier: string; quantity: number }[] } }).total;
      return total.carriers.find((c) => c.carrier === 'electricity')?.quantity ?? 0;
    };
    const before = { gz: await electricity('gz'), sz: await electricity('sz') };
    expect(before).toEqual({ gz: t.kwh.gz, sz: t.kwh.sz });
    // gz's agent names sz's own device: refused point by point.
    const foreign = await probe(t.url, 'POST', '/ingest/v1/telemetry', {
      token: t.agents.gz.token,
      body: {
        batchId: 'cross-1',
        points: [
          { device: 'meter-sz', metric: 'electricity.active_energy', ts: at(3), value: 1 },
          { device: 'meter-bj', metric: 'electricity.active_energy', ts: at(3), value: 1 },
        ],
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({
      error: { code: 'NO_VALID_POINTS', details: [{ index: 0 }, { index: 1 }] },
    });
    // `meter-main` exists in every enterprise: gz's agent only ever reaches gz's.
    const shared = await probe(t.url, 'POST', '/ingest/v1/telemetry', {
      token: t.agents.gz.token,
      body: {
        batchId: 'cross-2',
        points: [
          {
            device: 'meter-main',
            metric: 'electricity.active_energy',
            ts: at(3),
            value: 5000 + t.kwh.gz + 7,
          },
        ],
      },
    });
    expect(shared.body).toMatchObject({ accepted: 1, rejected: [] });
    expect(await eventually(() => electricity('gz'), t.kwh.gz + 7)).toBe(t.kwh.gz + 7);
    expect(await electricity('sz')).toBe(t.kwh.sz);
    // An agent's token is not a user's: it opens no human endpoint.
    const asHuman = await probe(t.url, 'GET', '/api/v1/enterprises', { token: t.agents.gz.token });
    expect(asHuman.status).toBe(401);
  });
});

/** The writer stores asynchronously: poll until the value arrives (or give up after 10 s). */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && value !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
