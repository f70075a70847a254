/**
 * Statistics for the heart monitor and its dips, on pre-aggregated sums so SQL does the
 * counting: n, Σx and Σx² per group are enough for means, intervals and Welch's test.
 * Pure functions; the numbers are checked against known answers in the unit tests. The
 * quantiles and distribution functions come from stdlib's packages, accurate to near double precision.
 */
import standardNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import studentTQuantile from '@stdlib/stats-base-dists-t-quantile';
import studentTCdf from '@stdlib/stats-base-dists-t-cdf';
import standardNormalCdf from '@stdlib/stats-base-dists-normal-cdf';

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

/** Inverse of the standard normal CDF. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  return standardNormalQuantile(p, 0, 1);
}

/** Student's t quantile; the normal one as the degrees of freedom grow without bound. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  return Number.isFinite(df) ? studentTQuantile(p, df) : standardNormalQuantile(p, 0, 1);
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
  /** Standard error of the difference: with `df`, what a p-value needs (see twoSidedPValue). */
  standardError: number;
  significant: boolean;
}

/** Welch's two-sample comparison of means: is `current` different from `previous`? */
export function compareMeans(current: Moments, previous: Moments, confidence = 0.95): Difference | undefined {
  if (current.n < 2 || previous.n < 2) return undefined;
  const v1 = variance(current) / current.n;
  const v2 = variance(previous) / previous.n;
  const difference = current.sum / current.n - previous.sum / previous.n;
  const se = Math.sqrt(v1 + v2);
  if (se === 0) return { difference, low: difference, high: difference, df: Infinity, standardError: 0, significant: difference !== 0 };
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (current.n - 1) + v2 ** 2 / (previous.n - 1));
  const half = tQuantile(1 - (1 - confidence) / 2, df) * se;
  const low = difference - half;
  const high = difference + half;
  return { difference, low, high, df, standardError: se, significant: low > 0 || high < 0 };
}

/** Below this a p-value is reported as this: no adjustment or decision depends on smaller ones. */
export const SMALLEST_P_VALUE = 1e-15;

/**
 * Two-sided p-value of Welch's test, P(|T| ≥ |t|) for T ~ t(df), for multiple-testing
 * corrections that need p-values rather than intervals.
 */
export function twoSidedPValue(change: Pick<Difference, 'difference' | 'standardError' | 'df'>): number {
  if (change.standardError === 0) return change.difference === 0 ? 1 : SMALLEST_P_VALUE;
  const t = Math.abs(change.difference / change.standardError);
  const tail = Number.isFinite(change.df) ? studentTCdf(-t, change.df) : standardNormalCdf(-t, 0, 1);
  return Math.max(SMALLEST_P_VALUE, 2 * tail);
}

/** One-sided p-value of a z-score, P(Z ≥ z) for Z ~ N(0, 1): how surprising an excess this large is by chance. */
export function upperTailPValue(z: number): number {
  return Math.max(SMALLEST_P_VALUE, standardNormalCdf(-z, 0, 1));
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
  // At 0 or n successes the bound is exactly 0 or 1; the subtraction leaves a rounding residue.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { n, successes, rate: p, low, high };
}

export interface ProportionDifference {
  /** current − previous rate */
  difference: number;
  low: number;
  high: number;
  significant: boolean;
}

/**
 * The difference of two proportions with Newcombe's hybrid score interval (method 10, built from
 * the two Wilson intervals): unlike the textbook Wald interval it stays honest for rates near 0
 * or 1 and for small groups. Significant when the interval excludes 0.
 */
export function compareProportions(current: { successes: number; n: number }, previous: { successes: number; n: number }, confidence = 0.95): ProportionDifference | undefined {
  const a = wilsonInterval(current.successes, current.n, confidence);
  const b = wilsonInterval(previous.successes, previous.n, confidence);
  if (!a || !b) return undefined;
  const difference = a.rate - b.rate;
  const low = difference - Math.sqrt((a.rate - a.low) ** 2 + (b.high - b.rate) ** 2);
  const high = difference + Math.sqrt((a.high - a.rate) ** 2 + (b.rate - b.low) ** 2);
  return { difference, low, high, significant: low > 0 || high < 0 };
}
