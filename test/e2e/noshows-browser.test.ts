/**
 * The no-show dashboard in a real browser (Debian's Chromium through playwright-core) on
 * generated appointments with the demo patterns: a manager signs in, follows the link from the
 * main dashboard, sees the heat map and the charts drawn by Chart.js from the same numbers as
 * their tables, changes a filter → htmx swaps the panels in place (no reload) and the address
 * bar carries the filter; no Content-Security-Policy violation; axe (WCAG 2.1 A/AA) before and
 * after the swap, with a segment breakdown and in the 422 state; and without JavaScript the
 * filter form still works as a plain GET form.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoAppointments } from '../../src/demo/demo-appointments';
import { nl } from '../../src/texts';
import { TOP_PATTERNS } from '../../views/noshows/panels';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, pathOf, type WatchedPage } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.noShowDashboard;

beforeAll(async () => {
  const report = generateDemoAppointments(e2e.server.db, { count: 12_000, days: 120, seed: 9 }, e2e.server.clock.now());
  expect(report.byStatus.no_show).toBeGreaterThan(500);
}, 120_000);

interface BarsState {
  ready: string | null;
  chartId: string | null;
  chartLabels: string[] | null;
  chartRates: (number | null)[] | null;
  json: { labels: string[]; rates: (number | null)[] };
  /** The table's rows: label and rate (data-rate, a percentage with one decimal, or null). */
  rows: { label: string; rate: number | null }[];
}

/** A bar chart as the page has it now: the Chart object, its JSON data block and the table under it. */
function barsState(page: Page, id: string): Promise<BarsState> {
  return page.evaluate((figureId) => {
    type ChartLike = { id: number; data: { labels: string[]; datasets: { data: (number | null)[] }[] } };
    const Chart = (window as unknown as { Chart?: { getChart(canvas: HTMLCanvasElement): ChartLike | undefined } }).Chart;
    const figure = document.getElementById(figureId)!;
    const chart = Chart?.getChart(figure.querySelector('canvas')!);
    const rows = Array.from(figure.closest('section')!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-key]'), (tr) => ({
      label: tr.querySelector('th')!.textContent!,
      rate: tr.dataset.rate === '' ? null : Number(tr.dataset.rate),
    }));
    return {
      ready: figure.getAttribute('data-chart-ready'),
      chartId: chart ? String(chart.id) : null,
      chartLabels: chart ? [...chart.data.labels] : null,
      chartRates: chart ? [...chart.data.datasets[0]!.data] : null,
      json: JSON.parse(figure.querySelector('script[type="application/json"]')!.textContent!),
      rows,
    };
  }, id);
}

async function barsDrawn(page: Page, id: string, previousId: string | null = null): Promise<BarsState> {
  await page.waitForFunction(
    ([figureId, previous]) => {
      const ready = document.getElementById(figureId!)?.getAttribute('data-chart-ready');
      return Boolean(ready) && ready !== previous;
    },
    [id, previousId] as const,
  );
  return barsState(page, id);
}

function expectChartMatchesTable(state: BarsState) {
  expect(state.chartId).not.toBeNull();
  expect(state.ready).toBe(state.chartId);
  expect(state.chartLabels).toEqual(state.rows.map((row) => row.label));
  expect(state.chartRates).toEqual(state.rows.map((row) => row.rate));
  expect(state.json.labels).toEqual(state.chartLabels);
  expect(state.json.rates).toEqual(state.chartRates);
}

/** Runs an action on the filter form and waits for the htmx request (not a navigation) it causes. */
async function swapping(page: Page, action: () => Promise<unknown>): Promise<{ status: number; url: string }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/dashboard/no-shows' && r.request().headers()['hx-request'] === 'true'),
    action(),
  ]);
  return { status: response.status(), url: response.url() };
}

const overallN = (page: Page) => page.locator('tr[data-figure="n"] td').textContent().then((text) => Number(text!.replace(/\./g, '')));

