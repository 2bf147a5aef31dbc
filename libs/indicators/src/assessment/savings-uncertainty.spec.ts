import { effectivePoints, fractionalSavingsUncertainty } from './savings-uncertainty.js';
import { studentTQuantile } from './student-t.js';

describe('fractional savings uncertainty', () => {
  it('corrects for positive autocorrelation: ρ = 0.5 → n′ = n·0.5/1.5 = n/3', () => {
    expect(effectivePoints(36, 0.5)).toBeCloseTo(12, 12);
    // n = 36, p = 2, CV = 0.1, m = 12, F = 0.2: FSU = t(0.84, 34)·1.26·0.1·sqrt(3·(1 + 2/12)/12)/0.2
    //   = t·1.26·0.1·sqrt(0.2916667)/0.2 = t·0.340244…
    const u = fractionalSavingsUncertainty({
      cvRmse: 0.1,
      n: 36,
      p: 2,
      rho: 0.5,
      m: 12,
      fractionalSavings: 0.2,
      confidence: 0.68,
    });
    const t = studentTQuantile(0.84, 34);
    expect(u.tValue).toBe(t);
    expect(u.nEffective).toBeCloseTo(12, 12);
    expect(u.fsu).toBeCloseTo((t * 1.26 * 0.1 * Math.sqrt((3 * (1 + 2 / 12)) / 12)) / 0.2, 12);
  });

  it('clamps ρ ≤ 0 to 0 (n′ = n): negative autocorrelation claims no extra information', () => {
    const at = (rho: number) =>
      fractionalSavingsUncertainty({
        cvRmse: 0.1,
        n: 12,
        p: 2,
        rho,
        m: 12,
        fractionalSavings: 0.1,
        confidence: 0.68,
      });
    expect(at(-0.4)).toEqual(at(0));
    expect(at(-0.4).nEffective).toBe(12);
    expect(at(-0.4).rhoUsed).toBe(0);
  });

  it('is relative to |F| and infinite when nothing was saved', () => {
    const at = (f: number) =>
      fractionalSavingsUncertainty({
        cvRmse: 0.1,
        n: 12,
        p: 2,
        rho: 0,
        m: 12,
        fractionalSavings: f,
        confidence: 0.68,
      }).fsu;
    expect(at(-0.1)).toBe(at(0.1));
    expect(at(0)).toBe(Number.POSITIVE_INFINITY);
  });
});
