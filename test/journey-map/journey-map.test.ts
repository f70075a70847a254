/**
 * The klantreiskaart (journey map) through the real app: answers put in through the real
 * survey path (event → invitation mail → token → submitted survey → roll-ups), a segment, two
 * periods, improvement actions in the improvement_actions table, an archived touchpoint. The map
 * shows every step with its figures, quotes (masked) and actions for the chosen period and
 * segment — and nothing of another period or segment; a group below the minimum size is
 * withheld. Plus access, bad filter input (as /dashboard), the link from the dashboard, and the
 * pure parts (heart-line geometry, choice of quotes and actions).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actionEffect, findAction } from '../../src/actions/action-queries';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { improvementActions, type ActionStatus } from '../../src/db/schema';
import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import type { Comment } from '../../src/heartmonitor/queries';
import { heartLine, yOf } from '../../src/journey-map/heart-line';
import { buildJourneyMap, isActionShown, pickBottlenecks } from '../../src/journey-map/journey-map';
import { journeyMapHref } from '../../src/journey-map/links';
import { exportJourney, findJourneyBySlug, importJourney } from '../../src/journeys/journeys';
import { MASKS } from '../../src/mask';
import { nl } from '../../src/texts';
import { effectLine } from '../../views/actions/effect-view';
import { decodeHtml } from '../helpers/html-text';
import { addKnownAnswer, type KnownAnswer } from '../helpers/known-answers';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.journeyMap;
const NOW = new Date('2026-11-20T15:00:00Z'); // the TestClock's "now"
const PASPOORT = 'Paspoort of ID-kaart aanvragen';

// ── Putting known answers in, through the real survey path ───────────────────────────────────

/** One answer through the real survey path (test/helpers/known-answers.ts), from the web channel. */
const addAnswer = (ctx: TestContext, answer: KnownAnswer): void => addKnownAnswer(ctx, { channel: 'web', grade: 6, effort: 4, ...answer });

/** An instant `days` before the test clock's today at 10:00 UTC, plus `minutes`. */
const daysAgo = (days: number, minutes = 0) => new Date(Date.UTC(2026, 10, 20 - days, 10, minutes));

// ── The known scenario (today is 2026-11-20; "periode=30" is 2026-10-22 … 2026-11-20) ───────
//
// Paspoort (afspraak-maken, balie, ophalen):
//   5 days ago   Noord 12×: afspraak +1 · balie 6×−2, 6×−1, with comments · ophalen +1 ("Snel opgehaald")
//   4 days ago   Zuid  12×: afspraak −1 (two comments) · balie +2 · ophalen only 4×, −1 (one comment)
//   45 days ago  Noord 10×: afspraak +2 · balie −1 ("Oude klacht uit oktober") · ophalen +2
// Verhuizing: adresonderzoek answered 5 days ago, bevestiging 45 days ago; both archived afterwards.

const NOORD = { wijk: 'Noord' };
const ZUID = { wijk: 'Zuid' };

const BALIE_COMMENTS: Record<number, string> = {
  0: 'Lang wachten aan de balie, bel mij op 06-12345678',
  1: 'Lang wachten aan de balie, bel mij op 06-12345678',
  2: 'Mail mij op jan.jansen@example.nl, ik wacht nog steeds',
  6: 'Medewerker was kortaf',
  7: 'De balie was te vol',
  8: 'Niemand wist waar ik moest zijn',
};

