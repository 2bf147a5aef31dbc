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
    // The Vite-built dashboard: its bundle from the platform itself, no CDN.
    expect(await page.text()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
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

  it('gives a city official the city’s figures, summed over its enterprises, and nothing outside it', async () => {
    const guangzhou = await new GripApiClient(platform.url).login('official-guangzhou', DEMO_PASSWORD);
    // Yesterday in Shanghai: the backfilled week covers it whole.
    const day = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const region = await guangzhou.request<{
      enterprises: { inScope: number; contributing: number; excluded: unknown[] };
      totals: { energyTce: number };
      indicators: Record<string, { status: string; value: number | null }>;
      equipmentRates: Record<string, { status: string; value: number | null; enterprises: number }>;
    }>('GET', `/api/v1/regions/440100/indicators?period=${day}`);
    const inCity = DEMO_ENTERPRISES.filter((e) => e.regionCode.startsWith('4401'));
    expect(region.enterprises).toMatchObject({
      inScope: inCity.length,
      contributing: inCity.length,
      excluded: [],
    });
    // Every site electricity meter runs at its mean over a whole day: Σ kW × 24 h × 0.1229 kgce/kWh.
    const electricityTce =
      inCity.reduce((acc, e) => acc + e.meters[0]!.profile.meanPerHour * 24, 0) * 0.1229e-3;
    expect(region.totals.energyTce).toBeGreaterThan(electricityTce);
    // No declarations in the demo: intensities are missing, not zero.
    expect(region.indicators['energy.intensity.output_value']).toMatchObject({
      status: 'missing',
      value: null,
    });
    expect(region.equipmentRates.digitisation_rate).toMatchObject({
      status: 'ok',
      value: 1,
      enterprises: inCity.length,
    });

    await expect(
      guangzhou.request('GET', `/api/v1/regions/440300/indicators?period=${day}`),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('seeds only once: a restart keeps the same enterprises', async () => {
    await platform.stop();
    platform = await startPlatform({ DEMO: 'true', SIMULATOR: 'false', DATA_DIR: platform.dataDir });
    expect(platform.output()).not.toContain('seeded');
    const province = await new GripApiClient(platform.url).login('official-guangdong', DEMO_PASSWORD);
    expect((await province.request<Page>('GET', '/api/v1/enterprises')).total).toBe(DEMO_ENTERPRISES.length);
  });
});
