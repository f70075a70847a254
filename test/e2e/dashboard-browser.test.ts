/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) on a generated
 * history: a manager signs in, the heart monitor is drawn by Chart.js from the same numbers as
 * the table under it, the filters swap the panels in place with htmx (no full reload) while the
 * address bar carries them, the back button restores earlier filters, no Content-Security-Policy
 * violation, axe (WCAG 2.1 A/AA) in the default, comparison and 422 states — and without
 * JavaScript the filter form still works as a plain GET form.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, pathOf, type WatchedPage } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.dashboard;

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 45, responses: 700, seed: 4 });
  expect(report.responses).toBeGreaterThan(400);
}, 120_000);

interface HeartState {
  /** The figure's data-chart-ready attribute: the id of the Chart drawn in it. */
  ready: string | null;
  chartId: string | null;
  chartLabels: string[] | null;
  chartMean: (number | null)[] | null;
  json: { labels: string[]; mean: (number | null)[]; n: number[]; dip: boolean[] };
  rows: { slug: string; name: string; n: number; mean: number | null }[];
  selects: Record<string, string>;
}

/** The heart monitor as the page has it now: the Chart object, its JSON data block, the table under it, the filter values. */
function heartState(page: Page): Promise<HeartState> {
  return page.evaluate((meanLabel) => {
    type ChartLike = { id: number; data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } };
    const Chart = (window as unknown as { Chart?: { getChart(canvas: HTMLCanvasElement): ChartLike | undefined } }).Chart;
    const figure = document.querySelector<HTMLElement>('figure[data-chart="heartmonitor"]')!;
    const chart = Chart?.getChart(figure.querySelector('canvas')!);
    const dataset = chart?.data.datasets.find((set) => set.label === meanLabel);
    const rows = Array.from(document.querySelectorAll<HTMLTableRowElement>('table[data-hook="heartmonitor-table"] tbody tr[data-touchpoint]'), (tr) => {
      const cells = tr.querySelectorAll('td');
      const mean = tr.querySelector<HTMLElement>('td[data-mean]')!.dataset.mean!;
      return {
        slug: tr.dataset.touchpoint!,
        // The step's name, without the service norm shown under it.
        name: tr.querySelector('th')!.firstChild!.textContent!,
        n: Number(cells[1]!.textContent!.replace(/\./g, '')),
        mean: mean === '' ? null : Number(mean),
      };
    });
    const selects = Object.fromEntries(Array.from(document.querySelectorAll<HTMLSelectElement>('form.mh-filters select'), (select) => [select.name, select.value]));
    return {
      ready: figure.getAttribute('data-chart-ready'),
      chartId: chart ? String(chart.id) : null,
      chartLabels: chart ? [...chart.data.labels] : null,
      chartMean: dataset ? [...dataset.data] : null,
      json: JSON.parse(figure.querySelector('script[type="application/json"]')!.textContent!),
      rows,
      selects,
    };
  }, t.heartMonitor.mean);
}

interface ScoreChart {
  id: string;
  min: number;
  max: number;
  axisTitle: string;
  datasets: string[];
  labels: string[];
  tooltipTitle: string;
  tooltipN: string;
}

/** The rapportcijfer and effort charts as drawn: their scales, series, labels and what a tooltip on the last period says. */
function scoreCharts(page: Page): Promise<ScoreChart[]> {
  return page.evaluate(() => {
    type Callback = (items: unknown) => string;
    type ChartLike = {
      data: { labels: string[]; datasets: { label: string }[] };
      scales: { y: { min: number; max: number } };
      options: { scales: { y: { title: { text: string } } }; plugins: { tooltip: { callbacks: { title: Callback; afterLabel: Callback } } } };
    };
    const Chart = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): ChartLike } }).Chart;
    return Array.from(document.querySelectorAll<HTMLElement>('figure[data-chart="score"]'), (figure) => {
      const chart = Chart.getChart(figure.querySelector('canvas')!);
      const last = chart.data.labels.length - 1;
      const callbacks = chart.options.plugins.tooltip.callbacks;
      return {
        id: figure.id,
        min: chart.scales.y.min,
        max: chart.scales.y.max,
        axisTitle: chart.options.scales.y.title.text,
        datasets: chart.data.datasets.map((set) => set.label),
        labels: [...chart.data.labels],
        tooltipTitle: callbacks.title([{ dataIndex: last }]),
        tooltipN: callbacks.afterLabel({ datasetIndex: 0, dataIndex: last }),
      };
    });
  });
}

