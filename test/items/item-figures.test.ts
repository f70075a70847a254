/**
 * The items on the dashboard through the real path: items added to the paspoort journey, case
 * events posted over HTTP, the surveys answered with POST /s/<token>, and the figures read back —
 * from the query functions against hand-computed counts, and from /dashboard as a manager.
 *
 * Planted: 50 citizens at the counter 40 days ago (district Woensel), 6 by phone 5 days ago
 * (district Centrum, only the first step, so no counter question), and one item removed between.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dayOf, shiftDay } from '../../src/calendar';
import { journeyItems, journeys, touchpoints, type Touchpoint } from '../../src/db/schema';
import { answeredFigures, itemFigures, summariseAnswered, type ItemFilter } from '../../src/items/item-figures';
import { addJourneyItem, createCustomItem, removeJourneyItem } from '../../src/items/journey-items';
import { wilsonInterval } from '../../src/heartmonitor/statistics';
import { nl } from '../../src/texts';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const MIN = 10;
const OWN = 'EIGEN-UITLEG';

async function answer(ctx: TestContext, event: Record<string, unknown>, fields: Record<string, string>) {
  const posted = await ctx.postEvent(caseClosedEvent({ occurredAt: ctx.clock.now().toISOString(), ...event }));
  expect(posted.status).toBe(202);
  const stored = await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams({ grade: '7', effort: '4', ...fields }) });
  expect(stored.status).toBe(200);
}

/** The i-th value of a planted list of [value, how many] pairs. */
const nth = (plan: [string, number][], i: number) => {
  let at = i;
  for (const [value, count] of plan) {
    if (at < count) return value;
    at -= count;
  }
  throw new Error('plan too short');
};