function addScenario(ctx: TestContext) {
  for (let i = 0; i < 12; i++) {
    addAnswer(ctx, {
      at: daysAgo(5, i),
      segment: NOORD,
      feelings: { 'afspraak-maken': 1, balie: i < 6 ? -2 : -1, ophalen: 1 },
      comments: { ...(BALIE_COMMENTS[i] ? { balie: BALIE_COMMENTS[i]! } : {}), ...(i === 0 ? { ophalen: 'Snel opgehaald, prima' } : {}) },
    });
  }
  const zuidAfspraak: Record<number, string> = { 0: 'Website liep vast bij het kiezen van een tijd', 1: 'Geen tijden vrij deze maand' };
  for (let i = 0; i < 12; i++) {
    addAnswer(ctx, {
      at: daysAgo(4, i),
      segment: ZUID,
      feelings: { 'afspraak-maken': -1, balie: 2, ...(i < 4 ? { ophalen: -1 } : {}) },
      comments: { ...(zuidAfspraak[i] ? { 'afspraak-maken': zuidAfspraak[i]! } : {}), ...(i === 0 ? { ophalen: 'Paspoort lag er pas na drie weken' } : {}) },
    });
  }
  for (let i = 0; i < 10; i++) {
    addAnswer(ctx, {
      at: daysAgo(45, i),
      segment: NOORD,
      feelings: { 'afspraak-maken': 2, balie: -1, ophalen: 2 },
      comments: i === 0 ? { balie: 'Oude klacht uit oktober' } : {},
    });
  }

  // Verhuizing: answers first, then two touchpoints are archived by re-importing the journey without them.
  for (let i = 0; i < 12; i++) {
    addAnswer(ctx, {
      journey: 'verhuizing-doorgeven',
      at: daysAgo(5, i),
      segment: NOORD,
      feelings: { 'informatie-zoeken': 1, adresonderzoek: -1 },
      comments: i === 0 ? { adresonderzoek: 'Adresonderzoek voelde als wantrouwen' } : {},
    });
  }
  for (let i = 0; i < 10; i++) addAnswer(ctx, { journey: 'verhuizing-doorgeven', at: daysAgo(45, i), segment: NOORD, feelings: { bevestiging: 1 } });
  const definition = exportJourney(ctx.db, 'verhuizing-doorgeven')!;
  importJourney(ctx.db, { ...definition, touchpoints: definition.touchpoints.filter((tp) => !['bevestiging', 'adresonderzoek'].includes(tp.slug)) }, ctx.clock);
}

function touchpointId(ctx: TestContext, journey: string, slug: string): { journeyId: number; touchpointId: number } {
  return ctx.db.$client
    .prepare('SELECT t.journey_id AS journeyId, t.id AS touchpointId FROM touchpoints t JOIN journeys j ON j.id = t.journey_id WHERE j.slug = ? AND t.slug = ?')
    .get(journey, slug) as { journeyId: number; touchpointId: number };
}

function addAction(
  ctx: TestContext,
  journey: string,
  slug: string,
  values: { title: string; owner: string; status: ActionStatus; dueOn?: string; doneOn?: string },
): number {
  return ctx.db
    .insert(improvementActions)
    .values({ ...touchpointId(ctx, journey, slug), title: values.title, owner: values.owner, status: values.status, dueOn: values.dueOn ?? null, doneOn: values.doneOn ?? null })
    .returning()
    .get().id;
}

const ACTIONS = {
  overdue: { title: 'Extra balie op drukke ochtenden', owner: 'Teamleider KCC', status: 'bezig', dueOn: '2026-11-01' },
  doneRecently: { title: 'Sms als je aan de beurt bent', owner: 'Team Burgerzaken', status: 'klaar', dueOn: '2026-11-05', doneOn: '2026-11-10' },
  planned: { title: 'Meer tijden in de afspraakmodule', owner: 'Servicedesk', status: 'gepland', dueOn: '2026-12-15' },
  doneLongAgo: { title: 'Ophaalmelding per sms', owner: 'Team Burgerzaken', status: 'klaar', dueOn: '2026-02-15', doneOn: '2026-03-01' },
  archivedStep: { title: 'Brief over adresonderzoek herschrijven', owner: 'Team Basisregistratie', status: 'idee' },
  otherJourney: { title: 'Verhuisformulier korter maken', owner: 'Team Web', status: 'bezig', dueOn: '2026-11-30' },
  // Done on 20 October: 31 days before (Noord's 10 × +2) against 31 days after (24 answers, mean 0).
  measured: { title: 'Afspraakbevestiging per sms', owner: 'Servicedesk', status: 'klaar', doneOn: '2026-10-20' },
} as const;

// ── Reading the page back ────────────────────────────────────────────────────────────────────


interface MapView {
  /** Step slugs in column order. */
  steps: string[];
  headers: Record<string, string>;
  /** row id → touchpoint slug → the cell's HTML. */
  cells: Record<string, Record<string, string>>;
  /** The heart line's dots: slug → mean (only the steps with a figure). */
  dots: Record<string, number>;
  dips: string[];
  caption: string;
}

