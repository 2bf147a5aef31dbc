import { makeCreditCode } from '#grip/contracts';
import { GripApiClient } from '../../../apps/edge-agent/src/grip-api.client.js';

/**
 * Two providers, four enterprises in three regions, users of every role and one agent per
 * enterprise, all created through the public API (the platform runs with DEMO=false, so
 * nothing else is in it). Who sees what is spelled out in `VISIBLE`, the suites' oracle.
 */
export const OPS = { username: 'ops', password: 'a-long-operator-password' };
export const PASSWORD = 'isolation-password-1';

export type EnterpriseKey = 'gz' | 'szA' | 'sz' | 'bj';
export const ENTERPRISES: Record<
  EnterpriseKey,
  { provider: 'A' | 'B'; regionCode: string; industryCode: string; seed: string }
> = {
  gz: { provider: 'A', regionCode: '440106', industryCode: 'C3851', seed: '91440106MA5TEN0G1' },
  szA: { provider: 'A', regionCode: '440305', industryCode: 'C3911', seed: '91440305MA5TEN0A1' },
  sz: { provider: 'B', regionCode: '440304', industryCode: 'C3851', seed: '91440304MA5TEN0B1' },
  bj: { provider: 'B', regionCode: '110000', industryCode: 'C3911', seed: '91110000MA5TEN0J1' },
};
export const ENTERPRISE_KEYS = Object.keys(ENTERPRISES) as EnterpriseKey[];

export type RoleKey =
  | 'operator'
  | 'providerA'
  | 'providerB'
  | 'enterpriseGz'
  | 'enterpriseSz'
  | 'officialProvince'
  | 'officialCityGz'
  | 'officialCitySz'
  | 'officialDistrictGz'
  | 'officialDistrictEmpty';

/** The oracle: exactly the enterprises each caller may see (api.md Identity, product.md roles). */
export const VISIBLE: Record<RoleKey, EnterpriseKey[]> = {
  operator: ['gz', 'szA', 'sz', 'bj'],
  providerA: ['gz', 'szA'],
  providerB: ['sz', 'bj'],
  enterpriseGz: ['gz'],
  enterpriseSz: ['sz'],
  officialProvince: ['gz', 'szA', 'sz'], // 440000: all of Guangdong, not Beijing
  officialCityGz: ['gz'], // 440100
  officialCitySz: ['szA', 'sz'], // 440300, across both providers
  officialDistrictGz: ['gz'], // 440106
  officialDistrictEmpty: [], // 440103: a Guangzhou district with no enterprise
};
export const ROLE_KEYS = Object.keys(VISIBLE) as RoleKey[];

export const OFFICIAL_REGIONS: Partial<Record<RoleKey, string>> = {
  officialProvince: '440000',
  officialCityGz: '440100',
  officialCitySz: '440300',
  officialDistrictGz: '440106',
  officialDistrictEmpty: '440103',
};

/** The role in the api.md sense: which writes it may attempt at all. */
export function apiRole(role: RoleKey): 'operator' | 'provider' | 'enterprise' | 'official' {
  if (role === 'operator') return 'operator';
  if (role.startsWith('provider')) return 'provider';
  if (role.startsWith('enterprise')) return 'enterprise';
  return 'official';
}

