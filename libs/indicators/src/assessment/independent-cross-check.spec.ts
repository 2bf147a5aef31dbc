import jstat from 'jstat';
import { fitOls } from './ols.js';
import { studentTQuantile } from './student-t.js';

// The OLS fit and the t quantile against an independent implementation (jStat 1.9.6, a
// devDependency): different algorithms (jStat inverts XᵀX and uses its own incomplete beta).
const { jStat } = jstat;

describe('cross-check against jStat', () => {
  it('gives the same t quantiles over a grid of p and degrees of freedom', () => {
    for (const df of [1, 2, 3, 5, 10, 11, 30, 100, 363]) {
      for (const p of [0.55, 0.84, 0.9, 0.975, 0.995]) {
        expect(studentTQuantile(p, df)).toBeCloseTo(jStat.studentt.inv(p, df), 6);
      }
    }
  });

  it('gives the same coefficients and R² on noisy data with three regressors', () => {
    // A fixed pseudo-random series (LCG) so the test is reproducible.
    let seed = 42;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      const production = 100 + 50 * next();
      const cdd = Math.max(0, 8 * next() + 3);
      const hdd = Math.max(0, 6 * next() + 1);
      rows.push([production, cdd, hdd]);
      y.push(40 + 0.8 * production + 2 * cdd + 1.5 * hdd + 5 * next());
    }
    const ours = fitOls(['production', 'cdd', 'hdd'], rows, y);
    const theirs = jStat.models.ols(
      y,
      rows.map((r) => [1, ...r]),
    );
    ours.coefficients.forEach((b, i) => expect(b).toBeCloseTo(theirs.coef[i], 8));
    expect(ours.r2).toBeCloseTo(theirs.R2, 10);
  });
});