/** Waits until the heart-monitor figure holds a drawn chart other than `previousId`. */
async function chartDrawn(page: Page, previousId: string | null = null): Promise<HeartState> {
  await page.waitForFunction((previous) => {
    const figure = document.querySelector('figure[data-chart="heartmonitor"]');
    const id = figure?.getAttribute('data-chart-ready');
    return Boolean(id) && id !== previous;
  }, previousId);
  return heartState(page);
}

/** The chart shows exactly the table's numbers, and the JSON block's. */
function expectChartMatchesTable(state: HeartState) {
  expect(state.chartId).not.toBeNull();
  expect(state.ready).toBe(state.chartId);
  expect(state.chartLabels).toEqual(state.rows.map((row) => row.name));
  expect(state.chartMean).toEqual(state.rows.map((row) => row.mean));
  expect(state.json.labels).toEqual(state.chartLabels);
  expect(state.json.mean).toEqual(state.chartMean);
  expect(state.json.n).toEqual(state.rows.map((row) => row.n));
}

/** Runs a keyboard action on the filter form and waits for the htmx request (not a navigation) it causes. */
async function swapping(page: Page, action: () => Promise<unknown>): Promise<{ status: number; url: string }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/dashboard' && r.request().headers()['hx-request'] === 'true'),
    action(),
  ]);
  return { status: response.status(), url: response.url() };
}

