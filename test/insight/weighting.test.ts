/**
 * Post-stratification against a worked example computed by hand, and the rules for small and
 * empty strata. Pure functions: no database.
 */
import { describe, expect, it } from 'vitest';
import { meanEstimate, tQuantile, type Moments } from '../../src/heartmonitor/statistics';
import { MERGE_SHARE, invitationKeys, invitedMix, postStratify, strataOf, weightTouchpoints, type StratumInput } from '../../src/insight/weighting';
import type { FunnelRow } from '../../src/insight/response-rates';
import { weightableKeys } from '../../src/insight/weighted-dashboard';

const MIN = 10;

/** n, Σ and Σ² of a list of answers. */
const momentsOf = (values: number[]): Moments => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
const repeat = (value: number, times: number) => Array<number>(times).fill(value);

/*
 * The worked example. Invited: 60 aged 18-64 and 40 aged 65+ (W = 0,6 and 0,4).
 *   18-64: 30 answers, ten each of 0, +1, +2  → n = 30, Σ = 30, Σ² = 50, ȳ = 1,
 *          s² = (50 − 30²/30) / 29 = 20/29
 *   65+:   10 answers, five each of −1 and 0  → n = 10, Σ = −5, Σ² = 5,  ȳ = −0,5,
 *          s² = (5 − 25/10) / 9 = 5/18
 * Unweighted: (30 − 5) / 40 = 0,625.
 * Weighted:   0,6 · 1 + 0,4 · (−0,5) = 0,4.
 * Variance:   0,36 · (20/29) / 30 + 0,16 · (5/18) / 10 = 6/725 + 1/225 = 83/6525 ≈ 0,0127203
 *             → standard error √(83/6525) ≈ 0,1127843.
 * Satterthwaite: (83/6525)² / ((6/725)²/29 + (1/225)²/9) = 1798029/50633 ≈ 35,511.
 * Kish:       1 / (0,36/30 + 0,16/10) = 1 / 0,028 = 250/7 ≈ 35,714 effective respondents.
 */
const young = momentsOf([...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10)]);
const old = momentsOf([...repeat(-1, 5), ...repeat(0, 5)]);
const example: StratumInput[] = [
  { value: '18-64', invited: 60, moments: young },
  { value: '65+', invited: 40, moments: old },
];