export const MONTH = '2026-10';
const HOUR = 3_600_000;
/** A Shanghai day ten days ago: inside retention, never in the future. */
export const DAY_START =
  Math.floor((Date.now() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR - 10 * 24 * HOUR;
export const at = (hours: number) => new Date(DAY_START + hours * HOUR).toISOString();

export interface Tenants {
  readonly url: string;
  readonly tokens: Record<RoleKey, string>;
  readonly providerIds: Record<'A' | 'B', string>;
  readonly enterpriseIds: Record<EnterpriseKey, string>;
  readonly agents: Record<EnterpriseKey, { agentId: string; token: string }>;
  /** Electricity (kWh) each enterprise's site meter reported in the fixture's day. */
  readonly kwh: Record<EnterpriseKey, number>;
}

export async function createTenants(url: string): Promise<Tenants> {
  const operator = await new GripApiClient(url).login(OPS.username, OPS.password);
  const providerIds = {} as Record<'A' | 'B', string>;
  for (const p of ['A', 'B'] as const) {
    ({ id: providerIds[p] } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: `Isolation provider ${p}`,
      creditCode: makeCreditCode(`9144010${p === 'A' ? 1 : 2}MA5TENPR${p}`),
    }));
    await operator.request('POST', '/api/v1/users', {
      username: `iso-provider-${p}`,
      password: PASSWORD,
      role: 'provider',
      providerId: providerIds[p],
    });
  }
  const providers = {
    A: await new GripApiClient(url).login('iso-provider-A', PASSWORD),
    B: await new GripApiClient(url).login('iso-provider-B', PASSWORD),
  };

  const enterpriseIds = {} as Record<EnterpriseKey, string>;
  const agents = {} as Record<EnterpriseKey, { agentId: string; token: string }>;
  const kwh = {} as Record<EnterpriseKey, number>;
  for (const [n, key] of ENTERPRISE_KEYS.entries()) {
    const spec = ENTERPRISES[key];
    const provider = providers[spec.provider];
    const { id } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: `Isolation ${key} 制造有限公司`,
      creditCode: makeCreditCode(spec.seed),
      regionCode: spec.regionCode,
      industryCode: spec.industryCode,
    });
    enterpriseIds[key] = id;
    // Every enterprise has a `meter-main` (the same external id everywhere) and one of its own.
    for (const [externalId, meterScope] of [
      ['meter-main', 'site'],
      [`meter-${key}`, 'sub'],
    ] as const) {
      await provider.request('POST', `/api/v1/enterprises/${id}/devices`, {
        externalId,
        name: `${key} ${externalId}`,
        kind: 'meter',
        metrics: ['electricity.active_energy'],
        attributes: { meterScope },
      });
    }
    await provider.request('PUT', `/api/v1/enterprises/${id}/declarations/${MONTH}`, {
      outputValue: 1000 + n,
      employees: 100 + n,
    });
    const { agentId, secret } = await provider.request<{ agentId: string; secret: string }>(
      'POST',
      `/api/v1/enterprises/${id}/agents`,
    );
    agents[key] = { agentId, token: `${agentId}.${secret}` };
    kwh[key] = 100 * (n + 1);
    const pushed = await new GripApiClient(url, agents[key].token).pushTelemetry(`fixture-${key}`, [
      { device: 'meter-main', metric: 'electricity.active_energy', ts: at(1), value: 5000 },
      { device: 'meter-main', metric: 'electricity.active_energy', ts: at(2), value: 5000 + kwh[key] },
    ]);
    if (pushed.accepted !== 2) throw new Error(`fixture ingest for ${key}: ${JSON.stringify(pushed)}`);
  }

  await operator.request('POST', '/api/v1/users', {
    username: 'iso-enterprise-gz',
    password: PASSWORD,
    role: 'enterprise',
    enterpriseId: enterpriseIds.gz,
  });
  await providers.B.request('POST', '/api/v1/users', {
    username: 'iso-enterprise-sz',
    password: PASSWORD,
    role: 'enterprise',
    enterpriseId: enterpriseIds.sz,
  });
  for (const [role, regionCode] of Object.entries(OFFICIAL_REGIONS)) {
    await operator.request('POST', '/api/v1/users', {
      username: `iso-${role}`,
      password: PASSWORD,
      role: 'official',
      regionCode,
    });
  }

  const usernames: Record<RoleKey, string> = {
    operator: OPS.username,
    providerA: 'iso-provider-A',
    providerB: 'iso-provider-B',
    enterpriseGz: 'iso-enterprise-gz',
    enterpriseSz: 'iso-enterprise-sz',
    officialProvince: 'iso-officialProvince',
    officialCityGz: 'iso-officialCityGz',
    officialCitySz: 'iso-officialCitySz',
    officialDistrictGz: 'iso-officialDistrictGz',
    officialDistrictEmpty: 'iso-officialDistrictEmpty',
  };
  const tokens = {} as Record<RoleKey, string>;
  for (const role of ROLE_KEYS) {
    const password = role === 'operator' ? OPS.password : PASSWORD;
    tokens[role] = await tokenOf(url, usernames[role], password);
  }
  return { url, tokens, providerIds, enterpriseIds, agents, kwh };
}

async function tokenOf(url: string, username: string, password: string): Promise<string> {
  const client = new GripApiClient(url);
  const { accessToken } = await client.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
    username,
    password,
  });
  return accessToken;
}

/** The environment of a platform whose only data is the fixture's: generous limits for the matrix. */
export const ISOLATION_ENV = {
  GRIP_ADMIN_USER: OPS.username,
  GRIP_ADMIN_PASSWORD: OPS.password,
  DEMO: 'false',
  SIMULATOR: 'false',
  API_RATE_PER_MIN: '1000000',
  INGEST_RATE_REQUESTS_PER_S: '100000',
  INGEST_RATE_POINTS_PER_S: '10000000',
};
