import { makeCreditCode } from '#grip/contracts';
import { GripApiClient, type TelemetryPointInput } from '../../../apps/edge-agent/src/grip-api.client.js';
import { OPS } from './tenant-fixture.js';

/**
 * A small region for the officials' questions: four C3971 enterprises in Guangzhou and two in
 * Shenzhen, each with a site meter and a production line, hourly readings from the first
 * baseline month to the end of the reporting month, monthly declarations, and one retrofit
 * project each. Everything goes through the public API.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

export const PASSWORD = 'retrofit-e2e-password';

export type Story = 'saved' | 'worse' | 'silent' | 'flat';
export interface FirmSpec {
  readonly key: string;
  readonly regionCode: string;
  readonly story: Story;
  /** Energy per unit product, kWh, in the baseline. */
  readonly kwhPerUnit: number;
}

export const FIRMS: readonly FirmSpec[] = [
  { key: 'gz1', regionCode: '440106', story: 'saved', kwhPerUnit: 3 },
  { key: 'gz2', regionCode: '440106', story: 'worse', kwhPerUnit: 3.2 },
  { key: 'gz3', regionCode: '440104', story: 'silent', kwhPerUnit: 2.8 },
  { key: 'gz4', regionCode: '440111', story: 'flat', kwhPerUnit: 3.5 },
  { key: 'sz1', regionCode: '440305', story: 'saved', kwhPerUnit: 3 },
  { key: 'sz2', regionCode: '440304', story: 'flat', kwhPerUnit: 2.5 },
];

const STORY_FACTOR: Record<Story, number> = { saved: 0.88, worse: 1.08, silent: 1, flat: 1 };

