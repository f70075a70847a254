/**
 * Key-driver statistics (src/insight): the LMG decomposition checked against an independent
 * brute force in this test — every subset fitted by least squares on the raw rows (Gram–Schmidt,
 * not the covariance path), and every order of the predictors walked explicitly — and
 * Benjamini–Hochberg against values worked out by hand (R's p.adjust gives the same).
 */
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/insight/multiple-testing';
import { addObservation, combineMoments, covariance, emptyMoments, lmgImportance, rSquared } from '../../src/insight/relative-importance';

/** A small deterministic PRNG (mulberry32) and a normal deviate from it. */
function random(seed: number) {
  let a = seed;
  const uniform = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

/** Rows of three step feelings and a grade: step 0 drives the grade, step 2 follows step 0, step 1 a little. */
function plantedRows(count: number, seed = 7): number[][] {
  const rng = random(seed);
  return Array.from({ length: count }, () => {
    const a = rng.normal();
    const b = rng.normal();
    const c = 0.6 * a + 0.8 * rng.normal();
    return [a, b, c, 7 + 0.9 * a + 0.3 * b + 0.5 * rng.normal()];
  });
}

/** R² of y on the chosen columns (with intercept) by Gram–Schmidt on the raw rows. */
function bruteR2(rows: number[][], columns: number[], y: number): number {
  const n = rows.length;
  const vectors: number[][] = [Array(n).fill(1), ...columns.map((c) => rows.map((row) => row[c]!))];
  const basis: number[][] = [];
  for (const vector of vectors) {
    const v = [...vector];
    for (const q of basis) {
      const dot = q.reduce((s, qi, i) => s + qi * v[i]!, 0);
      for (let i = 0; i < n; i++) v[i]! -= dot * q[i]!;
    }
    const norm = Math.sqrt(v.reduce((s, vi) => s + vi * vi, 0));
    if (norm > 1e-9) basis.push(v.map((vi) => vi / norm));
  }
  const target = rows.map((row) => row[y]!);
  const residual = [...target];
  for (const q of basis) {
    const dot = q.reduce((s, qi, i) => s + qi * residual[i]!, 0);
    for (let i = 0; i < n; i++) residual[i]! -= dot * q[i]!;
  }
  const mean = target.reduce((s, t) => s + t, 0) / n;
  const total = target.reduce((s, t) => s + (t - mean) ** 2, 0);
  return 1 - residual.reduce((s, r) => s + r * r, 0) / total;
}

/** LMG by walking every order of the predictors explicitly. */
function bruteLmg(rows: number[][], predictors: number, y: number): number[] {
  const orders: number[][] = [];
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) orders.push(prefix);
    for (const item of rest) permute([...prefix, item], rest.filter((other) => other !== item));
  };
  permute([], Array.from({ length: predictors }, (_, i) => i));
  const shares = Array(predictors).fill(0);
  for (const order of orders) {
    for (let k = 0; k < order.length; k++) {
      shares[order[k]!] += (bruteR2(rows, order.slice(0, k + 1), y) - bruteR2(rows, order.slice(0, k), y)) / orders.length;
    }
  }
  return shares;
}

function momentsOf(rows: number[][]) {
  const moments = emptyMoments(rows[0]!.length);
  for (const row of rows) addObservation(moments, row);
  return moments;
}

describe('relative importance (LMG) of the steps for the grade', () => {
  const rows = plantedRows(400);
  const cov = covariance(momentsOf(rows));

  it('R² of every subset agrees with least squares on the raw rows', () => {
    for (const subset of [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]]) {
      expect(rSquared(cov, subset, 3)).toBeCloseTo(bruteR2(rows, subset, 3), 10);
    }
    expect(rSquared(cov, [], 3)).toBe(0);
  });

  it('the shares equal the average over every order, add up to R², and rank the planted driver first', () => {
    const { r2, shares } = lmgImportance(cov);
    const expected = bruteLmg(rows, 3, 3);
    shares.forEach((share, i) => expect(share).toBeCloseTo(expected[i]!, 10));
    expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(r2, 12);
    expect(r2).toBeCloseTo(bruteR2(rows, [0, 1, 2], 3), 10);
    expect(shares[0]).toBeGreaterThan(shares[2]!);
    expect(shares[2]).toBeGreaterThan(0.05); // follows step 0, so it shares some of its credit
    expect(shares[0]! / r2).toBeGreaterThan(0.5);
  });

  it('works from roll-ups: moments of days combined equal the moments of all rows', () => {
    const [first, second] = [momentsOf(rows.slice(0, 150)), momentsOf(rows.slice(150))];
    const combined = covariance(combineMoments(first, second));
    combined.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(cov[i]![j]!, 9)));
  });

  it('a step that copies another splits its credit instead of failing; an unrelated step gets almost none', () => {
    const rng = random(3);
    const copied = rows.map((row) => [row[0]!, row[0]!, rng.normal(), row[3]!]);
    const { r2, shares } = lmgImportance(covariance(momentsOf(copied)));
    expect(shares[0]).toBeCloseTo(shares[1]!, 10);
    expect(shares[2]).toBeLessThan(0.01);
    expect(shares.every(Number.isFinite)).toBe(true);
    expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(r2, 10);
  });

  it('refuses what it cannot do', () => {
    expect(() => covariance(momentsOf([[1, 2]]))).toThrow(RangeError);
    expect(() => lmgImportance([[1]], 0, 0)).toThrow(RangeError);
  });
});

describe('Benjamini–Hochberg', () => {
  it('matches values worked out by hand, in the order given', () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
    const expected = [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.074 * 10 / 7, 0.216, 0.216, 0.216];
    benjaminiHochberg(p).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
    const shuffled = [5, 0, 9, 2, 7, 1, 8, 3, 6, 4];
    benjaminiHochberg(shuffled.map((i) => p[i]!)).forEach((value, k) => expect(value).toBeCloseTo(expected[shuffled[k]!]!, 12));
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual([0.05, 0.05, 0.05, 0.05, 0.05].map((v) => expect.closeTo(v, 12)));
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});
