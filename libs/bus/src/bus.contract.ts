import { Bus, BusUnavailableError, ConsumedMessage } from './bus.js';

/**
 * The behaviour every bus driver must have. Each driver's spec calls this with a factory;
 * the Kafka driver runs the same cases against a real broker.
 */
export function describeBusContract(driver: string, makeBus: () => Promise<Bus>): void {
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

    it('delivers each key in publish order, in batches', async () => {
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
      expect(seen.filter((s) => s.startsWith('a'))).toEqual(
        published.filter((m) => m.key === 'a').map((m) => m.value.toString()),
      );
      expect(seen).toHaveLength(25);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    });

    it('releases the publisher only after the handler committed', async () => {
      let stored = false;
      await bus.subscribe({
        topic: 't.commit',
        groupId: 'g',
        maxBatchMessages: 100,
        maxWaitMs: 20,
        handler: async () => {
          await new Promise((r) => setTimeout(r, 50));
          stored = true;
        },
      });
      await bus.publish('t.commit', [msg('k', 1)]);
      expect(stored).toBe(true);
    });

    it('redelivers a batch whose handler failed, and skips nothing', async () => {
      let attempts = 0;
      const stored: string[] = [];
      await bus.subscribe({
        topic: 't.retry',
        groupId: 'g',
        maxBatchMessages: 100,
        maxWaitMs: 1,
        handler: async (batch) => {
          attempts += 1;
          if (attempts < 3) throw new Error('storage down');
          stored.push(...batch.map(text));
        },
      });
      await bus.publish('t.retry', [msg('k', 1), msg('k', 2)]);
      expect(attempts).toBe(3);
      expect(stored).toEqual(['k:1', 'k:2']);
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
      expect(a).toEqual(['k:1', 'k:2']);
      expect(b).toEqual(['k:1', 'k:2']);
    });

    it('refuses to publish when nothing consumes the topic', async () => {
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
      await new Promise((r) => setTimeout(r, 10));
      await subscription.stop();
      await publishing;
      expect(stored).toEqual(['k:1']);
    });
  });
}