/** Month labels relative to the last complete Shanghai month L: baseline L-3..L-2, works in L-1, reporting L. */
export function fixtureMonths(now = Date.now()) {
  const shanghai = new Date(now + SHANGHAI);
  const label = (offset: number) => {
    const d = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + offset, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const start = (month: string) => Date.parse(`${month}-01T00:00:00+08:00`);
  const months = [label(-4), label(-3), label(-2), label(-1)];
  const works = months[2]!;
  return {
    baseline: [months[0]!, months[1]!] as const,
    works,
    reporting: months[3]!,
    all: months,
    startDate: `${works}-01`,
    completionDate: new Date(start(months[3]!) - DAY + SHANGHAI).toISOString().slice(0, 10),
    from: start(months[0]!),
    to: Date.parse(`${label(0)}-01T00:00:00+08:00`),
  };
}

/** Deterministic noise in [-1, 1) (mulberry32): the same fixture on every run. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

/** Hourly counter readings of one firm, and the production per month (declared as product output). */
export function firmReadings(firm: FirmSpec, index: number, months: ReturnType<typeof fixtureMonths>) {
  const rand = noise(index + 1);
  const points: TelemetryPointInput[] = [];
  const production: Record<string, number> = {};
  let kwh = 100_000;
  let count = 0;
  const reportingFrom = Date.parse(`${months.reporting}-01T00:00:00+08:00`);
  // One reading an hour before the first hour: the first hour's consumption has its start.
  points.push({
    device: 'meter-site',
    metric: 'electricity.active_energy',
    ts: new Date(months.from - HOUR).toISOString(),
    value: kwh,
  });
  points.push({
    device: 'line-1',
    metric: 'production.count',
    ts: new Date(months.from - HOUR).toISOString(),
    value: count,
  });
  for (let day = months.from; day < months.to; day += DAY) {
    const weekday = new Date(day + SHANGHAI).getUTCDay();
    const units = weekday === 0 || weekday === 6 ? 400 + 50 * rand() : 1000 + 150 * rand();
    const reporting = day >= reportingFrom;
    if (reporting && firm.story === 'silent') continue;
    const factor = reporting ? STORY_FACTOR[firm.story] : 1;
    // Base load plus a per-unit part, with 1 % noise: a clean linear baseline; the story scales both.
    const dayKwh = (800 + firm.kwhPerUnit * units) * factor * (1 + 0.01 * rand());
    const month = new Date(day + SHANGHAI).toISOString().slice(0, 7);
    production[month] = (production[month] ?? 0) + Math.round(units / 24) * 24;
    for (let h = 0; h < 24; h++) {
      kwh += dayKwh / 24;
      count += Math.round(units / 24);
      const ts = new Date(day + h * HOUR + 30 * 60_000).toISOString();
      points.push({
        device: 'meter-site',
        metric: 'electricity.active_energy',
        ts,
        value: Math.round(kwh * 1000) / 1000,
      });
      points.push({ device: 'line-1', metric: 'production.count', ts, value: count });
    }
  }
  return { points, production };
}

export interface RetrofitWorld {
  /** Bearer tokens of the operator and of an official of Guangzhou (440100). */
  readonly tokens: { readonly operator: string; readonly officialGz: string };
  readonly firms: Record<string, { id: string; name: string; projectId: string; agentToken: string }>;
  readonly months: ReturnType<typeof fixtureMonths>;
}

export async function createRetrofitWorld(url: string): Promise<RetrofitWorld> {
  const months = fixtureMonths();
  const tokenOf = async (username: string, password: string) =>
    (
      await new GripApiClient(url).request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
        username,
        password,
      })
    ).accessToken;
  const operatorToken = await tokenOf(OPS.username, OPS.password);
  const operator = new GripApiClient(url, operatorToken);
  const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
    name: 'Retrofit e2e provider',
    creditCode: makeCreditCode('91440101MA5RETPR1'),
  });
  await operator.request('POST', '/api/v1/users', {
    username: 'retro-provider',
    password: PASSWORD,
    role: 'provider',
    providerId,
  });
  await operator.request('POST', '/api/v1/users', {
    username: 'retro-official-gz',
    password: PASSWORD,
    role: 'official',
    regionCode: '440100',
  });
  const provider = await new GripApiClient(url).login('retro-provider', PASSWORD);
  const firms: RetrofitWorld['firms'] = {};
  for (const [index, firm] of FIRMS.entries()) {
    const name = `Retrofit ${firm.key} 电子有限公司`;
    const { id } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name,
      creditCode: makeCreditCode(`914401${String(index).padStart(2, '0')}MA5RETFM${index}`),
      regionCode: firm.regionCode,
      industryCode: 'C3971',
    });
    await provider.request('POST', `/api/v1/enterprises/${id}/devices`, {
      externalId: 'meter-site',
      name: 'site meter',
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    });
    await provider.request('POST', `/api/v1/enterprises/${id}/devices`, {
      externalId: 'line-1',
      name: 'SMT line',
      kind: 'machine',
      metrics: ['production.count'],
      attributes: { productionEquipment: true },
    });
    const { agentId, secret } = await provider.request<{ agentId: string; secret: string }>(
      'POST',
      `/api/v1/enterprises/${id}/agents`,
    );
    const agent = new GripApiClient(url, `${agentId}.${secret}`);
    const { points, production } = firmReadings(firm, index, months);
    for (let i = 0; i < points.length; i += 5000) {
      const pushed = await agent.pushTelemetry(`retro-${firm.key}-${i}`, points.slice(i, i + 5000));
      if (pushed.rejected.length > 0)
        throw new Error(`ingest ${firm.key}: ${JSON.stringify(pushed.rejected[0])}`);
    }
    for (const month of months.all) {
      if (production[month] === undefined) continue;
      await provider.request('PUT', `/api/v1/enterprises/${id}/declarations/${month}`, {
        outputValue: production[month]! / 10,
        valueAdded: production[month]! / 40,
        employees: 300,
        revenue: production[month]! / 9,
        productOutput: { quantity: production[month], unit: 'pcs' },
        cloudServices: ['MES'],
      });
    }
    const { id: projectId } = await provider.request<{ id: string }>(
      'POST',
      `/api/v1/enterprises/${id}/retrofits`,
      {
        name: `${firm.key} SMT line energy saving`,
        kind: 'energy_saving',
        investment: 350,
        startDate: months.startDate,
        completionDate: months.completionDate,
        baselineFrom: months.baseline[0],
        baselineTo: months.baseline[1],
        reportingFrom: months.reporting,
        reportingTo: months.reporting,
        targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -10 }],
        status: 'completed',
      },
    );
    firms[firm.key] = { id, name, projectId, agentToken: `${agentId}.${secret}` };
  }
  const officialGz = await tokenOf('retro-official-gz', PASSWORD);
  return { tokens: { operator: operatorToken, officialGz }, firms, months };
}
