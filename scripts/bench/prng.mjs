/** A small deterministic PRNG (xorshift32) in [0, 1): benchmarks rebuild exactly the same readings. */
export function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
