/**
 * Key drivers from pairwise moments (pure): the moments kept per pair against sums worked out
 * directly on raw rows with gaps; days combined against all rows at once; the pairwise
 * correlation against Pearson on the complete pairs; the model on complete data against the
 * LMG of the raw covariance; the exclusions; a matrix that is not positive definite; and the
 * resampled intervals (deterministic, containing their estimate).
 */
import { describe, expect, it } from 'vitest';
import {
  addPairwise,
  decodePairwise,
  emptyPairwise,
  encodePairwise,
  GRADE_ID,
  pairOf,
  responseMoments,
  type PairwiseMoments,
} from '../../src/heartmonitor/pairwise-moments';
import { isPositiveDefinite, positiveDefinite, symmetricEigen } from '../../src/insight/correlation';
import { fitDrivers, MIN_INTERVAL_DAYS, quantile } from '../../src/insight/drivers-model';
import { addObservation, covariance, emptyMoments, lmgImportance } from '../../src/insight/relative-importance';
import { seededRandom } from '../../src/seeded-random';

const STEPS = [11, 12, 13];

interface Row {
  day: number;
  grade: number;
  feelings: Record<number, number | null | undefined>; // undefined: not asked; null: "niet van toepassing"
}

const clamp = (value: number) => Math.max(-2, Math.min(2, Math.round(value)));

/** Rows over `days` days: step 11 drives the grade, 12 and 13 are noise; some steps missing or N/A. */
function plantedRows(count: number, days: number, seed = 3, gaps = true): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const driver = clamp(random() * 5 - 2.5);
    const feelings: Row['feelings'] = { 11: driver, 12: clamp(random() * 5 - 2.5), 13: clamp(random() * 5 - 2.5) };
    if (gaps && random() < 0.15) feelings[12] = null;
    if (gaps && random() < 0.2) delete feelings[13];
    const grade = Math.max(1, Math.min(10, Math.round(6 + 1.5 * driver + (random() - 0.5) * 2)));
    return { day: i % days, grade, feelings };
  });
}

const momentsOfRow = (row: Row) =>
  responseMoments(
    row.grade,
    Object.entries(row.feelings)
      .filter(([, value]) => value !== undefined)
      .map(([id, value]) => ({ id: Number(id), value: value as number | null })),
  );

function accumulate(rows: Row[]): PairwiseMoments {
  return rows.reduce((total, row) => addPairwise(total, momentsOfRow(row)), emptyPairwise());
}

function byDay(rows: Row[]): PairwiseMoments[] {
  const days = new Map<number, PairwiseMoments>();
  for (const row of rows) days.set(row.day, addPairwise(days.get(row.day) ?? emptyPairwise(), momentsOfRow(row)));
  return [...days.values()];
}

const valueOf = (row: Row, id: number) => (id === GRADE_ID ? row.grade : row.feelings[id]);

/** Pairwise-complete sums straight from the rows. */
function directPair(rows: Row[], a: number, b: number) {
  const both = rows.filter((row) => typeof valueOf(row, a) === 'number' && typeof valueOf(row, b) === 'number');
  const xs = both.map((row) => valueOf(row, a) as number);
  const ys = both.map((row) => valueOf(row, b) as number);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return { n: both.length, sumX: sum(xs), sumY: sum(ys), sumXX: sum(xs.map((x) => x * x)), sumYY: sum(ys.map((y) => y * y)), sumXY: sum(xs.map((x, i) => x * ys[i]!)) };
}

function pearson(rows: Row[], a: number, b: number): number {
  const both = rows.filter((row) => typeof valueOf(row, a) === 'number' && typeof valueOf(row, b) === 'number');
  const xs = both.map((row) => valueOf(row, a) as number);
  const ys = both.map((row) => valueOf(row, b) as number);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const syy = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
}

