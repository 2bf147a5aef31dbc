// Load generation: onboarding over the public API, the deterministic meter readings, the
// agents' pre-serialised request bodies, and N agents pushing them over HTTP.
import { pct, sleep } from './common.mjs';
import { api, login, makeCreditCode } from '../api.mjs';
import { prng } from '../prng.mjs';

export const METRIC = 'electricity.active_energy';
export const ADMIN = { user: 'bench-ops', password: 'bench-operator-password-1' };
const PROVIDER = { user: 'bench-provider', password: 'bench-provider-password-1' };

/** Operator → provider → provider user → one enterprise, `devices` site meters and an agent per agent. */
export async function onboard(url, { agents, devices }) {
  const operator = await login(url, ADMIN.user, ADMIN.password);
  const provider = await api(url, operator, 'POST', '/api/v1/providers', {
    name: '基准测试工业互联网服务有限公司',
    creditCode: makeCreditCode(`91440106MA5BNP${'001'}`),
  });
  await api(url, operator, 'POST', '/api/v1/users', {
    username: PROVIDER.user,
    password: PROVIDER.password,
    role: 'provider',
    providerId: provider.id,
  });
  const token = await login(url, PROVIDER.user, PROVIDER.password);
  const regions = ['440106', '440305', '440606', '440402', '440703', '441302', '440604', '440113'];
  const industries = ['C3851', 'C3399', 'C3981', 'C3432', 'C3041', 'C3089'];
  const enterprises = [];
  for (let a = 0; a < agents; a++) {
    const region = regions[a % regions.length];
    const enterprise = await api(url, token, 'POST', '/api/v1/enterprises', {
      name: `基准测试第${a + 1}制造有限公司`,
      creditCode: makeCreditCode(`9144${region.slice(2)}MA5BN${String(a).padStart(4, '0')}`),
      regionCode: region,
      industryCode: industries[a % industries.length],
      sizeClass: 'large',
    });
    const deviceIds = [];
    for (let d = 0; d < devices; d++) {
      const meter = meterProfile(a, d);
      const device = await api(url, token, 'POST', `/api/v1/enterprises/${enterprise.id}/devices`, {
        externalId: deviceName(d),
        name: `${d + 1}# 进线柜电能表`,
        kind: 'meter',
        metrics: [METRIC],
        attributes: { meterScope: 'site', ratedPowerKw: meter.ratedPowerKw },
      });
      deviceIds.push(device.id);
    }
    const agent = await api(url, token, 'POST', `/api/v1/enterprises/${enterprise.id}/agents`);
    enterprises.push({ id: enterprise.id, deviceIds, agentToken: agent.token });
  }
  return { providerToken: token, enterprises };
}

// ---------------------------------------------------------------- the readings

const deviceName = (d) => `meter-${String(d + 1).padStart(2, '0')}`;

/** A feeder meter: its mean load (kW), its declared rated power and its counter at the start (kWh). */
function meterProfile(a, d) {
  const r = prng(1000 * a + d + 1);
  const meanKw = 150 + Math.round(r() * 850);
  return { meanKw, ratedPowerKw: meanKw * 3, start: Math.round(r() * 5_000_000 * 10) / 10 };
}

/**
 * The agent's readings in the order it sends them: second by second, every meter once a
 * second. The counter grows by the load (mean ± 30 %) over one second, in kWh with 3
 * decimals, so every reading is larger than the one before and no step is an outlier.
 */
export function* readings(a, count, startSec, devices) {
  const meters = Array.from({ length: devices }, (_, d) => ({
    ...meterProfile(a, d),
    rand: prng(7919 * (a + 1) + d),
  }));
  const kwh = meters.map((m) => m.start);
  for (let j = 0; j < count; j++) {
    const d = j % devices;
    const m = meters[d];
    kwh[d] += (m.meanKw * (0.7 + 0.6 * m.rand())) / 3600;
    yield { d, sec: startSec + Math.floor(j / devices), value: Math.round(kwh[d] * 1000) / 1000 };
  }
}

