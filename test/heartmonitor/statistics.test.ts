import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, meanEstimate, normalQuantile, SMALLEST_P_VALUE, tQuantile, twoSidedPValue, wilsonInterval, type Moments } from '../../src/heartmonitor/statistics';
import { maskPersonalData, passesElevenTest } from '../../src/mask';

const moments = (values: number[]): Moments => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSquares: values.reduce((a, b) => a + b * b, 0),
});

// Reference values from scipy.stats 1.17 (t.ppf, t.interval, ttest_ind(equal_var=False)), to the
// 6 decimals given: the library quantiles are exact where the old approximations were not.
describe('quantiles', () => {
  it('match the normal and t distributions', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.045230, 6);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776445, 6);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 6);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('meanEstimate', () => {
  it('gives the mean and its 95% t interval', () => {
    const estimate = meanEstimate(moments([-2, -1, -1, 0, -2, -1, -2, -1, 0, -1]))!;
    expect(estimate.mean).toBeCloseTo(-1.1, 10);
    expect(estimate.low).toBeCloseTo(-1.627837, 6);
    expect(estimate.high).toBeCloseTo(-0.572163, 6);
  });

  it('is undefined without answers and unbounded with one', () => {
    expect(meanEstimate({ n: 0, sum: 0, sumSquares: 0 })).toBeUndefined();
    expect(meanEstimate(moments([2]))).toMatchObject({ n: 1, mean: 2, low: -Infinity, high: Infinity });
  });

  it('has a zero-width interval when everyone answered the same', () => {
    expect(meanEstimate(moments(Array(12).fill(1)))).toMatchObject({ mean: 1, low: 1, high: 1 });
  });
});

describe('compareMeans (Welch)', () => {
  it('matches scipy for a non-significant difference', () => {
    const result = compareMeans(moments([1, 2, 3, 4, 5]), moments([2, 4, 6, 8, 10]))!;
    expect(result.difference).toBe(-3);
    expect(result.df).toBeCloseTo(5.882353, 5);
    expect(result.low).toBeCloseTo(-6.887742, 6);
    expect(result.high).toBeCloseTo(0.887742, 6);
    expect(result.significant).toBe(false);
  });

  it('finds a real drop significant', () => {
    const before = moments([...Array(40).fill(1), ...Array(40).fill(0)]);
    const after = moments([...Array(40).fill(-1), ...Array(40).fill(-2)]);
    const result = compareMeans(after, before)!;
    expect(result.difference).toBeCloseTo(-2, 10);
    expect(result.significant).toBe(true);
    expect(result.high).toBeLessThan(0);
  });

  it('needs two answers on each side', () => {
    expect(compareMeans(moments([1]), moments([1, 2, 3]))).toBeUndefined();
  });
});

describe('twoSidedPValue (Welch)', () => {
  const p = (t: number, df: number) => twoSidedPValue({ difference: t, standardError: 1, df });

  it('matches the closed forms of the t distribution with 1 and 2 degrees of freedom', () => {
    // df = 1 is the Cauchy distribution: P(|T| ≥ t) = 1 − 2·atan(t)/π; df = 2: 1 − t/√(2 + t²).
    for (const t of [0.01, 0.5, 1, 2, 4.303, 12.7062, 100]) {
      expect(p(t, 1) / (1 - (2 / Math.PI) * Math.atan(t))).toBeCloseTo(1, 8);
      expect(p(-t, 2) / (1 - t / Math.sqrt(2 + t * t))).toBeCloseTo(1, 8);
    }
  });

  it('is 5% exactly at the 97.5% quantile, and 1 without a difference', () => {
    for (const df of [3, 9.5, 40, Infinity]) expect(p(tQuantile(0.975, df), df)).toBeCloseTo(0.05, 9);
    expect(p(0, 10)).toBe(1);
    expect(twoSidedPValue({ difference: 0, standardError: 0, df: Infinity })).toBe(1);
    expect(twoSidedPValue({ difference: 0.5, standardError: 0, df: Infinity })).toBe(SMALLEST_P_VALUE);
    expect(p(1e6, 30)).toBe(SMALLEST_P_VALUE);
  });

  it('agrees with compareMeans: below 0.05 exactly when the 95% interval excludes 0', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const sample = (size: number, shift: number) => Array.from({ length: size }, () => Math.round(random() * 4 - 2 + shift));
    let significant = 0;
    for (let i = 0; i < 200; i++) {
      const change = compareMeans(moments(sample(10 + (i % 30), (i % 5) * 0.2)), moments(sample(15 + (i % 20), 0)))!;
      expect(twoSidedPValue(change) < 0.05, `case ${i}`).toBe(change.significant);
      if (change.significant) significant++;
    }
    // Both outcomes occur, so the agreement is tested both ways.
    expect(significant).toBeGreaterThan(20);
    expect(significant).toBeLessThan(180);
  });
});