describe('pairwise moments', () => {
  it('keep, per pair, n and the sums over exactly the responses that gave both (N/A and steps not asked left out)', () => {
    const rows: Row[] = [
      { day: 0, grade: 8, feelings: { 11: 2, 12: -1 } },
      { day: 0, grade: 4, feelings: { 11: -2, 12: null, 13: 1 } },
      { day: 0, grade: 6, feelings: { 13: 0, 11: 1 } },
    ];
    const moments = accumulate(rows);
    expect(pairOf(moments, 11, 12)).toEqual({ n: 1, sumX: 2, sumY: -1, sumXX: 4, sumYY: 1, sumXY: -2 });
    expect(pairOf(moments, 12, 11)).toEqual({ n: 1, sumX: -1, sumY: 2, sumXX: 1, sumYY: 4, sumXY: -2 });
    expect(pairOf(moments, 11, 13)).toEqual({ n: 2, sumX: -1, sumY: 1, sumXX: 5, sumYY: 1, sumXY: -2 });
    expect(pairOf(moments, GRADE_ID, GRADE_ID)).toMatchObject({ n: 3, sumX: 18, sumXX: 116 });
    expect(pairOf(moments, 13, GRADE_ID)).toEqual({ n: 2, sumX: 1, sumY: 10, sumXX: 1, sumYY: 52, sumXY: 4 });
    expect(pairOf(moments, 12, 12).n).toBe(1);
  });

  it('match sums computed directly on many raw rows, whatever order variables first appear in', () => {
    const rows = plantedRows(400, 20);
    const moments = accumulate([...rows].reverse());
    for (const a of [GRADE_ID, ...STEPS]) for (const b of [GRADE_ID, ...STEPS]) expect(pairOf(moments, a, b)).toEqual(directPair(rows, a, b));
  });

  it('combined day by day equal the moments of all rows at once, also through the stored encoding', () => {
    const rows = plantedRows(500, 30);
    const combined = byDay(rows).reduce((total, day) => addPairwise(total, decodePairwise(encodePairwise(day))), emptyPairwise());
    const all = accumulate(rows);
    for (const a of [GRADE_ID, ...STEPS]) for (const b of [GRADE_ID, ...STEPS]) expect(pairOf(combined, a, b)).toEqual(pairOf(all, a, b));
  });
});

