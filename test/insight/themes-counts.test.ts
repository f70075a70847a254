/**
 * The themes' counts are exact: what periodCounts reads from the day counts equals a direct count
 * over the comments (terms per comment from the same Dutch reading), for several periods, including
 * comments indexed out of day order and batches whose counts are summed before they are written; and a
 * code's counts, recounted when it is saved or edited and kept by the indexer afterwards.
 */
import { describe, expect, it } from 'vitest';
import { dayOf, shiftDay } from '../../src/calendar';
import { seededRandom } from '../../src/demo/demo-history';
import { createCode, updateCode } from '../../src/insight/codebook';
import { commentTerms, entriesTerms } from '../../src/insight/text/dutch-terms';
import { indexPendingComments, isNegativeFeeling } from '../../src/insight/theme-index';
import { codeCounts, periodCounts } from '../../src/insight/theme-queries';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { closeCase } from '../helpers/privacy-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

const random = seededRandom(7);
const words = ['lang', 'wachten', 'wachtrij', 'de', 'balie', 'vriendelijk', 'snel', 'en', 'afspraak', 'website', 'traag', 'op', 'uitleg', 'duidelijk'];
const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const sentence = () => Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick(words)).join(' ');

let citizen = 0;
async function respond(ctx: TestContext) {
  citizen++;
  const { token } = await closeCase(ctx, `telling-${citizen}@example.nl`, { touchpoints: ['afspraak-maken', 'balie', 'ophalen'] });
  const form = new URLSearchParams({ grade: '6', effort: '4' });
  for (const step of ['afspraak-maken', 'balie', 'ophalen']) {
    form.set(`feeling-${step}`, pick(['-2', '-1', '0', '1', '2']));
    if (random() < 0.8) form.set(`comment-${step}`, sentence());
  }
  expect((await ctx.app.request(`/s/${token}`, { method: 'POST', body: form })).status).toBe(200);
}

/** The same counts straight from the comments. */
function directCounts(ctx: TestContext, journeyId: number, from: string, to: string) {
  const rows = ctx.db.$client
    .prepare('SELECT touchpoint_id AS touchpointId, feeling, comment, answered_at AS answeredAt FROM answers WHERE journey_id = ? AND comment IS NOT NULL')
    .all(journeyId) as { touchpointId: number; feeling: number | null; comment: string; answeredAt: number }[];
  const steps = new Map<number, { comments: number; terms: number; mentions: Map<string, number> }>();
  const journey = { terms: 0, mentions: new Map<string, number>() };
  for (const row of rows) {
    const day = dayOf(new Date(row.answeredAt));
    if (day < from || day > to) continue;
    const terms = commentTerms(row.comment).map((term) => term.term);
    journey.terms += terms.length;
    for (const term of terms) journey.mentions.set(term, (journey.mentions.get(term) ?? 0) + 1);
    if (!isNegativeFeeling(row.feeling)) continue;
    const step = steps.get(row.touchpointId) ?? { comments: 0, terms: 0, mentions: new Map() };
    steps.set(row.touchpointId, step);
    step.comments++;
    step.terms += terms.length;
    for (const term of terms) step.mentions.set(term, (step.mentions.get(term) ?? 0) + 1);
  }
  return { steps, journey };
}

/** Comments per step in the period, and those holding any of the terms, straight from the comments. */
function directCodeCounts(ctx: TestContext, journeyId: number, from: string, to: string, terms: ReadonlySet<string>) {
  const rows = ctx.db.$client
    .prepare('SELECT touchpoint_id AS touchpointId, comment, answered_at AS answeredAt FROM answers WHERE journey_id = ? AND comment IS NOT NULL')
    .all(journeyId) as { touchpointId: number; comment: string; answeredAt: number }[];
  const counts = new Map<number, { comments: number; total: number }>();
  for (const row of rows) {
    const day = dayOf(new Date(row.answeredAt));
    if (day < from || day > to) continue;
    const count = counts.get(row.touchpointId) ?? { comments: 0, total: 0 };
    counts.set(row.touchpointId, count);
    count.total++;
    if (commentTerms(row.comment).some(({ term }) => terms.has(term))) count.comments++;
  }
  return counts;
}

