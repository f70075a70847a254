/**
 * Segment gaps on known answers, checked against a computation straight from the answers: the
 * rest from the roll-ups (everyone minus the group) equals the rest counted directly, the p-values
 * are Benjamini–Hochberg-adjusted across every comparison tested, and a group below the minimum
 * size never appears, however large its gap.
 */
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/insight/multiple-testing';
import { restOf, segmentGaps, type GroupMoments, type SegmentMoments } from '../../src/insight/segment-gaps';
import { compareMeans, twoSidedPValue, type Moments } from '../../src/heartmonitor/statistics';
import { nl } from '../../src/texts';

const MIN = 10;

interface Answer {
  touchpointId: number;
  segment: Record<string, string>;
  feeling: number;
}

const momentsOf = (feelings: number[]): Moments => ({
  n: feelings.length,
  sum: feelings.reduce((a, b) => a + b, 0),
  sumSquares: feelings.reduce((a, b) => a + b * b, 0),
});

/** What the roll-ups hold for these answers: everyone per step, and each key/value per step. */
function rolledUp(answers: Answer[]): SegmentMoments {
  const everyone = new Map<number, number[]>();
  const groups = new Map<string, { key: string; value: string; touchpointId: number; feelings: number[] }>();
  for (const answer of answers) {
    everyone.set(answer.touchpointId, [...(everyone.get(answer.touchpointId) ?? []), answer.feeling]);
    for (const [key, value] of Object.entries(answer.segment)) {
      const id = `${key}\u0000${value}\u0000${answer.touchpointId}`;
      if (!groups.has(id)) groups.set(id, { key, value, touchpointId: answer.touchpointId, feelings: [] });
      groups.get(id)!.feelings.push(answer.feeling);
    }
  }
  return {
    everyone: new Map([...everyone].map(([id, feelings]) => [id, momentsOf(feelings)])),
    groups: [...groups.values()].map(({ key, value, touchpointId, feelings }): GroupMoments => ({ key, value, touchpointId, moments: momentsOf(feelings) })),
  };
}

/** The rest counted directly: the feelings of everyone at the step outside the group. */
const directRest = (answers: Answer[], key: string, value: string, touchpointId: number) =>
  momentsOf(answers.filter((a) => a.touchpointId === touchpointId && a.segment[key] !== value).map((a) => a.feeling));
const directGroup = (answers: Answer[], key: string, value: string, touchpointId: number) =>
  momentsOf(answers.filter((a) => a.touchpointId === touchpointId && a.segment[key] === value).map((a) => a.feeling));

