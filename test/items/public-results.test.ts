import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { completedQuarters, daysOfQuarter } from '../../src/actions/quarters';
import { journeys } from '../../src/db/schema';
import { addJourneyItem } from '../../src/items/journey-items';
import { nl } from '../../src/texts';
import { dutch } from '../../src/texts/citizen';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { unescapeHtml } from '../helpers/html-text';
import { surveyPathOf } from '../helpers/survey-link';

const t = nl.publicResults;
const PASPOORT = 'Paspoort of ID-kaart aanvragen';
const VERHUIZING = 'Verhuizing doorgeven';
const COMMENT = 'Zeldzame-opmerking-Kwartaalproef-4711';

const journeyId = (ctx: TestContext, slug: string) => ctx.db.select().from(journeys).where(eq(journeys.slug, slug)).get()!.id;
const makePublic = (ctx: TestContext, slug: string, value = true) =>
  ctx.db.update(journeys).set({ publicResults: value }).where(eq(journeys.slug, slug)).run();

/** Moves the test clock to a moment (forwards or back). */
const setClock = (ctx: TestContext, instant: string) => ctx.clock.advanceMs(new Date(instant).getTime() - ctx.clock.now().getTime());

let sequence = 0;

/** One citizen's answer through the front doors, now on the test clock: the event, then the survey form. */
async function answer(ctx: TestContext, fields: Record<string, string>, journey = 'paspoort-aanvragen', steps = ['afspraak-maken', 'balie', 'ophalen']) {
  sequence++;
  const event = await ctx.postEvent(
    caseClosedEvent({
      id: `public-results-${sequence}`,
      occurredAt: ctx.clock.now().toISOString(),
      case: { reference: `Z-PR-${sequence}`, caseType: journey },
      citizen: { email: `inwoner-pr-${sequence}@example.nl`, language: 'nl' },
      touchpoints: steps,
    }),
  );
  expect(event.status).toBe(202);
  const { invitationId } = (await event.json()) as { invitationId: number };
  const submitted = await ctx.app.request(surveyPathOf(ctx.db, invitationId), { method: 'POST', body: new URLSearchParams({ effort: '5', ...fields }) });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
}

const paspoort = (feelings: [string, string, string], grade: number, answered?: '1' | '2' | '3', comment?: string) => ({
  'feeling-afspraak-maken': feelings[0],
  'feeling-balie': feelings[1],
  'feeling-ophalen': feelings[2],
  grade: String(grade),
  ...(answered ? { 'item-MH-BEANTWOORD': answered } : {}),
  ...(comment ? { 'comment-balie': comment } : {}),
});

/**
 * With a minimum group size of 3: in 2026-K3 three answers before the journey asks "Is uw vraag
 * beantwoord?" and two after (grades 7 7 7 8 6), in 2026-K4 four answers (grades 8 6 7 8; ja ja
 * ja nee; "ophalen" twice n.v.t.), a comment; "Verhuizing doorgeven" gets answers but stays private.
 * The clock ends in 2027-K1, so K4 is the last completed quarter.
 */
async function planted() {
  const ctx = createTestContext({ MIN_GROUP_SIZE: '3' });
  setClock(ctx, '2026-08-10T10:00:00Z');
  for (const grade of [7, 7, 7]) await answer(ctx, paspoort(['1', '0', '1'], grade));
  ctx.db.transaction((tx) => expect(addJourneyItem(tx, journeyId(ctx, 'paspoort-aanvragen'), 'MH-BEANTWOORD', null, ctx.clock.now()).ok).toBe(true));
  await answer(ctx, paspoort(['1', '0', '1'], 8, '3'));
  await answer(ctx, paspoort(['1', '0', '1'], 6, '3'));

  setClock(ctx, '2026-11-20T10:00:00Z');
  await answer(ctx, paspoort(['1', '-1', '2'], 8, '3', COMMENT));
  await answer(ctx, paspoort(['2', '-2', 'nvt'], 6, '3'));
  await answer(ctx, paspoort(['1', '-1', '2'], 7, '3'));
  await answer(ctx, paspoort(['2', '-1', 'nvt'], 8, '1'));
  for (let i = 0; i < 3; i++) await answer(ctx, { 'feeling-verhuizing-melden': '1', grade: '9' }, 'verhuizing-doorgeven', ['verhuizing-melden']);

  setClock(ctx, '2027-01-05T10:00:00Z');
  return ctx;
}

