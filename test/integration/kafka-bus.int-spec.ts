import net from 'node:net';
import { describeBusContract, eventually } from '../../libs/bus/src/bus.contract.js';
import { BusUnavailableError, ConsumedMessage, KafkaBus } from '../../libs/bus/src/index.js';
import { quiet, TestKafka } from './support/test-kafka.js';

const kafka = new TestKafka();
const kafkaBus = (options?: Parameters<TestKafka['bus']>[0]) => kafka.bus(options);
const admin = kafka.admin;
const prefixes = kafka.prefixes;

beforeAll(() => kafka.connect());
afterAll(() => kafka.cleanUp());

// The shared contract (libs/bus/src/bus.contract.ts). Kafka's publish resolves at the broker's
// acknowledgement, before any consumer handled the messages (bus.ts).
describeBusContract('kafka', async () => kafkaBus(), { publishAwaitsConsumers: false });

// What only Kafka has: broker outages, partitions, several members in one group.
describe('KafkaBus against a real broker', () => {
  let bus: KafkaBus;
  afterEach(async () => {
    await bus?.close();
  });

  const msg = (key: string, n: number) => ({ key, value: Buffer.from(`${key}:${n}`) });
  const text = (m: ConsumedMessage) => m.value.toString();
  const collect = (into: string[], groupId: string) =>
    bus.subscribe({
      topic: 't',
      groupId,
      maxBatchMessages: 100,
      maxWaitMs: 10,
      handler: async (batch) => void into.push(...batch.map(text)),
    });

  it('rejects a publish to an unreachable broker with BusUnavailableError, quickly', async () => {
    bus = new KafkaBus({
      brokers: ['127.0.0.1:1'],
      clientId: 'grip-test',
      topicPrefix: 'unreachable.',
      logger: quiet,
    });
    const started = Date.now();
    await expect(bus.publish('t', [msg('k', 1)])).rejects.toBeInstanceOf(BusUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects a publish to a broker that never answers within ~5 s', async () => {
    const silent = net.createServer(() => undefined); // accepts connections, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    bus = new KafkaBus({
      brokers: [`127.0.0.1:${port}`],
      clientId: 'grip-test',
      topicPrefix: 'unreachable.',
      logger: quiet,
    });
    const started = Date.now();
    try {
      await expect(bus.publish('t', [msg('k', 1)])).rejects.toBeInstanceOf(BusUnavailableError);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });

  it('keeps per-key order when the keys spread over 2 partitions, in batches of at most maxBatchMessages', async () => {
    bus = kafkaBus({ partitions: 2 });
    const keys = ['meter-1', 'meter-2', 'meter-3', 'meter-4', 'meter-5', 'meter-6'];
    const seen: ConsumedMessage[] = [];
    const sizes: number[] = [];
    await bus.subscribe({
      topic: 'order',
      groupId: 'g',
      maxBatchMessages: 7,
      maxWaitMs: 10,
      handler: async (batch) => {
        sizes.push(batch.length);
        seen.push(...batch);
      },
    });
    for (let round = 0; round < 5; round++) {
      await bus.publish(
        'order',
        Array.from({ length: 40 }, (_, i) => msg(keys[i % keys.length], round * 40 + i)),
      );
    }
    await eventually(() => expect(seen).toHaveLength(200));
    for (const key of keys) {
      const numbers = seen.filter((m) => m.key === key).map((m) => Number(text(m).split(':')[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    // Both partitions were really used, so the order above held across partitions.
    const partitions = await admin.fetchTopicOffsets(`${prefixes[prefixes.length - 1]}order`);
    expect(partitions.filter((p) => Number(p.high) > 0)).toHaveLength(2);
  });

  it('shares a group between its members: each handles part, together every message', async () => {
    bus = kafkaBus();
    const memberA: string[] = [];
    const memberB: string[] = [];
    // subscribe resolves once the member joined and got its partitions: 3 of the 6 each.
    await collect(memberA, 'writer');
    await collect(memberB, 'writer');
    // These 12 keys fall in 4 of the 6 partitions (murmur2), so each member gets some.
    const published = Array.from({ length: 60 }, (_, i) => msg(`device-${i % 12}`, i));
    await bus.publish('t', published);
    await eventually(() =>
      expect(new Set([...memberA, ...memberB])).toEqual(new Set(published.map((m) => m.value.toString()))),
    );
    expect(memberA.length).toBeGreaterThan(0);
    expect(memberB.length).toBeGreaterThan(0);
  });
});