describe('wilsonInterval', () => {
  it('matches the Wilson score interval', () => {
    expect(wilsonInterval(3, 10)).toMatchObject({ rate: 0.3 });
    expect(wilsonInterval(3, 10)!.low).toBeCloseTo(0.107791, 5);
    expect(wilsonInterval(3, 10)!.high).toBeCloseTo(0.603222, 5);
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    expect(wilsonInterval(0, 20)!.high).toBeCloseTo(0.161125, 5);
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });
});

describe('maskPersonalData', () => {
  it('masks e-mail addresses, Dutch phone numbers, valid IBANs and BSN-like numbers passing the eleven-test', () => {
    const text =
      'Mail mij op jan.de.vries@example.nl of bel 06-12345678, 020 123 4567 of +31 6 1234 5678. ' +
      'Mijn BSN is 111222333 en rekening NL91 ABNA 0417 1643 00.';
    const masked = maskPersonalData(text);
    expect(masked).toBe(
      'Mail mij op [e-mailadres] of bel [telefoonnummer], [telefoonnummer] of [telefoonnummer]. ' +
        'Mijn BSN is [BSN] en rekening [IBAN].',
    );
  });

  it('leaves ordinary numbers and words alone', () => {
    const text = 'Ik wachtte 45 minuten, zaak Z-2026-000123, bedrag 123456789 euro, 2 keer gebeld.';
    expect(passesElevenTest('123456789')).toBe(false);
    expect(maskPersonalData(text)).toBe(text);
  });

  it('knows the eleven-test', () => {
    expect(passesElevenTest('111222333')).toBe(true);
    expect(passesElevenTest('123456782')).toBe(true);
    expect(passesElevenTest('000000000')).toBe(false);
    expect(passesElevenTest('12345678')).toBe(false);
  });
});

describe('compareProportions (Newcombe hybrid score)', () => {
  it('matches Newcombe (1998), table II example (a): 56/70 against 48/80', () => {
    const result = compareProportions({ successes: 56, n: 70 }, { successes: 48, n: 80 })!;
    expect(result.difference).toBeCloseTo(0.2, 10);
    expect(result.low).toBeCloseTo(0.0524, 4);
    expect(result.high).toBeCloseTo(0.3339, 4);
    expect(result.significant).toBe(true);
  });

  it('matches example (d): 10/10 against 0/20, where the Wald interval breaks down', () => {
    const result = compareProportions({ successes: 10, n: 10 }, { successes: 0, n: 20 })!;
    expect(result.low).toBeCloseTo(0.6791, 4);
    expect(result.high).toBeCloseTo(1, 4);
  });

  it('is not significant for the same rate, and undefined for an empty group', () => {
    expect(compareProportions({ successes: 30, n: 100 }, { successes: 15, n: 50 })!.significant).toBe(false);
    expect(compareProportions({ successes: 0, n: 0 }, { successes: 15, n: 50 })).toBeUndefined();
  });
});
