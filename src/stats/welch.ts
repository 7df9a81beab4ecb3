import { describe } from './describe';

/**
 * Welch's t-test: are two groups' means different, without assuming equal spread (seeds of two recipes rarely
 * spread alike). Two-sided p from Student's t distribution, computed with the regularized incomplete beta
 * function (Numerical Recipes' continued fraction), so no statistics library is needed.
 */

export interface WelchResult {
  /** Mean of a minus mean of b. */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value: the chance of a difference at least this large if both groups had the same mean. */
  p: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only below the mean of the distribution; above it, use the symmetry.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Two-sided tail probability of Student's t with `df` degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Welch's test on two samples (missing values skipped). Null when either group has fewer than two values, or
 * neither group varies at all (then there is no spread to compare the difference with).
 */
export function welchTTest(a: Iterable<number | undefined>, b: Iterable<number | undefined>): WelchResult | null {
  const da = describe(a);
  const db = describe(b);
  if (!da || !db || da.n < 2 || db.n < 2) return null;
  const va = (da.std * da.std) / da.n;
  const vb = (db.std * db.std) / db.n;
  const se2 = va + vb;
  if (se2 === 0) return null;
  const difference = da.mean - db.mean;
  const t = difference / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (da.n - 1) + (vb * vb) / (db.n - 1));
  return { difference, t, df, p: studentTwoSidedP(t, df) };
}
