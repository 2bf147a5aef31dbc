/**
 * Quantiles of Student's t distribution, for the t value of the savings uncertainty
 * (indicators.md §6.2: t at 68 % two-sided confidence with n − p degrees of freedom, i.e.
 * `studentTQuantile(0.84, n − p)`).
 *
 * The CDF comes from the regularized incomplete beta function,
 *   P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)  for t ≥ 0,
 * evaluated by its continued fraction (Lentz's method); the quantile is found by bracketing and
 * bisection to machine precision, so it is accurate far beyond the 1e-6 the assessment needs.
 * ν = ∞ gives the standard normal quantile, from the regularized incomplete gamma function
 * (Φ(z) = ½ + ½·P(½, z²/2)).
 */

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** ln Γ(x) for x > 0: Lanczos approximation (g = 7, 9 terms), relative error below 1e-15. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (Numerical Recipes betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta did not converge (a=${a}, b=${b}, x=${x})`);
}

/** Regularized incomplete beta I_x(a, b), 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Regularized lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k <= MAX_ITERATIONS; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) return sum * Math.exp(logFront);
    }
    throw new Error(`incomplete gamma series did not converge (a=${a}, x=${x})`);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return 1 - Math.exp(logFront) * h;
  }
  throw new Error(`incomplete gamma fraction did not converge (a=${a}, x=${x})`);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df = Infinity: standard normal). */
export function studentTCdf(t: number, df: number): number {
  if (t === 0) return 0.5;
  const upper =
    df === Infinity
      ? 0.5 + 0.5 * regularizedLowerGamma(0.5, (t * t) / 2)
      : 1 - 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? upper : 1 - upper;
}

/**
 * The t with P(T ≤ t) = p. Two-sided confidence c uses p = (1 + c)/2: 68 % → 0.84, 95 % → 0.975.
 * df may be fractional; Infinity gives the normal quantile.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie strictly between 0 and 1, got ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Bracket [lo, hi] with cdf(lo) < p ≤ cdf(hi), then bisect until the bracket stops shrinking.
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) throw new RangeError(`no finite t quantile for p=${p}, df=${df}`);
  }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
