import { studentTCdf, studentTQuantile } from './student-t.js';

describe('studentTQuantile', () => {
  it('matches the closed form for one degree of freedom (Cauchy: t = tan(π(p − ½)))', () => {
    for (const p of [0.6, 0.84, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
    }
  });

  it('matches the closed form for two degrees of freedom (t = (2p − 1)·sqrt(2 / (4p(1 − p))))', () => {
    for (const p of [0.6, 0.84, 0.975, 0.999]) {
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), 9);
    }
  });

  it('matches printed tables', () => {
    // Two-sided 95 %, 10 df: 2.2281 (every t table); 68 % two-sided, 10 df: by the Cornish–Fisher
    // expansion z + (z³+z)/(4ν) + (5z⁵+16z³+3z)/(96ν²) with z = 0.99446: 0.99446 + 0.04945 + 0.00246 = 1.0464.
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
    expect(studentTQuantile(0.84, 10)).toBeCloseTo(1.0464, 3);
    expect(studentTQuantile(0.995, 30)).toBeCloseTo(2.749996, 6);
  });

  it('tends to the normal quantile: Φ⁻¹(0.84) = 0.994458, Φ⁻¹(0.975) = 1.959964', () => {
    expect(studentTQuantile(0.84, Infinity)).toBeCloseTo(0.9944578832, 8);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963985, 8);
    expect(studentTQuantile(0.84, 1e6)).toBeCloseTo(0.9944578832, 5);
  });

  it('is odd around p = ½ and inverts its CDF', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.16, 7)).toBeCloseTo(-studentTQuantile(0.84, 7), 12);
    for (const df of [1, 3.5, 12, 363]) {
      expect(studentTCdf(studentTQuantile(0.84, df), df)).toBeCloseTo(0.84, 12);
    }
  });

  it('rejects p outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.84, 0)).toThrow(RangeError);
  });
});