describe('the no-show dashboard in the browser', () => {
  it('draws the heat map and charts, swaps in place on a filter change with the filter in the URL; CSP and axe', { timeout: 180_000 }, async () => {
    const watched: WatchedPage = await e2e.newWatchedPage();
    const { page } = watched;
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    await e2e.signIn(page);

    // From the main dashboard's line under its heading.
    const nav = page.getByRole('navigation', { name: t.dashboardsLabel });
    expect(await navigating(page, () => nav.getByRole('link', { name: t.noShowsLink, exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/dashboard/no-shows');
    expect(await page.locator('h1').textContent()).toBe(t.title);

    const first = await barsDrawn(page, 'product-grafiek');
    expectChartMatchesTable(first);
    expect(first.rows.length).toBeGreaterThan(3);
    for (const id of ['locatie-grafiek', 'kanaal-grafiek', 'boektermijn-grafiek', 'herinnering-grafiek', 'trend-grafiek']) {
      await page.waitForSelector(`figure#${id}[data-chart-ready]`);
    }
    expect(await page.locator('table.mh-heatmap tbody tr').count()).toBeGreaterThanOrEqual(5);
    // The demo's Monday mornings and far-ahead bookings stand out.
    expect(await page.locator('li[data-hook="pattern"][data-dimension="leadBand"][data-key="30+"]').count()).toBe(1);
    expect(await page.locator('td.mh-heat-flagged[data-cell^="1-"]').count()).toBeGreaterThan(0);
    const allN = await overallN(page);
    await expectNoAxeViolations(page, '/dashboard/no-shows (default)');

    // ── A filter, with the keyboard: the first product ─────────────────────────────────
    await page.evaluate(() => Object.assign(window, { __marker: 1 }));
    const loaded = documents.length;
    await page.locator('select#product').focus();
    const swap = await swapping(page, () => page.keyboard.press('ArrowDown'));
    expect(swap.status).toBe(200);
    const second = await barsDrawn(page, 'product-grafiek', first.ready);
    expectChartMatchesTable(second);
    expect(second.chartId).not.toBe(first.chartId);
    const product = await page.locator('select#product').inputValue();
    expect(product).not.toBe('');
    expect(second.rows.map((row) => row.label)).toEqual([product]);
    expect(new URL(page.url()).searchParams.get('product')).toBe(product);
    expect(new URL(page.url()).pathname).toBe('/dashboard/no-shows');
    expect(await overallN(page)).toBeLessThan(allN);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(documents.length, `document loads: ${documents.join(', ')}`).toBe(loaded);
    // The export link carries the filter.
    expect(await page.getByRole('link', { name: t.export }).getAttribute('href')).toContain(`product=${encodeURIComponent(product)}`);
    await expectNoAxeViolations(page, '/dashboard/no-shows after a swap');

    // ── A segment breakdown: one more chart ──────────────────────────────────────────────
    await swapping(page, () => page.locator('select#segment').selectOption('wijk'));
    const segment = await barsDrawn(page, 'segment-grafiek');
    expectChartMatchesTable(segment);
    expect(new URL(page.url()).searchParams.get('segment')).toBe('wijk');
    await expectNoAxeViolations(page, '/dashboard/no-shows with a segment breakdown');

    // ── Back: the filters before come back ───────────────────────────────────────────────
    await page.goBack();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('select#segment')?.value === '');
    expect(new URL(page.url()).searchParams.get('product')).toBe(product);

    // ── A wrong custom period: 422 swapped in place, with the field error ─────────────────
    expect((await swapping(page, () => page.locator('select#periode').selectOption('eigen'))).status).toBe(200);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('periode') === 'eigen');
    const invalid = await swapping(page, () => page.locator('input#tot').fill('2020-01-01'));
    expect(invalid.status).toBe(422);
    await page.waitForSelector('#tot-fout');
    expect(await page.locator('#tot-fout').textContent()).toContain(nl.dashboard.errors.range);
    await expectNoAxeViolations(page, '/dashboard/no-shows, 422 swapped in');

    expectNoCspViolations(watched, 'no-show dashboard');
  });

  it('leads with the heat map, which fits 1280 px; the other patterns are folded; at 390 px only the heat map scrolls, with a cue', { timeout: 120_000 }, async () => {
    const page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/dashboard/no-shows`);
    const heatMap = page.locator('table.mh-heatmap');
    const scroller = page.locator('.mh-scroll-area:has(> table.mh-heatmap)');
    const cue = page.locator('.mh-scroll:has(table.mh-heatmap) > .mh-scroll-hint');
    const fold = page.locator('details#meer-patronen');

    // 1280 px: every hour column on screen, nothing to scroll, so no cue.
    const wide = await scroller.evaluate((element) => ({ right: element.querySelector('table')!.getBoundingClientRect().right, scroll: element.scrollWidth, client: element.clientWidth }));
    expect(wide.right).toBeLessThanOrEqual(1280);
    expect(wide.scroll).toBeLessThanOrEqual(wide.client);
    expect(await cue.isVisible()).toBe(false);
    // The picture first, then the top patterns, then the fold with the rest.
    const top = (locator: typeof heatMap) => locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    const openPatterns = page.locator('#patronen-titel ~ ol > li[data-hook="pattern"]');
    expect(await openPatterns.count()).toBe(TOP_PATTERNS);
    expect(await top(heatMap)).toBeLessThan(await top(openPatterns.first()));
    expect(await top(heatMap)).toBeLessThan(await top(fold));
    expect(await top(openPatterns.last())).toBeLessThan(await top(fold));

    // The fold: closed, its patterns hidden; a click opens it, Enter on its summary closes it again.
    const folded = fold.locator('li[data-hook="pattern"]');
    expect(await folded.count()).toBeGreaterThan(0);
    expect(await fold.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await folded.first().isVisible()).toBe(false);
    const summary = fold.locator('summary');
    expect(await summary.textContent()).toBe(t.flagged.showMore(await folded.count()));
    await summary.click();
    expect(await fold.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    expect(await folded.first().isVisible()).toBe(true);
    expect(await top(heatMap)).toBeLessThan(await top(folded.first()));
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await fold.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await expectNoAxeViolations(page, '/dashboard/no-shows at 1280 px');

    // 390 px: the page does not scroll sideways; the heat map scrolls in its own focusable, named region, with the cue shown.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const narrow = await scroller.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(narrow.scroll).toBeGreaterThan(narrow.client);
    expect(await scroller.getAttribute('role')).toBe('region');
    expect(await scroller.getAttribute('aria-label')).toBe(t.heatMap.caption);
    await scroller.focus();
    expect(await scroller.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.mh-scroll-area:has(> table.mh-heatmap)')!.scrollLeft > 0);
    expect(await cue.isVisible()).toBe(true);
    expect(await cue.textContent()).toBe(nl.scrollHint);
    await expectNoAxeViolations(page, '/dashboard/no-shows at 390 px');
  });

  it('works without JavaScript: the filter form is a plain GET form', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/dashboard/no-shows`);
    await page.locator('select#locatie').selectOption({ index: 1 });
    const location = await page.locator('select#locatie').inputValue();
    expect(await navigating(page, () => page.getByRole('button', { name: nl.dashboard.apply }).click())).toBe(200);
    expect(new URL(page.url()).searchParams.get('locatie')).toBe(location);
    expect(await page.locator('section[aria-labelledby="locatie-titel"] tbody tr[data-key]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')))).toEqual([
      location,
    ]);
    expect(await page.locator('table.mh-heatmap').count()).toBe(1);
  });
});
