import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('joins parts submitted together, and those arriving during a flush into the next one', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstFlushHeld = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number>(async (parts) => {
      groups.push([...parts]);
      if (groups.length === 1) await firstFlushHeld;
      return parts.map(() => undefined);
    });
    const first = [commit.submit(1), commit.submit(2)];
    await new Promise((r) => setImmediate(r));
    const later = [commit.submit(3), commit.submit(4)]; // while the first flush runs
    release();
    await Promise.all([...first, ...later]);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('gives each caller its own outcome, and every caller the error of a failed flush', async () => {
    const partly = new GroupCommit<number>(async (parts) =>
      parts.map((p) => (p === 2 ? new Error('bad 2') : undefined)),
    );
    const results = await Promise.allSettled([partly.submit(1), partly.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);

    const down = new GroupCommit<number>(async () => {
      throw new Error('ClickHouse down');
    });
    const failed = await Promise.allSettled([down.submit(1), down.submit(2)]);
    expect(failed.every((r) => r.status === 'rejected' && /down/.test(String(r.reason)))).toBe(true);
    // The next submission is flushed again (the group commit is not stuck after a failure).
    await expect(down.submit(3)).rejects.toThrow('ClickHouse down');
  });

  it('reports how long each part waited for its flush: the parts that came during a flush waited for it', async () => {
    let clock = 0;
    const waits: number[][] = [];
    let release!: () => void;
    const firstFlushHeld = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number>(
      async (parts) => {
        if (parts[0] === 1) await firstFlushHeld;
        return parts.map(() => undefined);
      },
      (waited) => waits.push([...waited]),
      () => clock,
    );
    const first = commit.submit(1);
    await new Promise((r) => setImmediate(r));
    clock = 100;
    const second = commit.submit(2); // arrives while the first insert runs
    clock = 350;
    release();
    await Promise.all([first, second]);
    expect(waits).toEqual([[0], [250]]);
  });
});
