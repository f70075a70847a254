/**
 * The journey's dashboard tells the story without misleading, on data planted through the real
 * path (case events over the HTTP API with a segment, surveys posted to /s/<token>, an
 * improvement action through its form): the planted segment gap appears in words in
 * "Verschillen tussen groepen" (and a group below the minimum size never does, nor a gap outside
 * the chosen channel); the dip that improved says so, with the previous value; the action's
 * effect names the values and periods it compares; the dips come before the long panels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf, shiftDay } from '../../src/calendar';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { formatDayRange, formatNumber, nl } from '../../src/texts';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyTokenOf } from '../helpers/survey-link';

const JOURNEY = 'verhuizing-doorgeven';
const signed = (value: number) => formatNumber(value, 2, true);

let sequence = 0;

/** One citizen: a case.closed event over the API at the clock's now, then the survey posted through the link in the mail. */
async function answerOverHttp(ctx: TestContext, spec: { segment: Record<string, string>; channel: string; feelings: Record<string, number> }) {
  sequence++;
  const now = ctx.clock.now();
  const event = caseClosedEvent({
    occurredAt: now.toISOString(),
    case: { reference: `Z-GAP-${sequence}`, caseType: JOURNEY, openedAt: new Date(now.getTime() - 5 * 86_400_000).toISOString(), channel: spec.channel },
    citizen: { email: `inwoner-gap-${sequence}@example.nl`, language: 'nl' },
    segment: spec.segment,
    touchpoints: Object.keys(spec.feelings),
  });
  const accepted = await ctx.postEvent(event);
  expect(accepted.status).toBe(202);
  const { status, invitationId } = (await accepted.json()) as { status: string; invitationId: number };
  expect(status).toBe('accepted');
  const token = surveyTokenOf(ctx.db, invitationId);
  const form = new URLSearchParams({ grade: '7', effort: '5' });
  for (const [slug, feeling] of Object.entries(spec.feelings)) form.set(`feeling-${slug}`, String(feeling));
  const stored = await ctx.app.request(`/s/${token}`, { method: 'POST', body: form });
  expect(stored.status).toBe(200);
}

async function answersOverHttp(ctx: TestContext, count: number, make: (i: number) => Parameters<typeof answerOverHttp>[1]) {
  for (let i = 0; i < count; i++) await answerOverHttp(ctx, make(i));
}

const steps = (melden: number, bevestiging: number) => ({ 'informatie-zoeken': 1, 'verhuizing-melden': melden, bevestiging, adresonderzoek: 1 });

// ── The planted story (today is 2026-11-20) ──────────────────────────────────────────────────
//   100 days ago (previous period)  20 × 35-64, web: verhuizing melden −2/−1 (mean −1,5), bevestiging +1
//    40 days ago (before the action) 12 × 35-64, web: verhuizing melden −2, bevestiging +1
//    30 days ago                     the action at "Verhuizing melden" is done
//     2 days ago                     30 × 35-64, web: melden −1/0, bevestiging +1
//                                    14 × 65+, balie: melden −1/0, bevestiging −1/−2 (mean −1,5)
//                                     4 × 85+, web:   melden −1/0, bevestiging −2 (a gap, but 4 people)
const CURRENT = { middle: 30, old: 14, oldest: 4 };

