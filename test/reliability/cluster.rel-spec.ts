import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { makeCreditCode } from '#grip/contracts';
import { ClickHouse, createClickHouse, EnergyQueries } from '#grip/telemetry-store';
import { GripApiClient } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, startPlatform } from '../e2e/support/platform-process.js';
import { AgentLoad } from './support/agent-load.js';
import { freePort } from './support/free-port.js';
import { PrivateKafka } from './support/private-kafka.js';
import { createTestDatabase } from './support/test-database.js';

// The cluster layout on one machine: the gateway (with the admin API) and the writer as
// separate processes on a broker of the suite's own, the registry on PostgreSQL 15. Each of
// them is killed with SIGKILL while an agent keeps sending; at the end every point the agent
// was told was accepted is stored, once.
const root = mkdtempSync(join(tmpdir(), 'grip-reliability-'));
const ADMIN = { GRIP_ADMIN_USER: 'ops', GRIP_ADMIN_PASSWORD: 'reliability-operator-password' };
const PREFIX = `rel${randomBytes(3).toString('hex')}.`;
const START_TS = Date.now() - 20 * 86_400_000;

let kafka: PrivateKafka;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let common: Record<string, string>;
let gatewayPort: number;
let gateway: PlatformProcess | undefined;
let writer: PlatformProcess | undefined;
const writerDir = join(root, 'writer');

const startGateway = async () =>
  (gateway = await startPlatform({
    ...common,
    ...ADMIN,
    ROLES: 'admin-api,ingest-gateway',
    PORT: String(gatewayPort),
    DATA_DIR: join(root, 'gateway'),
  }));
const startWriter = async () =>
  (writer = await startPlatform({ ...common, ROLES: 'telemetry-writer', DATA_DIR: writerDir }));

beforeAll(async () => {
  kafka = new PrivateKafka(await freePort(true), join(root, 'kafka'));
  [database] = await Promise.all([createTestDatabase(), kafka.start()]);
  gatewayPort = await freePort();
  common = {
    BUS: 'kafka',
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_TOPIC_PREFIX: PREFIX,
    KAFKA_PARTITIONS: '3',
    DATABASE_URL: database.url,
    GRIP_JWT_SECRET: randomBytes(32).toString('hex'),
    INGEST_RATE_POINTS_PER_S: '1000000',
    INGEST_RATE_REQUESTS_PER_S: '10000',
  };
  await Promise.all([startGateway(), startWriter()]);
});

afterAll(async () => {
  await Promise.allSettled([gateway?.stop(), writer?.stop()]);
  await kafka?.stop().catch(() => undefined);
  await database?.drop().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

/** Provider, enterprise, four site meters and an agent, through the admin API. */
async function onboard(url: string) {
  const operator = await new GripApiClient(url).login(ADMIN.GRIP_ADMIN_USER, ADMIN.GRIP_ADMIN_PASSWORD);
  const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
    name: 'Reliability provider',
    creditCode: makeCreditCode('91440101MA5RELP01'),
  });
  await operator.request('POST', '/api/v1/users', {
    username: 'rel-provider',
    password: 'rel-provider-password',
    role: 'provider',
    providerId,
  });
  const provider = await new GripApiClient(url).login('rel-provider', 'rel-provider-password');
  const { id: enterpriseId } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
    name: 'Reliability works',
    creditCode: makeCreditCode('91440106MA5RELE01'),
    regionCode: '440106',
    industryCode: 'C3851',
  });
  const devices = ['m0', 'm1', 'm2', 'm3'];
  for (const externalId of devices) {
    await provider.request('POST', `/api/v1/enterprises/${enterpriseId}/devices`, {
      externalId,
      name: externalId,
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    });
  }
  const issue = () =>
    provider.request<{ agentId: string; token: string }>(
      'POST',
      `/api/v1/enterprises/${enterpriseId}/agents`,
      {},
    );
  return { provider, enterpriseId, devices, issue };
}

