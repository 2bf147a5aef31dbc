import type { AgentSightings } from './agent-authenticator.js';

/** Where last-seen times go; the registry's AgentCredentialRepository implements it. */
export interface LastSeenStore {
  touchLastSeen(agentId: string, at: Date, address?: string): Promise<void>;
}

/**
 * Records when and from where each agent was last seen, at most once per agent per interval,
 * off the request's path: the write is started and never awaited, and a failed write is only
 * logged (the next interval tries again).
 */
export class AgentSightingRecorder implements AgentSightings {
  private readonly lastWritten = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: LastSeenStore,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  seen(agentId: string, sourceAddress: string | undefined): void {
    const now = this.now();
    const last = this.lastWritten.get(agentId);
    if (last !== undefined && now - last < this.intervalMs) return;
    if (this.lastWritten.size >= 100_000) this.prune(now);
    this.lastWritten.set(agentId, now);
    const write = this.store
      .touchLastSeen(agentId, new Date(now), sourceAddress)
      .catch((error: unknown) => {
        this.lastWritten.delete(agentId);
        this.onError(error);
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Waits for the writes in flight (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private prune(now: number): void {
    for (const [agentId, at] of this.lastWritten) {
      if (now - at >= this.intervalMs) this.lastWritten.delete(agentId);
    }
  }
}
