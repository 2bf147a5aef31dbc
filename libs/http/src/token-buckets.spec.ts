import { RecencyMap } from './recency-map.js';
import { TokenBuckets } from './token-buckets.js';

describe('TokenBuckets', () => {
  let clock: number;
  const buckets = (capacity: number, refillPerSecond: number, maxKeys?: number) =>
    new TokenBuckets({ capacity, refillPerSecond, maxKeys, now: () => clock });

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('allows a burst of the capacity, then refuses with the seconds until enough tokens are back', () => {
    const limiter = buckets(4, 2);
    for (let i = 0; i < 4; i++) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 3)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('refills at the sustained rate and never above the capacity', () => {
    const limiter = buckets(4, 2);
    expect(limiter.take('a', 4)).toEqual({ ok: true, remaining: 0 });
    clock += 500;
    expect(limiter.take('a')).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('a').ok).toBe(false);
    clock += 60_000;
    expect(limiter.take('a', 0)).toEqual({ ok: true, remaining: 4 });
  });

  it('charges nothing for a refused take', () => {
    const limiter = buckets(10, 10);
    limiter.take('a', 8);
    expect(limiter.take('a', 5).ok).toBe(false);
    expect(limiter.take('a', 2)).toEqual({ ok: true, remaining: 0 });
  });

  it('keeps one bucket per key', () => {
    const limiter = buckets(1, 1);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('mints no tokens when the clock steps back', () => {
    const limiter = buckets(2, 1);
    limiter.take('a', 2);
    clock -= 10_000;
    expect(limiter.take('a').ok).toBe(false);
  });

  it('refuses a cost no bucket could ever pay as a programming error', () => {
    expect(() => buckets(5, 1).take('a', 6)).toThrow(RangeError);
    expect(() => buckets(5, 1).take('a', -1)).toThrow(RangeError);
    expect(() => buckets(0, 1)).toThrow(RangeError);
  });

  it('forgets idle buckets (they would be full again) and stays within maxKeys', () => {
    const limiter = buckets(2, 1, 3);
    limiter.take('a');
    limiter.take('b');
    clock += 2_000; // a and b are full again: dropped on the next take
    limiter.take('c');
    expect(limiter.size).toBe(1);
    for (const key of ['d', 'e', 'f', 'g']) limiter.take(key, 2);
    expect(limiter.size).toBe(3);
    // the least recently used active bucket was forgotten: it comes back full
    expect(limiter.take('d').ok).toBe(true);
    expect(limiter.take('g').ok).toBe(false);
  });
});

describe('RecencyMap', () => {
  it('evicts the least recently set key beyond maxKeys', () => {
    const map = new RecencyMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
  });
});
