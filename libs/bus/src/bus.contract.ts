import { Bus, BusUnavailableError, ConsumedMessage } from './bus.js';

/** What a driver's publish promises, which decides how the contract observes delivery. */
export interface BusCapabilities {
  /**
   * True: publish resolves only once every subscribed group committed the messages, and refuses
   * when nothing consumes the topic (in-process). False: publish resolves once the messages are
   * stored, before any consumer handled them, and groups catch up on their own (Kafka).
   */
  readonly publishAwaitsConsumers: boolean;
}

/** How long a driver whose publish does not await consumers may take to deliver, in the contract. */
export const DELIVERY_TIMEOUT_MS = 20_000;

/** Runs `assertion` until it passes; after `timeoutMs` fails with its last error. */
export async function eventually(assertion: () => void, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The behaviour every bus driver must have. Each driver's spec calls this with a factory and
 * its capabilities; the Kafka driver runs the same cases against a real broker.
 */
export function describeBusContract(
  driver: string,
  makeBus: () => Promise<Bus>,
  capabilities: BusCapabilities,
): void {
  describe(`bus contract: ${driver}`, () => {
    let bus: Bus;
    beforeEach(async () => {
      bus = await makeBus();
    });
    afterEach(async () => {
      await bus.close();
    });

    const msg = (key: string, n: number) => ({ key, value: Buffer.from(`${key}:${n}`) });
    const text = (m: ConsumedMessage) => m.value.toString();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    /**
     * For the cases both kinds of driver share, called right after `await publish(…)`: when
     * publish awaits consumers, delivery is complete already and `delivered` must hold now;
     * otherwise it is polled until it holds.
     */
    const whenDelivered = async (delivered: () => void) =>
      capabilities.publishAwaitsConsumers ? delivered() : eventually(delivered);

    it('carries headers, and names each batch by its log so it can be recognised again', async () => {
      // Messages, not batches: the broker may hand both messages over in one batch or in two.
      const seen: { headers?: Readonly<Record<string, string>>; log: string; offset: number }[] = [];
      await bus.subscribe({
        topic: 't.headers',
        groupId: 'g',
        maxBatchMessages: 100,
        maxWaitMs: 5,
        handler: async (batch, info) => {
          for (const m of batch) seen.push({ headers: m.headers, log: info.log, offset: m.offset });
        },
      });
      await bus.publish('t.headers', [
        { ...msg('k', 1), headers: { reason: 'not JSON', 'source-offset': '7' } },
      ]);
      await bus.publish('t.headers', [msg('k', 2)]);
      await whenDelivered(() => expect(seen).toHaveLength(2));
      expect(seen[0]!.headers).toEqual({ reason: 'not JSON', 'source-offset': '7' });
      expect(seen[1]!.headers).toBeUndefined();
      // One key, one log: both messages name the same log, with increasing offsets.
      expect(new Set(seen.map((s) => s.log)).size).toBe(1);
      expect(seen[1]!.offset).toBeGreaterThan(seen[0]!.offset);
    });

    it('delivers each key in publish order, in batches of at most maxBatchMessages', async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      await bus.subscribe({
        topic: 't.order',
        groupId: 'g',
        maxBatchMessages: 10,
        maxWaitMs: 5,
        handler: async (batch) => {
          sizes.push(batch.length);
          seen.push(...batch.map(text));
        },
      });
      const published = Array.from({ length: 25 }, (_, i) => msg(i % 2 ? 'a' : 'b', i));
      await bus.publish('t.order', published);
      await whenDelivered(() => expect(seen).toHaveLength(25));
      for (const key of ['a', 'b']) {
        expect(seen.filter((s) => s.startsWith(`${key}:`))).toEqual(
          published.filter((m) => m.key === key).map((m) => m.value.toString()),
        );
      }
      expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    });

    it('offers a batch whose handler failed again, unchanged, until it succeeds, and skips nothing', async () => {
      const offered: string[][] = [];
      const stored: string[] = [];
      await bus.subscribe({
        topic: 't.retry',
        groupId: 'g',
        maxBatchMessages: 100,
        maxWaitMs: 1,
        handler: async (batch) => {
          offered.push(batch.map(text));
          if (offered.length < 3) throw new Error('storage down');
          stored.push(...batch.map(text));
        },
      });
      await bus.publish('t.retry', [msg('k', 1), msg('k', 2), msg('k', 3)]);
      await whenDelivered(() => expect(stored).toHaveLength(3));
      const all = ['k:1', 'k:2', 'k:3'];
      expect(offered).toEqual([all, all, all]);
      expect(stored).toEqual(all);
    });

    it('gives every group every message', async () => {
      const a: string[] = [];
      const b: string[] = [];
      const sub = (groupId: string, into: string[]) =>
        bus.subscribe({
          topic: 't.fanout',
          groupId,
          maxBatchMessages: 10,
          maxWaitMs: 1,
          handler: async (batch) => void into.push(...batch.map(text)),
        });
      await sub('one', a);
      await sub('two', b);
      await bus.publish('t.fanout', [msg('k', 1), msg('k', 2)]);
      await whenDelivered(() => expect([a.length, b.length]).toEqual([2, 2]));
      expect(a).toEqual(['k:1', 'k:2']);
      expect(b).toEqual(['k:1', 'k:2']);
    });

    if (capabilities.publishAwaitsConsumers) {
      describe('publish awaits consumers: it resolves once every group committed', () => {
        it('releases the publisher only after the handler committed', async () => {
          let stored = false;
          await bus.subscribe({
            topic: 't.commit',
            groupId: 'g',
            maxBatchMessages: 100,
            maxWaitMs: 20,
            handler: async () => {
              await sleep(50);
              stored = true;
            },
          });
          await bus.publish('t.commit', [msg('k', 1)]);
          expect(stored).toBe(true);
        });

        it('refuses to publish when nothing consumes the topic (BusUnavailableError)', async () => {
          await expect(bus.publish('t.nobody', [msg('k', 1)])).rejects.toBeInstanceOf(BusUnavailableError);
        });

        it('drains what it holds when a subscription stops', async () => {
          const stored: string[] = [];
          const subscription = await bus.subscribe({
            topic: 't.drain',
            groupId: 'g',
            maxBatchMessages: 1000,
            maxWaitMs: 60_000,
            handler: async (batch) => void stored.push(...batch.map(text)),
          });
          const publishing = bus.publish('t.drain', [msg('k', 1)]);
          await sleep(10);
          await subscription.stop();
          await publishing;
          expect(stored).toEqual(['k:1']);
        });
      });
    } else {
      describe('publish does not await consumers: it resolves once the messages are stored', () => {
        it('publish without consumers resolves and a group subscribing later receives it', async () => {
          await bus.publish('t.later', [msg('k', 1), msg('k', 2)]);
          const seen: string[] = [];
          await bus.subscribe({
            topic: 't.later',
            groupId: 'g',
            maxBatchMessages: 100,
            maxWaitMs: 10,
            handler: async (batch) => void seen.push(...batch.map(text)),
          });
          await eventually(() => expect(seen).toHaveLength(2));
          expect(seen).toEqual(['k:1', 'k:2']);
        });

        it(
          'stop lets the running batch finish and commit; a new member of the same group does not see ' +
            'committed messages again, and does see uncommitted ones',
          async () => {
            // One key, so one partition: a message seen again would come before the new ones.
            const member = (handler: (texts: string[]) => Promise<void>) =>
              bus.subscribe({
                topic: 't.members',
                groupId: 'g',
                maxBatchMessages: 100,
                maxWaitMs: 10,
                handler: (batch) => handler(batch.map(text)),
              });

            // 1. A member stopped while its handler runs: the batch finishes and is committed.
            let running = false;
            const stored: string[] = [];
            const first = await member(async (texts) => {
              running = true;
              await sleep(300);
              stored.push(...texts);
            });
            await bus.publish('t.members', [msg('k', 1), msg('k', 2)]);
            await eventually(() => expect(running).toBe(true));
            await first.stop();
            expect(stored).toEqual(['k:1', 'k:2']);

            // 2. The next member gets only what follows the commit; its handler keeps failing,
            // so it commits nothing before it stops.
            const offered: string[][] = [];
            const second = await member(async (texts) => {
              offered.push(texts);
              throw new Error('storage down');
            });
            await bus.publish('t.members', [msg('k', 3), msg('k', 4)]);
            await eventually(() => expect(offered.length).toBeGreaterThanOrEqual(2));
            await second.stop();
            expect(offered).toEqual(offered.map(() => ['k:3', 'k:4']));

            // 3. The member after it gets the uncommitted messages, and only those.
            const seen: string[] = [];
            await member(async (texts) => void seen.push(...texts));
            await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(2));
            expect(seen).toEqual(['k:3', 'k:4']);
          },
        );
      });
    }
  });
}
