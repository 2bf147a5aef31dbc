import { fitOls } from './ols.js';

describe('fitOls', () => {
  it('recovers an exact line y = 2 + 3x: R² = 1, CV(RMSE) = 0, NMBE = 0', () => {
    const x = [1, 2, 3, 4, 5];
    const fit = fitOls(
      ['x'],
      x.map((v) => [v]),
      x.map((v) => 2 + 3 * v),
    );
    expect(fit.names).toEqual(['intercept', 'x']);
    expect(fit.coefficients[0]).toBeCloseTo(2, 12);
    expect(fit.coefficients[1]).toBeCloseTo(3, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.cvRmse).toBeCloseTo(0, 12);
    expect(fit.nmbe).toBeCloseTo(0, 12);
    // Residuals are rounding noise: no autocorrelation is read into them.
    expect(fit.rho).toBe(0);
    expect(fit).toMatchObject({ n: 5, p: 2 });
  });

  it('matches a 4-point example solved by hand', () => {
    // x = 0,1,2,3; y = 1,3,4,8. x̄ = 1.5, ȳ = 4, Sxx = 2.25+0.25+0.25+2.25 = 5,
    // Sxy = (−1.5)(−3) + (−0.5)(−1) + (0.5)(0) + (1.5)(4) = 11  →  β₁ = 11/5 = 2.2, β₀ = 4 − 2.2·1.5 = 0.7.
    // ŷ = 0.7, 2.9, 5.1, 7.3; e = 0.3, 0.1, −1.1, 0.7; SSE = 0.09+0.01+1.21+0.49 = 1.8; SST = 9+1+0+16 = 26.
    // R² = 1 − 1.8/26 = 0.9307692; CV(RMSE) = sqrt(1.8/(4−2))/4 = sqrt(0.9)/4 = 0.2371708;
    // NMBE = Σe/((n−p)ȳ) = 0; ρ = (0.3·0.1 + 0.1·(−1.1) + (−1.1)·0.7)/1.8 = −0.85/1.8 = −0.4722222.
    const fit = fitOls(['x'], [[0], [1], [2], [3]], [1, 3, 4, 8]);
    expect(fit.coefficients[0]).toBeCloseTo(0.7, 12);
    expect(fit.coefficients[1]).toBeCloseTo(2.2, 12);
    [0.7, 2.9, 5.1, 7.3].forEach((v, i) => expect(fit.fitted[i]).toBeCloseTo(v, 12));
    [0.3, 0.1, -1.1, 0.7].forEach((v, i) => expect(fit.residuals[i]).toBeCloseTo(v, 12));
    expect(fit.r2).toBeCloseTo(1 - 1.8 / 26, 12);
    expect(fit.cvRmse).toBeCloseTo(Math.sqrt(0.9) / 4, 12);
    expect(fit.nmbe).toBeCloseTo(0, 12);
    expect(fit.rho).toBeCloseTo(-0.85 / 1.8, 12);
  });

  it('fits two regressors exactly: y = 1 + 2a − b', () => {
    const rows = [
      [0, 0],
      [1, 0],
      [0, 1],
      [2, 3],
      [4, 1],
    ];
    const fit = fitOls(
      ['a', 'b'],
      rows,
      rows.map(([a, b]) => 1 + 2 * a - b),
    );
    [1, 2, -1].forEach((v, i) => expect(fit.coefficients[i]).toBeCloseTo(v, 12));
    expect(fit.p).toBe(3);
  });

  it('gives NMBE its sign: a biased residual sum over (n − p)·ȳ', () => {
    // With an intercept the residuals always sum to 0, so NMBE of an OLS fit is 0 up to rounding.
    const fit = fitOls(['x'], [[1], [2], [3], [4], [5], [6]], [3, 5, 4, 8, 9, 8]);
    expect(Math.abs(fit.nmbe)).toBeLessThan(1e-12);
  });

  it('rejects singular designs, naming the regressor', () => {
    expect(() => fitOls(['x'], [[1], [1], [1], [1]], [1, 2, 3, 4])).toThrow(/singular design: 'x'/);
    expect(() =>
      fitOls(
        ['a', 'b'],
        [
          [1, 2],
          [2, 4],
          [3, 6],
          [4, 8],
        ],
        [1, 2, 3, 5],
      ),
    ).toThrow(/singular design: 'b'/);
  });

  it('rejects too few observations and malformed rows', () => {
    expect(() => fitOls(['x'], [[1], [2]], [1, 2])).toThrow(/at least 3/);
    expect(() => fitOls(['x'], [[1], [2], [3]], [1, 2])).toThrow(/3 rows of regressors for 2/);
    expect(() => fitOls(['x'], [[1], [2, 3], [3]], [1, 2, 3])).toThrow(/row 1 has 2 regressors/);
    expect(() => fitOls(['x'], [[1], [Number.NaN], [3]], [1, 2, 3])).toThrow(/non-finite/);
  });
});