describe('post-stratification', () => {
  it('weights the worked example as computed by hand', () => {
    expect(young).toEqual({ n: 30, sum: 30, sumSquares: 50 });
    expect(old).toEqual({ n: 10, sum: -5, sumSquares: 5 });
    const outcome = postStratify(example, MIN);
    expect(outcome.shown).toBe(true);
    if (!outcome.shown) return;
    const { estimate } = outcome;
    expect(estimate.mean).toBeCloseTo(0.4, 12);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(83 / 6525), 12);
    expect(estimate.standardError).toBeCloseTo(0.1127843, 7);
    expect(estimate.df).toBeCloseTo(1798029 / 50633, 9);
    expect(estimate.effectiveN).toBeCloseTo(250 / 7, 10);
    expect(estimate.n).toBe(40);
    const half = tQuantile(0.975, 1798029 / 50633) * Math.sqrt(83 / 6525);
    expect(estimate.low).toBeCloseTo(0.4 - half, 10);
    expect(estimate.high).toBeCloseTo(0.4 + half, 10);
    // About 2,03 · 0,113: the interval runs from about 0,17 to 0,63.
    expect(estimate.low).toBeCloseTo(0.171, 3);
    expect(estimate.high).toBeCloseTo(0.629, 3);
    expect(estimate.strata).toEqual([
      { values: ['18-64'], pooled: false, invited: 60, share: 0.6, n: 30, mean: 1 },
      { values: ['65+'], pooled: false, invited: 40, share: 0.4, n: 10, mean: -0.5 },
    ]);
    expect(outcome.collapsed).toEqual([]);
  });

  it('equals the unweighted mean, interval and n with one stratum', () => {
    const outcome = postStratify([{ value: '18-64', invited: 60, moments: young }], MIN);
    const unweighted = meanEstimate(young)!;
    if (!outcome.shown) throw new Error('not shown');
    expect(outcome.estimate.mean).toBeCloseTo(unweighted.mean, 12);
    expect(outcome.estimate.standardError).toBeCloseTo(unweighted.sd / Math.sqrt(30), 12);
    expect(outcome.estimate.df).toBeCloseTo(29, 9);
    expect(outcome.estimate.low).toBeCloseTo(unweighted.low, 12);
    expect(outcome.estimate.high).toBeCloseTo(unweighted.high, 12);
    expect(outcome.estimate.effectiveN).toBeCloseTo(30, 12);
  });

  it('equals the unweighted mean when respondents come in the invited mix', () => {
    // 60 : 40 invited, 30 : 20 answered: every respondent weighs the same, so n_eff = n.
    const older = momentsOf([...repeat(-1, 10), ...repeat(0, 10)]);
    const outcome = postStratify([{ value: '18-64', invited: 60, moments: young }, { value: '65+', invited: 40, moments: older }], MIN);
    if (!outcome.shown) throw new Error('not shown');
    expect(outcome.estimate.mean).toBeCloseTo((30 - 10) / 50, 12);
    expect(outcome.estimate.effectiveN).toBeCloseTo(50, 10);
  });

  it('pools strata below the minimum into "overig", invited and respondents alike', () => {
    /*
     * Wijk A: 50 invited, 30 answers (the 18-64 answers above, ȳ = 1).
     * Wijk B:  6 invited,  6 answers of +2;  wijk C: 14 invited, 5 answers of −1 (each too small).
     * Overig = B + C: 20 invited, 11 answers, Σ = 12 − 5 = 7, ȳ = 7/11.
     * W: A 50/70, overig 20/70 → ȳ_w = 5/7 · 1 + 2/7 · 7/11 = 5/7 + 2/11 = 69/77 ≈ 0,8961.
     */
    const outcome = postStratify(
      [
        { value: 'A', invited: 50, moments: young },
        { value: 'B', invited: 6, moments: momentsOf(repeat(2, 6)) },
        { value: 'C', invited: 14, moments: momentsOf(repeat(-1, 5)) },
      ],
      MIN,
    );
    if (!outcome.shown) throw new Error('not shown');
    expect(outcome.collapsed).toEqual(['B', 'C']);
    expect(outcome.estimate.mean).toBeCloseTo(69 / 77, 12);
    expect(outcome.estimate.strata[1]).toEqual({ values: ['B', 'C'], pooled: true, invited: 20, share: 20 / 70, n: 11, mean: 7 / 11 });
  });

  it('does not weight when the invited of a stratum without respondents cannot be pooled with enough answers', () => {
    // 85+: 12 invited, nobody answered; alone in "overig" with no answers at all.
    const outcome = postStratify([...example, { value: '85+', invited: 12, moments: { n: 0, sum: 0, sumSquares: 0 } }], MIN);
    expect(outcome).toEqual({ shown: false, reason: 'other-too-small', collapsed: ['85+'] });
  });

  it('merges a small unheard pool (at most MERGE_SHARE of the invited) into the stratum with the fewest answers', () => {
    // 85+: 4 invited of 104 (3,8%), nobody answered → joins 65+ (10 answers, fewer than 18-64's 30).
    // Weighted: 60/104 · 1 + 44/104 · (−0,5) = 38/104 ≈ 0,365.
    const outcome = postStratify([...example, { value: '85+', invited: 4, moments: { n: 0, sum: 0, sumSquares: 0 } }], MIN);
    if (!outcome.shown) throw new Error('not shown');
    expect(MERGE_SHARE).toBe(0.1);
    expect(outcome.estimate.mean).toBeCloseTo(38 / 104, 12);
    expect(outcome.collapsed).toEqual(['85+']);
    expect(outcome.estimate.strata[1]).toEqual({ values: ['65+'], pooled: false, mergedWith: ['85+'], invited: 44, share: 44 / 104, n: 10, mean: -0.5 });
    // Exactly at the share still merges; just above it is refused (12 of 112 above).
    const atShare = postStratify([{ value: 'A', invited: 60, moments: young }, { value: 'B', invited: 30, moments: old }, { value: 'C', invited: 10, moments: momentsOf([1, 1]) }], MIN);
    expect(atShare).toMatchObject({ shown: true, collapsed: ['C'] });
  });

  it('leaves out a pool nobody was invited in (it weighs nothing), and refuses without invitations or answers', () => {
    const stray = postStratify([...example, { value: 'onbekend', invited: 0, moments: momentsOf(repeat(2, 3)) }], MIN);
    if (!stray.shown) throw new Error('not shown');
    expect(stray.estimate.mean).toBeCloseTo(0.4, 12);
    expect(stray.estimate.n).toBe(40);
    expect(stray.collapsed).toEqual(['onbekend']);
    expect(postStratify([{ value: 'A', invited: 0, moments: young }], MIN)).toMatchObject({ shown: false, reason: 'no-invitations' });
    expect(postStratify([{ value: 'A', invited: 30, moments: momentsOf(repeat(1, 9)) }], MIN)).toMatchObject({ shown: false, reason: 'too-few-answers' });
  });
});