/** Waits until the writer's group committed everything on telemetry.raw. */
async function writerCaughtUp(timeoutMs = 120_000): Promise<void> {
  const admin = new kafkajs.Kafka({
    clientId: 'grip-rel',
    brokers: [kafka.brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topic = `${PREFIX}telemetry.raw`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: `${PREFIX}telemetry-writer`, topics: [topic] });
      const behind = ends.reduce((sum, end) => {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return sum + Number(end.offset) - Math.max(0, Number(at));
      }, 0);
      if (behind === 0) return;
      if (Date.now() > deadline) throw new Error(`the writer is still ${behind} messages behind`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

describe('cluster mode on Kafka', () => {
  let fixture: Awaited<ReturnType<typeof onboard>>;
  beforeAll(async () => {
    fixture = await onboard(`http://127.0.0.1:${gatewayPort}`);
  });

  it('refuses a revoked agent credential in another gateway process within a second', async () => {
    const second = await startPlatform({
      ...common,
      ROLES: 'ingest-gateway',
      DATA_DIR: join(root, 'gateway-2'),
    });
    try {
      const { agentId, token } = await fixture.issue();
      const agent = new AgentLoad(() => second.url, token, fixture.devices, 10, START_TS);
      const batch = agent.batch(0);
      // Authenticated once in the second gateway, so its credential cache holds the agent.
      expect((await agent.send(batch.batchId, batch.points)).status).toBe(202);

      await fixture.provider.request('DELETE', `/api/v1/agents/${agentId}`);
      const revokedAt = Date.now();
      let status = 202;
      while (status === 202 && Date.now() - revokedAt < 10_000) {
        ({ status } = await agent.send(batch.batchId, batch.points));
      }
      const elapsed = Date.now() - revokedAt;
      process.stderr.write(`reliability: revoked agent refused by the second gateway after ${elapsed} ms\n`);
      expect(status).toBe(401);
      expect(elapsed).toBeLessThan(1_000);
    } finally {
      await second.stop();
    }
  });

  it('stores every acknowledged point exactly once through SIGKILLs of the writer, the gateway and the broker', async () => {
    const { devices, issue } = fixture;
    const { token } = await issue();
    const load = new AgentLoad(() => `http://127.0.0.1:${gatewayPort}`, token, devices, 200, START_TS);
    load.start();
    const phases: string[] = [];
    let last = Date.now();
    const phase = (name: string) => {
      phases.push(`${name} ${Date.now() - last} ms`);
      process.stderr.write(`reliability: ${name} after ${Date.now() - last} ms; answers ${load.answers()}\n`);
      last = Date.now();
    };
    try {
      await load.waitForMore(15);
      phase('warm-up');

      await writer!.kill(); // the writer dies mid-stream; the gateway keeps accepting into Kafka
      await load.waitForMore(10);
      await startWriter();
      phase('writer killed and restarted');
      await load.waitForMore(10);

      await gateway!.kill(); // the agent's requests fail until it is back on the same port
      await startGateway();
      await load.waitForMore(10);
      phase('gateway killed and restarted');

      await kafka.kill(); // nothing can be acknowledged now
      // A batch sent now and never retried: the day before every other point, so the final
      // count shows whether any of it was stored.
      const probe = load.batch(0, -86_400_000);
      const answer = await load.send('probe', probe.points);
      expect(answer).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      await kafka.start();
      phase('broker killed and restarted');
      await load.waitForMore(10);
      phase('flowing again');
    } finally {
      await load.stop();
    }
    expect(load.statuses.get(503)).toBeGreaterThan(0);
    console.log(`phases: ${phases.join(', ')}; answers ${load.answers()}; ${load.accepted.length} batches`);

    await writerCaughtUp();
    await writer!.stop(); // SIGTERM: drains, commits, releases chDB for the check below
    writer = undefined;
    const ch = createClickHouse({ database: 'grip', dataPath: join(writerDir, 'clickhouse') });
    try {
      const stored = await count(ch);
      expect(stored).toEqual({ points: load.acceptedPoints, valueSum: round(load.acceptedValueSum) });
      // The rollups saw every replay too (the writer was killed between insert and commit):
      // consumption read from them equals consumption read from the deduplicated raw rows.
      const consumption = await consumptionBothWays(ch);
      expect(consumption.fromRollups).toEqual(consumption.fromRaw);
      expect(consumption.fromRaw.length).toBeGreaterThan(0);
    } finally {
      await ch.close();
    }
  });
});

async function consumptionBothWays(ch: ClickHouse) {
  const result = await ch.client.query({
    query: `SELECT DISTINCT toString(enterprise_id) AS e, toString(device_id) AS d FROM ${ch.table('telemetry_raw')}`,
    format: 'JSONEachRow',
  });
  const series = await result.json<{ e: string; d: string }>();
  const hour = 3_600_000;
  const query = {
    enterpriseId: series[0]!.e,
    from: new Date(Math.floor((START_TS - 2 * 86_400_000) / hour) * hour),
    to: new Date(Math.ceil(Date.now() / hour) * hour),
    granularity: 'day' as const,
    meters: series.map((s) => ({ deviceId: s.d, metric: 'electricity.active_energy' })),
  };
  const energy = new EnergyQueries(ch);
  const [fromRaw, fromRollups] = await Promise.all([
    energy.counterConsumption(query),
    energy.counterConsumptionFromRollups(query),
  ]);
  // Readings differ by design (rollups count distinct minutes, docs/storage.md): compare the rest.
  const comparable = (rows: typeof fromRaw) =>
    rows
      .map(({ readings: _readings, ...rest }) => rest)
      .sort((a, b) => (a.deviceId + a.bucket).localeCompare(b.deviceId + b.bucket));
  return { fromRaw: comparable(fromRaw), fromRollups: comparable(fromRollups) };
}

async function count(ch: ClickHouse): Promise<{ points: number; valueSum: number }> {
  const result = await ch.client.query({
    query: `SELECT count() AS points, sum(value) AS valueSum FROM ${ch.table('telemetry_raw')} FINAL`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ points: string; valueSum: number }>();
  return { points: Number(row!.points), valueSum: round(row!.valueSum) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
