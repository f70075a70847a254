/**
 * The dashboard through the real app (app.request, a real in-memory SQLite with the real
 * migrations), signed in as a manager: full page versus htmx fragment, every filter moving the
 * numbers the way the answers put in say they should, the minimum group size, masking, the
 * 422 state, the CSV export, access, and the roll-ups against a direct SQL computation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dayRangeInstants } from '../../src/calendar';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { generateDemoHistory } from '../../src/demo/demo-history';
import { formatNumber, formatPeriod, nl } from '../../src/texts';
import { unescapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { addKnownAnswer, type KnownAnswer } from '../helpers/known-answers';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';

const t = nl.dashboard;
const NOW = new Date('2026-11-20T15:00:00Z'); // the TestClock's "now"
const TOO_FEW = t.heartMonitor.tooFew(10);

// ── Putting known answers in ─────────────────────────────────────────────────────────────────

type AnswerSpec = Omit<KnownAnswer, 'at'> & { at?: Date };

/** One answer through the real survey path (test/helpers/known-answers.ts), by default an hour before now. */
const addAnswer = (ctx: TestContext, spec: AnswerSpec): void => addKnownAnswer(ctx, { ...spec, at: spec.at ?? new Date(NOW.getTime() - 3_600_000) });

/** `count` answers, the i-th made by `make(i)`. */
function addAnswers(ctx: TestContext, count: number, make: (i: number) => AnswerSpec) {
  for (let i = 0; i < count; i++) addAnswer(ctx, make(i));
}

/** An instant `days` before the test clock's today, at 10:00 UTC (11:00 in Amsterdam). */
const daysAgo = (days: number) => new Date(Date.UTC(2026, 10, 20 - days, 10));

async function managerOf(ctx: TestContext) {
  await createStaff(ctx.db, ctx.clock, 'manager');
  const { cookie } = await login(ctx.app, 'manager@gemeente.test');
  expect(cookie).toBeTruthy();
  return asStaff(ctx.app, cookie!);
}

async function page(get: ReturnType<typeof asStaff>, query = '', headers: Record<string, string> = {}) {
  const response = await get(`/dashboard${query ? `?${query}` : ''}`, { headers });
  return { status: response.status, html: await response.text(), response };
}

// ── Reading the page back ────────────────────────────────────────────────────────────────────

/** A cell's text: tags dropped, entities decoded. */
const decode = (text: string) => unescapeHtml(text.replace(/<[^>]+>/g, ''));
/** "1.234" (Dutch thousands) → 1234. */
const count = (text: string) => Number(decode(text).replace(/\./g, ''));

interface HeartRow {
  name: string;
  n: number;
  mean: number | null;
  meanText: string;
  status: string;
  dip: boolean;
}

/** The heart-monitor table, by touchpoint slug. */
function heartRows(html: string): Record<string, HeartRow> {
  const rows: Record<string, HeartRow> = {};
  for (const match of html.matchAll(/<tr class="utrecht-table__row( mh-row-dip)?" data-touchpoint="([^"]+)">(.*?)<\/tr>/g)) {
    const name = decode(/<th[^>]*>(.*?)(<span|<\/th>)/.exec(match[3]!)![1]!);
    const cells = [...match[3]!.matchAll(/<td([^>]*)>(.*?)<\/td>/g)];
    const dataMean = /data-mean="([^"]*)"/.exec(cells[2]![1]!)![1]!;
    rows[match[2]!] = {
      name,
      n: count(cells[1]![2]!),
      mean: dataMean === '' ? null : Number(dataMean),
      meanText: decode(cells[2]![2]!),
      status: decode(cells[6]![2]!),
      dip: Boolean(match[1]),
    };
  }
  return rows;
}

/** The JSON data block of a chart figure (the first of its kind, or the one with this id). */
function chartData(html: string, kind: string, id = '[^"]+'): Record<string, unknown> {
  const match = new RegExp(`<figure class="mh-chart" id="${id}" data-chart="${kind}"[^>]*>.*?<script type="application/json">(.*?)</script>`, 's').exec(html);
  expect(match, `chart ${kind}`).toBeTruthy();
  return JSON.parse(match![1]!);
}

/** The rows of the table under a panel heading: [row header, ...cells] as text. */
function panelTable(html: string, headingId: string): string[][] {
  const start = html.indexOf(`id="${headingId}"`);
  expect(start, headingId).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!)));
}

const dipSlugs = (html: string) => [...html.matchAll(/<li class="mh-dip" data-touchpoint="([^"]+)"/g)].map((match) => match[1]);

/**
 * The CSV of an export response as rows of cells (no quoted cells in these tests' data). Read as
 * bytes: Response.text() would silently drop the byte-order mark that Excel needs.
 */
async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1).trimEnd().split('\r\n').map((line) => line.split(';'));
}
const csvNumber = (cell: string) => (cell === '' ? null : Number(cell.replace(',', '.')));

