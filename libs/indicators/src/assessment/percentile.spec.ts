import { percentileScores } from './percentile.js';

describe('percentileScores', () => {
  it('scores distinct values by mid-rank: round(100·(2·worse + 1)/(2N))', () => {
    // N = 4: 100·1/8 = 12.5 → 13, 100·3/8 = 37.5 → 38, 62.5 → 63, 87.5 → 88 (halves round up).
    expect(percentileScores([30, 10, 40, 20], false)).toEqual([63, 13, 88, 38]);
    // Lower is better: the order reverses.
    expect(percentileScores([30, 10, 40, 20], true)).toEqual([38, 88, 13, 63]);
  });

  it('gives ties the same score: 20, 20 among 10, 20, 20, 40 → 100·(2·1 + 2)/8 = 50', () => {
    expect(percentileScores([10, 20, 20, 40], false)).toEqual([13, 50, 50, 88]);
    expect(percentileScores([5, 5, 5], false)).toEqual([50, 50, 50]);
    expect(percentileScores([7], true)).toEqual([50]);
  });

  it('clamps to 1…100: the worst of 200 is 0.25 → 1, the best 99.75 → 100', () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const scores = percentileScores(values, false);
    expect(scores[0]).toBe(1);
    expect(scores[199]).toBe(100);
    expect(scores[100]).toBe(50); // 100·(200 + 1)/400 = 50.25 → 50
  });
});
