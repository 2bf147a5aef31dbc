import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { InProcessBus, type Bus } from '#grip/bus';
import { encodeTelemetryMessage, TELEMETRY_RAW_TOPIC } from '#grip/contracts';
import {
  ClickHouse,
  createClickHouse,
  DeadLetterStore,
  runClickHouseMigrations,
  TelemetryWriter,
} from '#grip/telemetry-store';
import { DeadLetterArchiveService } from '../../apps/telemetry-writer/src/dead-letter-archive.service.js';
import { TelemetryWriterService } from '../../apps/telemetry-writer/src/telemetry-writer.service.js';
import { WriterMetrics } from '../../apps/telemetry-writer/src/writer.metrics.js';
import { TestKafka } from './support/test-kafka.js';

// The writer on both buses against chDB: poison and refused messages reach the dead-letter
// archive with their reason and bytes while the rest flows; a ClickHouse that refuses writes
// for a while pauses the writer, and everything arrives once it recovers.
const kafka = new TestKafka();
let dataPath: string;
let base: ClickHouse;

beforeAll(async () => {
  await kafka.connect();
  dataPath = await mkdtemp(join(tmpdir(), 'grip-writer-'));
  base = createClickHouse({ database: 'writer_base', dataPath: join(dataPath, 'clickhouse') });
});

afterAll(async () => {
  await kafka.cleanUp();
  await base?.close();
  await rm(dataPath, { recursive: true, force: true });
});

const E1 = '0e000000-0000-4000-8000-000000000001';
const D1 = 'de000000-0000-4000-8000-000000000001';
const T0 = Date.parse('2026-01-05T00:00:00Z');

/** A batch of `n` points of one agent, as the gateway publishes it. */
function batch(batchNo: number, n: number, deviceId = D1) {
  const points = Array.from({ length: n }, (_, i) => ({
    deviceId,
    metric: 'electricity.active_energy',
    ts: T0 + (batchNo * 1000 + i) * 60_000,
    value: batchNo * 1000 + i,
  }));
  return {
    key: 'agent-1',
    ...encodeTelemetryMessage(
      { enterpriseId: E1, agentId: 'agent-1', batchId: `b${batchNo}`, receivedAt: Date.now() },
      points,
    ),
  };
}

describe.each([
  ['in-process', () => new InProcessBus(10_000)],
  ['Kafka', () => kafka.bus({ partitions: 2 })],
])('telemetry writer on the %s bus', (_driver, makeBus: () => Bus) => {
  let bus: Bus;
  let ch: ClickHouse;
  let metrics: Registry;
  let writer: TelemetryWriterService;
  let archive: DeadLetterArchiveService;
  let database: string;

  beforeEach(async () => {
    database = `writer_${Math.random().toString(36).slice(2, 10)}`;
    ch = new ClickHouse({ client: base.client, database, engine: 'chdb', chdb: base.chdb });
    await runClickHouseMigrations(ch);
    bus = makeBus();
    metrics = new Registry();
    archive = new DeadLetterArchiveService(bus, new DeadLetterStore(ch));
    writer = new TelemetryWriterService(
      bus,
      new TelemetryWriter(ch),
      { maxBatchMessages: 50, maxWaitMs: 20, maxInFlight: 2 },
      new WriterMetrics(metrics),
    );
    await archive.onApplicationBootstrap();
    await writer.onApplicationBootstrap();
  });

  afterEach(async () => {
    await writer.onApplicationShutdown();
    await archive.onApplicationShutdown();
    await bus.close();
  });

  const stored = async () => {
    const result = await ch.client.query({
      query: `SELECT count() AS n, sum(value) AS total FROM ${ch.table('telemetry_raw')} FINAL`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string; total: number }>();
    return { n: Number(row!.n), total: row!.total };
  };
  const counter = async (name: string) =>
    (await metrics.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);

  it('sends poison and refused messages to the dead-letter archive with their reason; the rest flows', async () => {
    const poison = { key: 'agent-1', value: Buffer.from('{"points":[]}') }; // an old JSON producer
    const refused = batch(2, 3, 'not-a-uuid'); // framed correctly, but ClickHouse cannot parse it
    await bus.publish(TELEMETRY_RAW_TOPIC, [batch(0, 10), poison, batch(1, 10), refused, batch(3, 10)]);

    // On Kafka, publish returns before the writer ran: wait for both letters to be archived.
    const letters = new DeadLetterStore(ch);
    let found: Awaited<ReturnType<DeadLetterStore['list']>> = [];
    await waitFor(async () => (found = await letters.list()).length === 2);
    expect(found.map((l) => l.reason).sort()).toEqual([
      expect.stringMatching(/^refused by ClickHouse: .*Code: 376/),
      'unknown format null',
    ]);
    const refusedLetter = found.find((l) => l.reason.startsWith('refused'))!;
    expect(refusedLetter.payload.equals(refused.value)).toBe(true); // the original bytes
    expect(refusedLetter.headers).toMatchObject({ batch: 'b2', points: '3' });
    expect(found.find((l) => l.reason === 'unknown format null')!.payload.toString()).toBe('{"points":[]}');

    await waitFor(async () => (await stored()).n === 30);
    expect(await stored()).toEqual({ n: 30, total: (0 + 9) * 5 + (1000 + 1009) * 5 + (3000 + 3009) * 5 });
    expect(await counter('writer_dead_letters_total')).toBe(2);
    // Every consumed batch reports how long it waited for the insert ahead of it.
    const exposition = await metrics.getSingleMetricAsString('writer_backpressure_wait_ms');
    expect(Number(/writer_backpressure_wait_ms_count (\d+)/.exec(exposition)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('pauses while ClickHouse refuses writes and stores everything once it recovers', async () => {
    const raw = ch.table('telemetry_raw');
    const away = ch.table('telemetry_raw_away');
    await ch.client.command({ query: `RENAME TABLE ${raw} TO ${away}` });
    // The in-process bus answers only once stored: do not wait for the publish here.
    const published = bus.publish(TELEMETRY_RAW_TOPIC, [batch(0, 10), batch(1, 10)]);
    published.catch(() => undefined);
    await waitFor(async () => (await counter('writer_insert_failures_total')) >= 2);
    await ch.client.command({ query: `RENAME TABLE ${away} TO ${raw}` });
    await published;
    await waitFor(async () => (await stored()).n === 20);
    expect(await stored()).toEqual({ n: 20, total: (0 + 9) * 5 + (1000 + 1009) * 5 });
    expect(await new DeadLetterStore(ch).list()).toEqual([]); // an outage is not poison
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the writer');
    await new Promise((r) => setTimeout(r, 100));
  }
}
