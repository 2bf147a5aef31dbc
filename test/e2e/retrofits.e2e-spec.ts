import { randomUUID } from 'node:crypto';
import { assertThat, describeAnswer, hasErrorShape, probe, refusalOf } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import {
  createTenants,
  ISOLATION_ENV,
  ROLE_KEYS,
  VISIBLE,
  type RoleKey,
  type Tenants,
} from './support/tenant-fixture.js';

// Retrofit projects and plan targets through the running platform (from dist): a project is seen
// exactly where its enterprise is, an invisible one answers like an unknown id, statuses only move
// forward, and plan targets are the operators' to set and the officials' to read.

describe('retrofit projects and plan targets over HTTP', () => {
  let platform: PlatformProcess;
  let t: Tenants;
  let projectId: string;
  const call = (role: RoleKey, method: string, path: string, body?: unknown) =>
    probe(t.url, method, path, { token: t.tokens[role], body });

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    t = await createTenants(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('registers a project with its defaults, in camelCase JSON', async () => {
    const answer = await call('providerA', 'POST', `/api/v1/enterprises/${t.enterpriseIds.gz}/retrofits`, {
      name: '空压站节能改造',
      kind: 'energy_saving',
      investment: 320.5,
      startDate: '2025-03-15',
      meters: ['meter-main'],
      targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -10 }],
    });
    assertThat(answer.status === 201, describeAnswer('register', answer));
    const project = answer.body as Record<string, unknown>;
    expect(project).toMatchObject({
      enterpriseId: t.enterpriseIds.gz,
      investment: 320.5,
      startDate: '2025-03-15',
      completionDate: null,
      baselineFrom: '2024-03',
      baselineTo: '2025-02',
      reportingFrom: null,
      status: 'planned',
    });
    projectId = project.id as string;

    const badMeter = await call('providerA', 'POST', `/api/v1/enterprises/${t.enterpriseIds.gz}/retrofits`, {
      name: 'x',
      kind: 'energy_saving',
      investment: 1,
      startDate: '2025-03-15',
      meters: ['meter-sz'],
    });
    expect(badMeter.status).toBe(400);
    expect(hasErrorShape(badMeter)).toBe(true);
    expect((badMeter.body as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe(
      'meters[0]',
    );
  });

  it('shows the project to exactly the roles that see its enterprise; to the others it is an unknown id', async () => {
    for (const role of ROLE_KEYS) {
      const unknown = await call(role, 'GET', `/api/v1/retrofits/${randomUUID()}`);
      const answer = await call(role, 'GET', `/api/v1/retrofits/${projectId}`);
      const list = await call(role, 'GET', '/api/v1/retrofits?pageSize=200');
      const listed = (list.body as { items: { id: string }[] }).items.map((p) => p.id);
      if (VISIBLE[role].includes('gz')) {
        assertThat(answer.status === 200, describeAnswer(role, answer));
        assertThat(listed.includes(projectId), describeAnswer(`${role} list`, list));
      } else {
        assertThat(
          unknown.status === 404 && hasErrorShape(unknown),
          describeAnswer(`${role} unknown`, unknown),
        );
        assertThat(refusalOf(answer) === refusalOf(unknown), describeAnswer(role, answer));
        assertThat(!listed.includes(projectId), describeAnswer(`${role} list`, list));
      }
    }
  });

  it('lets the owner move the status forward only, and nobody else change it', async () => {
    const forward = await call('providerA', 'PATCH', `/api/v1/retrofits/${projectId}`, {
      status: 'completed',
      completionDate: '2025-09-30',
    });
    assertThat(forward.status === 200, describeAnswer('forward', forward));
    expect(forward.body).toMatchObject({
      status: 'completed',
      reportingFrom: '2025-10',
      reportingTo: '2026-09',
    });
    const back = await call('providerA', 'PATCH', `/api/v1/retrofits/${projectId}`, { status: 'planned' });
    expect(back.status).toBe(400);
    expect((back.body as { error: { details: { code: string }[] } }).error.details[0]!.code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await call('providerB', 'PATCH', `/api/v1/retrofits/${projectId}`, { name: 'x' })).status).toBe(
      404,
    );
    expect(
      (await call('officialProvince', 'PATCH', `/api/v1/retrofits/${projectId}`, { name: 'x' })).status,
    ).toBe(403);
    expect(
      (await call('enterpriseGz', 'PATCH', `/api/v1/retrofits/${projectId}`, { name: 'x' })).status,
    ).toBe(403);
  });

  it('takes plan targets from operators only and shows officials their region and province line', async () => {
    const set = await call('operator', 'PUT', '/api/v1/plan/targets/2025/440000', {
      retrofitsStarted: 8500,
      greenFactories: 100,
    });
    assertThat(set.status === 200, describeAnswer('set', set));
    expect(
      (await call('operator', 'PUT', '/api/v1/plan/targets/2025/440300', { retrofitsStarted: 1800 })).status,
    ).toBe(200);
    expect(
      (await call('officialProvince', 'PUT', '/api/v1/plan/targets/2025/440000', { retrofitsStarted: 1 }))
        .status,
    ).toBe(403);
    expect(
      (await call('operator', 'PUT', '/api/v1/plan/targets/2025/440000', { retrofitsStarted: -1 })).status,
    ).toBe(400);
    const shares = await call('operator', 'PUT', '/api/v1/plan/shares/440000', {
      shares: { '440100': 0.3, '440300': 0.8 },
    });
    expect(shares.status).toBe(400);
    expect(
      (await call('operator', 'PUT', '/api/v1/plan/shares/440000', { shares: { '440100': 0.3 } })).status,
    ).toBe(200);

    const gz = await call('officialCityGz', 'GET', '/api/v1/plan/targets?year=2025');
    assertThat(gz.status === 200, describeAnswer('read', gz));
    expect((gz.body as { targets: { regionCode: string }[] }).targets.map((r) => r.regionCode)).toEqual([
      '440000',
      '440000',
    ]);
    expect((gz.body as { shares: unknown[] }).shares).toHaveLength(1);
    const sz = await call('officialCitySz', 'GET', '/api/v1/plan/targets?year=2025');
    expect((sz.body as { targets: { regionCode: string }[] }).targets.map((r) => r.regionCode)).toEqual([
      '440000',
      '440000',
      '440300',
    ]);
    expect((await call('providerA', 'GET', '/api/v1/plan/targets?year=2025')).status).toBe(403);
    expect((await call('operator', 'GET', '/api/v1/plan/targets?year=abc')).status).toBe(400);
  });
});