function readMap(html: string): MapView {
  const table = /<table class="mh-map-table"[^>]*>(.*?)<\/table>/s.exec(html);
  expect(table, 'the map table').toBeTruthy();
  const body = table![1]!;
  const thead = /<thead>(.*?)<\/thead>/s.exec(body)![1]!;
  const headerCells = [...thead.matchAll(/<th[^>]*data-touchpoint="([^"]+)"[^>]*>(.*?)<\/th>/gs)];
  const cells: MapView['cells'] = {};
  for (const row of body.matchAll(/<tr data-hook="map-row" data-row="([^"]+)">(.*?)<\/tr>/gs)) {
    cells[row[1]!] = Object.fromEntries([...row[2]!.matchAll(/<td[^>]*data-touchpoint="([^"]+)"[^>]*>(.*?)<\/td>/gs)].map((cell) => [cell[1]!, cell[2]!]));
  }
  const svg = /<svg class="mh-heartline".*?<\/svg>/s.exec(body)![0];
  return {
    steps: headerCells.map((cell) => cell[1]!),
    headers: Object.fromEntries(headerCells.map((cell) => [cell[1]!, decodeHtml(cell[2]!)])),
    cells,
    dots: Object.fromEntries([...svg.matchAll(/<path class="mh-hl-point[^"]*" d="[^"]*" data-touchpoint="([^"]+)" data-mean="([^"]+)"/g)].map((m) => [m[1]!, Number(m[2])])),
    dips: [...svg.matchAll(/<path class="mh-hl-point mh-hl-dip" d="[^"]*" data-touchpoint="([^"]+)"/g)].map((m) => m[1]!),
    caption: decodeHtml(/<caption[^>]*>(.*?)<\/caption>/s.exec(body)![1]!),
  };
}

/** The feeling cell of a step: its mean (null when withheld), n and text. */
function feeling(view: MapView, slug: string) {
  const cell = view.cells.gevoel![slug]!;
  expect(cell, `feeling cell of ${slug}`).toBeDefined();
  const mean = /data-mean="([^"]+)"/.exec(cell);
  const n = /data-n="(\d+)"/.exec(cell);
  return { mean: mean ? Number(mean[1]) : null, n: n ? Number(n[1]) : null, text: decodeHtml(cell) };
}

const quotes = (view: MapView, slug: string) => [...view.cells.knelpunten![slug]!.matchAll(/<blockquote[^>]*>(.*?)<\/blockquote>/gs)].map((m) => decodeHtml(m[1]!));

const actionsOf = (view: MapView, slug: string) =>
  [...view.cells.acties![slug]!.matchAll(/<li class="([^"]+)" data-action-id="(\d+)" data-status="([^"]+)">(.*?)<\/li>/gs)].map((m) => ({
    overdue: m[1]!.includes('mh-map-action--overdue'),
    status: m[3]!,
    text: decodeHtml(m[4]!),
  }));

