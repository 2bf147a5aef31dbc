/**
 * Ordinary least squares with an intercept (indicators.md §6.2): the regression behind the
 * IPMVP Option C adjusted baseline. Solved by a Householder QR decomposition of the design
 * matrix rather than by inverting XᵀX: the normal equations square the condition number, and
 * production and degree days are often strongly correlated.
 *
 * The goodness-of-fit figures follow ASHRAE Guideline 14 with p = number of coefficients
 * (intercept included):
 *   CV(RMSE) = sqrt(SSE / (n − p)) / ȳ,   NMBE = Σ(y − ŷ) / ((n − p) · ȳ),
 *   ρ = Σₜ₌₂ eₜ·eₜ₋₁ / Σₜ eₜ²  (lag-1 autocorrelation of the residuals, in the given row order).
 */
export interface OlsFit {
  /** Intercept first, then one per regressor, in the order of `names`. */
  readonly coefficients: number[];
  /** 'intercept' followed by the regressor names. */
  readonly names: string[];
  readonly fitted: number[];
  readonly residuals: number[];
  readonly n: number;
  /** Number of coefficients, intercept included. */
  readonly p: number;
  readonly r2: number;
  /** A fraction (0.15 = 15 %); NaN when ȳ is 0. */
  readonly cvRmse: number;
  /** A fraction; NaN when ȳ is 0. */
  readonly nmbe: number;
  readonly rho: number;
}

export const INTERCEPT = 'intercept';

/**
 * Below this size of a column's component orthogonal to the previous ones (relative to the
 * column's own norm) the design is treated as singular: a regressor that is constant, or a
 * linear combination of the others, cannot be given a coefficient.
 */
const SINGULAR_TOLERANCE = 1e-10;

/**
 * Fits y = β₀ + Σ βⱼ·xⱼ. `rows[i]` holds observation i's regressors, without the intercept
 * column. Throws on malformed input (ragged rows, non-finite numbers, n ≤ p) and on a singular
 * design, naming the regressor that is constant or collinear.
 */
export function fitOls(names: string[], rows: number[][], y: number[]): OlsFit {
  const n = y.length;
  const p = names.length + 1;
  if (rows.length !== n) throw new RangeError(`${rows.length} rows of regressors for ${n} observations`);
  if (n <= p) {
    throw new RangeError(`${n} observations cannot fit ${p} coefficients: at least ${p + 1} are needed`);
  }
  rows.forEach((row, i) => {
    if (row.length !== names.length) {
      throw new RangeError(`row ${i} has ${row.length} regressors, expected ${names.length}`);
    }
    if (!row.every(Number.isFinite)) throw new RangeError(`row ${i} has a non-finite regressor`);
  });
  if (!y.every(Number.isFinite)) throw new RangeError('the response has a non-finite value');

  // Column-major design matrix with the intercept column first; decomposed in place.
  const allNames = [INTERCEPT, ...names];
  // Plain loops: Float64Array.from with a mapping function goes through the iterator protocol
  // and costs more than the whole decomposition.
  const a: Float64Array[] = allNames.map((_, j) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = j === 0 ? 1 : rows[i][j - 1];
    return col;
  });
  const qty = new Float64Array(n);
  for (let i = 0; i < n; i++) qty[i] = y[i];
  const rDiag = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const col = a[k];
    let originalNorm = 0;
    for (let i = 0; i < n; i++) originalNorm += col[i] * col[i];
    originalNorm = Math.sqrt(originalNorm);
    let norm = 0;
    for (let i = k; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (originalNorm === 0 || norm <= SINGULAR_TOLERANCE * originalNorm) {
      const what = k === 0 ? 'the intercept' : `'${allNames[k]}'`;
      throw new RangeError(
        `singular design: ${what} is constant or a linear combination of the other regressors, so no unique fit exists`,
      );
    }
    // Householder reflection v = x ± ‖x‖e₁, with the sign that avoids cancellation.
    const alpha = col[k] > 0 ? -norm : norm;
    col[k] -= alpha;
    let vNorm2 = 0;
    for (let i = k; i < n; i++) vNorm2 += col[i] * col[i];
    const reflect = (target: Float64Array): void => {
      let dot = 0;
      for (let i = k; i < n; i++) dot += col[i] * target[i];
      const s = (2 * dot) / vNorm2;
      for (let i = k; i < n; i++) target[i] -= s * col[i];
    };
    for (let j = k + 1; j < p; j++) reflect(a[j]);
    reflect(qty);
    rDiag[k] = alpha;
  }
  // Back substitution: R β = Qᵀy, with R's off-diagonal entries left in the reflected columns.
  const beta = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let s = qty[k];
    for (let j = k + 1; j < p; j++) s -= a[j][k] * beta[j];
    beta[k] = s / rDiag[k];
  }

  const fitted = rows.map((row) => beta[0] + row.reduce((sum, x, j) => sum + beta[j + 1] * x, 0));
  const residuals = y.map((yi, i) => yi - fitted[i]);
  return { coefficients: beta, names: allNames, fitted, residuals, n, p, ...fitStatistics(y, residuals, p) };
}

/** Residuals this small relative to ‖y‖ are rounding, not lack of fit. */
const EXACT_FIT = 1e-12;

/** R², CV(RMSE), NMBE and lag-1 ρ of a fit with p coefficients. */
function fitStatistics(
  y: readonly number[],
  residuals: readonly number[],
  p: number,
): { r2: number; cvRmse: number; nmbe: number; rho: number } {
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sse = residuals.reduce((s, e) => s + e * e, 0);
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const sumResiduals = residuals.reduce((s, e) => s + e, 0);
  const sumSquares = y.reduce((s, v) => s + v * v, 0);
  let lagProduct = 0;
  for (let t = 1; t < n; t++) lagProduct += residuals[t] * residuals[t - 1];
  return {
    // A constant response is fitted exactly by the intercept alone: nothing is left unexplained.
    r2: sst > 0 ? 1 - sse / sst : 1,
    cvRmse: mean !== 0 ? Math.sqrt(sse / (n - p)) / mean : Number.NaN,
    nmbe: mean !== 0 ? sumResiduals / ((n - p) * mean) : Number.NaN,
    // An exact fit (residuals at rounding level) has no residual pattern to correlate.
    rho: sse > EXACT_FIT * EXACT_FIT * sumSquares ? lagProduct / sse : 0,
  };
}