// ── The known scenario ───────────────────────────────────────────────────────────────────────
//
// Paspoort: balie feelings by group and time (today is 2026-11-20):
//   5 days ago  (2026-11-15)  Noord web   12 × (6×−2, 6×−1)  mean −1.5   grade 4
//                             Zuid  balie 15 × (10×+2, 5×+1) mean 5/3    grade 9
//                             Oost  balie  3 × +1                        grade 8
//   45 days ago (2026-10-06)  Noord web   20 × +2                        grade 8
//   200 days ago (2026-05-04) Zuid  balie 11 × −2                        grade 3
// Afspraak maken: +1 for everyone 5 days ago; ophalen: "niet van toepassing" for Oost.

const NOORD = { wijk: 'Noord', leeftijd: '18-34' };
const ZUID = { wijk: 'Zuid', leeftijd: '65+' };
const OOST = { wijk: 'Oost', leeftijd: '65+' };

function addScenario(ctx: TestContext) {
  addAnswers(ctx, 12, (i) => ({
    at: daysAgo(5),
    segment: NOORD,
    channel: 'web',
    feelings: { 'afspraak-maken': 1, balie: i < 6 ? -2 : -1, ophalen: 0 },
    grade: 4,
    effort: 2,
  }));
  addAnswers(ctx, 15, (i) => ({ at: daysAgo(5), segment: ZUID, channel: 'balie', feelings: { 'afspraak-maken': 1, balie: i < 10 ? 2 : 1, ophalen: 1 }, grade: 9, effort: 6 }));
  addAnswers(ctx, 3, () => ({ at: daysAgo(5), segment: OOST, channel: 'balie', feelings: { 'afspraak-maken': 1, balie: 1, ophalen: null }, grade: 8 }));
  addAnswers(ctx, 20, () => ({ at: daysAgo(45), segment: NOORD, channel: 'web', feelings: { balie: 2 }, grade: 8 }));
  addAnswers(ctx, 11, () => ({ at: daysAgo(200), segment: ZUID, channel: 'balie', feelings: { balie: -2 }, grade: 3 }));
}

