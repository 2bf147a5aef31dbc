import { AgentSightingRecorder } from './agent-sighting-recorder.js';

describe('AgentSightingRecorder', () => {
  it('writes at most once per agent per interval, without waiting for the write', async () => {
    let clock = 0;
    const writes: [string, number, string | undefined][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const recorder = new AgentSightingRecorder(
      {
        touchLastSeen: async (agentId, at, address) => {
          writes.push([agentId, at.getTime(), address]);
          await gate; // a slow database: seen() must return before this resolves
        },
      },
      () => undefined,
      60_000,
      () => clock,
    );
    recorder.seen('a', '10.0.0.1');
    recorder.seen('a', '10.0.0.2');
    recorder.seen('b', undefined);
    clock = 59_999;
    recorder.seen('a', '10.0.0.3');
    clock = 60_000;
    recorder.seen('a', '10.0.0.4');
    expect(writes).toEqual([
      ['a', 0, '10.0.0.1'],
      ['b', 0, undefined],
      ['a', 60_000, '10.0.0.4'],
    ]);
    release();
    await recorder.flush();
  });

  it('reports a failed write and tries again at the next sighting', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let writes = 0;
    const recorder = new AgentSightingRecorder(
      {
        touchLastSeen: async () => {
          writes += 1;
          if (fail) throw new Error('database down');
        },
      },
      (e) => errors.push(e),
    );
    recorder.seen('a', undefined);
    await recorder.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    recorder.seen('a', undefined);
    await recorder.flush();
    expect(writes).toBe(2);
  });
});
