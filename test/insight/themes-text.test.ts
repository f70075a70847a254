/**
 * The pure parts of the themes: Dutch terms (tokens, stop words, Snowball stems, phrases), codebook
 * entries with Dutch inflections, the weighted log-odds against hand-computed counts, and the theme
 * finder's minimum group size and significance.
 */
import { describe, expect, it } from 'vitest';
import { commentTerms, entryTerm, stemOf } from '../../src/insight/text/dutch-terms';
import { weightedLogOdds } from '../../src/insight/text/log-odds';
import { findThemes, type TermCount } from '../../src/insight/theme-finder';

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
  // Step 1's negative comments: 30, of which `k` say "wachtrij"; the rest of the journey: 200 comments, 4 say it.
  const counts = (k: number): TermCount[] => [
    { touchpointId: 1, negative: true, term: '', comments: 30 },
    { touchpointId: 1, negative: true, term: 'wachtrij', comments: k },
    { touchpointId: 1, negative: true, term: 'loket', comments: 10 },
    { touchpointId: 1, negative: false, term: '', comments: 100 },
    { touchpointId: 1, negative: false, term: 'wachtrij', comments: 4 },
    { touchpointId: 1, negative: false, term: 'loket', comments: 40 },
    { touchpointId: 2, negative: true, term: '', comments: 20 },
    { touchpointId: 2, negative: true, term: 'loket', comments: 12 },
    { touchpointId: 2, negative: false, term: '', comments: 80 },
    { touchpointId: 2, negative: false, term: 'loket', comments: 30 },
  ];

  it('finds the over-represented term at its step with responses, share and trend', () => {
    const themes = findThemes(counts(15), counts(3), 10);
    const step1 = themes.get(1)!;
    expect(step1[0]).toMatchObject({ term: 'wachtrij', responses: 15, share: 0.5, previousShare: 0.1, trend: 'rising' });
    expect(themes.get(2)?.some((theme) => theme.term === 'wachtrij')).not.toBe(true);
  });

  it('does not show a theme mentioned by fewer respondents than the minimum group size', () => {
    expect(findThemes(counts(9), [], 10).get(1)?.some((theme) => theme.term === 'wachtrij')).not.toBe(true);
    expect(findThemes(counts(9), [], 9).get(1)?.[0]?.term).toBe('wachtrij');
  });

  it('leaves out a term that is not significantly over-represented', () => {
    // "loket" is in a third of step 1's negative comments and in the same share of the rest.
    expect(findThemes(counts(15), [], 10).get(1)?.some((theme) => theme.term === 'loket')).toBe(false);
  });
});
