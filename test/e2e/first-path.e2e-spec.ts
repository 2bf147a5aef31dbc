import { gzipSync } from 'node:zlib';
import { makeCreditCode } from '#grip/contracts';
import { readCsv } from '../../apps/admin-api/src/imports/csv-reader.js';
import { GripApiClient, GripApiError } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, runToExit, startPlatform } from './support/platform-process.js';

const ADMIN = { GRIP_ADMIN_USER: 'ops', GRIP_ADMIN_PASSWORD: 'a-long-operator-password' };
const HOUR = 3_600_000;
/** A Shanghai calendar day ten days ago: inside the retention window, never in the future. */
const DAY_START = (() => {
  const shanghaiMidnight = Math.floor((Date.now() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  return shanghaiMidnight - 10 * 24 * HOUR;
})();
const wrongCheckCharacter = (code: string) => code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
const at = (hours: number) => new Date(DAY_START + hours * HOUR).toISOString();

async function expectApiError(
  promise: Promise<unknown>,
  status: number,
  code?: string,
): Promise<GripApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GripApiError);
  const apiError = error as GripApiError;
  expect(apiError.status).toBe(status);
  expect(apiError.body).toMatchObject({
    error: { code: code ?? expect.any(String), message: expect.any(String) },
  });
  return apiError;
}

