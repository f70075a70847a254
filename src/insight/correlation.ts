/**
 * From pairwise moments to a usable correlation matrix. With pairwise deletion every entry comes
 * from its own set of responses, so the matrix as a whole need not be positive definite (it may
 * describe variables no real data set could have). Such a matrix is repaired to the nearest one
 * that is — negative eigenvalues raised to a small positive floor, unit diagonal restored — and
 * the repair is reported, never hidden. Pure.
 */
import { PAIR_FIELDS, pairIndex } from '../heartmonitor/pairwise-moments';

/** The correlation of pair (i, j) from aligned packed moments; 0 when either has no variation where both were given. */
export function pairCorrelation(packed: Float64Array, i: number, j: number): number {
  const at = pairIndex(i, j) * PAIR_FIELDS;
  const n = packed[at]!;
  const varianceX = n * packed[at + 3]! - packed[at + 1]! ** 2;
  const varianceY = n * packed[at + 4]! - packed[at + 2]! ** 2;
  if (n < 2 || varianceX <= 0 || varianceY <= 0) return 0;
  const r = (n * packed[at + 5]! - packed[at + 1]! * packed[at + 2]!) / Math.sqrt(varianceX * varianceY);
  return Math.max(-1, Math.min(1, r));
}

/** The k×k pairwise correlation matrix of aligned packed moments. */
export function correlationMatrix(packed: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : pairCorrelation(packed, i, j))));
}

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const k = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r]![p]!;
          const arq = a[r]![q]!;
          a[r]![p] = c * arp - s * arq;
          a[r]![q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p]![r]!;
          const aqr = a[q]![r]!;
          a[p]![r] = c * apr - s * aqr;
          a[q]![r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}

/** The smallest eigenvalue kept: a repaired matrix is safely invertible, not merely semi-definite. */
export const EIGENVALUE_FLOOR = 1e-4;

/** Whether a symmetric matrix is positive definite with room to spare (Cholesky pivots above the floor). */
export function isPositiveDefinite(matrix: number[][]): boolean {
  const k = matrix.length;
  const l = Array.from({ length: k }, () => Array(k).fill(0) as number[]);
  for (let j = 0; j < k; j++) {
    let diagonal = matrix[j]![j]!;
    for (let m = 0; m < j; m++) diagonal -= l[j]![m]! ** 2;
    if (!(diagonal > EIGENVALUE_FLOOR)) return false;
    l[j]![j] = Math.sqrt(diagonal);
    for (let i = j + 1; i < k; i++) {
      let sum = matrix[i]![j]!;
      for (let m = 0; m < j; m++) sum -= l[i]![m]! * l[j]![m]!;
      l[i]![j] = sum / l[j]![j]!;
    }
  }
  return true;
}

/**
 * A correlation matrix that is positive definite: the matrix itself when it is, else the one
 * with its eigenvalues raised to the floor and rescaled to a unit diagonal (`repaired` true).
 */
export function positiveDefinite(matrix: number[][]): { matrix: number[][]; repaired: boolean } {
  if (isPositiveDefinite(matrix)) return { matrix, repaired: false };
  const { values, vectors } = symmetricEigen(matrix);
  const k = matrix.length;
  const floored = values.map((value) => Math.max(value, EIGENVALUE_FLOOR));
  const rebuilt = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => floored.reduce((sum, value, m) => sum + vectors[i]![m]! * value * vectors[j]![m]!, 0)),
  );
  const scale = rebuilt.map((row, i) => Math.sqrt(row[i]!));
  return { matrix: rebuilt.map((row, i) => row.map((value, j) => (i === j ? 1 : value / (scale[i]! * scale[j]!)))), repaired: true };
}
