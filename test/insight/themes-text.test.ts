/**
 * The pure parts of the themes: Dutch terms (tokens, stop words, Snowball stems, phrases), codebook
 * entries with Dutch inflections, the weighted log-odds against hand-computed counts, and the theme
 * finder's minimum group size and significance (one-sided p-values, Benjamini–Hochberg across the journey's steps).
 */
import { describe, expect, it } from 'vitest';
import { commentTerms, entryTerm, stemOf } from '../../src/insight/text/dutch-terms';
import { upperTailPValue } from '../../src/heartmonitor/statistics';
import { logOdds, weightedLogOdds } from '../../src/insight/text/log-odds';
import { FALSE_DISCOVERY_RATE, findThemes, withTrends, type PeriodCounts } from '../../src/insight/theme-finder';

const terms = (text: string) => commentTerms(text).map((term) => term.term);

describe('Dutch terms of a comment', () => {
  it('lowercases, keeps diacritics, drops numbers, punctuation, stop words, e-mail, links and masked values', () => {
    const found = terms('Ik heb 3 WEKEN gewacht op één reactie! Mail jan@example.nl, zie https://gemeente.nl/x of bel [telefoonnummer]. Café');
    expect(found).toEqual(expect.arrayContaining(['wek', 'gewacht', 'reactie', 'caf']));
    for (const dropped of ['3', 'ik', 'heb', 'op', 'jan', 'example', 'https', 'gemeente', 'telefoonnummer', 'mail jan']) expect(found).not.toContain(dropped);
  });

  it('stems with Snowball and joins adjacent content words into phrases, not across a stop word or punctuation', () => {
    expect(terms('lang wachten')).toEqual(['lang', 'lang wacht', 'wacht']);
    expect(terms('lang op de bevestiging wachten')).not.toContain('lang bevest');
    expect(terms('lang, wachten')).not.toContain('lang wacht');
  });

  it('counts a term once per comment and keeps the first written form', () => {
    const found = commentTerms('Wachten, wachten en nog eens wachten.');
    expect(found.filter((term) => term.term === 'wacht')).toEqual([{ term: 'wacht', surface: 'wachten' }]);
  });
});