describe('strata from the roll-ups and the invitations', () => {
  const row = (segment: Record<string, string>, status: string, count: number): FunnelRow => ({ segment, channel: 'web', status, reason: '', count, mailed: count });

  it('counts the invited per value, without the suppressed, and those without the key as ""', () => {
    const rows = [row({ leeftijd: '65+' }, 'answered', 4), row({ leeftijd: '65+' }, 'open', 6), row({ leeftijd: '65+' }, 'suppressed', 9), row({ wijk: 'Noord' }, 'expired', 5), row({}, 'open', 2)];
    expect(invitedMix(rows, 'leeftijd')).toEqual(new Map([['65+', 10], ['', 7]]));
    expect(invitationKeys(rows)).toEqual(['leeftijd', 'wijk']);
    // Only keys with an invited mix and answers: a key only the answers carry (such as the mode of answering) has no invited mix.
    expect(weightableKeys(rows, ['mode', 'leeftijd'])).toEqual(['leeftijd']);
  });

  it('finds the respondents without a value as everyone minus every value', () => {
    const everyone = momentsOf([...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10), ...repeat(-1, 5), ...repeat(0, 5), 2, 2]);
    const strata = strataOf(new Map([['18-64', 60], ['65+', 40], ['', 3]]), everyone, new Map([['18-64', young], ['65+', old]]));
    expect(strata).toEqual([
      { value: '18-64', invited: 60, moments: young },
      { value: '65+', invited: 40, moments: old },
      { value: '', invited: 3, moments: { n: 2, sum: 4, sumSquares: 8 } },
    ]);
  });

  it('weights every touchpoint on the same invited mix', () => {
    const weighted = weightTouchpoints(
      [1, 2],
      new Map([['18-64', 60], ['65+', 40]]),
      new Map([[1, momentsOf([...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10), ...repeat(-1, 5), ...repeat(0, 5)])], [2, young]]),
      new Map([['18-64', new Map([[1, young], [2, young]])], ['65+', new Map([[1, old]])]]),
      MIN,
    );
    expect(weighted.get(1)).toMatchObject({ shown: true, estimate: { mean: expect.closeTo(0.4, 12) } });
    // Nobody aged 65+ answered at step 2: its 40 invited cannot be represented.
    expect(weighted.get(2)).toEqual({ shown: false, reason: 'other-too-small', collapsed: ['65+'] });
  });
});