describe('the themes’ counts against a direct count over the comments', () => {
  it('are exact for every period and minimum, also for comments indexed out of day order', async () => {
    const ctx = createTestContext();
    const journeyId = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id;
    const first = dayOf(ctx.clock.now());
    for (let i = 0; i < 36; i++) {
      await respond(ctx);
      if (i % 6 === 5) ctx.clock.advanceDays(1);
    }
    indexPendingComments(ctx.db);
    // A code saved now is counted from the comment index; the comments after it by the indexer.
    const code = createCode(ctx.db, { name: 'Wachten', entries: ['wachten', 'lang wachten', 'wachtrij'] }, null, ctx.clock.now());
    // Later answers, then dated back into days already counted before they are indexed (as an import would).
    const lastIndexed = (ctx.db.$client.prepare('SELECT max(id) AS id FROM answers').get() as { id: number }).id;
    for (let i = 0; i < 12; i++) await respond(ctx);
    ctx.db.$client.prepare('UPDATE answers SET answered_at = answered_at - ? WHERE id > ?').run(4 * 86_400_000, lastIndexed);
    indexPendingComments(ctx.db);

    const periods = [
      [first, shiftDay(first, 7)],
      [shiftDay(first, 1), shiftDay(first, 3)],
      [shiftDay(first, 2), shiftDay(first, 2)],
      [shiftDay(first, 4), shiftDay(first, 9)],
    ] as const;
    let compared = 0;
    for (const [from, to] of periods) {
      const direct = directCounts(ctx, journeyId, from, to);
      for (const minGroupSize of [1, 3]) {
        const read = periodCounts(ctx.db, { journeyId, from, to }, { minGroupSize });
        expect([...read.steps.keys()].sort()).toEqual([...direct.steps.keys()].sort());
        expect(read.journey.terms).toBe(direct.journey.terms);
        for (const [touchpointId, step] of direct.steps) {
          const got = read.steps.get(touchpointId)!;
          expect({ comments: got.comments, terms: got.terms }).toEqual({ comments: step.comments, terms: step.terms });
          const frequent = new Map([...step.mentions].filter(([, n]) => n >= minGroupSize));
          expect(new Map(got.mentions)).toEqual(frequent);
          for (const term of frequent.keys()) expect(read.journey.mentions.get(term)).toBe(direct.journey.mentions.get(term));
          compared += frequent.size;
        }
        // The previous period's look-up of given step terms reads the same counts.
        const only = [...direct.steps].flatMap(([touchpointId, step]) => [...step.mentions.keys()].map((term) => ({ touchpointId, term })));
        const looked = periodCounts(ctx.db, { journeyId, from, to }, { only });
        for (const { touchpointId, term } of only) expect(looked.steps.get(touchpointId)!.mentions.get(term)).toBe(direct.steps.get(touchpointId)!.mentions.get(term));
      }
    }
    expect(compared).toBeGreaterThan(100);

    // The code's counts: a comment with two of its words counts once; after an edit, its new words count.
    const params = (from: string, to: string) => ({ journeyId, from, to, previousFrom: from, previousTo: to, minGroupSize: 1 });
    for (const entries of [code.entries, ['balie', 'uitleg duidelijk']]) {
      if (entries !== code.entries) updateCode(ctx.db, code.id, { name: code.name, entries }, ctx.clock.now());
      const terms = new Set(entriesTerms(entries));
      for (const [from, to] of periods) {
        const direct = directCodeCounts(ctx, journeyId, from, to, terms);
        const read = codeCounts(ctx.db, params(from, to), { id: code.id, entries });
        expect(new Map(read.map((row) => [row.touchpointId, { comments: row.comments, total: row.total }]))).toEqual(direct);
      }
    }
  });
});