describe('item figures on the dashboard', () => {
  let ctx: TestContext;
  let journeyId: number;
  let steps: Touchpoint[];
  let today: string;
  let get: ReturnType<typeof asStaff>;
  const filter = (over: Partial<ItemFilter> = {}): ItemFilter => ({ journeyId, from: shiftDay(today, -89), to: today, ...over });

  beforeAll(async () => {
    ctx = createTestContext();
    today = dayOf(ctx.clock.now());
    journeyId = ctx.db.select().from(journeys).where(eq(journeys.slug, 'paspoort-aanvragen')).get()!.id;
    steps = ctx.db.select().from(touchpoints).where(eq(touchpoints.journeyId, journeyId)).all().sort((a, b) => a.position - b.position);
    const balie = steps.find((step) => step.slug === 'balie')!.id;
    ctx.clock.advanceDays(-40);
    const now = ctx.clock.now();
    ctx.db.transaction((tx) => {
      expect(addJourneyItem(tx, journeyId, 'MH-BEANTWOORD', null, now).ok).toBe(true);
      expect(addJourneyItem(tx, journeyId, 'MH-BEANTWOORD', balie, now).ok).toBe(true);
      expect(addJourneyItem(tx, journeyId, 'MH-SERIEUS', null, now).ok).toBe(true);
      expect(addJourneyItem(tx, journeyId, 'MH-MEEDENKEN', null, now).ok).toBe(true);
      expect(createCustomItem(tx, journeyId, { code: OWN, scale: 'keuze', texts: { nl: 'Hoe hoorde u van de nieuwe regels?' }, options: [{ nl: 'Via de website' }, { nl: 'Via een brief' }] }, now).ok).toBe(true);
    });
    const feelings = { 'feeling-afspraak-maken': '1', 'feeling-balie': '0', 'feeling-ophalen': '1' };
    for (let i = 0; i < 50; i++) {
      await answer(ctx, { case: { reference: `Z-A-${i}`, caseType: 'paspoort-aanvragen', channel: 'balie' }, segment: { district: 'Woensel' } }, {
        ...feelings,
        'item-MH-BEANTWOORD': nth([['3', 30], ['2', 10], ['1', 10]], i),
        'item-MH-BEANTWOORD__balie': nth([['3', 25], ['1', 25]], i),
        'item-MH-SERIEUS': nth([['5', 20], ['4', 10], ['2', 10], ['weet-niet', 10]], i),
        'item-MH-MEEDENKEN': '4',
        [`item-${OWN}`]: nth([['1', 35], ['2', 15]], i),
      });
    }
    ctx.clock.advanceDays(2);
    const meedenken = ctx.db.select().from(journeyItems).where(eq(journeyItems.itemCode, 'MH-MEEDENKEN')).get()!;
    ctx.db.transaction((tx) => expect(removeJourneyItem(tx, journeyId, meedenken.id, ctx.clock.now())).toBeTruthy());
    ctx.clock.advanceDays(33);
    for (let i = 0; i < 6; i++) {
      await answer(ctx, { case: { reference: `Z-B-${i}`, caseType: 'paspoort-aanvragen', channel: 'telefoon' }, segment: { district: 'Centrum' }, touchpoints: ['afspraak-maken'] }, {
        'feeling-afspraak-maken': '1',
        'item-MH-BEANTWOORD': '3',
        'item-MH-SERIEUS': 'weet-niet',
        [`item-${OWN}`]: '1',
      });
    }
    ctx.clock.advanceDays(5);
    await createStaff(ctx.db, ctx.clock, 'manager');
    get = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
  });

  it('counts every item against the hand-computed numbers, journey-level first, then per step', () => {
    const figures = itemFigures(ctx.db, filter(), steps, MIN);
    const balie = steps.find((step) => step.slug === 'balie')!.id;
    expect(figures.map((f) => [f.code, f.touchpointId])).toEqual([['MH-BEANTWOORD', null], ['MH-SERIEUS', null], [OWN, null], ['MH-MEEDENKEN', null], ['MH-BEANTWOORD', balie]]);
    const answered = figures[0]!;
    expect(answered).toMatchObject({ n: 56, dontKnow: 0, reportable: true, removed: false, question: 'Is uw vraag beantwoord?' });
    expect(answered.distribution).toEqual([
      { value: 1, count: 10, share: 10 / 56 },
      { value: 2, count: 10, share: 10 / 56 },
      { value: 3, count: 36, share: 36 / 56 },
    ]);
    expect(answered.positive).toEqual(wilsonInterval(36, 56));
    expect(answered.mean!.mean).toBeCloseTo((36 * 3 + 10 * 2 + 10) / 56, 10);
    expect(answered.mean!.low).toBeLessThan(answered.mean!.mean);

    const serious = figures[1]!;
    // "Weet ik niet" is counted apart: the share and the mean rest on the 40 with a value.
    expect(serious).toMatchObject({ n: 56, dontKnow: 16, reportable: true });
    expect(serious.positive).toEqual(wilsonInterval(30, 40));
    expect(serious.mean!.mean).toBeCloseTo((20 * 5 + 10 * 4 + 10 * 2) / 40, 10);
    expect(serious.distribution!.map((row) => row.count)).toEqual([0, 10, 0, 10, 20]);

    const own = figures[2]!;
    expect(own).toMatchObject({ scale: 'keuze', n: 56, options: ['Via de website', 'Via een brief'] });
    expect(own.mean).toBeUndefined();
    expect(own.positive).toBeUndefined();
    expect(own.distribution).toEqual([
      { value: 1, count: 41, share: 41 / 56 },
      { value: 2, count: 15, share: 15 / 56 },
    ]);
    expect(figures[4]).toMatchObject({ n: 50, positive: wilsonInterval(25, 50) });
  });

  it('still shows a removed item for the period it was asked, marked, and not for a period without its answers', () => {
    const removed = itemFigures(ctx.db, filter(), steps, MIN).find((f) => f.code === 'MH-MEEDENKEN')!;
    expect(removed).toMatchObject({ removed: true, n: 50, reportable: true });
    expect(removed.mean!.mean).toBe(4);
    expect(itemFigures(ctx.db, filter({ from: shiftDay(today, -10) }), steps, MIN).map((f) => f.code)).not.toContain('MH-MEEDENKEN');
  });

  it('honours the period, segment and channel and shows no figure below the minimum group size', () => {
    const recent = itemFigures(ctx.db, filter({ from: shiftDay(today, -10) }), steps, MIN);
    const answered = recent.find((f) => f.code === 'MH-BEANTWOORD' && f.touchpointId === null)!;
    // Six answers: only the count, no share, no mean, no distribution.
    expect(answered).toEqual(expect.objectContaining({ n: 6, reportable: false }));
    expect(answered.mean).toBeUndefined();
    expect(answered.positive).toBeUndefined();
    expect(answered.distribution).toBeUndefined();
    const woensel = itemFigures(ctx.db, filter({ segment: { key: 'district', value: 'Woensel' } }), steps, MIN).find((f) => f.code === 'MH-BEANTWOORD' && f.touchpointId === null)!;
    expect(woensel).toMatchObject({ n: 50, positive: wilsonInterval(30, 50) });
    const phone = itemFigures(ctx.db, filter({ channel: 'telefoon' }), steps, MIN).find((f) => f.code === 'MH-BEANTWOORD' && f.touchpointId === null)!;
    expect(phone).toMatchObject({ n: 6, reportable: false });
    expect(itemFigures(ctx.db, filter({ mode: 'letter' }), steps, MIN).every((f) => f.n === 0)).toBe(true);
  });

  it('gives "Is uw vraag beantwoord?" per step, per channel and per month', () => {
    const answered = answeredFigures(ctx.db, filter(), steps, MIN, 'maand')!;
    const balie = steps.find((step) => step.slug === 'balie')!.id;
    expect(answered.perStep).toEqual([expect.objectContaining({ key: String(balie), n: 50, yes: 25, partly: 0, no: 25 })]);
    expect(answered.perStep[0]!.rates!.yes).toEqual(wilsonInterval(25, 50));
    // At the counter: 50 answers for the journey and 50 at the step; by phone six, too few to show.
    expect(answered.perChannel).toEqual([
      expect.objectContaining({ key: 'balie', n: 100, yes: 55, partly: 10, no: 35 }),
      { key: 'telefoon', n: 6, yes: 6, partly: 0, no: 0 },
    ]);
    expect(answered.perChannel[0]!.rates!.no).toEqual(wilsonInterval(35, 100));
    expect(answered.trend.map((rate) => [rate.key, rate.n, rate.yes])).toEqual([
      ['2026-10', 100, 55],
      ['2026-11', 6, 6],
    ]);
    expect(answered.trend[1]!.rates).toBeUndefined();
    const quarters = answeredFigures(ctx.db, filter(), steps, MIN, 'kwartaal')!;
    expect(quarters.trend).toEqual([expect.objectContaining({ key: '2026-K4', n: 106, yes: 61 })]);
    expect(answeredFigures(ctx.db, filter({ from: today }), steps, MIN, 'maand')).toBeUndefined();
  });

  it('summarises quarters across a year boundary in order', () => {
    const at = (iso: string, value: number) => ({ touchpointId: null, channel: 'web', value, answeredAt: new Date(iso) });
    const rows = [at('2027-01-05T10:00:00Z', 3), at('2026-12-30T10:00:00Z', 1), at('2026-12-31T10:00:00Z', 3)];
    expect(summariseAnswered(rows, [], 'kwartaal', 1).trend.map((rate) => [rate.key, rate.n, rate.yes])).toEqual([
      ['2026-K4', 2, 1],
      ['2027-K1', 1, 1],
    ]);
  });

  it('shows the panel on the journey dashboard to a manager, with the count note below the minimum', async () => {
    const response = await get('/dashboard?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const html = await response.text();
    const section = html.slice(html.indexOf('<section id="vragen"'), html.indexOf('</section>', html.indexOf('beantwoord-titel')));
    expect(section).toContain(nl.itemFigures.title);
    expect(section).toMatch(/data-item="MH-BEANTWOORD" data-touchpoint="" data-positive="0.6429"/);
    expect(section).toContain('Ik voelde me serieus genomen.');
    expect(section).toContain(nl.itemFigures.removed);
    expect(section).toContain('ja: 36 · deels: 10 · nee: 10');
    expect(section).toContain('data-hook="answered-per-channel"');
    expect(section).toMatch(/data-key="balie" data-yes="0.55"/);

    const small = await (await get('/dashboard?reis=paspoort-aanvragen&segment=district%3ACentrum')).text();
    const smallSection = small.slice(small.indexOf('<section id="vragen"'));
    expect(smallSection).toContain('data-hook="item-too-few"');
    expect(smallSection).toMatch(/data-item="MH-BEANTWOORD" data-touchpoint="" data-positive="" data-mean=""/);
  });
});
