/**
 * Statistics for the heart monitor and its dips, on pre-aggregated sums so SQL does the
 * counting: n, Σx and Σx² per group are enough for means, intervals and Welch's test.
 * Pure functions; the numbers are checked against known answers in the unit tests.
 */

export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface MeanEstimate {
  n: number;
  mean: number;
  sd: number;
  low: number;
  high: number;
}

/** Inverse of the standard normal CDF (Acklam's algorithm, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Student's t quantile via the Cornish–Fisher expansion around the normal quantile
 * (Abramowitz & Stegun 26.7.5); within 0.1% for df ≥ 3, which is far below our minimum group.
 */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  if (!Number.isFinite(df) || df > 1e6) return z;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

function variance(m: Moments): number {
  if (m.n < 2) return 0;
  return Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/** Mean with its two-sided confidence interval (t distribution); undefined without data. */
export function meanEstimate(m: Moments, confidence = 0.95): MeanEstimate | undefined {
  if (m.n === 0) return undefined;
  const mean = m.sum / m.n;
  const sd = Math.sqrt(variance(m));
  if (m.n < 2) return { n: m.n, mean, sd, low: -Infinity, high: Infinity };
  const half = tQuantile(1 - (1 - confidence) / 2, m.n - 1) * (sd / Math.sqrt(m.n));
  return { n: m.n, mean, sd, low: mean - half, high: mean + half };
}

export interface Difference {
  /** current − previous */
  difference: number;
  low: number;
  high: number;
  df: number;
  significant: boolean;
}

/** Welch's two-sample comparison of means: is `current` different from `previous`? */
export function compareMeans(current: Moments, previous: Moments, confidence = 0.95): Difference | undefined {
  if (current.n < 2 || previous.n < 2) return undefined;
  const v1 = variance(current) / current.n;
  const v2 = variance(previous) / previous.n;
  const difference = current.sum / current.n - previous.sum / previous.n;
  const se = Math.sqrt(v1 + v2);
  if (se === 0) return { difference, low: difference, high: difference, df: Infinity, significant: difference !== 0 };
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (current.n - 1) + v2 ** 2 / (previous.n - 1));
  const half = tQuantile(1 - (1 - confidence) / 2, df) * se;
  const low = difference - half;
  const high = difference + half;
  return { difference, low, high, df, significant: low > 0 || high < 0 };
}

export interface ProportionEstimate {
  n: number;
  successes: number;
  rate: number;
  low: number;
  high: number;
}

/** Wilson score interval for a proportion: honest for small n and rates near 0 or 1. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionEstimate | undefined {
  if (n === 0) return undefined;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { n, successes, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