describe('the first path: operator → provider → enterprise → devices → agent → ingest → energy', () => {
  let platform: PlatformProcess;
  let provider: GripApiClient;
  let agent: GripApiClient;
  let enterpriseId: string;
  let agentId: string;
  let agentToken: string;

  const energyOfDay = async (client = provider) =>
    client.request<{
      total: { totalTce: number; carriers: { carrier: string; quantity: number; tce: number }[] };
      dataQuality: { resets: number };
    }>('GET', `/api/v1/enterprises/${enterpriseId}/energy?granularity=day&from=${at(0)}&to=${at(24)}`);

  beforeAll(async () => {
    platform = await startPlatform(ADMIN);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('onboards an enterprise with checked national codes', async () => {
    const operator = await new GripApiClient(platform.url).login('ops', 'a-long-operator-password');
    const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: 'E2E 服务商',
      creditCode: makeCreditCode('91440101MA5E2EP01'),
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'e2e-provider',
      password: 'provider-password-1',
      role: 'provider',
      providerId,
    });
    provider = await new GripApiClient(platform.url).login('e2e-provider', 'provider-password-1');

    const bad = await expectApiError(
      provider.request('POST', '/api/v1/enterprises', {
        name: 'Bad codes',
        creditCode: wrongCheckCharacter(makeCreditCode('91440106MA5E2EE09')),
        regionCode: '449999',
        industryCode: 'C99',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (bad.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort(),
    ).toEqual(['creditCode', 'industryCode', 'regionCode']);

    ({ id: enterpriseId } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: '广州天河 E2E 制造有限公司',
      creditCode: makeCreditCode('91440106MA5E2EE01'),
      regionCode: '440106',
      industryCode: 'C3851',
      sizeClass: 'medium',
    }));
    await expectApiError(
      provider.request('POST', '/api/v1/enterprises', {
        name: 'Same code',
        creditCode: makeCreditCode('91440106MA5E2EE01'),
        regionCode: '440106',
        industryCode: 'C3851',
      }),
      409,
      'CONFLICT',
    );
  });

  it('registers meters and issues an agent credential shown once', async () => {
    const meter = (externalId: string, metric: string, attributes: Record<string, unknown>) =>
      provider.request('POST', `/api/v1/enterprises/${enterpriseId}/devices`, {
        externalId,
        name: externalId,
        kind: 'meter',
        metrics: [metric],
        attributes,
      });
    await meter('elec-site', 'electricity.active_energy', { meterScope: 'site', ratedPowerKw: 200_000 });
    await meter('elec-sub', 'electricity.active_energy', { meterScope: 'sub' });
    await meter('gas-site', 'natural_gas.volume', { meterScope: 'site' });
    await meter('steam-site', 'steam.mass', { meterScope: 'site' });
    await meter('diesel-site', 'diesel.mass', { meterScope: 'site' });
    await expectApiError(meter('no-scope', 'electricity.active_energy', {}), 400, 'VALIDATION_FAILED');
    await expectApiError(meter('elec-site', 'electricity.active_energy', { meterScope: 'site' }), 409);

    const issued = await provider.request<{ agentId: string; secret: string; token: string }>(
      'POST',
      `/api/v1/enterprises/${enterpriseId}/agents`,
    );
    expect(issued.secret).toMatch(/^[\w-]{43}$/);
    agentId = issued.agentId;
    agentToken = issued.token;
    agent = new GripApiClient(platform.url, agentToken);
  });

  it('stores telemetry and returns the hand-computed tce of GB/T 2589 (a counter reset included)', async () => {
    const points = [
      // electricity: +400,000, a reset to 50,000 (counts 50,000), +550,000 → 1,000,000 kWh
      ['elec-site', 'electricity.active_energy', 1, 500_000],
      ['elec-site', 'electricity.active_energy', 5, 900_000],
      ['elec-site', 'electricity.active_energy', 9, 50_000],
      ['elec-site', 'electricity.active_energy', 13, 600_000],
      // a sub-meter is never added to the site total
      ['elec-sub', 'electricity.active_energy', 1, 0],
      ['elec-sub', 'electricity.active_energy', 13, 999_999],
      ['gas-site', 'natural_gas.volume', 1, 10_000],
      ['gas-site', 'natural_gas.volume', 13, 60_000],
      ['steam-site', 'steam.mass', 1, 1_000],
      ['steam-site', 'steam.mass', 13, 1_800],
      ['diesel-site', 'diesel.mass', 1, 5],
      ['diesel-site', 'diesel.mass', 13, 7],
    ] as const;
    const result = await agent.pushTelemetry(
      'e2e-batch-1',
      points.map(([device, metric, h, value]) => ({ device, metric, ts: at(h), value })),
    );
    expect(result).toEqual({ accepted: points.length, rejected: [] });

    const energy = await energyOfDay();
    // 122.9 + 60.715 + 102.88 + 2.9142 (indicators.md §2 worked example)
    expect(energy.total.totalTce).toBeCloseTo(289.4092, 4);
    const byCarrier = Object.fromEntries(energy.total.carriers.map((c) => [c.carrier, c.quantity]));
    expect(byCarrier).toEqual({ electricity: 1_000_000, natural_gas: 50_000, steam: 800, diesel: 2 });
    expect(energy.dataQuality.resets).toBe(1);
  });

  it('stores a repeated batchId once', async () => {
    const again = await agent.pushTelemetry('e2e-batch-1', [
      { device: 'elec-site', metric: 'electricity.active_energy', ts: at(5), value: 900_000 },
    ]);
    expect(again.accepted).toBe(1);
    expect((await energyOfDay()).total.totalTce).toBeCloseTo(289.4092, 4);
  });

  it('accepts a gzip-encoded batch', async () => {
    const body = gzipSync(
      JSON.stringify({
        batchId: 'e2e-gzip',
        points: [{ device: 'gas-site', metric: 'natural_gas.volume', ts: at(13), value: 60_000 }],
      }),
    );
    const response = await fetch(`${platform.url}/ingest/v1/telemetry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${agentToken}`,
      },
      body,
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
  });

  it('accepts the valid points of a mixed batch, names the rejected ones and stores none of them', async () => {
    const result = await agent.pushTelemetry('e2e-mixed', [
      { device: 'gas-site', metric: 'natural_gas.volume', ts: at(13), value: 60_000 },
      { device: 'ghost', metric: 'natural_gas.volume', ts: at(14), value: 1 },
      {
        device: 'gas-site',
        metric: 'natural_gas.volume',
        ts: new Date(Date.now() + 3_600_000).toISOString(),
        value: 9e9,
      },
      { device: 'gas-site', metric: 'steam.mass', ts: at(14), value: 1 },
      { device: 'gas-site', metric: 'natural_gas.volume', ts: at(14), value: 'lots' as unknown as number },
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'UNKNOWN_DEVICE'],
      [2, 'TIMESTAMP_IN_FUTURE'],
      [3, 'METRIC_NOT_BOUND'],
      [4, 'INVALID_VALUE'],
    ]);
    expect((await energyOfDay()).total.totalTce).toBeCloseTo(289.4092, 4);
  });

  it('refuses malformed, oversized and unauthenticated requests with the error shape', async () => {
    const raw = (body: string) =>
      fetch(`${platform.url}/ingest/v1/telemetry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
        body,
      });
    const malformed = await raw('{"batchId": "x", "points": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: 'BAD_REQUEST', message: 'the body is not valid JSON' },
    });

    const nan = await raw(
      '{"batchId":"x","points":[{"device":"gas-site","metric":"natural_gas.volume","ts":"2026-01-01T00:00:00Z","value":NaN}]}',
    );
    expect(nan.status).toBe(400);

    const huge = await raw(JSON.stringify({ batchId: 'big', points: [], pad: 'x'.repeat(6 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });

    await expectApiError(
      new GripApiClient(platform.url, `${agentId}.${'x'.repeat(43)}`).pushTelemetry('b', []),
      401,
    );
    await expectApiError(new GripApiClient(platform.url).pushTelemetry('b', []), 401);
    await expectApiError(
      agent.pushTelemetry('all-bad', [{ device: 'ghost', metric: 'steam.mass', ts: at(2), value: 1 }]),
      400,
      'NO_VALID_POINTS',
    );
  });

  it('hides the enterprise from another provider and refuses officials outside the region', async () => {
    const operator = await new GripApiClient(platform.url).login('ops', 'a-long-operator-password');
    const { id: otherProvider } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: 'Other provider',
      creditCode: makeCreditCode('91440300MA5E2EP02'),
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'other-provider',
      password: 'provider-password-2',
      role: 'provider',
      providerId: otherProvider,
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'sz-official',
      password: 'official-password',
      role: 'official',
      regionCode: '440300',
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'gz-official',
      password: 'official-password',
      role: 'official',
      regionCode: '440100',
    });

    const other = await new GripApiClient(platform.url).login('other-provider', 'provider-password-2');
    await expectApiError(other.request('GET', `/api/v1/enterprises/${enterpriseId}`), 404);
    await expectApiError(energyOfDay(other), 404);
    expect(await other.request('GET', '/api/v1/enterprises')).toMatchObject({ total: 0, items: [] });

    const shenzhen = await new GripApiClient(platform.url).login('sz-official', 'official-password');
    await expectApiError(energyOfDay(shenzhen), 404);
    const guangzhou = await new GripApiClient(platform.url).login('gz-official', 'official-password');
    expect((await energyOfDay(guangzhou)).total.totalTce).toBeCloseTo(289.4092, 4);
    await expectApiError(guangzhou.request('POST', `/api/v1/enterprises/${enterpriseId}/agents`), 403);
    const declarations = `/api/v1/enterprises/${enterpriseId}/declarations/${at(0).slice(0, 7)}`;
    await expectApiError(guangzhou.request('PUT', declarations, { outputValue: 1 }), 403);
    await expectApiError(other.request('GET', declarations), 404);
    await expectApiError(other.request('PUT', declarations, { outputValue: 1 }), 404);
  });

  it('keeps declarations as versions and refuses invalid figures naming each field', async () => {
    const month = at(0).slice(0, 7);
    const path = `/api/v1/enterprises/${enterpriseId}/declarations/${month}`;
    const first = await provider.request<{ version: number }>('PUT', path, {
      outputValue: 5000,
      employees: 415,
      productOutput: { quantity: 12000, unit: 't' },
      cloudServices: ['ERP', 'MES'],
    });
    expect(first.version).toBe(1);
    const bad = await expectApiError(
      provider.request('PUT', path, { outputValue: 5100, landArea: -1, employees: 3.5, colour: 'green' }),
      400,
      'VALIDATION_FAILED',
    );
    const fields = (bad.body as { error: { details: { field: string }[] } }).error.details.map(
      (d) => d.field,
    );
    expect(new Set(fields)).toEqual(new Set(['landArea', 'employees', 'colour']));
    const corrected = await provider.request<{ version: number }>('PUT', path, {
      outputValue: 5100,
      employees: 415,
    });
    expect(corrected.version).toBe(2);

    const { current, history } = await provider.request<{
      current: { version: number; data: Record<string, unknown> };
      history: { version: number; data: Record<string, unknown> }[];
    }>('GET', path);
    expect(current.data).toEqual({ outputValue: 5100, employees: 415 });
    expect(history.map((h) => [h.version, h.data.outputValue])).toEqual([
      [2, 5100],
      [1, 5000],
    ]);
    await expectApiError(
      provider.request('PUT', `/api/v1/enterprises/${enterpriseId}/declarations/2026-13`, {}),
      400,
    );
  });

  it('computes the month’s indicators from telemetry and the current declaration, each explaining itself', async () => {
    const month = at(0).slice(0, 7);
    type Result = {
      status: string;
      value?: number;
      formulaId: string;
      methodologyVersion?: string;
      reason?: string;
    };
    const set = await provider.request<{
      methodologyVersion: string;
      coverage: { energy: number };
      indicators: Record<string, Result> & { 'energy.comprehensive': { totalTce: number } };
    }>('GET', `/api/v1/enterprises/${enterpriseId}/indicators?period=${month}`);
    expect(set.indicators['energy.comprehensive'].totalTce).toBeCloseTo(289.4092, 4);
    // Guangdong's latest published grid factor (2023) for a later data year: the worked example.
    expect(set.indicators['carbon.emissions'].value).toBeCloseTo(887.3458, 4);
    // Four hours of readings in a month: the value is there, flagged partial, never silently ok.
    expect(set.coverage.energy).toBeLessThan(0.9);
    expect(set.indicators['energy.intensity.output_value']).toMatchObject({
      status: 'partial',
      formulaId: expect.any(String),
      methodologyVersion: set.methodologyVersion,
    });
    expect(set.indicators['energy.intensity.output_value'].value).toBeCloseTo(289.4092 / 5100, 8);
    // Not declared: missing with a reason, not zero.
    expect(set.indicators['green.plot_ratio']).toMatchObject({
      status: 'missing',
      reason: expect.any(String),
    });
    expect(set.indicators['green.plot_ratio'].value).toBeUndefined();

    // The city's table as CSV: the enterprise's row carries its own stored set's figures.
    const { accessToken } = await new GripApiClient(platform.url).request<{ accessToken: string }>(
      'POST',
      '/api/v1/auth/login',
      { username: 'gz-official', password: 'official-password' },
    );
    const exported = await fetch(
      new URL(`/api/v1/regions/440100/indicators/export?period=${month}`, platform.url),
      {
        headers: { authorization: `Bearer ${accessToken}` },
      },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="grip-440100-${month}.csv"`,
    );
    const table = readCsv(await exported.text());
    if (!table.ok) throw new Error(table.message);
    const [header, ...lines] = table.records.map((r) => r.cells);
    const columns = header!;
    const row = lines.find((cells) => cells[0] === enterpriseId)!;
    const cell = (name: string) => row[columns.indexOf(name)];
    // Four hours of a month: left out of the city's energy figures, saying why; its own figures shown.
    expect(cell('status')).toBe('excluded');
    expect(cell('reason')).toMatch(/below/);
    expect(Number(cell('energy_tce'))).toBeCloseTo(289.4092, 4);
    expect(Number(cell('carbon_tco2'))).toBeCloseTo(887.3458, 4);
    expect(Number(cell('output_value_wan_yuan'))).toBe(5100);
    expect(cell('energy_intensity_output_value_tce_per_wan_yuan')).toBe('');

    await expectApiError(
      provider.request('GET', `/api/v1/enterprises/${enterpriseId}/indicators?period=2026-13`),
      400,
    );
    await expectApiError(
      provider.request('GET', `/api/v1/enterprises/${enterpriseId}/indicators?period=2099`),
      400,
    );
  });

  it('stores a closed period’s set, serves it while fresh and recomputes it after a correction', async () => {
    // A closed month with declarations and no telemetry: labour productivity comes from them alone.
    const month = '2025-06';
    const declare = (valueAdded: number) =>
      provider.request('PUT', `/api/v1/enterprises/${enterpriseId}/declarations/${month}`, {
        valueAdded,
        employees: 100,
      });
    type StoredSet = {
      source: 'stored' | 'computed';
      computedAt: string;
      indicators: Record<string, { status: string; value?: number }>;
    };
    const get = (basis = 'equivalent') =>
      provider.request<StoredSet>(
        'GET',
        `/api/v1/enterprises/${enterpriseId}/indicators?period=${month}&basis=${basis}`,
      );
    // The declaration's event already computed and stored the month's set.
    await declare(1200);
    const first = await get();
    expect(first.source).toBe('stored');
    // 1,200 万元 × 10,000 × 12 months ÷ 100 employees
    expect(first.indicators['intelligence.labour_productivity']!.value).toBeCloseTo(1_440_000, 6);
    // Nothing stored on the other basis: computed on demand, then stored and served while fresh.
    const equalValue = await get('equal-value');
    expect(equalValue.source).toBe('computed');
    const again = await get('equal-value');
    expect(again).toMatchObject({ source: 'stored', computedAt: equalValue.computedAt });
    expect(again.indicators).toEqual(equalValue.indicators);

    // The correction's event recomputes the stored set before the PUT returns (in-process bus).
    await declare(1500);
    const corrected = await get();
    expect(corrected.source).toBe('stored');
    expect(corrected.computedAt > first.computedAt).toBe(true);
    expect(corrected.indicators['intelligence.labour_productivity']!.value).toBeCloseTo(1_800_000, 6);
    // Every stored basis of the month was recomputed.
    expect((await get('equal-value')).computedAt > equalValue.computedAt).toBe(true);

    // The city reads the stored set; scoping stays the registry's.
    const guangzhou = await new GripApiClient(platform.url).login('gz-official', 'official-password');
    const region = await guangzhou.request<{
      enterprises: { inScope: number };
      source: { stored: number; computedOnDemand: number; notComputed: number };
    }>('GET', `/api/v1/regions/440100/indicators?period=${month}`);
    expect(region.source).toEqual(
      expect.objectContaining({ stored: region.enterprises.inScope, computedOnDemand: 0, notComputed: 0 }),
    );
    const shenzhen = await new GripApiClient(platform.url).login('sz-official', 'official-password');
    await expectApiError(shenzhen.request('GET', `/api/v1/regions/440100/indicators?period=${month}`), 404);

    // Operators recompute on request: one enterprise at once, every enterprise as a job.
    const operator = await new GripApiClient(platform.url).login('ops', 'a-long-operator-password');
    await expectApiError(provider.request('POST', '/api/v1/indicators/recompute', { period: month }), 403);
    await expectApiError(
      operator.request('POST', '/api/v1/indicators/recompute', { period: '2025-13' }),
      400,
      'VALIDATION_FAILED',
    );
    const one = await operator.request<{ status: string }>('POST', '/api/v1/indicators/recompute', {
      period: month,
      enterpriseId,
    });
    expect(one.status).toBe('done');
    const recomputed = await get();
    expect(recomputed.source).toBe('stored');
    expect(recomputed.computedAt > corrected.computedAt).toBe(true);
    let job = await operator.request<{ id: string; status: string; enterprises: number; done: number }>(
      'POST',
      '/api/v1/indicators/recompute',
      { period: month },
    );
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await operator.request('GET', `/api/v1/indicators/recompute/${job.id}`);
    }
    expect(job).toMatchObject({ status: 'done', done: job.enterprises });
    expect(job.enterprises).toBeGreaterThanOrEqual(1);
  });

  it('refuses a revoked credential at once', async () => {
    await provider.request('DELETE', `/api/v1/agents/${agentId}`);
    await expectApiError(
      agent.pushTelemetry('after-revoke', [
        { device: 'gas-site', metric: 'natural_gas.volume', ts: at(15), value: 60_001 },
      ]),
      401,
    );
  });

  it('keeps every accepted point across a crash, and refuses a second process on the same data', async () => {
    const second = await runToExit({ ...ADMIN, DATA_DIR: platform.dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toContain('Another GRIP process');

    await platform.kill();
    platform = await startPlatform({ ...ADMIN, DATA_DIR: platform.dataDir });
    provider = await new GripApiClient(platform.url).login('e2e-provider', 'provider-password-1');
    expect((await energyOfDay()).total.totalTce).toBeCloseTo(289.4092, 4);
  });

  it('publishes a new methodology version that results then use and name', async () => {
    const operator = await new GripApiClient(platform.url).login('ops', 'a-long-operator-password');
    const versions = await operator.request<{ version: string }[]>('GET', '/api/v1/methodology');
    const current = await operator.request<{
      version: string;
      factors: { key: string; value: number; unit: string }[];
    }>('GET', `/api/v1/methodology/${versions[0]!.version}`);
    const factors = current.factors.map((f) =>
      f.key === 'carbon.grid.guangdong.2023' ? { ...f, value: 0.5 } : f,
    );

    await expectApiError(provider.request('POST', '/api/v1/methodology', { version: 'e2e.1', factors }), 403);
    const broken = factors.filter((f) => f.key !== 'energy.coefficient.diesel');
    const bad = await expectApiError(
      operator.request('POST', '/api/v1/methodology', { version: 'e2e.1', factors: broken }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(bad.body)).toContain('energy.coefficient.diesel is missing');
    await operator.request('POST', '/api/v1/methodology', {
      version: 'e2e.1',
      notes: 'grid factor changed',
      factors,
    });
    await expectApiError(operator.request('POST', '/api/v1/methodology', { version: 'e2e.1', factors }), 409);

    const set = await provider.request<{
      methodologyVersion: string;
      indicators: Record<string, { value?: number }>;
    }>('GET', `/api/v1/enterprises/${enterpriseId}/indicators?period=${at(0).slice(0, 7)}`);
    expect(set.methodologyVersion).toBe('e2e.1');
    // 1,000,000 kWh at 0.5 t/MWh instead of 0.4419: 500 + 108.11 + 331.144 + 6.1918
    expect(set.indicators['carbon.emissions']!.value).toBeCloseTo(945.4458, 4);
  });
});
