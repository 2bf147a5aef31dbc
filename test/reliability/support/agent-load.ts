/**
 * An edge agent as the suite needs it: sends numbered batches one after another and retries
 * each (same batchId, same points) until the gateway answers 202, as a real agent does. What
 * counts as accepted is what the gateway said, never what was sent.
 */
export class AgentLoad {
  /** Batches answered 202, with the sum of their point values. */
  readonly accepted: { batchId: string; points: number; valueSum: number }[] = [];
  /** Every answer's status (0: no answer at all). */
  readonly statuses = new Map<number, number>();
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly url: () => string,
    private readonly token: string,
    private readonly devices: readonly string[],
    private readonly pointsPerBatch: number,
    private readonly startTs: number,
  ) {}

  get acceptedPoints(): number {
    return this.accepted.reduce((sum, b) => sum + b.points, 0);
  }

  get acceptedValueSum(): number {
    return this.accepted.reduce((sum, b) => sum + b.valueSum, 0);
  }

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Resolves once `more` further batches were accepted. */
  async waitForMore(more: number, timeoutMs = 120_000): Promise<void> {
    const target = this.accepted.length + more;
    const deadline = Date.now() + timeoutMs;
    while (this.accepted.length < target) {
      if (Date.now() > deadline) {
        throw new Error(
          `only ${this.accepted.length} of ${target} batches accepted; answers ${this.answers()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  answers(): string {
    return JSON.stringify(Object.fromEntries(this.statuses));
  }

  /** One attempt of a batch; the status (0 when the request failed without an answer). */
  async send(
    batchId: string,
    points: readonly object[],
  ): Promise<{ status: number; retryAfter: string | null }> {
    let status: number;
    let retryAfter: string | null = null;
    try {
      const response = await fetch(`${this.url()}/ingest/v1/telemetry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ batchId, points }),
        signal: AbortSignal.timeout(15_000),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    return { status, retryAfter };
  }

  /**
   * The points of batch `n`: every device's counter ten seconds further per point. An offset
   * moves them in time (e.g. before every batch of the loop, for points that must stay unique).
   */
  batch(
    n: number,
    tsOffsetMs = 0,
  ): {
    batchId: string;
    points: { device: string; metric: string; ts: string; value: number }[];
  } {
    const points = Array.from({ length: this.pointsPerBatch }, (_, i) => {
      const seq = n * this.pointsPerBatch + i;
      const device = this.devices[seq % this.devices.length]!;
      const step = Math.floor(seq / this.devices.length);
      return {
        device,
        metric: 'electricity.active_energy',
        ts: new Date(this.startTs + tsOffsetMs + step * 10_000).toISOString(),
        value: step * 10 + 0.5,
      };
    });
    return { batchId: `batch-${n}`, points };
  }

  private async loop(): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      const { batchId, points } = this.batch(n);
      // Once stopping, a batch that is not accepted yet is given up: it was never acknowledged.
      while (!this.stopping) {
        const { status } = await this.send(batchId, points);
        if (status === 202) {
          this.accepted.push({
            batchId,
            points: points.length,
            valueSum: points.reduce((s, p) => s + p.value, 0),
          });
          break;
        }
        if (status >= 400 && status < 500) throw new Error(`batch ${batchId} refused with ${status}`);
        await new Promise((r) => setTimeout(r, 200)); // 503, a restart, a dead socket: retry
      }
    }
  }
}
