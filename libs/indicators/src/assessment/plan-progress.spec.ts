import { planProgress, splitTargetByShares } from './plan-progress.js';

describe('splitTargetByShares', () => {
  it('splits exactly when the quotas are whole: 8,200 × 0.3 / 0.3 / 0.4', () => {
    expect(splitTargetByShares(8200, { '440100': 0.3, '440300': 0.3, '440400': 0.4 })).toEqual({
      '440100': 2460,
      '440300': 2460,
      '440400': 3280,
    });
  });

  it('gives the units left to the largest remainders: 7 × ½, ¼, ¼ → 3.5, 1.75, 1.75 → 3, 2, 2', () => {
    expect(splitTargetByShares(7, { '440300': 0.5, '440100': 0.25, '440200': 0.25 })).toEqual({
      '440100': 2,
      '440200': 2,
      '440300': 3,
    });
  });

  it('breaks equal remainders by city code: 10 in thirds → 4, 3, 3 to the lowest code', () => {
    expect(splitTargetByShares(10, { '440500': 1 / 3, '440100': 1 / 3, '440300': 1 / 3 })).toEqual({
      '440100': 4,
      '440300': 3,
      '440500': 3,
    });
  });

  it('normalises shares summing below 1 and always sums to the total', () => {
    expect(splitTargetByShares(10, { a: 0.2, b: 0.2 })).toEqual({ a: 5, b: 5 });
    const shares = { c1: 0.137, c2: 0.291, c3: 0.05, c4: 0.333, c5: 0.189 };
    for (const total of [0, 1, 99, 8300, 10000]) {
      const split = splitTargetByShares(total, shares);
      expect(Object.values(split).reduce((s, v) => s + v, 0)).toBe(total);
    }
  });

  it('refuses a fractional total, negative shares and shares summing to 0', () => {
    expect(() => splitTargetByShares(10.5, { a: 1 })).toThrow(RangeError);
    expect(() => splitTargetByShares(10, { a: -0.1, b: 1 })).toThrow(RangeError);
    expect(() => splitTargetByShares(10, { a: 0 })).toThrow(RangeError);
    expect(() => splitTargetByShares(10, {})).toThrow(RangeError);
  });
});

describe('planProgress', () => {
  it('is actual ÷ target, null without an actual or for a target of 0', () => {
    const rows = planProgress(
      [
        { metric: 'retrofits_started', regionCode: '440000', year: 2019, target: 8300 },
        { metric: 'enterprises_on_cloud', regionCode: '440000', year: 2019, target: 10000 },
        { metric: 'green_factories', regionCode: '440000', year: 2019, target: 0 },
      ],
      { retrofits_started: 4150, green_factories: 3 },
    );
    expect(rows).toEqual([
      {
        metric: 'retrofits_started',
        regionCode: '440000',
        year: 2019,
        target: 8300,
        actual: 4150,
        progress: 0.5,
      },
      {
        metric: 'enterprises_on_cloud',
        regionCode: '440000',
        year: 2019,
        target: 10000,
        actual: null,
        progress: null,
      },
      { metric: 'green_factories', regionCode: '440000', year: 2019, target: 0, actual: 3, progress: null },
    ]);
  });
});