/** A fixed pseudo-random sequence, so the planted data are the same on every run. */
function generator(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const steps = [
  { id: 1, slug: 'informatie-zoeken', name: 'Informatie zoeken' },
  { id: 2, slug: 'bevestiging', name: 'Bevestiging ontvangen' },
];

/**
 * 600 answers over two steps; every answer has a district (20 of them) and an age band. Planted:
 * 65+ feel much worse at "Bevestiging" (−1 or −2); district W01 a little worse there (a raw p
 * under 5% that the correction for 46 comparisons should not let through); "85+" — 9 answers —
 * at −2.
 */
// District W01's answers at "Bevestiging" (65+ apart): somewhat low, a raw p of about 2%.
const W01_FEELINGS = [-1, -1, 0, -1, 0, -2, 0, -1, 1, -1, 0, -1];

function plantedAnswers(): Answer[] {
  const random = generator(11);
  const answers: Answer[] = [];
  const neutral = () => Math.round(random() * 4 - 2 + 0.3);
  let w01 = 0;
  for (let i = 0; i < 600; i++) {
    const touchpointId = i % 2 === 0 ? 1 : 2;
    const wijk = `W${String((i % 40 >> 1) + 1).padStart(2, '0')}`;
    const leeftijd = i % 5 === 0 ? '65+' : i % 5 === 1 ? '18-34' : '35-64';
    let feeling = neutral();
    if (leeftijd === '65+' && touchpointId === 2) feeling = random() < 0.5 ? -2 : -1;
    if (wijk === 'W01' && touchpointId === 2 && leeftijd !== '65+') feeling = W01_FEELINGS[w01++ % W01_FEELINGS.length]!;
    answers.push({ touchpointId, segment: { wijk, leeftijd }, feeling });
  }
  for (let i = 0; i < 9; i++) answers.push({ touchpointId: 2, segment: { leeftijd: '85+' }, feeling: -2 });
  return answers;
}

describe('restOf', () => {
  it('everyone minus the group equals the rest counted from the answers, for every group and step', () => {
    const answers = plantedAnswers();
    const data = rolledUp(answers);
    expect(data.groups.length).toBeGreaterThan(40);
    for (const group of data.groups) {
      expect(group.moments).toEqual(directGroup(answers, group.key, group.value, group.touchpointId));
      expect(restOf(data.everyone.get(group.touchpointId)!, group.moments)).toEqual(directRest(answers, group.key, group.value, group.touchpointId));
    }
  });
});

describe('segmentGaps', () => {
  const answers = plantedAnswers();
  const result = segmentGaps(steps, rolledUp(answers), MIN);

  /** Every comparison the function should test, computed from the answers themselves. */
  const expected = rolledUp(answers)
    .groups.map((group) => ({ ...group, rest: directRest(answers, group.key, group.value, group.touchpointId) }))
    .filter((group) => group.moments.n >= MIN && group.rest.n >= MIN)
    .map((group) => ({ ...group, p: twoSidedPValue(compareMeans(group.moments, group.rest)!) }));
  const adjusted = benjaminiHochberg(expected.map((test) => test.p));
  const label = (gap: { key: string; value: string; touchpointId?: number; touchpoint?: { id: number } }) =>
    `${gap.key}=${gap.value}@${gap.touchpointId ?? gap.touchpoint!.id}`;

  it('tests every group of at least the minimum size against a rest of at least that size', () => {
    expect(result.tested).toBe(expected.length);
    // 20 districts and 3 age bands, at two steps; "85+" (9 answers) is not tested.
    expect(result.tested).toBe(2 * (20 + 3));
  });

  it('adjusts the p-values with Benjamini–Hochberg across everything tested, and keeps only those at or under 5%', () => {
    const shown = expected.filter((_, i) => adjusted[i]! <= 0.05).map(label).sort();
    expect(result.gaps.map(label).sort()).toEqual(shown);
    for (const gap of result.gaps) {
      const i = expected.findIndex((test) => label(test) === label(gap));
      expect(gap.pValue).toBeCloseTo(expected[i]!.p, 12);
      expect(gap.adjustedP).toBeCloseTo(adjusted[i]!, 12);
      expect(gap.adjustedP).toBeGreaterThanOrEqual(gap.pValue);
    }
    // The planted gap is found …
    const old = result.gaps.find((gap) => label(gap) === 'leeftijd=65+@2')!;
    expect(old.group.mean).toBeLessThan(-1);
    expect(old.change.difference).toBeCloseTo(old.group.mean - old.rest.mean, 12);
    // … and the district that only looks different before the correction is not.
    const w01 = expected.findIndex((test) => label(test) === 'wijk=W01@2');
    expect(expected[w01]!.p).toBeLessThan(0.05);
    expect(adjusted[w01]).toBeGreaterThan(0.05);
    expect(result.gaps.map(label)).not.toContain('wijk=W01@2');
  });

  it('ranks by size × reach, groups that feel worse than the rest before those that feel better', () => {
    const scores = result.gaps.map((gap) => gap.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const gap of result.gaps) expect(gap.score).toBeCloseTo((gap.rest.mean - gap.group.mean) * gap.group.n, 12);
    expect(label(result.gaps[0]!)).toBe('leeftijd=65+@2');
    // The mirror image: the other ages feel better than a rest that holds the 65+; they come last.
    const better = result.gaps.filter((gap) => gap.change.difference > 0);
    expect(better.map(label)).toContain('leeftijd=35-64@2');
    expect(result.gaps.slice(-better.length)).toEqual(better);
  });

  it('never shows a group below the minimum size, however large its gap; at exactly the minimum it is tested', () => {
    expect(result.gaps.some((gap) => gap.value === '85+')).toBe(false);
    const tenth = [...answers, { touchpointId: 2, segment: { leeftijd: '85+' }, feeling: -2 }];
    const withTen = segmentGaps(steps, rolledUp(tenth), MIN);
    expect(withTen.tested).toBe(result.tested + 1);
    expect(withTen.gaps.map(label)).toContain('leeftijd=85+@2');
  });

  it('does not test a group whose rest is below the minimum size, nor a step that is not given', () => {
    const almostAll: Answer[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ touchpointId: 1, segment: { taal: 'nl' }, feeling: i % 2 ? 2 : 1 })),
      ...Array.from({ length: 9 }, () => ({ touchpointId: 1, segment: { taal: 'en' }, feeling: -2 })),
    ];
    // "nl" has a rest of 9 ("en"), "en" is 9 itself: nothing to test.
    expect(segmentGaps(steps, rolledUp(almostAll), MIN)).toEqual({ tested: 0, gaps: [] });
    expect(segmentGaps([steps[0]!], rolledUp(answers), MIN).gaps.every((gap) => gap.touchpoint.id === 1)).toBe(true);
  });
});

describe('the gap in words', () => {
  it('reads like the issue asks, with Dutch decimals and signs', () => {
    expect(nl.segmentGaps.sentence('65+', 'Bevestiging van de verhuizing', -0.71, 0.2)).toBe('65+: Bevestiging van de verhuizing -0,71 tegen +0,20 bij de rest');
  });
});
