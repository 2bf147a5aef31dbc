/**
 * A Map bounded to `maxKeys` entries that forgets the least recently used ones first. Limiters
 * keep one entry per agent, user or username, so an attacker inventing keys must not be able to
 * grow memory without bound; what is forgotten is what was idle longest.
 *
 * Beyond the bound an eighth is dropped at once: V8 leaves deleted Map entries as holes that
 * every walk from the front skips until the table is rebuilt, so dropping one entry per insert
 * would walk those holes each time (measured: 35 µs against 0.7 µs per insert at 100,000 keys).
 */
export class RecencyMap<V> {
  private readonly entries = new Map<string, V>();
  private readonly evictCount: number;

  constructor(private readonly maxKeys: number) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('maxKeys must be a positive integer');
    this.evictCount = Math.ceil(maxKeys / 8);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores the value as the most recently used entry (a Map iterates in insertion order). */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxKeys) this.dropOldest(this.evictCount);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Drops entries from the least recently used end while `idle` says they hold nothing worth
   * keeping. Callers' entries go idle in the order they were last set, so the walk stops at the
   * first one still in use. It walks past holes too: call it now and then, not on every set.
   */
  prune(idle: (value: V) => boolean): void {
    for (const [key, value] of this.entries) {
      if (!idle(value)) return;
      this.entries.delete(key);
    }
  }

  private dropOldest(count: number): void {
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--count <= 0) return;
    }
  }
}
