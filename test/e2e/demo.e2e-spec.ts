import { GripApiClient } from '../../apps/edge-agent/src/grip-api.client.js';
import { DEMO_ENTERPRISES, DEMO_PASSWORD } from '../../apps/platform/src/demo/demo-catalog.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

interface Page {
  total: number;
  items: { id: string; regionCode: string; name: string }[];
}

describe('the single-machine demo', () => {
  let platform: PlatformProcess;

  beforeAll(async () => {
    platform = await startPlatform({ DEMO: 'true', SIMULATOR: 'true', SIMULATOR_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('prints the URL, the demo logins and the docs, and serves the dashboard and OpenAPI', async () => {
    expect(platform.output()).toContain('official-guangdong (440000)');
    expect(platform.output()).toContain('/docs');
    expect(platform.output()).toContain('operator password is the demo default');
    const page = await fetch(`${platform.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('chart.umd.min.js');
    const openapi = (await (await fetch(`${platform.url}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/ingest/v1/telemetry',
        '/api/v1/enterprises/{id}/energy',
      ]),
    );
  });

  it('scopes the demo enterprises by region', async () => {
    const province = await new GripApiClient(platform.url).login('official-guangdong', DEMO_PASSWORD);
    const all = await province.request<Page>('GET', '/api/v1/enterprises?pageSize=200');
    expect(all.total).toBe(DEMO_ENTERPRISES.length);

    const guangzhou = await new GripApiClient(platform.url).login('official-guangzhou', DEMO_PASSWORD);
    const city = await guangzhou.request<Page>('GET', '/api/v1/enterprises?pageSize=200');
    expect(city.total).toBe(DEMO_ENTERPRISES.filter((e) => e.regionCode.startsWith('4401')).length);
    expect(city.items.every((e) => e.regionCode.startsWith('4401'))).toBe(true);
  });

  it('has energy from the simulated agents, pushed through the ingest API', async () => {
    const province = await new GripApiClient(platform.url).login('official-guangdong', DEMO_PASSWORD);
    const { items } = await province.request<Page>('GET', '/api/v1/enterprises?pageSize=200');
    const first = items.find((e) => e.name === DEMO_ENTERPRISES[0]!.name)!;
    const to = new Date();
    const from = new Date(to.getTime() - 3 * 86_400_000);
    const energy = await province.request<{
      total: { totalTce: number; carriers: { carrier: string; quantity: number }[] };
      dataQuality: { siteMeters: number; readings: number };
    }>(
      'GET',
      `/api/v1/enterprises/${first.id}/energy?granularity=day&from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    // 900 kW on average for 3 days; the site meter only (the workshop sub-meter is not added).
    const kwh = energy.total.carriers.find((c) => c.carrier === 'electricity')!.quantity;
    expect(kwh).toBeGreaterThan(900 * 72 * 0.9);
    expect(kwh).toBeLessThan(900 * 72 * 1.1);
    expect(energy.dataQuality.siteMeters).toBe(1);
    expect(energy.total.totalTce).toBeCloseTo((kwh * 0.1229) / 1000, 6);
  });

  it('seeds only once: a restart keeps the same enterprises', async () => {
    await platform.stop();
    platform = await startPlatform({ DEMO: 'true', SIMULATOR: 'false', DATA_DIR: platform.dataDir });
    expect(platform.output()).not.toContain('seeded');
    const province = await new GripApiClient(platform.url).login('official-guangdong', DEMO_PASSWORD);
    expect((await province.request<Page>('GET', '/api/v1/enterprises')).total).toBe(DEMO_ENTERPRISES.length);
  });
});