describe('the dashboard in the browser', () => {
  it('draws the heart monitor, swaps the panels in place on a filter change, keeps the filters in the URL, restores them on back; CSP and axe', { timeout: 180_000 }, async () => {
    const watched: WatchedPage = await e2e.newWatchedPage();
    const { page } = watched;
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    await e2e.signIn(page);
    expect(await page.locator('h1').textContent()).toBe(t.title);

    // ── Drawn on load, from the same numbers as the table ─────────────────────────────────
    const first = await chartDrawn(page);
    expectChartMatchesTable(first);
    expect(first.selects).toMatchObject({ reis: 'paspoort-aanvragen', periode: '90', per: 'week' });
    expect(first.rows.map((row) => row.slug)).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    expect(first.rows.every((row) => row.n >= 10 && row.mean !== null)).toBe(true);
    // Rapportcijfer and effort: two charts, each on its own scale, periods and numbers in Dutch.
    await page.waitForFunction(() => document.querySelectorAll('figure[data-chart="score"][data-chart-ready]').length === 2);
    const scores = await scoreCharts(page);
    expect(scores.map((chart) => chart.id)).toEqual(['scores-cijfer-grafiek', 'scores-moeite-grafiek']);
    expect(scores.map((chart) => [chart.min, chart.max])).toEqual([
      [1, 10],
      [1, 7],
    ]);
    expect(scores[0]!.datasets).toEqual([t.scores.grade, t.scores.target(7)]);
    expect(scores[1]!.datasets).toEqual([t.scores.effort]);
    expect(scores[0]!.axisTitle).toBe(t.scores.gradeAxis);
    expect(scores[1]!.axisTitle).toBe(t.scores.effortAxis);
    for (const chart of scores) {
      expect(chart.labels.length).toBeGreaterThan(3);
      expect(chart.labels.every((label) => /^week \d{1,2}$/.test(label)), chart.labels.join(', ')).toBe(true);
      // The tooltip names the days of the week: "week 47: 16–20 nov 2026" or "week 44: 26 okt – 1 nov 2026".
      expect(chart.tooltipTitle).toMatch(/^week \d{1,2}: \d{1,2}( [a-z]{3}( \d{4})? – |–)\d{1,2} [a-z]{3} \d{4}$/);
      expect(chart.tooltipN).toMatch(/^Antwoorden \(n\): \d{1,3}(\.\d{3})*$/);
    }
    // The heart monitor's legend explains the dip marker; its axis and tooltips write decimals with a comma.
    const heart = await page.evaluate(() => {
      type ChartLike = { legend: { legendItems: { text: string; pointStyle: string }[] }; scales: { y: { getLabelForValue(value: number): string } } };
      const Chart = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): ChartLike } }).Chart;
      const chart = Chart.getChart(document.querySelector<HTMLCanvasElement>('figure[data-chart="heartmonitor"] canvas')!);
      return { legend: chart.legend.legendItems.map((item) => ({ text: item.text, pointStyle: item.pointStyle })), half: chart.scales.y.getLabelForValue(0.5) };
    });
    expect(first.json.dip.some(Boolean)).toBe(true);
    expect(heart.legend).toContainEqual({ text: t.heartMonitor.dipMarker, pointStyle: 'triangle' });
    expect(heart.legend).toContainEqual({ text: t.heartMonitor.mean, pointStyle: 'circle' });
    expect(heart.half).toBe('0,5');
    // The dips come before the long tables.
    const order = await page.evaluate(() =>
      ['hartmonitor-titel', 'dips-titel', 'groepen-titel', 'gevoel-per-stap-titel', 'scores-titel'].map((id) => document.getElementById(id)!.getBoundingClientRect().top),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await expectNoAxeViolations(page, '/dashboard (default)');

    await page.evaluate(() => Object.assign(window, { __marker: 1 }));
    const loadedDocuments = documents.length;

    // ── Another journey, chosen with the keyboard ────────────────────────────────────────
    // Journeys by name: Paspoort …, Schuldhulp aanvragen, Verhuizing doorgeven.
    await page.locator('select#reis').focus();
    const journeySwap = await swapping(page, () => page.keyboard.press('ArrowDown'));
    expect(journeySwap.status).toBe(200);
    const second = await chartDrawn(page, first.ready);
    expect(second.selects.reis).toBe('schuldhulp-aanvragen');
    expect(second.rows.map((row) => row.slug)).toEqual(['aanmelden', 'documenten-aanleveren', 'intakegesprek', 'plan-van-aanpak', 'besluit']);
    expectChartMatchesTable(second);
    expect(second.chartId).not.toBe(first.chartId);
    expect(second.chartLabels).toEqual(['Aanmelden', 'Documenten aanleveren', 'Intakegesprek', 'Plan van aanpak', 'Besluit']);
    expect(page.url()).toContain('reis=schuldhulp-aanvragen');
    expect(page.url()).toContain('periode=90');
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    // The old charts were destroyed, not left behind: the heart monitor, rapportcijfer and effort.
    expect(await page.evaluate(() => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBe(3);

    // ── Then the period, with the keyboard: "Laatste 30 dagen" is one up from 90 ─────────
    await page.locator('select#periode').focus();
    await swapping(page, () => page.keyboard.press('ArrowUp'));
    const third = await chartDrawn(page, second.ready);
    expect(third.selects).toMatchObject({ reis: 'schuldhulp-aanvragen', periode: '30' });
    expectChartMatchesTable(third);
    expect(third.chartId).not.toBe(second.chartId);
    // Fewer days, no more answers than over 90 days.
    third.rows.forEach((row, i) => expect(row.n).toBeLessThanOrEqual(second.rows[i]!.n));
    expect(third.rows.reduce((sum, row) => sum + row.n, 0)).toBeLessThan(second.rows.reduce((sum, row) => sum + row.n, 0));
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard');
    expect(url.searchParams.get('reis')).toBe('schuldhulp-aanvragen');
    expect(url.searchParams.get('periode')).toBe('30');
    expect(await page.locator('p.mh-period').textContent()).toContain('Schuldhulp aanvragen: ');
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(documents.length, `document loads: ${documents.join(', ')}`).toBe(loadedDocuments);
    await expectNoAxeViolations(page, '/dashboard after two swaps');

    // The URL is shareable: opened afresh, it shows the same numbers.
    const shared = await e2e.signedInPage();
    await shared.page.goto(page.url());
    const sharedState = await chartDrawn(shared.page);
    expect(sharedState.rows).toEqual(third.rows);
    expect(sharedState.selects).toEqual(third.selects);
    expectNoCspViolations(shared, 'a shared dashboard URL');

    // ── Back: the previous filters come back, with their chart ───────────────────────────
    await page.goBack();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('select#periode')?.value === '90');
    const back = await chartDrawn(page, third.ready);
    expect(new URL(page.url()).searchParams.get('periode')).toBe('90');
    expect(back.selects).toMatchObject({ reis: 'schuldhulp-aanvragen', periode: '90' });
    expect(back.rows).toEqual(second.rows);
    expectChartMatchesTable(back);

    // And once more: the dashboard as it was first loaded.
    await page.goBack();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('select#reis')?.value === 'paspoort-aanvragen');
    const start = await chartDrawn(page, back.ready);
    expect(pathOf(page)).toBe('/dashboard');
    expect(start.selects).toMatchObject({ reis: 'paspoort-aanvragen', periode: '90' });
    expect(start.rows).toEqual(first.rows);
    expectChartMatchesTable(start);

    // Forward again to the last filters.
    await page.goForward();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('select#reis')?.value === 'schuldhulp-aanvragen');
    expect((await chartDrawn(page, start.ready)).rows).toEqual(second.rows);

    // ── Comparison per segment ───────────────────────────────────────────────────────────
    await page.locator('select#vergelijk').focus();
    await swapping(page, () => page.keyboard.press('ArrowDown'));
    await page.waitForSelector('figure[data-chart="comparison"][data-chart-ready]');
    const comparison = await page.evaluate(() => {
      type ChartLike = { data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } };
      const Chart = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): ChartLike } }).Chart;
      const figure = document.querySelector('figure[data-chart="comparison"]')!;
      const chart = Chart.getChart(figure.querySelector('canvas')!);
      return {
        json: JSON.parse(figure.querySelector('script[type="application/json"]')!.textContent!) as { series: { label: string; data: (number | null)[] }[] },
        datasets: chart.data.datasets.map((set) => ({ label: set.label, data: [...set.data] })),
      };
    });
    expect(comparison.json.series.length).toBeGreaterThan(0);
    expect(comparison.datasets.slice(0, comparison.json.series.length)).toEqual(comparison.json.series);
    expect(new URL(page.url()).searchParams.get('vergelijk')).toBeTruthy();
    await expectNoAxeViolations(page, '/dashboard with a comparison per segment');

    // ── An invalid custom period: 422, swapped in place with the field errors ─────────────
    // Each change swaps the form too: wait for each swap before the next change.
    expect((await swapping(page, () => page.locator('select#periode').selectOption('eigen'))).status).toBe(200);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('periode') === 'eigen');
    expect((await swapping(page, () => page.locator('input#van').fill('2026-11-10'))).status).toBe(200);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('van') === '2026-11-10');
    const invalid = await swapping(page, () => page.locator('input#tot').fill('2026-11-01'));
    expect(invalid.status).toBe(422);
    await page.waitForSelector('#tot-fout');
    expect(await page.locator('#tot-fout').textContent()).toContain(t.errors.range);
    expect(await page.locator('input#tot').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    await expectNoAxeViolations(page, '/dashboard, 422 swapped in');

    expectNoCspViolations(watched, 'dashboard');
  });

  it('opens an invalid custom period directly as a 422 page that passes axe', { timeout: 60_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    const response = await page.goto(`${e2e.server.url}/dashboard?periode=eigen&van=2026-02-30&tot=morgen`);
    expect(response?.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#van-fout').textContent()).toContain(t.errors.date);
    expect(await page.locator('#tot-fout').textContent()).toContain(t.errors.date);
    await chartDrawn(page);
    await expectNoAxeViolations(page, '/dashboard 422 (invalid dates)');
    expectNoCspViolations(watched, 'dashboard 422');
  });

  it('works without JavaScript: the filter form is a plain GET form', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    expect(await page.locator('table[data-hook="heartmonitor-table"] tbody tr').count()).toBe(3);
    // No script ran: nothing drawn, the table is the content.
    expect(await page.locator('figure[data-chart-ready]').count()).toBe(0);

    await page.getByLabel(t.journey, { exact: true }).selectOption('verhuizing-doorgeven');
    await page.getByLabel(t.period, { exact: true }).selectOption('365');
    await page.getByLabel(t.granularity, { exact: true }).selectOption('maand');
    // Changing a select does nothing by itself without JavaScript.
    expect(pathOf(page)).toBe('/dashboard');
    expect(await navigating(page, () => page.getByRole('button', { name: t.apply, exact: true }).click())).toBe(200);

    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard');
    expect(url.searchParams.get('reis')).toBe('verhuizing-doorgeven');
    expect(url.searchParams.get('periode')).toBe('365');
    expect(url.searchParams.get('per')).toBe('maand');
    expect(await page.locator('h1').textContent()).toBe(t.title);
    const slugs = await page.locator('table[data-hook="heartmonitor-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-touchpoint')));
    expect(slugs).toEqual(['informatie-zoeken', 'verhuizing-melden', 'bevestiging', 'adresonderzoek']);
    expect(await page.locator('select#reis').inputValue()).toBe('verhuizing-doorgeven');
    // Scores per month in the table, in Dutch ("sep 2026").
    const periods = await page.locator('section[aria-labelledby="scores-titel"] tbody th').allTextContents();
    expect(periods.slice(0, -1).every((period) => /^[a-z]{3} \d{4}$/.test(period)), periods.join(', ')).toBe(true);
    expect(periods.at(-1)).toBe(t.scores.total);

    // An invalid custom period without JavaScript: the 422 page with the errors.
    await page.getByLabel(t.period, { exact: true }).selectOption('eigen');
    await page.getByLabel(t.from, { exact: true }).fill('2026-11-10');
    await page.getByLabel(t.to, { exact: true }).fill('2026-11-01');
    expect(await navigating(page, () => page.getByRole('button', { name: t.apply, exact: true }).click())).toBe(422);
    expect(await page.locator('#tot-fout').textContent()).toContain(t.errors.range);
  });
});