describe('the dashboard with known answers', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;

  beforeAll(async () => {
    ctx = createTestContext();
    get = await managerOf(ctx);
    addScenario(ctx);
  });

  it('serves the full page, or only the swapped part to htmx (no <html>), and varies on HX-Request', async () => {
    const full = await page(get);
    expect(full.status).toBe(200);
    expect(full.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(full.html).toContain('<html');
    expect(full.html).toContain('<h1 class="utrecht-heading-1">Dashboard</h1>');
    expect(full.html).toContain('<div id="dashboard">');
    expect(full.html).toMatch(/<script[^>]+src="\/assets\/dashboard\.js"/);
    expect(full.response.headers.get('Vary')).toMatch(/(^|,\s*)HX-Request(,|$)/);
    expect(full.response.headers.get('Cache-Control')).toContain('no-store');

    const fragment = await page(get, '', { 'HX-Request': 'true' });
    expect(fragment.status).toBe(200);
    expect(fragment.response.headers.get('Content-Type')).toContain('text/html');
    expect(fragment.response.headers.get('Vary')).toMatch(/(^|,\s*)HX-Request(,|$)/);
    expect(fragment.html).not.toMatch(/<html|<!DOCTYPE|<head|<body|<h1/i);
    expect(fragment.html).not.toContain('id="dashboard"');
    expect(fragment.html.startsWith('<form method="get" action="/dashboard"')).toBe(true);
    expect(fragment.html).toMatch(/<figure class="mh-chart"[^>]* data-chart="heartmonitor"/);
    // The same numbers in both.
    expect(heartRows(fragment.html)).toEqual(heartRows(full.html));

    // htmx restoring history asks for the whole page.
    const restore = await page(get, '', { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' });
    expect(restore.html).toContain('<html');
  });

  it('shows the default journey (the first by name) for the last 90 days, with the known counts and means', async () => {
    const { html } = await page(get);
    expect(html).toMatch(/<option value="paspoort-aanvragen" selected="">/);
    expect(html).toMatch(/<option value="90" selected="">/);
    expect(html).toContain(t.periodSummary('2026-08-23', '2026-11-20', '2026-05-25', '2026-08-22'));
    // Dutch dates, not ISO days.
    expect(html).toContain('23 augustus 2026 tot en met 20 november 2026, vergeleken met 25 mei 2026 tot en met 22 augustus 2026.');
    expect(html).not.toContain('2026-08-23 tot en met');
    const rows = heartRows(html);
    expect(Object.keys(rows)).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    // Balie: 12 + 15 + 3 recent, 20 older; sum −18 + 25 + 3 + 40 = 50.
    expect(rows.balie).toMatchObject({ n: 50, mean: 1, meanText: '+1,00' });
    expect(rows['afspraak-maken']).toMatchObject({ n: 30, mean: 1 });
    // Ophalen: Oost said "niet van toepassing": 27 feelings, mean 15/27.
    expect(rows.ophalen!.n).toBe(27);
    expect(rows.ophalen!.mean).toBeCloseTo(15 / 27, 3);

    const chart = chartData(html, 'heartmonitor');
    expect(chart.labels).toEqual(['Afspraak maken', 'Aanvraag aan de balie', 'Document ophalen']);
    expect(chart.mean).toEqual(Object.values(rows).map((row) => row.mean));
    expect(chart.n).toEqual([30, 50, 27]);
  });

  it('the period filter: 30 days < 90 days < 365 days, and a custom period holds exactly its days', async () => {
    const n = async (query: string) => heartRows((await page(get, query)).html).balie!;
    const last30 = await n('periode=30');
    const last90 = await n('periode=90');
    const last365 = await n('periode=365');
    expect([last30.n, last90.n, last365.n]).toEqual([30, 50, 61]);
    expect(last30.mean).toBeCloseTo(10 / 30, 3);
    expect(last365.mean).toBeCloseTo(28 / 61, 3);

    const custom = await page(get, 'periode=eigen&van=2026-10-01&tot=2026-10-10');
    expect(custom.status).toBe(200);
    expect(custom.html).toContain(t.periodSummary('2026-10-01', '2026-10-10', '2026-09-21', '2026-09-30'));
    expect(heartRows(custom.html).balie).toMatchObject({ n: 20, mean: 2 });
    expect(heartRows(custom.html)['afspraak-maken']).toMatchObject({ n: 0, mean: null, status: TOO_FEW });
    // The custom dates stay in the form.
    expect(custom.html).toMatch(/<option value="eigen" selected="">/);
    expect(custom.html).toContain('name="van" value="2026-10-01"');
    expect(custom.html).toContain('name="tot" value="2026-10-10"');

    // Last 30 days: balie is significantly worse than the 30 days before (all +2): a dip.
    const recent = await page(get, 'periode=30');
    expect(dipSlugs(recent.html)).toEqual(['balie']);
    expect(heartRows(recent.html).balie).toMatchObject({ dip: true, status: t.heartMonitor.dip + ', ' + t.heartMonitor.momentOfTruth });
  });

  it('the segment filter: n equals the answers from that segment, and the mean moves with it', async () => {
    const all = heartRows((await page(get, 'periode=30')).html).balie!;
    const noord = heartRows((await page(get, 'periode=30&segment=wijk%3ANoord')).html).balie!;
    const zuid = heartRows((await page(get, 'periode=30&segment=wijk%3AZuid')).html).balie!;
    const older = heartRows((await page(get, 'periode=30&segment=leeftijd%3A65%2B')).html).balie!;
    const oost = heartRows((await page(get, 'periode=30&segment=wijk%3AOost')).html).balie!;
    expect(noord).toMatchObject({ n: 12, mean: -1.5 });
    expect(zuid.n).toBe(15);
    expect(zuid.mean).toBeCloseTo(25 / 15, 3);
    expect(older.n).toBe(18);
    expect(oost).toMatchObject({ n: 3, mean: null, status: TOO_FEW });
    expect(noord.mean!).toBeLessThan(all.mean!);
    expect(all.mean!).toBeLessThan(zuid.mean!);

    // Over 90 days, Noord includes its 20 older answers.
    const noord90 = heartRows((await page(get, 'segment=wijk%3ANoord')).html).balie!;
    expect(noord90.n).toBe(32);
    expect(noord90.mean!).toBeCloseTo(22 / 32, 3);
    // The choice is offered and kept selected.
    const { html } = await page(get, 'segment=wijk%3ANoord');
    expect(html).toMatch(/<option value="wijk:Noord" selected="">Wijk: Noord<\/option>/);
    expect(html).toContain('<option value="leeftijd:65+">Leeftijd: 65+</option>');
    // A segment value nobody has: zero everywhere, no crash.
    const nobody = await page(get, 'segment=wijk%3ANergens');
    expect(nobody.status).toBe(200);
    expect(Object.values(heartRows(nobody.html)).map((row) => row.n)).toEqual([0, 0, 0]);
  });

  it('the channel filter: only the answers of cases that came through that channel', async () => {
    const web = heartRows((await page(get, 'periode=30&kanaal=web')).html);
    const balie = heartRows((await page(get, 'periode=30&kanaal=balie')).html);
    expect(web.balie).toMatchObject({ n: 12, mean: -1.5 });
    expect(balie.balie!.n).toBe(18);
    expect(balie.balie!.mean).toBeCloseTo(28 / 18, 3);
    expect(web.balie!.n + balie.balie!.n).toBe(30);
    // Channel and segment together.
    expect(heartRows((await page(get, 'periode=365&kanaal=balie&segment=wijk%3AZuid')).html).balie).toMatchObject({ n: 26 });
  });

  it('the comparison per segment key: one line per value, groups below the minimum left out', async () => {
    const { html } = await page(get, 'periode=30&vergelijk=wijk');
    expect(html).toContain(t.comparison.title('wijk'));
    expect(html).toContain(t.comparison.hidden(1, 10));
    const rows = panelTable(html, 'vergelijking-titel');
    expect(rows.map((row) => row[0])).toEqual(['Noord', 'Zuid']);
    expect(rows[0]).toEqual(['Noord', '+1,00 (n=12)', `${formatNumber(-1.5, 2, true)} (n=12)`, '0,00 (n=12)']);
    expect(rows[1]![2]).toBe('+1,67 (n=15)');
    const chart = chartData(html, 'comparison') as { labels: string[]; series: { label: string; data: (number | null)[] }[] };
    expect(chart.labels).toEqual(['Afspraak maken', 'Aanvraag aan de balie', 'Document ophalen']);
    expect(chart.series).toEqual([
      { label: 'Noord', data: [1, -1.5, 0] },
      { label: 'Zuid', data: [1, 1.667, 1] },
    ]);
    expect(html).not.toContain('Oost (n=');

    // Over 90 days Noord has 32 answers at the balie, 12 at the other steps.
    const longer = panelTable((await page(get, 'vergelijk=wijk')).html, 'vergelijking-titel');
    expect(longer[0]![2]).toBe(`${formatNumber(22 / 32, 2, true)} (n=32)`);
    // Without the filter there is no comparison panel.
    expect((await page(get)).html).not.toContain('vergelijking-titel');
  });

  it('scores per ISO week by default, per month with per=maand', async () => {
    const weeks = panelTable((await page(get)).html, 'scores-titel');
    expect(weeks.map((row) => row.slice(0, 3))).toEqual([
      ['week 41', '20', '8,0'],
      ['week 46', '30', '6,9'],
      [t.scores.total, '50', formatNumber((20 * 8 + 12 * 4 + 15 * 9 + 3 * 8) / 50, 1)],
    ]);
    const months = panelTable((await page(get, 'per=maand&periode=365')).html, 'scores-titel');
    expect(months.map((row) => row.slice(0, 3))).toEqual([
      ['mei 2026', '11', '3,0'],
      ['okt 2026', '20', '8,0'],
      ['nov 2026', '30', '6,9'],
      [t.scores.total, '61', formatNumber((11 * 3 + 20 * 8 + 12 * 4 + 15 * 9 + 3 * 8) / 61, 1)],
    ]);
    // Rapportcijfer and effort each on a chart of their own scale, with the days of each period for the tooltips.
    const monthly = (await page(get, 'per=maand&periode=365')).html;
    const grade = chartData(monthly, 'score', 'scores-cijfer-grafiek');
    expect(grade.labels).toEqual(['mei 2026', 'okt 2026', 'nov 2026']);
    expect(grade.values).toEqual([3, 8, 6.9]);
    expect(grade).toMatchObject({ scale: { min: 1, max: 10 }, target: 7 });
    expect(grade.ranges).toEqual([
      ['2026-05-01', '2026-05-31'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-20'],
    ]);
    const effort = chartData(monthly, 'score', 'scores-moeite-grafiek');
    expect(effort.labels).toEqual(grade.labels);
    expect(effort).toMatchObject({ scale: { min: 1, max: 7 } });
    expect(effort.target).toBeUndefined();
    // Effort 5 unless given; in November 12 × 2, 15 × 6 and 3 × 5.
    expect(effort.values).toEqual([5, 5, (12 * 2 + 15 * 6 + 3 * 5) / 30]);
    expect((await page(get, 'per=maand')).html).toMatch(/<option value="maand" selected="">/);
  });

  it('falls back to the first journey for an unknown slug, and to defaults for unknown filter values', async () => {
    const unknown = await page(get, 'reis=bestaat-niet&periode=12&per=dag&segment=geen-dubbele-punt');
    expect(unknown.status).toBe(200);
    expect(unknown.html).toMatch(/<option value="paspoort-aanvragen" selected="">/);
    expect(unknown.html).toMatch(/<option value="90" selected="">/);
    expect(unknown.html).toMatch(/<option value="week" selected="">/);
    expect(heartRows(unknown.html)).toEqual(heartRows((await page(get)).html));
    expect(unknown.html).toContain('href="/dashboard/export.csv?reis=paspoort-aanvragen&amp;periode=90');
  });

  it('exports the same numbers as the tables, groups below the minimum size without means', async () => {
    const query = 'periode=30&vergelijk=wijk&per=week';
    const { html } = await page(get, query);
    const response = await get(`/dashboard/export.csv?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="meethuis-paspoort-aanvragen-2026-10-22-2026-11-20.csv"');
    const rows = await csvRows(response);
    expect(rows[0]).toEqual(['onderdeel', 'klantreis', 'van', 'tot', 'groep', 'stap', 'n', 'gemiddelde', 'interval_laag', 'interval_hoog', 'aandeel_7_of_hoger']);

    const table = heartRows(html);
    const heart = rows.filter((row) => row[0] === 'hartmonitor');
    expect(heart.map((row) => row[5])).toEqual(Object.values(table).map((row) => row.name));
    for (const row of heart) {
      const shown = Object.values(table).find((r) => r.name === row[5])!;
      expect(Number(row[6]), row[5]).toBe(shown.n);
      expect(csvNumber(row[7]!), row[5]).toBeCloseTo(shown.mean!, 3);
      expect(row[2]).toBe('2026-10-22');
      expect(row[4]).toBe('alle inwoners');
    }

    // Comparison: Noord and Zuid, never Oost (3 answers).
    const comparison = rows.filter((row) => row[0] === 'vergelijking');
    expect([...new Set(comparison.map((row) => row[4]))]).toEqual(['wijk=Noord', 'wijk=Zuid']);
    expect(comparison.find((row) => row[4] === 'wijk=Noord' && row[5] === 'Aanvraag aan de balie')!.slice(6, 8)).toEqual(['12', '-1,500']);

    // Scores per week equal the table; the total row is the page's own.
    const scores = panelTable(html, 'scores-titel');
    const grades = rows.filter((row) => row[0] === 'rapportcijfer');
    // The CSV keeps the ISO keys ("2026-W43") a spreadsheet sorts; the page says "week 43".
    expect(grades.map((row) => [formatPeriod(row[5]!), row[6]])).toEqual(scores.slice(0, -1).map((row) => [row[0], row[1]]));
    expect(grades.map((row) => formatNumber(csvNumber(row[7]!)!, 1))).toEqual(scores.slice(0, -1).map((row) => row[2]));

    // A segment with fewer than the minimum: counts only, no means.
    const small = await csvRows(await get('/dashboard/export.csv?periode=30&segment=wijk%3AOost'));
    const smallHeart = small.filter((row) => row[0] === 'hartmonitor');
    expect(smallHeart.map((row) => row.slice(4, 10))).toEqual([
      ['wijk=Oost', 'Afspraak maken', '3', '', '', ''],
      ['wijk=Oost', 'Aanvraag aan de balie', '3', '', '', ''],
      ['wijk=Oost', 'Document ophalen', '0', '', '', ''],
    ]);
    expect(small.filter((row) => ['rapportcijfer', 'moeite', 'doorlooptijd-gevoel', 'doorlooptijd-cijfer'].includes(row[0]!)).every((row) => row[7] === '')).toBe(true);
    expect(small.filter((row) => row[0] === 'rapportcijfer').map((row) => row[6])).toEqual(['3']);
  });
});

describe('the dashboard with little or no data', () => {
  it('a journey without answers: "te weinig antwoorden" at every step, no dips, nothing plotted', async () => {
    const ctx = createTestContext();
    const get = await managerOf(ctx);
    const { status, html } = await page(get, 'reis=verhuizing-doorgeven');
    expect(status).toBe(200);
    const rows = heartRows(html);
    expect(Object.keys(rows)).toEqual(['informatie-zoeken', 'verhuizing-melden', 'bevestiging', 'adresonderzoek']);
    for (const row of Object.values(rows)) expect(row).toMatchObject({ n: 0, mean: null, meanText: '–', status: TOO_FEW });
    expect(html).toContain(t.dips.none);
    expect(html).toContain(t.goodNews.none);
    expect(dipSlugs(html)).toEqual([]);
    const chart = chartData(html, 'heartmonitor');
    expect(chart.mean).toEqual([null, null, null, null]);
    expect(chart.n).toEqual([0, 0, 0, 0]);
    expect(panelTable(html, 'scores-titel')).toEqual([[t.scores.total, '0', '–', '–', '–']]);
    // Also with every filter at once, the fragment and the export.
    const all = await page(get, 'reis=verhuizing-doorgeven&periode=eigen&van=2026-01-01&tot=2026-01-31&segment=wijk%3AX&kanaal=web&vergelijk=wijk&per=maand', {
      'HX-Request': 'true',
    });
    expect(all.status).toBe(200);
    // A key this journey has no answers for compares nothing: no empty comparison panel (issue 17).
    expect(all.html).not.toContain(t.comparison.title('wijk'));
    expect(all.html).toContain(t.dips.none);
    const csv = await get('/dashboard/export.csv?reis=verhuizing-doorgeven');
    expect(csv.status).toBe(200);
    expect((await csvRows(csv)).filter((row) => row[0] === 'hartmonitor').every((row) => row[7] === '')).toBe(true);
  });

  it('a single answer: n = 1 in the table, still "te weinig antwoorden", mean null in the chart', async () => {
    const ctx = createTestContext();
    const get = await managerOf(ctx);
    addAnswer(ctx, { journey: 'verhuizing-doorgeven', feelings: { 'verhuizing-melden': -2, bevestiging: 2 }, grade: 2 });
    const { html } = await page(get, 'reis=verhuizing-doorgeven');
    const rows = heartRows(html);
    expect(rows['verhuizing-melden']).toMatchObject({ n: 1, mean: null, meanText: '–', status: TOO_FEW, dip: false });
    expect(rows.bevestiging).toMatchObject({ n: 1, mean: null, status: TOO_FEW });
    const chart = chartData(html, 'heartmonitor');
    expect(chart.n).toEqual([0, 1, 1, 0]);
    expect(chart.mean).toEqual([null, null, null, null]);
    expect(chart.low).toEqual([null, null, null, null]);
    expect(chart.high).toEqual([null, null, null, null]);
    expect(dipSlugs(html)).toEqual([]);
    // The grade of one person is not shown either.
    const scores = panelTable(html, 'scores-titel');
    expect(scores.map((row) => row.slice(0, 3))).toEqual([
      ['week 47', '1', '–'],
      [t.scores.total, '1', '–'],
    ]);
    expect(html).not.toMatch(/>2,0</);
  });

  it('exactly the minimum group size is shown; one fewer is not', async () => {
    const ctx = createTestContext();
    expect(ctx.config.MIN_GROUP_SIZE).toBe(10);
    const get = await managerOf(ctx);
    // Ten answers; at "bevestiging" one of them chose "niet van toepassing".
    addAnswers(ctx, 10, (i) => ({ journey: 'verhuizing-doorgeven', feelings: { 'verhuizing-melden': i < 5 ? 1 : 2, bevestiging: i === 0 ? null : 1 } }));
    const { html } = await page(get, 'reis=verhuizing-doorgeven');
    const rows = heartRows(html);
    expect(rows['verhuizing-melden']).toMatchObject({ n: 10, mean: 1.5, meanText: '+1,50' });
    expect(rows['verhuizing-melden']!.status).toContain(t.heartMonitor.good);
    expect(rows.bevestiging).toMatchObject({ n: 9, mean: null, status: TOO_FEW });
    expect(chartData(html, 'heartmonitor').mean).toEqual([null, 1.5, null, null]);
    expect(panelTable(html, 'scores-titel').at(-1)!.slice(0, 3)).toEqual([t.scores.total, '10', '7,0']);

    // With MIN_GROUP_SIZE=11 the same ten answers are not shown.
    const stricter = createTestContext({ MIN_GROUP_SIZE: '11' });
    const strictGet = await managerOf(stricter);
    addAnswers(stricter, 10, () => ({ journey: 'verhuizing-doorgeven', feelings: { 'verhuizing-melden': 2 } }));
    const strict = heartRows((await page(strictGet, 'reis=verhuizing-doorgeven')).html);
    expect(strict['verhuizing-melden']).toMatchObject({ n: 10, mean: null, status: t.heartMonitor.tooFew(11) });
  });

  it('shows the citizens’ words at a dip with e-mail addresses, phone numbers and BSNs masked', async () => {
    const ctx = createTestContext();
    const get = await managerOf(ctx);
    const comments = [
      'Bel me terug op 06-12345678, ik wacht al weken.',
      'Mail naar jan.jansen@example.nl want niemand reageert.',
      'Mijn BSN is 111222333 en toch kon ik niets.',
    ];
    addAnswers(ctx, 12, (i) => ({ feelings: { balie: i % 2 ? -2 : -1 }, comments: i < 3 ? { balie: comments[i]! } : undefined }));
    // Text stored before masking existed (or by another route) is masked when shown, too.
    ctx.db.$client
      .prepare("UPDATE answers SET comment = ? WHERE id = (SELECT max(id) FROM answers WHERE comment IS NULL AND feeling = -2)")
      .run('Oud bericht: bel 020 123 4567 of mail piet@voorbeeld.nl, BSN 123456782.');

    const { html } = await page(get);
    expect(dipSlugs(html)).toEqual(['balie']);
    const dip = html.slice(html.indexOf('<li class="mh-dip" data-touchpoint="balie"'), html.indexOf('</ol>', html.indexOf('class="mh-dips"')));
    expect(dip).toContain('Bel me terug op [telefoonnummer], ik wacht al weken.');
    expect(dip).toContain('Mail naar [e-mailadres] want niemand reageert.');
    expect(dip).toContain('Mijn BSN is [BSN] en toch kon ik niets.');
    expect(html).toContain('Oud bericht: bel [telefoonnummer] of mail [e-mailadres], BSN [BSN].');
    for (const secret of ['06-12345678', 'jan.jansen@example.nl', '111222333', '020 123 4567', 'piet@voorbeeld.nl', '123456782']) {
      expect(html, secret).not.toContain(secret);
    }
    // Nor in the fragment or the export.
    const fragment = (await page(get, '', { 'HX-Request': 'true' })).html;
    expect(fragment).toContain('[e-mailadres]');
    expect(fragment).not.toContain('piet@voorbeeld.nl');
    expect(await (await get('/dashboard/export.csv')).text()).not.toMatch(/@|111222333/);
  });
});

describe('invalid custom dates', () => {
  let get: ReturnType<typeof asStaff>;
  beforeAll(async () => {
    const ctx = createTestContext();
    get = await managerOf(ctx);
  });

  it('answer 422 with an error at each wrong field, the values kept, on the page and in the fragment', async () => {
    const wrong = await page(get, 'periode=eigen&van=2026-02-30&tot=gisteren');
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('<title>Fout: ');
    expect(wrong.html).toMatch(/id="van-fout"[^>]*>.*?Vul een datum in als 2026-11-22\./s);
    expect(wrong.html).toMatch(/id="tot-fout"[^>]*>.*?Vul een datum in als 2026-11-22\./s);
    expect(wrong.html).toMatch(/<input[^>]*name="van" value="2026-02-30"[^>]*aria-invalid="true"[^>]*aria-describedby="van-fout"/);
    expect(wrong.html).toMatch(/<input[^>]*name="tot" value="gisteren"[^>]*aria-invalid="true"/);
    // The panels still show the default period instead of nothing.
    expect(wrong.html).toContain(t.periodSummary('2026-08-23', '2026-11-20', '2026-05-25', '2026-08-22'));

    const reversed = await page(get, 'periode=eigen&van=2026-11-01&tot=2026-10-01');
    expect(reversed.status).toBe(422);
    expect(reversed.html).toContain(t.errors.range);
    expect(reversed.html).not.toContain('id="van-fout"');
    expect(reversed.html).toMatch(/<input[^>]*name="tot"[^>]*aria-invalid="true"/);

    const tooLong = await page(get, 'periode=eigen&van=2020-01-01&tot=2026-11-20');
    expect(tooLong.status).toBe(422);
    expect(tooLong.html).toContain(t.errors.tooLong);

    const missing = await page(get, 'periode=eigen', { 'HX-Request': 'true' });
    expect(missing.status).toBe(422);
    expect(missing.html).not.toContain('<html');
    expect(missing.html).toContain('id="van-fout"');
    expect(missing.html).toContain('id="tot-fout"');

    // Dates that are not used (a fixed period) are not judged.
    expect((await page(get, 'periode=30&van=onzin&tot=ook-onzin')).status).toBe(200);
    // The export of an invalid period falls back to the default period too.
    expect((await get('/dashboard/export.csv?periode=eigen&van=x')).status).toBe(200);
  });

  it('resolveFilters reports the fields and keeps the default period', () => {
    const filters = resolveFilters({ periode: 'eigen', van: '2026-13-01', tot: '2026-12-01' }, NOW);
    expect(filters.errors).toEqual({ van: t.errors.date });
    expect([filters.from, filters.to]).toEqual(['2026-08-23', '2026-11-20']);
  });
});

describe('who may see the dashboard', () => {
  it('managers and admins; a researcher gets 403; an anonymous visitor goes to the login page', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const researcher = asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);
    for (const path of ['/dashboard', '/dashboard?reis=paspoort-aanvragen', '/dashboard/export.csv']) {
      const response = await researcher(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain('data-chart');
    }
    const fragment = await researcher('/dashboard', { headers: { 'HX-Request': 'true' } });
    expect(fragment.status).toBe(403);

    for (const path of ['/dashboard', '/dashboard/export.csv']) {
      const anonymous = await ctx.app.request(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('Location')!.startsWith(`/login?terug=${encodeURIComponent(path)}`)).toBe(true);
    }

    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    await createStaff(ctx.db, ctx.clock, 'admin');
    const admin = asStaff(ctx.app, (await login(ctx.app, 'admin@gemeente.test')).cookie!);
    expect((await admin('/dashboard')).status).toBe(200);
    expect((await admin('/dashboard/export.csv')).status).toBe(200);
  });
});

describe('the roll-ups after a generated history', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;

  beforeAll(async () => {
    ctx = createTestContext();
    get = await managerOf(ctx);
    const report = generateDemoHistory(ctx.db, { config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates }, { days: 30, responses: 800, seed: 20261120 }, ctx.clock.now());
    expect(report.responses).toBeGreaterThan(500);
  }, 60_000);

  /** Feeling per touchpoint straight from the answers table, between two instants. */
  function sqlFeelings(journey: string, from: string, to: string, where = '', ...params: unknown[]) {
    const { start, end } = dayRangeInstants(from, to);
    const rows = ctx.db.$client
      .prepare(
        `SELECT t.slug AS slug, count(a.feeling) AS n, avg(a.feeling) AS mean, count(*) AS answers
         FROM answers a
         JOIN touchpoints t ON t.id = a.touchpoint_id
         JOIN journeys j ON j.id = a.journey_id
         JOIN responses r ON r.id = a.response_id
         WHERE j.slug = ? AND a.answered_at >= ? AND a.answered_at < ? ${where}
         GROUP BY t.slug`,
      )
      .all(journey, start.getTime(), end.getTime(), ...params) as { slug: string; n: number; mean: number | null; answers: number }[];
    return new Map(rows.map((row) => [row.slug, row]));
  }

  function sqlGrades(journey: string, from: string, to: string) {
    const { start, end } = dayRangeInstants(from, to);
    return ctx.db.$client
      .prepare(
        `SELECT count(*) AS n, avg(r.grade) AS grade FROM responses r JOIN journeys j ON j.id = r.journey_id
         WHERE j.slug = ? AND r.submitted_at >= ? AND r.submitted_at < ?`,
      )
      .get(journey, start.getTime(), end.getTime()) as { n: number; grade: number };
  }

  function expectAgreement(html: string, expected: Map<string, { n: number; mean: number | null }>, label: string) {
    const rows = heartRows(html);
    const chart = chartData(html, 'heartmonitor') as { mean: (number | null)[]; n: number[] };
    Object.entries(rows).forEach(([slug, row], i) => {
      const sql = expected.get(slug) ?? { n: 0, mean: null };
      expect(row.n, `${label} ${slug} n`).toBe(sql.n);
      expect(chart.n[i], `${label} ${slug} chart n`).toBe(sql.n);
      if (sql.n >= ctx.config.MIN_GROUP_SIZE) {
        expect(row.mean!, `${label} ${slug} mean`).toBeCloseTo(sql.mean!, 3);
        expect(chart.mean[i], `${label} ${slug} chart mean`).toBe(row.mean);
      } else {
        expect(row.mean, `${label} ${slug} hidden`).toBeNull();
      }
    });
  }

  it('agree with a direct SQL computation over the answers, per journey, for the whole period', async () => {
    let reportable = 0;
    for (const journey of ['paspoort-aanvragen', 'verhuizing-doorgeven', 'schuldhulp-aanvragen']) {
      const { html } = await page(get, `reis=${journey}&periode=90`);
      const expected = sqlFeelings(journey, '2026-08-23', '2026-11-20');
      expect([...expected.values()].reduce((sum, row) => sum + row.answers, 0), journey).toBeGreaterThan(0);
      expectAgreement(html, expected, journey);
      reportable += [...expected.values()].filter((row) => row.n >= 10).length;

      const grades = sqlGrades(journey, '2026-08-23', '2026-11-20');
      const total = panelTable(html, 'scores-titel').at(-1)!;
      expect(total.slice(0, 3), journey).toEqual([t.scores.total, formatNumber(grades.n, 0), formatNumber(grades.grade, 1)]);
    }
    expect(reportable).toBeGreaterThan(5);
  });

  it('agree at the edges of a period cut through the history, per segment and per channel', async () => {
    // The last 14 days: the roll-ups count Amsterdam calendar days, the SQL counts instants from
    // Amsterdam midnight to midnight; they must agree at both ends.
    const from = '2026-11-07';
    const { html } = await page(get, `periode=eigen&van=${from}&tot=2026-11-20`);
    expectAgreement(html, sqlFeelings('paspoort-aanvragen', from, '2026-11-20'), 'last 14 days');

    const segment = ctx.db.$client
      .prepare("SELECT json_extract(segment, '$.wijk') AS wijk, count(*) AS n FROM responses GROUP BY wijk ORDER BY n DESC LIMIT 1")
      .get() as { wijk: string };
    const bySegment = await page(get, `periode=90&segment=${encodeURIComponent(`wijk:${segment.wijk}`)}`);
    expectAgreement(
      bySegment.html,
      sqlFeelings('paspoort-aanvragen', '2026-08-23', '2026-11-20', "AND json_extract(a.segment, '$.wijk') = ?", segment.wijk),
      `wijk ${segment.wijk}`,
    );

    const channel = ctx.db.$client.prepare('SELECT channel, count(*) AS n FROM responses GROUP BY channel ORDER BY n DESC LIMIT 1').get() as { channel: string };
    const byChannel = await page(get, `periode=90&kanaal=${encodeURIComponent(channel.channel)}`);
    expectAgreement(byChannel.html, sqlFeelings('paspoort-aanvragen', '2026-08-23', '2026-11-20', 'AND r.channel = ?', channel.channel), `kanaal ${channel.channel}`);

    // And the CSV of that channel carries the same numbers.
    const csv = await csvRows(await get(`/dashboard/export.csv?periode=90&kanaal=${encodeURIComponent(channel.channel)}`));
    const table = heartRows(byChannel.html);
    for (const row of csv.filter((r) => r[0] === 'hartmonitor')) {
      const shown = Object.values(table).find((r) => r.name === row[5])!;
      expect(Number(row[6])).toBe(shown.n);
      if (shown.mean === null) expect(row[7]).toBe('');
      else expect(csvNumber(row[7]!)).toBeCloseTo(shown.mean, 3);
    }
  });
});
