/**
 * Key drivers ("Wat bepaalt het cijfer?"): how much of the variance of the rapportcijfer each
 * step's feeling explains, as the LMG / Shapley decomposition of R² — the increase in R² a step
 * brings, averaged over every order in which the steps can enter the regression. The shares add
 * up to the model's R². Exact over all subsets, which is cheap for the 3–8 steps of a journey.
 *
 * Pure and built on sufficient statistics (count, sums and cross-products), so it can be fed from
 * daily roll-ups instead of a million raw answers. It shows association, not cause.
 */

/** Sufficient statistics of k variables: n, Σx_i and Σx_i·x_j (a k×k symmetric matrix). */
export interface Moments {
  n: number;
  sums: number[];
  cross: number[][];
}

/** Moments of zero observations of k variables, to add rows or daily roll-ups to. */
export function emptyMoments(k: number): Moments {
  return { n: 0, sums: Array(k).fill(0), cross: Array.from({ length: k }, () => Array(k).fill(0)) };
}

/** Adds one observation (all variables present). */
export function addObservation(moments: Moments, values: number[]): void {
  moments.n += 1;
  for (let i = 0; i < values.length; i++) {
    moments.sums[i]! += values[i]!;
    for (let j = 0; j < values.length; j++) moments.cross[i]![j]! += values[i]! * values[j]!;
  }
}

/** Sums two sets of moments (e.g. days), as roll-ups are combined. */
export function combineMoments(a: Moments, b: Moments): Moments {
  return {
    n: a.n + b.n,
    sums: a.sums.map((value, i) => value + b.sums[i]!),
    cross: a.cross.map((row, i) => row.map((value, j) => value + b.cross[i]![j]!)),
  };
}

/** The sample covariance matrix (divisor n − 1). */
export function covariance(moments: Moments): number[][] {
  const { n, sums, cross } = moments;
  if (n < 2) throw new RangeError('At least two observations are needed for a covariance.');
  return cross.map((row, i) => row.map((value, j) => (value - (sums[i]! * sums[j]!) / n) / (n - 1)));
}

/** Solves A·x = b for a symmetric positive (semi)definite A by Gaussian elimination with pivoting; undefined when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const size = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < size; row++) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k <= size; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[size]! / row[i]!);
}

/**
 * R² of the regression of variable `y` on the predictors in `subset`, from the covariance matrix:
 * c'·Σ⁻¹·c / var(y). An empty subset explains nothing; predictors that are exact copies of
 * each other (a singular Σ) are reported as explaining nothing extra rather than failing.
 */
export function rSquared(cov: number[][], subset: readonly number[], y: number): number {
  const variance = cov[y]![y]!;
  if (subset.length === 0 || variance <= 0) return 0;
  const sigma = subset.map((i) => subset.map((j) => cov[i]![j]!));
  const c = subset.map((i) => cov[i]![y]!);
  const beta = solve(sigma, c);
  if (!beta) return Number.NaN;
  return Math.min(1, Math.max(0, beta.reduce((total, value, i) => total + value * c[i]!, 0) / variance));
}

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

export interface Importance {
  /** R² of the full model. */
  r2: number;
  /** Per predictor (in order): its LMG share of R²; the shares add up to r2. */
  shares: number[];
}

/** Predictors beyond this make the exact decomposition (2^p subsets) too slow to be worth it. */
export const MAX_PREDICTORS = 12;

/**
 * The LMG decomposition of R² for predictors 0…p−1 and outcome `y` (by default the last
 * variable). Every subset's R² once, then each predictor's Shapley average over them.
 */
export function lmgImportance(cov: number[][], predictors = cov.length - 1, y = cov.length - 1): Importance {
  if (predictors < 1 || predictors > MAX_PREDICTORS) throw new RangeError(`Between 1 and ${MAX_PREDICTORS} predictors, not ${predictors}.`);
  const subsets = 1 << predictors;
  const r2BySubset = new Float64Array(subsets);
  for (let mask = 1; mask < subsets; mask++) {
    const members: number[] = [];
    for (let i = 0; i < predictors; i++) if (mask & (1 << i)) members.push(i);
    const value = rSquared(cov, members, y);
    // A singular subset (collinear steps): the largest R² of its sub-models is what it explains.
    r2BySubset[mask] = Number.isNaN(value) ? Math.max(...members.map((i) => r2BySubset[mask & ~(1 << i)]!)) : value;
  }
  const weight = (size: number) => (factorial(size) * factorial(predictors - size - 1)) / factorial(predictors);
  const shares = Array.from({ length: predictors }, (_, j) => {
    let share = 0;
    for (let mask = 0; mask < subsets; mask++) {
      if (mask & (1 << j)) continue;
      let size = 0;
      for (let bits = mask; bits; bits &= bits - 1) size++;
      share += weight(size) * (r2BySubset[mask | (1 << j)]! - r2BySubset[mask]!);
    }
    return share;
  });
  return { r2: r2BySubset[subsets - 1]!, shares };
}
