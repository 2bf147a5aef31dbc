import { describeBusContract } from './bus.contract.js';
import { InProcessBus } from './in-process.bus.js';

describeBusContract('in-process', async () => new InProcessBus(1000), { publishAwaitsConsumers: true });

describe('InProcessBus back-pressure', () => {
  it('holds publishers while the topic is at capacity', async () => {
    const bus = new InProcessBus(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handled: number[] = [];
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      maxBatchMessages: 2,
      maxWaitMs: 1,
      handler: async (batch) => {
        await gate;
        handled.push(batch.length);
      },
    });
    const first = bus.publish('t', [
      { key: 'k', value: Buffer.from('1') },
      { key: 'k', value: Buffer.from('2') },
    ]);
    let secondDone = false;
    const second = bus.publish('t', [{ key: 'k', value: Buffer.from('3') }]).then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(handled).toEqual([2, 1]);
    await bus.close();
  });
});