describe('insight on the journey dashboard, planted through the real path', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  let html: string;
  const today = '2026-11-20';

  beforeAll(async () => {
    ctx = createTestContext();
    expect(dayOf(ctx.clock.now())).toBe(today);
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    get = asStaff(ctx.app, cookie!);

    ctx.clock.advanceDays(-100);
    await answersOverHttp(ctx, 20, (i) => ({ segment: { leeftijd: '35-64' }, channel: 'web', feelings: steps(i % 2 ? -2 : -1, 1) }));
    ctx.clock.advanceDays(60);
    await answersOverHttp(ctx, 12, () => ({ segment: { leeftijd: '35-64' }, channel: 'web', feelings: steps(-2, 1) }));
    ctx.clock.advanceDays(38);
    await answersOverHttp(ctx, CURRENT.middle, (i) => ({ segment: { leeftijd: '35-64' }, channel: 'web', feelings: steps(i % 2 ? -1 : 0, 1) }));
    await answersOverHttp(ctx, CURRENT.old, (i) => ({ segment: { leeftijd: '65+' }, channel: 'balie', feelings: steps(i % 2 ? -1 : 0, i % 2 ? -1 : -2) }));
    await answersOverHttp(ctx, CURRENT.oldest, (i) => ({ segment: { leeftijd: '85+' }, channel: 'web', feelings: steps(i % 2 ? -1 : 0, -2) }));
    ctx.clock.advanceDays(2);
    expect(dayOf(ctx.clock.now())).toBe(today);

    // The improvement action at "Verhuizing melden", done 30 days ago, through the form.
    const { journey, touchpoints } = findJourneyBySlug(ctx.db, JOURNEY)!;
    const melden = touchpoints.find((touchpoint) => touchpoint.slug === 'verhuizing-melden')!;
    const created = await get('/dashboard/verbeteracties', {
      method: 'POST',
      body: new URLSearchParams({
        journey: String(journey.id),
        touchpoint: String(melden.id),
        title: 'Uitleg DigiD-stap herschreven',
        owner: 'Team Burgerzaken',
        status: 'klaar',
        doneOn: shiftDay(today, -30),
        dueOn: '',
        description: '',
        publicSummary: '',
      }),
    });
    expect(created.status, await created.clone().text()).toBe(303);

    html = await (await get(`/dashboard?reis=${JOURNEY}`)).text();
  }, 120_000);

  /** The list items of the gaps panel: their segment and their text. */
  const gapItems = (page: string) =>
    [...page.matchAll(/<li class="mh-gap" data-touchpoint="([^"]+)" data-segment="([^"]+)">(.*?)<\/li>/gs)].map((match) => ({
      touchpoint: match[1],
      segment: decodeHtml(match[2]!),
      text: decodeHtml(match[3]!),
    }));

  it('names the planted gap in words, first, with its numbers; never the group below the minimum size', () => {
    const items = gapItems(html);
    expect(items.length).toBeGreaterThan(0);
    // Everyone at "Bevestiging" in the period (90 days: the last two plantings) minus the 65+.
    const restN = 12 + CURRENT.middle + CURRENT.oldest;
    const restMean = (12 + CURRENT.middle - 2 * CURRENT.oldest) / restN;
    const sentence = nl.segmentGaps.sentence('65+', 'Bevestiging ontvangen', -1.5, restMean);
    expect(sentence).toBe(`65+: Bevestiging ontvangen -1,50 tegen ${signed(restMean)} bij de rest`);
    expect(items[0]).toMatchObject({ touchpoint: 'bevestiging', segment: 'leeftijd:65+' });
    expect(items[0]!.text).toContain(sentence);
    expect(items[0]!.text).toContain(`${CURRENT.old} tegen ${restN} antwoorden`);
    // 4 people at −2 against a rest far above: a large gap, but too few to show or even test.
    expect(items.some((item) => item.segment.includes('85+'))).toBe(false);
    expect(decodeHtml(html)).not.toContain('85+: ');
  });

  it('respects the channel filter: at the web channel there are no 65+ answers, so no such gap', async () => {
    const web = await (await get(`/dashboard?reis=${JOURNEY}&kanaal=web`)).text();
    expect(gapItems(web).some((item) => item.segment === 'leeftijd:65+')).toBe(false);
    expect(web).toContain(nl.segmentGaps.title);
  });

  it('says that a chosen segment does not narrow the comparison of groups', async () => {
    const filtered = await (await get(`/dashboard?reis=${JOURNEY}&segment=${encodeURIComponent('leeftijd:35-64')}`)).text();
    expect(decodeHtml(filtered)).toContain(nl.segmentGaps.segmentFilterNote);
    expect(gapItems(filtered)[0]).toMatchObject({ segment: 'leeftijd:65+' });
  });

  it('shows the dip that improved as better, with the previous value and the difference', () => {
    const dip = /<li class="mh-dip" data-touchpoint="verhuizing-melden">(.*?)<\/li>\s*(<li class="mh-dip"|<\/ol>)/s.exec(html);
    expect(dip, 'verhuizing-melden is a dip').toBeTruthy();
    const trend = /<p class="utrecht-paragraph" data-hook="dip-trend" data-trend="([^"]+)">(.*?)<\/p>/s.exec(dip![1]!)!;
    expect(trend[1]).toBe('better');
    // This period: 12 × −2 and 48 × (−1/0, half each); before: 20 × (−2/−1).
    const now = (12 * -2 + 48 * -0.5) / 60;
    const text = decodeHtml(trend[2]!);
    expect(text).toContain(nl.dashboard.dips.trendLabel(formatDayRange(shiftDay(today, -179), shiftDay(today, -90))));
    expect(text).toContain(nl.dashboard.dips.trends.better);
    expect(text).toContain(nl.dashboard.dips.trendDetail(signed(-1.5), signed(now + 1.5), true));
    expect(decodeHtml(dip![1]!)).toContain(`${nl.dashboard.heartMonitor.mean}: ${signed(now)}`);
  });

  it('says "slechter" for the dip that got worse, and "geen vergelijking" when the previous period is too small', async () => {
    const trendOf = (page: string, slug: string) =>
      new RegExp(`<li class="mh-dip" data-touchpoint="${slug}">.*?<p class="utrecht-paragraph" data-hook="dip-trend" data-trend="([^"]+)">(.*?)</p>`, 's').exec(page);
    const bevestiging = trendOf(html, 'bevestiging')!;
    expect(bevestiging[1]).toBe('worse');
    expect(decodeHtml(bevestiging[2]!)).toContain(`${nl.dashboard.dips.trends.worse} (toen ${signed(1)}`);
    // At the balie only the 65+ answered, all in this period.
    const balie = await (await get(`/dashboard?reis=${JOURNEY}&kanaal=balie`)).text();
    const melden = trendOf(balie, 'verhuizing-melden')!;
    expect(melden[1]).toBe('no-comparison');
    expect(decodeHtml(melden[2]!)).toContain(`${nl.dashboard.dips.trends['no-comparison']} (${nl.dashboard.dips.noComparison(10)})`);
  });

  it("shows the action's effect with the values and the periods it compares, so it squares with the dip", () => {
    const line = /<span class="mh-effect-line">(.*?)<\/span>/s.exec(html);
    expect(line).toBeTruthy();
    const doneOn = shiftDay(today, -30);
    // The 30 days on each side of the done day: 12 × −2 before, 48 answers averaging −0,5 after.
    const before = formatDayRange(shiftDay(doneOn, -30), shiftDay(doneOn, -1));
    const after = formatDayRange(shiftDay(doneOn, 1), today);
    expect(decodeHtml(line![1]!)).toBe(
      `${nl.actions.columns.effect}: ${nl.actions.effect.line(signed(-2), before, signed(-0.5), after, signed(1.5), nl.actions.effect.short.better, 12, 48)}`,
    );
  });

  it('puts the dips and the gaps right after the heart monitor, before the tables, trends and process panels', () => {
    const at = (id: string) => {
      const index = html.indexOf(`id="${id}"`);
      expect(index, id).toBeGreaterThan(-1);
      return index;
    };
    const order = ['hartmonitor-titel', 'dips-titel', 'groepen-titel', 'gevoel-per-stap-titel', 'verbeteracties-titel', 'scores-titel', 'proces-titel'].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The heart monitor's table is still there, one link away from its chart.
    expect(html).toContain('href="#gevoel-per-stap-titel"');
    expect(html).toMatch(/<table class="[^"]*" data-hook="heartmonitor-table"/);
  });
});