describe('codebook entries match Dutch inflections through the same stems', () => {
  // What Snowball conflates (and so a codebook word matches) and what it does not.
  it.each([
    ['wachten', ['wacht', 'wachten', 'wachtte']],
    ['wachttijd', ['wachttijden']],
    ['afspraak', ['afspraken']],
    ['medewerker', ['medewerkers']],
    ['vriendelijk', ['vriendelijke']],
    ['bevestiging', ['bevestigingen']],
  ])('"%s" matches %j', (entry, inflections) => {
    const code = entryTerm(entry);
    expect(code.ok).toBe(true);
    for (const word of inflections) expect(terms(`Het ging om ${word} hier`)).toContain(code.ok && code.term);
  });

  it('does not match a past participle or a compound: those are their own entries', () => {
    expect(stemOf('gewacht')).not.toBe(stemOf('wachten'));
    expect(stemOf('wachttijd')).not.toBe(stemOf('wachten'));
  });

  it('reads a two-word entry as a phrase that matches its inflections', () => {
    const code = entryTerm('lang wachten');
    expect(code).toEqual({ ok: true, term: 'lang wacht' });
    expect(terms('Ik moest lange wachten')).toContain('lang wacht');
    expect(terms('Ik moest wachten, lang')).not.toContain('lang wacht');
  });

  it('refuses an entry without a content word or with more than two', () => {
    expect(entryTerm('de het een')).toEqual({ ok: false, reason: 'empty' });
    expect(entryTerm('veel te lang wachten loket')).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('weighted log-odds with an informative Dirichlet prior', () => {
  it('matches hand-computed values', () => {
    // focus: a 3, b 1 (n = 4); rest: a 1, b 5 (n = 6); prior = pooled counts: α_a = 4, α_b = 6, α0 = 10.
    const scores = new Map(weightedLogOdds(new Map([['a', 3], ['b', 1]]), new Map([['a', 1], ['b', 5]])).map((score) => [score.term, score]));
    // a: δ = ln((3+4)/(4+10−3−4)) − ln((1+4)/(6+10−1−4)) = ln(7/7) − ln(5/11); σ² = 1/7 + 1/5
    const deltaA = Math.log(7 / 7) - Math.log(5 / 11);
    expect(scores.get('a')!.delta).toBeCloseTo(deltaA, 12);
    expect(scores.get('a')!.z).toBeCloseTo(deltaA / Math.sqrt(1 / 7 + 1 / 5), 12);
    expect(scores.get('a')!.z).toBeCloseTo(1.34655, 4);
    // b: δ = ln((1+6)/(4+10−1−6)) − ln((5+6)/(6+10−5−6)) = ln(7/7) − ln(11/5); σ² = 1/7 + 1/11
    const deltaB = -Math.log(11 / 5);
    expect(scores.get('b')!.z).toBeCloseTo(deltaB / Math.sqrt(1 / 7 + 1 / 11), 12);
  });

  it('ranks the over-represented term first', () => {
    const scores = weightedLogOdds(new Map([['wachtrij', 20], ['loket', 5]]), new Map([['wachtrij', 2], ['loket', 50]]));
    expect(scores[0]!.term).toBe('wachtrij');
    expect(scores[0]!.z).toBeGreaterThan(3);
  });
});

describe('findThemes', () => {
  // Step 1's negative comments: 30 (their terms: k × "wachtrij" and 10 × "loket"); step 2's: 20 (12 × "loket");
  // the journey's other comments: "wachtrij" 4 times, "loket" 70 times.
  const counts = (k: number): PeriodCounts => ({
    steps: new Map([
      [1, { comments: 30, terms: k + 10, mentions: new Map([['wachtrij', k], ['loket', 10]]) }],
      [2, { comments: 20, terms: 12, mentions: new Map([['loket', 12]]) }],
    ]),
    journey: { terms: k + 10 + 12 + 74, mentions: new Map([['wachtrij', k + 4], ['loket', 92]]) },
  });
  const themesOf = (k: number, previousK: number, min = 10) => withTrends(findThemes(counts(k), min), counts(previousK), min);

  it('finds the over-represented term at its step with responses, share and trend', () => {
    const step1 = themesOf(15, 3).get(1)!;
    expect(step1[0]).toMatchObject({ term: 'wachtrij', responses: 15, share: 0.5, comments: 30, previousShare: 0.1, trend: 'rising' });
    expect(themesOf(15, 3).get(2)?.some((theme) => theme.term === 'wachtrij')).not.toBe(true);
  });

  it('does not show a theme mentioned by fewer respondents than the minimum group size', () => {
    expect(themesOf(9, 0).get(1)?.some((theme) => theme.term === 'wachtrij')).not.toBe(true);
    expect(themesOf(9, 0, 9).get(1)?.[0]?.term).toBe('wachtrij');
  });

  it('leaves out a term that is not significantly over-represented', () => {
    // "loket" is in a third of step 1's negative comments and in about the same share of the rest.
    expect(themesOf(15, 0).get(1)?.some((theme) => theme.term === 'loket')).toBe(false);
  });

  it('gets one-sided p-values from the normal distribution', () => {
    expect(upperTailPValue(1.959963984540054)).toBeCloseTo(0.025, 12);
    expect(upperTailPValue(3)).toBeCloseTo(0.0013498980316301, 12);
    expect(upperTailPValue(0)).toBe(0.5);
  });

  /**
   * Step 1: 100 negative comments with 300 terms; `extra` further steps with the same, each mentioning
   * "loket" 10 times; the rest of the journey always 3,000 terms, each planted term 20 times, "loket" 100
   * in the other comments (so a planted term's score does not depend on `extra`).
   */
  const journey = (step1: Record<string, number>, extra = 0): PeriodCounts => {
    const steps = new Map([[1, { comments: 100, terms: 300, mentions: new Map(Object.entries(step1)) }]]);
    for (let i = 0; i < extra; i++) steps.set(2 + i, { comments: 100, terms: 300, mentions: new Map([['loket', 10]]) });
    const mentions = new Map(Object.entries(step1).map(([term, k]) => [term, k + 20]));
    mentions.set('loket', 100 + 10 * extra);
    return { steps, journey: { terms: 3300, mentions } };
  };

  it('adjusts with Benjamini–Hochberg: two moderate terms both stand, where Bonferroni would drop one', () => {
    const scores = ['wachtrij', 'balie'].map((term, i) => logOdds(13 - i, 20, 300, 3000)!);
    const [p1, p2] = scores.map((score) => upperTailPValue(score.z)) as [number, number];
    // Worked by hand: BH adjusts the larger p-value (rank 2 of 2) to p·2/2 and the smaller to min(p·2/1, that).
    expect(p1).toBeLessThan(p2);
    expect(p2 * 2).toBeGreaterThan(FALSE_DISCOVERY_RATE);
    const found = findThemes(journey({ wachtrij: 13, balie: 12 }), 10).get(1)!;
    expect(found.map((theme) => theme.term)).toEqual(['wachtrij', 'balie']);
    expect(found[1]!.adjustedP).toBeCloseTo(p2, 12);
    expect(found[0]!.adjustedP).toBeCloseTo(Math.min(p1 * 2, p2), 12);
  });

  it('adjusts across every step of the journey: a borderline term alone stands, among many tests it does not', () => {
    expect(findThemes(journey({ wachtrij: 14 }), 10).get(1)?.[0]?.term).toBe('wachtrij');
    // Five more steps each test "loket" (about as common there as elsewhere): six tests, and 14 mentions no longer suffice.
    expect(findThemes(journey({ wachtrij: 14 }, 5), 10).get(1)).toBeUndefined();
    expect(findThemes(journey({ wachtrij: 20 }, 5), 10).get(1)?.[0]?.term).toBe('wachtrij');
  });
});
