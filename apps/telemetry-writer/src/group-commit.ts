/**
 * Joins the work that arrives while an insert runs into the next insert (group commit). The
 * Kafka consumer hands each partition's batch to its own handler call; each is small, and an
 * insert's fixed cost dominates small inserts (docs/benchmarks.md: 13.6 µs a row at 8k rows,
 * 5 µs at 200k). Each caller still waits for the insert holding its part, so a partition's
 * offsets are committed only after its rows are stored, in order.
 *
 * `flush` gets the parts of one group and answers per part: undefined when it was stored,
 * otherwise the error its caller gets.
 */
export class GroupCommit<T> {
  private pending: { part: T; queuedAt: number; settle: (error: unknown) => void }[] = [];
  private running = false;

  /**
   * `onGroupStart` hears, as each group's flush starts, how long each of its parts waited for
   * it (ms): a part that arrived during a flush waited for the store — the writer's back-pressure.
   */
  constructor(
    private readonly flush: (parts: readonly T[]) => Promise<readonly unknown[]>,
    private readonly onGroupStart: (waitedMs: readonly number[]) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  submit(part: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        part,
        queuedAt: this.now(),
        settle: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    // The partitions of one fetch call in within the same turn: let them join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      const startedAt = this.now();
      this.onGroupStart(group.map((g) => startedAt - g.queuedAt));
      let outcomes: readonly unknown[];
      try {
        outcomes = await this.flush(group.map((g) => g.part));
      } catch (error) {
        outcomes = group.map(() => error);
      }
      group.forEach((g, i) => g.settle(outcomes[i]));
    }
    this.running = false;
  }
}
