import { makeCreditCode } from '#grip/contracts';
import type { SimulatedAgent, SimulatedDevice } from '../../../edge-agent/src/factory-simulator.js';
import { GripApiClient } from '../../../edge-agent/src/grip-api.client.js';
import {
  DEMO_ENTERPRISES,
  DEMO_OFFICIALS,
  DEMO_PASSWORD,
  DEMO_PROVIDERS,
  DemoEnterprise,
} from './demo-catalog.js';

/** Registration authority 9 (market regulation), type 1 (enterprise), region, organisation part. */
export function creditCodeOf(e: { regionCode: string; orgCode: string }): string {
  return makeCreditCode(`91${e.regionCode}${e.orgCode}`);
}

export const DEMO_ENTERPRISE_USER = 'enterprise-tianhe';

/**
 * Onboards the demo province through the public API, as providers' scripts would: providers
 * and their users, officials, enterprises, devices and one agent credential per enterprise.
 * Returns the agents for the simulator (their secrets are shown only here).
 */
export async function seedDemo(
  baseUrl: string,
  admin: { username: string; password: string },
): Promise<SimulatedAgent[]> {
  const operator = await new GripApiClient(baseUrl).login(admin.username, admin.password);
  const providers: GripApiClient[] = [];
  for (const p of DEMO_PROVIDERS) {
    const { id } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: p.name,
      creditCode: creditCodeOf(p),
    });
    await operator.request('POST', '/api/v1/users', {
      username: p.username,
      password: DEMO_PASSWORD,
      role: 'provider',
      providerId: id,
    });
    providers.push(await new GripApiClient(baseUrl).login(p.username, DEMO_PASSWORD));
  }
  for (const o of DEMO_OFFICIALS) {
    await operator.request('POST', '/api/v1/users', { ...o, password: DEMO_PASSWORD, role: 'official' });
  }

  const agents: SimulatedAgent[] = [];
  for (const [index, e] of DEMO_ENTERPRISES.entries()) {
    const provider = providers[e.provider]!;
    const { id } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: e.name,
      creditCode: creditCodeOf(e),
      regionCode: e.regionCode,
      industryCode: e.industryCode,
      sizeClass: e.sizeClass,
    });
    for (const device of devicesOf(e))
      await provider.request('POST', `/api/v1/enterprises/${id}/devices`, device);
    const { token } = await provider.request<{ token: string }>('POST', `/api/v1/enterprises/${id}/agents`);
    if (index === 0) {
      await provider.request('POST', '/api/v1/users', {
        username: DEMO_ENTERPRISE_USER,
        password: DEMO_PASSWORD,
        role: 'enterprise',
        enterpriseId: id,
      });
    }
    agents.push({ token, name: e.orgCode, devices: simulatedDevices(e) });
  }
  return agents;
}

function devicesOf(e: DemoEnterprise) {
  return [
    ...e.meters.map((m) => ({
      externalId: m.externalId,
      name: m.scope === 'site' ? `Site meter (${m.metric})` : `Workshop sub-meter (${m.metric})`,
      kind: 'meter',
      metrics: [m.metric],
      attributes: { meterScope: m.scope, ...(m.ratedPowerKw ? { ratedPowerKw: m.ratedPowerKw } : {}) },
    })),
    ...e.machines.map((m) => ({
      externalId: m.externalId,
      name: `Production machine ${m.externalId}`,
      kind: 'machine',
      metrics: ['equipment.state', 'production.count', 'production.good_count'],
      attributes: {
        productionEquipment: true,
        digital: true,
        numericalControl: m.commissionedYear >= 2000,
        robot: m.robot ?? false,
        keyProcess: true,
        commissionedYear: m.commissionedYear,
        idealCycleTimeS: m.idealCycleTimeS,
      },
    })),
  ];
}

function simulatedDevices(e: DemoEnterprise): SimulatedDevice[] {
  return [
    ...e.meters.map((m) => ({
      externalId: m.externalId,
      kind: 'meter' as const,
      metric: m.metric,
      profile: m.profile,
    })),
    ...e.machines.map((m) => ({
      externalId: m.externalId,
      kind: 'machine' as const,
      idealCycleTimeS: m.idealCycleTimeS,
    })),
  ];
}