describe('the journey map with known data', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  let measuredId: number;

  const map = async (query = '') => {
    const response = await get(`/dashboard/klantreiskaart${query ? `?${query}` : ''}`);
    const html = await response.text();
    return { status: response.status, html, view: readMap(html), response };
  };

  beforeAll(async () => {
    ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    expect(cookie).toBeTruthy();
    get = asStaff(ctx.app, cookie!);
    addScenario(ctx);
    addAction(ctx, 'paspoort-aanvragen', 'balie', ACTIONS.overdue);
    addAction(ctx, 'paspoort-aanvragen', 'balie', ACTIONS.doneRecently);
    addAction(ctx, 'paspoort-aanvragen', 'afspraak-maken', ACTIONS.planned);
    addAction(ctx, 'paspoort-aanvragen', 'ophalen', ACTIONS.doneLongAgo);
    addAction(ctx, 'verhuizing-doorgeven', 'adresonderzoek', ACTIONS.archivedStep);
    addAction(ctx, 'verhuizing-doorgeven', 'informatie-zoeken', ACTIONS.otherJourney);
    measuredId = addAction(ctx, 'paspoort-aanvragen', 'afspraak-maken', ACTIONS.measured);
  }, 60_000);

  it('is a full page with its own stylesheet, the same filters as the dashboard (a GET form without htmx) and no scripts', async () => {
    const { status, html, response } = await map('periode=30');
    expect(status).toBe(200);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(response.headers.get('Cache-Control')).toContain('no-store');
    expect(html).toContain('<link rel="stylesheet" href="/assets/journey-map.css"/>');
    expect(html).not.toMatch(/<script[^>]+src=/);
    const form = /<form[^>]*class="mh-filters"[^>]*>/.exec(html)![0];
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/dashboard/klantreiskaart"');
    expect(form).not.toContain('hx-');
    for (const name of ['reis', 'periode', 'van', 'tot', 'segment', 'kanaal']) expect(html).toContain(`name="${name}"`);
    // The dashboard's comparison and granularity mean nothing on a map.
    expect(html).not.toContain('name="vergelijk"');
    expect(html).not.toContain('name="per"');
    expect(html).toMatch(/<option value="wijk:Noord">Wijk: Noord<\/option>/);
    // The dashboards' sub-navigation marks the map as the current page.
    expect(html).toMatch(/<a class="utrecht-link" href="\/dashboard\/klantreiskaart" aria-current="page">/);

    const stylesheet = await ctx.app.request('/assets/journey-map.css');
    expect(stylesheet.status).toBe(200);
    const css = await stylesheet.text();
    expect(css).toMatch(/@page\s*{\s*size:\s*A3 landscape;/);
    expect(css).toContain('@media print');
  });

  it('shows every step in journey order with channel, norm, moment of truth, figures, masked quotes and actions (last 30 days, everyone)', async () => {
    const { view } = await map('periode=30');
    expect(view.steps).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    expect(view.headers['afspraak-maken']).toContain('Stap 1 Afspraak maken');
    expect(view.headers.balie).toContain('Stap 2 Aanvraag aan de balie');
    expect(view.caption).toBe(t.caption(PASPOORT, '2026-10-22', '2026-11-20', t.allResidents));

    // Every aspect row has a cell for every step.
    for (const row of ['kanaal', 'norm', 'moment', 'gevoel', 'knelpunten', 'acties']) expect(Object.keys(view.cells[row]!)).toEqual(view.steps);
    const journey = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!;
    for (const touchpoint of journey.touchpoints) {
      expect(decodeHtml(view.cells.kanaal![touchpoint.slug]!)).toBe(touchpoint.channel);
      expect(decodeHtml(view.cells.norm![touchpoint.slug]!)).toBe(touchpoint.serviceNorm ?? t.noNorm);
      expect(decodeHtml(view.cells.moment![touchpoint.slug]!)).toBe(touchpoint.momentOfTruth ? t.yes : t.no);
    }

    // Figures: afspraak 12×+1 and 12×−1; balie 6×−2, 6×−1, 12×+2; ophalen 12×+1, 4×−1.
    expect(feeling(view, 'afspraak-maken')).toMatchObject({ mean: 0, n: 24 });
    expect(feeling(view, 'balie')).toMatchObject({ mean: 0.25, n: 24 });
    expect(feeling(view, 'ophalen')).toMatchObject({ mean: 0.5, n: 16 });
    expect(feeling(view, 'balie').text).toContain('+0,25');
    expect(feeling(view, 'balie').text).toMatch(/95%-interval -\d,\d\d tot \+\d,\d\d/);
    // The heart line draws the same means.
    expect(view.dots).toEqual({ 'afspraak-maken': 0, balie: 0.25, ophalen: 0.5 });

    // Quotes: negative only, the strongest first then the newest, masked, each text once, three at most.
    expect(quotes(view, 'balie')).toEqual([
      `Mail mij op ${MASKS.email}, ik wacht nog steeds`,
      `Lang wachten aan de balie, bel mij op ${MASKS.phone}`,
      'Niemand wist waar ik moest zijn',
    ]);
    expect(quotes(view, 'afspraak-maken')).toEqual(['Geen tijden vrij deze maand', 'Website liep vast bij het kiezen van een tijd']);
    expect(quotes(view, 'ophalen')).toEqual(['Paspoort lag er pas na drie weken']);
    const page = (await map('periode=30')).html;
    for (const hidden of ['06-12345678', 'jan.jansen@example.nl', 'Snel opgehaald', 'Oude klacht uit oktober', 'Medewerker was kortaf']) expect(page).not.toContain(hidden);

    // Actions at their step: open ones and the one done in this period; overdue marked; none of another journey.
    const balie = actionsOf(view, 'balie');
    expect(balie.map((action) => action.text.split(' Eigenaar')[0])).toEqual([ACTIONS.overdue.title, ACTIONS.doneRecently.title]);
    expect(balie[0]).toMatchObject({ overdue: true, status: 'bezig' });
    // Each title leads to the action's own page.
    expect(view.cells.acties!.balie).toMatch(/<a class="utrecht-link" href="\/dashboard\/verbeteracties\/\d+"><strong>Extra balie op drukke ochtenden<\/strong><\/a>/);
    expect(balie[0]!.text).toContain(`${t.owner}: ${ACTIONS.overdue.owner}`);
    expect(balie[0]!.text).toContain(`${t.status}: ${t.statuses.bezig}`);
    expect(balie[0]!.text).toContain(`${t.due}: 1 november 2026 ${t.overdue}`);
    expect(balie[1]).toMatchObject({ overdue: false, status: 'klaar' });
    expect(balie[1]!.text).toContain(`${t.done}: 10 november 2026`);
    // Its effect (src/actions/effect.ts): nothing answered at the balie in the 10 days before — too few to say.
    expect(balie[1]!.text).toContain(`${t.effect}: ${nl.actions.effect.tooFewLine(0, 24)}`);
    expect(balie[0]!.text).not.toContain(`${t.effect}:`);
    expect(actionsOf(view, 'afspraak-maken')).toEqual([expect.objectContaining({ overdue: false, status: 'gepland' })]);
    expect(actionsOf(view, 'afspraak-maken')[0]!.text).toContain(`${t.due}: 15 december 2026`);
    expect(actionsOf(view, 'afspraak-maken')[0]!.text).not.toContain(t.overdue);
    // Done long before this period: not on this map.
    expect(actionsOf(view, 'ophalen')).toEqual([]);
    expect(decodeHtml(view.cells.acties!.ophalen!)).toBe(t.noActions);
    expect(page).not.toContain(ACTIONS.otherJourney.title);
    expect(page).not.toContain(ACTIONS.doneLongAgo.title);
  });

  it('a segment shows only that segment: its figures, its dips and its quotes; a step below the minimum group is withheld', async () => {
    const noord = (await map('periode=30&segment=wijk%3ANoord')).view;
    expect(noord.caption).toBe(t.caption(PASPOORT, '2026-10-22', '2026-11-20', 'Wijk: Noord'));
    expect(feeling(noord, 'afspraak-maken')).toMatchObject({ mean: 1, n: 12 });
    expect(feeling(noord, 'balie')).toMatchObject({ mean: -1.5, n: 12 });
    expect(feeling(noord, 'ophalen')).toMatchObject({ mean: 1, n: 12 });
    // Balie is clearly negative for Noord; afspraak and ophalen are clearly worse than Noord's +2 in the
    // 30 days before: all three are dips, in the header, the cell and the heart line.
    expect(noord.dips).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    expect(noord.headers.balie).toContain(t.dip);
    expect(feeling(noord, 'balie').text).toContain(`${t.dip}: ${nl.dashboard.dips.belowNeutral}`);
    expect(feeling(noord, 'afspraak-maken').text).toContain(`${t.dip}: ${nl.dashboard.dips.worse('-1,00')}`);
    // Everyone: balie is not a dip (+0,25), afspraak (0, from +2 before) is.
    expect((await map('periode=30')).view.dips).toEqual(['afspraak-maken', 'ophalen']);
    expect(quotes(noord, 'balie')).toHaveLength(3);
    // Zuid's words are not Noord's.
    expect(decodeHtml(noord.cells.knelpunten!['afspraak-maken']!)).toBe(t.noBottlenecks);
    expect(decodeHtml(noord.cells.knelpunten!.ophalen!)).toBe(t.noBottlenecks);

    const zuid = (await map('periode=30&segment=wijk%3AZuid')).view;
    expect(feeling(zuid, 'afspraak-maken')).toMatchObject({ mean: -1, n: 12 });
    expect(feeling(zuid, 'balie')).toMatchObject({ mean: 2, n: 12 });
    expect(zuid.dips).toEqual(['afspraak-maken']);
    expect(quotes(zuid, 'afspraak-maken')).toEqual(['Geen tijden vrij deze maand', 'Website liep vast bij het kiezen van een tijd']);
    expect(decodeHtml(zuid.cells.knelpunten!.balie!)).toBe(t.noBottlenecks);
    // Ophalen: only 4 of Zuid answered — no figure, no dot, no quotes.
    expect(feeling(zuid, 'ophalen')).toEqual({ mean: null, n: null, text: t.tooFew(10) });
    expect(zuid.dots).toEqual({ 'afspraak-maken': -1, balie: 2 });
    expect(decodeHtml(zuid.cells.knelpunten!.ophalen!)).toBe(t.bottlenecksWithheld(10));
    const zuidPage = (await map('periode=30&segment=wijk%3AZuid')).html;
    expect(zuidPage).not.toContain('Paspoort lag er pas na drie weken');
    expect(zuidPage).not.toContain('Niemand wist waar ik moest zijn');
    // Actions belong to the step, whatever the segment.
    expect(actionsOf(zuid, 'balie')).toHaveLength(2);

    // A segment value nobody has: every figure withheld, nothing leaks.
    const nobody = (await map('periode=30&segment=wijk%3AWest')).view;
    for (const slug of nobody.steps) expect(feeling(nobody, slug).mean).toBeNull();
    expect(nobody.dots).toEqual({});
  });

  it('another period shows that period only: its figures and quotes, and the finished work of that time', async () => {
    const { view, status } = await map('periode=eigen&van=2026-09-01&tot=2026-10-15');
    expect(status).toBe(200);
    expect(view.caption).toBe(t.caption(PASPOORT, '2026-09-01', '2026-10-15', t.allResidents));
    expect(feeling(view, 'afspraak-maken')).toMatchObject({ mean: 2, n: 10 });
    expect(feeling(view, 'balie')).toMatchObject({ mean: -1, n: 10 });
    expect(feeling(view, 'ophalen')).toMatchObject({ mean: 2, n: 10 });
    expect(quotes(view, 'balie')).toEqual(['Oude klacht uit oktober']);
    expect(decodeHtml(view.cells.knelpunten!['afspraak-maken']!)).toBe(t.noBottlenecks);
    // Done on 20 October, in or after this period: on this map (not on the last-30-days map), with its measured effect.
    const afspraak = actionsOf(view, 'afspraak-maken');
    expect(afspraak.map((action) => action.status)).toEqual(['gepland', 'klaar']);
    const effect = actionEffect(ctx.db, findAction(ctx.db, measuredId)!, '2026-11-20', 10);
    expect(effect).toMatchObject({ state: 'measured', verdict: 'worse', before: { n: 10 }, after: { n: 24 } });
    expect(afspraak[1]!.text).toContain(`${t.effect}: ${effectLine(effect)}`);
    expect(afspraak[1]!.text).toContain(nl.actions.effect.short.worse);

    const early = await map('periode=eigen&van=2026-02-01&tot=2026-04-30');
    // No answers then: withheld everywhere; the action finished then is on this map.
    for (const slug of early.view.steps) expect(feeling(early.view, slug).mean).toBeNull();
    expect(actionsOf(early.view, 'ophalen')).toEqual([expect.objectContaining({ status: 'klaar', overdue: false })]);
    expect(early.html).toContain(ACTIONS.doneLongAgo.title);
  });

  it('archived steps appear, marked, only when they have answers in the period', async () => {
    const recent = (await map('reis=verhuizing-doorgeven&periode=30')).view;
    expect(recent.steps).toEqual(['informatie-zoeken', 'verhuizing-melden', 'adresonderzoek']);
    expect(recent.headers.adresonderzoek).toContain(t.archived);
    expect(recent.headers['informatie-zoeken']).not.toContain(t.archived);
    expect(feeling(recent, 'adresonderzoek')).toMatchObject({ mean: -1, n: 12 });
    expect(quotes(recent, 'adresonderzoek')).toEqual(['Adresonderzoek voelde als wantrouwen']);
    expect(actionsOf(recent, 'adresonderzoek')).toEqual([expect.objectContaining({ status: 'idee', overdue: false })]);
    expect(actionsOf(recent, 'informatie-zoeken')).toEqual([expect.objectContaining({ status: 'bezig', overdue: false })]);
    // An active step without answers is still on the map.
    expect(feeling(recent, 'verhuizing-melden')).toMatchObject({ mean: null });

    const earlier = (await map('reis=verhuizing-doorgeven&periode=eigen&van=2026-09-01&tot=2026-10-15')).view;
    expect(earlier.steps).toEqual(['informatie-zoeken', 'verhuizing-melden', 'bevestiging']);
    expect(earlier.headers.bevestiging).toContain(t.archived);
    expect(feeling(earlier, 'bevestiging')).toMatchObject({ mean: 1, n: 10 });
  });

  it('buildJourneyMap returns the same as a plain data structure', () => {
    const filters = resolveFilters({ periode: '30', segment: 'wijk:Noord' }, NOW);
    const data = buildJourneyMap(ctx.db, filters, { minGroupSize: 10, now: NOW });
    expect(data.journey?.slug).toBe('paspoort-aanvragen');
    expect(data.today).toBe('2026-11-20');
    expect(data.steps.map((step) => [step.point.touchpoint.slug, step.point.n, step.point.estimate?.mean, Boolean(step.point.dip), step.archived])).toEqual([
      ['afspraak-maken', 12, 1, true, false],
      ['balie', 12, -1.5, true, false],
      ['ophalen', 12, 1, true, false],
    ]);
    expect(data.steps[1]!.actions.map((action) => [action.title, action.overdue])).toEqual([
      [ACTIONS.overdue.title, true],
      [ACTIONS.doneRecently.title, false],
    ]);
    // With a larger minimum group, the same data is withheld.
    const strict = buildJourneyMap(ctx.db, filters, { minGroupSize: 13, now: NOW });
    expect(strict.steps.every((step) => step.point.estimate === undefined && step.bottlenecks === undefined)).toBe(true);
  });

  it('the dashboard links to the map with its filters', async () => {
    const response = await get('/dashboard?reis=paspoort-aanvragen&periode=30&segment=wijk%3ANoord&vergelijk=wijk&per=maand');
    const html = await response.text();
    const href = /<p class="utrecht-paragraph" data-hook="map-link"><a class="utrecht-link" href="([^"]+)">/.exec(html)![1]!.replace(/&amp;/g, '&');
    const url = new URL(href, 'http://meethuis.test');
    expect(url.pathname).toBe('/dashboard/klantreiskaart');
    expect(Object.fromEntries(url.searchParams)).toEqual({ reis: 'paspoort-aanvragen', periode: '30', segment: 'wijk:Noord' });
    const followed = await get(href);
    expect(followed.status).toBe(200);
    expect(readMap(await followed.text()).caption).toBe(t.caption(PASPOORT, '2026-10-22', '2026-11-20', 'Wijk: Noord'));
    // And the dashboards' sub-navigation lists it.
    expect(html).toMatch(/<a class="utrecht-link" href="\/dashboard\/klantreiskaart">/);
  });

  it('bad filter input is handled like /dashboard: 422 with field errors for a wrong period, defaults for unknown values', async () => {
    const wrong = await map('periode=eigen&van=2026-02-30&tot=morgen');
    expect(wrong.status).toBe(422);
    expect(wrong.html).toMatch(/<title>Fout: /);
    expect(wrong.html).toContain('id="van-fout"');
    expect(wrong.html).toContain(nl.dashboard.errors.date);
    expect(wrong.html).toMatch(/<input[^>]*name="tot"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*name="tot"/);
    // The entered values stay in the form; the map falls back to the default 90 days.
    expect(wrong.html).toContain('value="morgen"');
    expect(wrong.view.caption).toBe(t.caption(PASPOORT, '2026-08-23', '2026-11-20', t.allResidents));

    const reversed = await map('periode=eigen&van=2026-11-10&tot=2026-11-01');
    expect(reversed.status).toBe(422);
    expect(reversed.html).toContain(nl.dashboard.errors.range);

    // Unknown journey, period and segment syntax: the defaults, as on the dashboard.
    const unknown = await map('reis=bestaat-niet&periode=999&segment=zonder-dubbele-punt&kanaal=' + 'x'.repeat(500));
    expect(unknown.status).toBe(200);
    expect(unknown.view.steps).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    expect(unknown.view.caption).toContain('23 augustus 2026');
    // A parameter given twice: the first counts, as on the dashboard.
    const twice = await map('periode=30&segment=wijk%3AZuid&segment=wijk%3ANoord');
    expect(twice.view.caption).toBe(t.caption(PASPOORT, '2026-10-22', '2026-11-20', 'Wijk: Zuid'));
    // Markup in a query value is escaped, never rendered.
    const hostile = await map(`segment=${encodeURIComponent('wijk:<script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.html).not.toContain('<script>alert(1)</script>');
    expect(hostile.html).toContain('&lt;script&gt;');
  });
});

describe('who may see the journey map', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = createTestContext();
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    for (const role of ['admin', 'manager', 'researcher'] as const) await createStaff(ctx.db, ctx.clock, role);
  });

  it('managers and admins see it; researchers get 403; anonymous visitors go to the login page', async () => {
    for (const role of ['manager', 'admin'] as const) {
      const { cookie } = await login(ctx.app, `${role}@gemeente.test`);
      const response = await asStaff(ctx.app, cookie!)('/dashboard/klantreiskaart');
      expect(response.status, role).toBe(200);
      expect(await response.text()).toContain('class="mh-map-table"');
    }
    const { cookie } = await login(ctx.app, 'researcher@gemeente.test');
    const refused = await asStaff(ctx.app, cookie!)('/dashboard/klantreiskaart?reis=paspoort-aanvragen');
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('mh-map-table');

    const anonymous = await ctx.app.request('/dashboard/klantreiskaart');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('Location')).toBe('/login?terug=%2Fdashboard%2Fklantreiskaart');
    // No other method is routed.
    const post = await asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!)('/dashboard/klantreiskaart', { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('with no journeys at all the page says so', async () => {
    ctx.db.$client.exec('PRAGMA foreign_keys = OFF; DELETE FROM touchpoints; DELETE FROM journey_case_types; DELETE FROM journeys; PRAGMA foreign_keys = ON;');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const response = await asStaff(ctx.app, cookie!)('/dashboard/klantreiskaart');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(nl.dashboard.noJourneys);
    expect(html).not.toContain('mh-map-table');
  });
});

// ── The pure parts ───────────────────────────────────────────────────────────────────────────

const point = (slug: string, mean?: number, options: { low?: number; high?: number; dip?: boolean } = {}): HeartMonitorPoint => ({
  touchpoint: { id: slug.length, slug, name: slug, channel: 'web', position: 0, momentOfTruth: false, serviceNorm: null },
  answers: mean === undefined ? 3 : 20,
  n: mean === undefined ? 3 : 20,
  estimate: mean === undefined ? undefined : { n: 20, mean, sd: 1, low: options.low ?? mean - 0.5, high: options.high ?? mean + 0.5 },
  dip: options.dip ? { belowNeutral: true, worseThanBefore: false, severity: 1, score: 20 } : undefined,
  trend: 'no-comparison',
  good: false,
});

describe('the heart line geometry', () => {
  it('puts each step in the middle of its column, +2 on top, −2 at the bottom, 0 in the middle', () => {
    const line = heartLine([point('a', 2), point('b', 0, { dip: false }), point('c', -2, { dip: true })]);
    expect(line.width).toBe(300);
    expect(line.marks.map((mark) => mark.x)).toEqual([50, 150, 250]);
    expect(line.zeroY).toBe(50);
    expect(line.marks.map((mark) => mark.y)).toEqual([yOf(2), 50, yOf(-2)]);
    expect(yOf(2)).toBeLessThan(line.zeroY);
    expect(yOf(-2)).toBeGreaterThan(line.zeroY);
    expect(yOf(2)).toBeGreaterThan(0);
    expect(yOf(-2)).toBeLessThan(line.height);
    expect(line.marks.map((mark) => mark.dip)).toEqual([false, false, true]);
    expect(line.segments).toHaveLength(2);
  });

  it('breaks the line at a withheld step, clips intervals to the scale and leaves unbounded ones out', () => {
    const line = heartLine([point('a', 1), point('b'), point('c', -1, { low: -3, high: 0.5 }), point('d', 1, { low: -Infinity, high: Infinity })]);
    expect(line.marks[1]).toEqual({ slug: 'b', x: 150, dip: false });
    expect(line.segments).toEqual([{ x1: 250, y1: yOf(-1), x2: 350, y2: yOf(1) }]);
    expect(line.marks[2]!.low).toBe(yOf(-2));
    expect(line.marks[2]!.high).toBe(yOf(0.5));
    expect(line.marks[3]!.low).toBeUndefined();
    expect(heartLine([]).width).toBe(100);
  });
});

describe('choosing quotes and actions', () => {
  const comment = (text: string, feeling: number, minutesAgo: number): Comment => ({
    touchpointId: 1,
    feeling,
    comment: text,
    answeredAt: new Date(NOW.getTime() - minutesAgo * 60_000),
  });

  it('takes the strongest negative first, then the newest; masks; each text once; at most three', () => {
    const picked = pickBottlenecks([
      comment('Ging wel', -1, 1),
      comment('Bel 0612345678 terug', -2, 30),
      comment('Verschrikkelijk', -2, 10),
      comment('Bel 0612345678 terug', -2, 5),
      comment('Te lang', -1, 2),
    ]);
    expect(picked!.map((quote) => quote.comment)).toEqual([`Bel ${MASKS.phone} terug`, 'Verschrikkelijk', 'Ging wel']);
    expect(pickBottlenecks([])).toEqual([]);
  });

  it('shows open actions always and finished ones only when done in or after the period', () => {
    expect(isActionShown({ status: 'idee', doneOn: null }, '2026-10-01')).toBe(true);
    expect(isActionShown({ status: 'bezig', doneOn: null }, '2026-10-01')).toBe(true);
    expect(isActionShown({ status: 'klaar', doneOn: '2026-10-01' }, '2026-10-01')).toBe(true);
    expect(isActionShown({ status: 'klaar', doneOn: '2026-09-30' }, '2026-10-01')).toBe(false);
    expect(isActionShown({ status: 'klaar', doneOn: null }, '2026-10-01')).toBe(true);
  });

  it('builds the map link from the filters a map uses', () => {
    const filters = resolveFilters({ reis: 'x', periode: 'eigen', van: '2026-01-01', tot: '2026-02-01', segment: 'wijk:Noord', vergelijk: 'wijk', per: 'maand' }, NOW);
    expect(journeyMapHref(filters.query, 'paspoort-aanvragen')).toBe(
      '/dashboard/klantreiskaart?reis=paspoort-aanvragen&periode=eigen&van=2026-01-01&tot=2026-02-01&segment=wijk%3ANoord',
    );
  });
});
