import { GripApiClient } from '../../apps/edge-agent/src/grip-api.client.js';
import { probe } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import { createRetrofitWorld, FIRMS, type RetrofitWorld } from './support/retrofit-fixture.js';
import { ISOLATION_ENV } from './support/tenant-fixture.js';

/**
 * The three questions GRIP exists for, asked over HTTP by an official of Guangzhou (440100):
 * did each retrofit work, which enterprises are the industry's benchmarks, how far is the
 * region from its plan — and nothing from Shenzhen ever appears in an answer or a CSV.
 */
describe('officials’ questions: retrofit verdicts, benchmarks, plan progress', () => {
  let platform: PlatformProcess;
  let world: RetrofitWorld;
  const outside = () => FIRMS.filter((f) => !f.regionCode.startsWith('4401')).map((f) => world.firms[f.key]!);
  const expectNothingOutside = (text: string) => {
    for (const firm of outside()) {
      expect(text).not.toContain(firm.id);
      expect(text).not.toContain(firm.name);
      expect(text).not.toContain(firm.projectId);
    }
  };
  const get = (path: string, token = 'official') =>
    probe(platform.url, 'GET', path, {
      token: token === 'official' ? world.tokens.officialGz : world.tokens.operator,
    });

  /** fetch's text() drops a byte-order mark, so the file's first bytes are read as bytes. */
  const startsWithBom = async (path: string) => {
    const response = await fetch(new URL(path, platform.url), {
      headers: { authorization: `Bearer ${world.tokens.officialGz}` },
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  };

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    world = await createRetrofitWorld(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers whether each retrofit worked, with the reasons, and hides Shenzhen’s project', async () => {
    const verdict = async (key: string) => {
      const answer = await get(`/api/v1/retrofits/${world.firms[key]!.projectId}/assessment`);
      expect(answer.status).toBe(200);
      return answer.body as {
        verdict: string;
        reasons: { code: string }[];
        model: { r2: number; cvRmse: number } | null;
        gbt13234: { product?: { savingRate?: number } };
        savings: { fractionalSavings: number } | null;
      };
    };
    const saved = await verdict('gz1');
    expect(saved.verdict).toBe('achieved');
    expect(saved.model!.r2).toBeGreaterThan(0.9);
    expect(saved.savings!.fractionalSavings).toBeGreaterThan(0.08);
    expect(saved.gbt13234.product!.savingRate).toBeLessThan(-0.08);

    const worse = await verdict('gz2');
    expect(worse.verdict).toBe('not_achieved');
    expect(worse.reasons.map((r) => r.code)).toContain('target_missed');

    const silent = await verdict('gz3');
    expect(silent.verdict).toBe('inconclusive');
    expect(silent.reasons.map((r) => r.code)).toContain('insufficient_coverage');

    const hidden = await get(`/api/v1/retrofits/${world.firms.sz1!.projectId}/assessment`);
    expect(hidden.status).toBe(404);
    // The operator sees it, so the 404 above is scope, not a missing project.
    expect((await get(`/api/v1/retrofits/${world.firms.sz1!.projectId}/assessment`, 'operator')).status).toBe(
      200,
    );

    const region = await get('/api/v1/regions/440100/retrofit-assessments');
    expect(region.status).toBe(200);
    expect((region.body as { projects: unknown[] }).projects).toHaveLength(4);
    expectNothingOutside(region.text);
    const csv = await get('/api/v1/regions/440100/retrofit-assessments/export');
    expect(csv.status).toBe(200);
    expect(await startsWithBom('/api/v1/regions/440100/retrofit-assessments/export')).toBe(true);
    expect(csv.text).toContain(world.firms.gz1!.projectId);
    expectNothingOutside(csv.text);
    expect((await get('/api/v1/regions/440300/retrofit-assessments')).status).toBe(404);
  });

  it('serves a stored assessment until late data arrives, then recomputes it', async () => {
    const path = `/api/v1/retrofits/${world.firms.gz4!.projectId}/assessment`;
    const first = (await get(path)).body as { source: string; computedAt: string };
    const again = (await get(path)).body as { source: string; computedAt: string };
    expect(again).toMatchObject({ source: 'stored', computedAt: first.computedAt });
    // A late reading inside the reporting month (a sub-meter's, so the figures barely move).
    const late = new Date(Date.parse(`${world.months.reporting}-10T12:00:00+08:00`)).toISOString();
    const pushed = await new GripApiClient(platform.url, world.firms.gz4!.agentToken).pushTelemetry(
      'retro-late',
      [{ device: 'line-1', metric: 'production.count', ts: late, value: 1 }],
    );
    expect(pushed.accepted).toBe(1);
    // The writer stores it asynchronously: poll until the assessment notices.
    let after = again;
    for (let i = 0; i < 50 && after.source === 'stored'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = (await get(path)).body as { source: string; computedAt: string };
    }
    expect(after.source).toBe('computed');
    expect(after.computedAt > first.computedAt).toBe(true);
  });

  it('lists the benchmark candidates of Guangzhou only, each with its rule', async () => {
    const path = `/api/v1/benchmarks?period=${world.months.reporting}&industry=C3971`;
    const answer = await get(path);
    expect(answer.status).toBe(200);
    const body = answer.body as {
      regionCode: string;
      peerGroup: { level: string; size: number };
      ranked: { enterpriseId: string; composite: number }[];
      excluded: { enterpriseId: string; rule: string }[];
    };
    expect(body.regionCode).toBe('440100');
    // Ranked but not selected ones are also listed as left out, with their rule.
    const listed = [...new Set([...body.ranked, ...body.excluded].map((e) => e.enterpriseId))].sort();
    expect(listed).toEqual(['gz1', 'gz2', 'gz3', 'gz4'].map((k) => world.firms[k]!.id).sort());
    // gz3 sent nothing in the month: gated out for coverage.
    expect(body.excluded.find((e) => e.enterpriseId === world.firms.gz3!.id)?.rule).toBe('coverage');
    expectNothingOutside(answer.text);
    const csv = await get(`/api/v1/benchmarks/export?period=${world.months.reporting}&industry=C3971`);
    expect(csv.status).toBe(200);
    expect(
      await startsWithBom(`/api/v1/benchmarks/export?period=${world.months.reporting}&industry=C3971`),
    ).toBe(true);
    expectNothingOutside(csv.text);
    expect((await get(`${path}&regionCode=440300`)).status).toBe(404);
  });

  it('shows plan progress against the city’s share of the province target', async () => {
    const year = Number(world.months.startDate.slice(0, 4));
    const put = (path: string, body: unknown) =>
      probe(platform.url, 'PUT', path, { token: world.tokens.operator, body });
    expect(
      (
        await put(`/api/v1/plan/targets/${year}/440000`, {
          retrofitsStarted: 8500,
          enterprisesOnCloud: 10000,
        })
      ).status,
    ).toBe(200);
    expect(
      (await put('/api/v1/plan/shares/440000', { shares: { '440100': 0.4, '440300': 0.3 } })).status,
    ).toBe(200);

    const answer = await get(`/api/v1/plan/progress?year=${year}`);
    expect(answer.status).toBe(200);
    const body = answer.body as {
      regionCode: string;
      lines: { regionCode: string; metrics: { metric: string; target: number | null; actual: number }[] }[];
    };
    expect(body.regionCode).toBe('440100');
    expect(body.lines.map((l) => l.regionCode)).toEqual(['440100']);
    const started = body.lines[0]!.metrics.find((m) => m.metric === 'retrofits_started')!;
    expect(started).toMatchObject({ target: 3400, actual: 4 });
    const cloud = body.lines[0]!.metrics.find((m) => m.metric === 'enterprises_on_cloud')!;
    expect(cloud).toMatchObject({ target: 4000, actual: 4 });
    expectNothingOutside(answer.text);
    const csv = await get(`/api/v1/plan/progress/export?year=${year}`);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('440300');
    // The province line, for the operator, has both cities.
    const province = await get(`/api/v1/plan/progress?year=${year}&regionCode=440000`, 'operator');
    expect((province.body as { lines: { regionCode: string }[] }).lines.map((l) => l.regionCode)).toEqual([
      '440000',
      '440100',
      '440300',
    ]);
    expect((await get(`/api/v1/plan/progress?year=${year}&regionCode=440300`)).status).toBe(404);
  });
});