describe('the drivers model', () => {
  it('on complete data gives the R² and LMG shares of the raw covariance', () => {
    const rows = plantedRows(300, 30, 9, false);
    const raw = emptyMoments(4);
    for (const row of rows) addObservation(raw, [...STEPS.map((id) => row.feelings[id] as number), row.grade]);
    const expected = lmgImportance(covariance(raw));
    const fit = fitDrivers(byDay(rows), STEPS, { minGroupSize: 10 });
    expect(fit.withheld).toBeUndefined();
    expect(fit.model!.r2).toBeCloseTo(expected.r2, 10);
    expect(fit.model!.shares.map((share) => share.share)).toEqual(expected.shares.map((share) => expect.closeTo(share, 10)));
    expect(fit.model!.repaired).toBe(false);
  });

  it('uses pairwise-complete correlations when feelings are missing, and finds the planted driver', () => {
    const rows = plantedRows(600, 30);
    const fit = fitDrivers(byDay(rows), STEPS, { minGroupSize: 10 });
    expect(fit.responses).toBe(600);
    expect(fit.days).toBe(30);
    const top = fit.model!.shares.find((share) => share.rank === 1)!;
    expect(top.id).toBe(11);
    expect(top.share).toBeGreaterThan(0.5);
    // With one predictor in the model, its share is its squared pairwise correlation with the grade.
    const alone = fitDrivers(byDay(rows), [13], { minGroupSize: 10 });
    expect(alone.model!.r2).toBeCloseTo(pearson(rows, 13, GRADE_ID) ** 2, 10);
    expect(fit.model!.shares.reduce((total, share) => total + share.share, 0)).toBeCloseTo(fit.model!.r2, 10);
  });

  it('gives intervals by resampling days that are deterministic and contain their estimate', () => {
    const days = byDay(plantedRows(600, 30));
    const first = fitDrivers(days, STEPS, { minGroupSize: 10 });
    const again = fitDrivers(days, STEPS, { minGroupSize: 10 });
    expect(again).toEqual(first);
    expect(first.model!.resamples).toBe(200);
    for (const share of first.model!.shares) {
      expect(share.interval!.low).toBeLessThanOrEqual(share.share);
      expect(share.interval!.high).toBeGreaterThanOrEqual(share.share);
      expect(share.interval!.high).toBeGreaterThan(share.interval!.low);
    }
    const driver = first.model!.shares.find((share) => share.id === 11)!;
    const noise = first.model!.shares.find((share) => share.id === 12)!;
    expect(driver.interval!.low).toBeGreaterThan(noise.interval!.high);
    const otherSeed = fitDrivers(days, STEPS, { minGroupSize: 10, seed: 99 });
    expect(otherSeed.model!.shares[0]!.interval).not.toEqual(first.model!.shares[0]!.interval);
    expect(otherSeed.model!.shares[0]!.share).toBe(first.model!.shares[0]!.share);
  });

  it('gives no interval with fewer days than resampling needs', () => {
    const fit = fitDrivers(byDay(plantedRows(200, MIN_INTERVAL_DAYS - 1)), STEPS, { minGroupSize: 10 });
    expect(fit.model!.resamples).toBe(0);
    expect(fit.model!.shares.every((share) => share.interval === undefined)).toBe(true);
  });

  it('withholds the model below the minimum group size of responses, or when every grade is the same', () => {
    const rows = plantedRows(9, 9);
    expect(fitDrivers(byDay(rows), STEPS, { minGroupSize: 10 })).toMatchObject({ responses: 9, withheld: 'too-few-responses' });
    expect(fitDrivers(byDay(rows), STEPS, { minGroupSize: 10 }).model).toBeUndefined();
    const same = plantedRows(50, 10).map((row) => ({ ...row, grade: 7 }));
    expect(fitDrivers(byDay(same), STEPS, { minGroupSize: 10 }).withheld).toBe('no-grade-variation');
  });

  it('leaves out a step with too few feelings, one without variation, and one seldom answered with another', () => {
    const rows = plantedRows(200, 20, 5, false).map((row, i) => ({
      ...row,
      feelings: { ...row.feelings, 12: i < 9 ? 1 : null, 13: 0, 14: i >= 100 ? 1 - (i % 3) : undefined, 15: i < 100 ? (i % 3) - 1 : undefined },
    }));
    const fit = fitDrivers(byDay(rows), [11, 12, 13, 14, 15], { minGroupSize: 10 });
    expect(fit.excluded).toEqual([
      { id: 12, reason: 'too-few-feelings' },
      { id: 13, reason: 'no-variation' },
      { id: 15, reason: 'too-few-together' },
    ]);
    expect(fit.model!.shares.map((share) => share.id)).toEqual([11, 14]);
    expect(fitDrivers(byDay(rows), [12, 13], { minGroupSize: 10 }).withheld).toBe('no-steps');
  });

  it('repairs a pairwise matrix that is not positive definite and never returns NaN', () => {
    // Three groups each answer two of three steps: A and B agree, B and C agree, A and C disagree.
    const rows: Row[] = [];
    for (let i = 0; i < 60; i++) {
      const v = (i % 5) - 2;
      const group = Math.floor(i / 20);
      const feelings = group === 0 ? { 11: v, 12: v } : group === 1 ? { 12: v, 13: v } : { 11: v, 13: -v };
      rows.push({ day: i % 10, grade: 6 + v, feelings });
    }
    const fit = fitDrivers(byDay(rows), STEPS, { minGroupSize: 10 });
    expect(fit.model!.repaired).toBe(true);
    expect(Number.isFinite(fit.model!.r2)).toBe(true);
    for (const share of fit.model!.shares) {
      expect(Number.isFinite(share.share)).toBe(true);
      expect(Number.isFinite(share.interval!.low) && Number.isFinite(share.interval!.high)).toBe(true);
    }
  });
});

describe('correlation repair and helpers', () => {
  it('finds the eigenvalues of a symmetric matrix and repairs an impossible correlation matrix to a positive definite one', () => {
    const impossible = [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ];
    const values = symmetricEigen(impossible).values.sort((a, b) => a - b);
    expect(values[0]).toBeCloseTo(-0.8, 10);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(3, 10);
    expect(isPositiveDefinite(impossible)).toBe(false);
    const { matrix, repaired } = positiveDefinite(impossible);
    expect(repaired).toBe(true);
    expect(isPositiveDefinite(matrix.map((row, i) => row.map((value, j) => (i === j ? value + 1e-3 : value))))).toBe(true);
    expect(matrix.map((row, i) => row[i])).toEqual([1, 1, 1]);
    expect(positiveDefinite([[1, 0.5], [0.5, 1]])).toEqual({ matrix: [[1, 0.5], [0.5, 1]], repaired: false });
  });

  it('interpolates quantiles between neighbours', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25, 10);
    expect(quantile([7], 0.975)).toBe(7);
  });
});