/** A reading as the row the writer stores, for the ceilings that skip the platform. */
export const rowOf = (enterprise, r) => ({
  enterpriseId: enterprise.id,
  deviceId: enterprise.deviceIds[r.d],
  metric: METRIC,
  ts: r.sec * 1000,
  value: r.value,
});

/** Points per agent: `points` spread as evenly as possible. */
export const splitPoints = (points, agents) =>
  Array.from({ length: agents }, (_, a) => Math.floor(points / agents) + (a < points % agents ? 1 : 0));

/** The agent's request bodies, serialised before the clock starts. */
export function buildBodies(a, count, startSec, { devices, batch, tag = '' }) {
  const bodies = [];
  const names = Array.from(
    { length: devices },
    (_, d) => `{"device":"${deviceName(d)}","metric":"${METRIC}","ts":"`,
  );
  let lastSec = NaN;
  let iso = '';
  let text = '';
  let n = 0;
  const flush = () => {
    bodies.push(Buffer.from(`{"batchId":"bench${tag}-a${a}-${bodies.length}","points":[${text}]}`));
    text = '';
    n = 0;
  };
  for (const r of readings(a, count, startSec, devices)) {
    if (r.sec !== lastSec) {
      iso = new Date(r.sec * 1000).toISOString();
      lastSec = r.sec;
    }
    text += (n ? ',' : '') + names[r.d] + iso + '","value":' + r.value + '}';
    if (++n === batch) flush();
  }
  if (n) flush();
  return bodies;
}

// ---------------------------------------------------------------- pushing

/**
 * Every agent sends its bodies one at a time (keep-alive fetch) until each got a 202.
 * Closed loop by default; with `ratePerS` open loop: request i of every agent is due at
 * i × (agents × batch ÷ rate) after the start, so the offered load is fixed and a slow
 * platform shows as latency, not as a lower rate. `gateways` are spread over the agents. With
 * `seconds`, agents send nothing new after that many seconds.
 */
export async function pushAll(gateways, setup, bodies, { ratePerS, batch, seconds } = {}) {
  const latencies = [];
  let accepted = 0;
  let retries = 0;
  let firstSendAt;
  let lastAckAt = 0;
  const start = performance.now();
  const interval = ratePerS ? (bodies.length * batch * 1000) / ratePerS : 0;
  const stopAt = seconds ? start + seconds * 1000 : Infinity;
  const agent = async (a) => {
    const url = gateways[a % gateways.length];
    const auth = `Bearer ${setup.enterprises[a].agentToken}`;
    for (let i = 0; i < bodies[a].length && performance.now() < stopAt; i++) {
      const body = bodies[a][i];
      if (interval) {
        const due = start + i * interval + (a * interval) / bodies.length;
        if (due > performance.now()) await sleep(due - performance.now());
      }
      for (let attempt = 0; ; attempt++) {
        const sentAt = performance.now();
        firstSendAt ??= sentAt;
        let response;
        let text;
        try {
          response = await fetch(`${url}/ingest/v1/telemetry`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: auth },
            body,
          });
          text = await response.text();
        } catch (error) {
          // A keep-alive socket closed under us: send the same batch again. Only a 202 counts,
          // and a point stored twice is one point in storage (its identity deduplicates it).
          if (attempt >= 2) throw error;
          retries++;
          continue;
        }
        const doneAt = performance.now();
        if (response.status === 202) {
          const result = JSON.parse(text);
          if (result.rejected.length)
            throw new Error(`points rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
          accepted += result.accepted;
          latencies.push(doneAt - sentAt);
          lastAckAt = Math.max(lastAckAt, doneAt);
          break;
        }
        if ((response.status === 503 || response.status === 429) && attempt < 5) {
          retries++;
          const wait = Number(response.headers.get('retry-after') ?? 1);
          await sleep(Math.min(wait, 5) * 1000);
          continue;
        }
        throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(bodies.map((_, a) => agent(a)));
  latencies.sort((x, y) => x - y);
  return {
    accepted,
    retries,
    requests: latencies.length,
    wallMs: lastAckAt - firstSendAt,
    firstSendAt,
    lastAckAt,
    latency: { p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), max: latencies.at(-1) },
  };
}