async function page(ctx: TestContext, path = '/resultaten') {
  const response = await ctx.app.request(path);
  expect(response.status).toBe(200);
  return { response, html: unescapeHtml(await response.text()) };
}

/** The HTML of one quarter's section of the paspoort journey. */
function quarterHtml(html: string, key: string): string {
  const start = html.indexOf(`aria-labelledby="kwartaal-paspoort-aanvragen-${key}"`);
  expect(start, key).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

const rowOf = (section: string, step: string) => new RegExp(`<tr[^>]*data-touchpoint="${step}"[^>]*>(.*?)</tr>`, 's').exec(section)![1]!;

describe('the quarters /resultaten shows', () => {
  it('are the four that ended before today, across a year boundary, each from its first to its last day', () => {
    expect(completedQuarters('2027-01-05', 4).map((quarter) => quarter.key)).toEqual(['2026-K4', '2026-K3', '2026-K2', '2026-K1']);
    expect(completedQuarters('2026-12-31', 2).map((quarter) => quarter.key)).toEqual(['2026-K3', '2026-K2']);
    expect(daysOfQuarter({ key: '2026-K4', year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(daysOfQuarter({ key: '2028-K1', year: 2028, quarter: 1 })).toEqual({ from: '2028-01-01', to: '2028-03-31' });
  });
});

describe('/resultaten: public results per journey and quarter', () => {
  it('is off by default: a journey with answers appears only once made public, with no login', async () => {
    const ctx = await planted();
    const before = await page(ctx);
    expect(before.html).toContain(t.none);
    expect(before.html).not.toContain(PASPOORT);
    expect(before.html).not.toContain(VERHUIZING);

    makePublic(ctx, 'paspoort-aanvragen');
    const after = await page(ctx);
    expect(after.html).not.toContain(t.none);
    expect(after.html).toContain(`>${PASPOORT}</h2>`);
    expect(after.html).not.toContain(VERHUIZING);

    // Turned off again, it is gone at once.
    makePublic(ctx, 'paspoort-aanvragen', false);
    expect((await page(ctx)).html).not.toContain(PASPOORT);
  });

  it('shows the last four completed quarters with the grade, the "ja" share and the feeling per step, computed by hand', async () => {
    const ctx = await planted();
    makePublic(ctx, 'paspoort-aanvragen');
    const { html } = await page(ctx);
    const keys = [...html.matchAll(/aria-labelledby="kwartaal-paspoort-aanvragen-([0-9K-]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(['2026-K4', '2026-K3', '2026-K2', '2026-K1']);

    const k4 = quarterHtml(html, '2026-K4');
    expect(k4).toContain('Oktober tot en met december 2026');
    expect(k4).toContain(t.responses(4));
    // (8 + 6 + 7 + 8) / 4 = 7,25 → 7,3; ja in 3 of 4 answers.
    expect(k4).toContain(t.gradeValue('7,3'));
    expect(k4).toContain(t.answeredValue('75%'));
    // afspraak-maken (1 + 2 + 1 + 2) / 4 = +1,5; balie (−1 − 2 − 1 − 1) / 4 = −1,3 (−1,25); ophalen answered by 2 < 3.
    expect(rowOf(k4, 'afspraak-maken')).toContain('+1,5');
    expect(rowOf(k4, 'balie')).toMatch(/−1,3|-1,3/);
    expect(rowOf(k4, 'ophalen')).toContain(t.tooFew);
    expect(k4).toContain('<svg class="mh-heartline"');

    const k3 = quarterHtml(html, '2026-K3');
    // (7 + 7 + 7 + 8 + 6) / 5 = 7,0; the question was asked of 2 people only: withheld.
    expect(k3).toContain(t.responses(5));
    expect(k3).toContain(t.gradeValue('7,0'));
    expect(k3).toContain(`data-hook="answered"><dt>${t.answered}</dt><dd>${t.tooFew}</dd>`);

    // No answers at all in K2: nothing but the notice.
    const k2 = quarterHtml(html, '2026-K2');
    expect(k2).toContain(t.tooFew);
    expect(k2).not.toContain(t.grade);
    expect(k2).not.toContain('<svg');
  });

  it('shows a quarter once it has ended: answers of the running quarter wait for its end', async () => {
    const ctx = await planted();
    makePublic(ctx, 'paspoort-aanvragen');
    const before = (await page(ctx)).html;
    for (const grade of [10, 10, 9]) await answer(ctx, paspoort(['2', '2', '2'], grade, '2'));
    expect((await page(ctx)).html).toBe(before);

    setClock(ctx, '2027-04-02T10:00:00Z');
    const { html } = await page(ctx);
    const keys = [...html.matchAll(/aria-labelledby="kwartaal-paspoort-aanvragen-([0-9K-]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(['2027-K1', '2026-K4', '2026-K3', '2026-K2']);
    const k1 = quarterHtml(html, '2027-K1');
    // (10 + 10 + 9) / 3 = 9,7; all three said "deels": 0% ja.
    expect(k1).toContain(t.gradeValue('9,7'));
    expect(k1).toContain(t.answeredValue('0%'));
    expect(quarterHtml(html, '2026-K4')).toContain(t.gradeValue('7,3'));
  });

  it('leaves out the rate in a quarter the journey did not ask "Is uw vraag beantwoord?"', async () => {
    const ctx = createTestContext({ MIN_GROUP_SIZE: '3' });
    setClock(ctx, '2026-08-10T10:00:00Z');
    for (const grade of [6, 7, 8]) await answer(ctx, paspoort(['0', '0', '0'], grade));
    setClock(ctx, '2026-10-02T10:00:00Z');
    makePublic(ctx, 'paspoort-aanvragen');
    const k3 = quarterHtml((await page(ctx)).html, '2026-K3');
    expect(k3).toContain(t.gradeValue('7,0'));
    expect(k3).not.toContain(t.answered);
  });

  it('withholds every figure below the minimum group size', async () => {
    // The default minimum (10) is more than any quarter here has.
    const ctx = createTestContext();
    for (const grade of [9, 9, 9, 9]) await answer(ctx, paspoort(['2', '2', '2'], grade));
    setClock(ctx, '2027-01-05T10:00:00Z');
    makePublic(ctx, 'paspoort-aanvragen');
    const k4 = quarterHtml((await page(ctx)).html, '2026-K4');
    expect(k4).toContain(t.tooFew);
    expect(k4).not.toContain('9,0');
    expect(k4).not.toContain(t.responses(4));
  });

  it('never shows free text, whatever is public', async () => {
    const ctx = await planted();
    makePublic(ctx, 'paspoort-aanvragen');
    makePublic(ctx, 'verhuizing-doorgeven');
    const { html } = await page(ctx);
    expect(html).toContain(`>${VERHUIZING}</h2>`);
    expect(html).not.toContain(COMMENT);
    expect(html).not.toContain('Kwartaalproef');
  });

  it('links to /verbeteringen and back, and sits in the footer of every citizen page', async () => {
    const ctx = createTestContext();
    const results = (await page(ctx)).html;
    expect(results).toContain(t.none);
    expect(results).toMatch(/<a class="utrecht-link" href="\/verbeteringen">Wat wij deden<\/a>/);
    const improvements = (await page(ctx, '/verbeteringen')).html;
    expect(improvements).toMatch(/<a class="utrecht-link" href="\/resultaten">Wat u zei<\/a>/);
    expect(improvements).toContain(`href="/resultaten">${dutch.texts.page.footerResults}`);
    expect(results).toContain(`href="/resultaten">${dutch.texts.page.footerResults}`);
  });
});
