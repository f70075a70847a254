/**
 * "Wat bepaalt het cijfer?" in a real browser (Debian's Chromium through playwright-core) on a
 * generated history: reached from the journey dashboard's panel, the importance × feeling chart
 * drawn by Chart.js from the same figures as the table, a filter change swapping the content in
 * place with htmx, no CSP violation, axe (WCAG 2.1 A/AA) clean — and without JavaScript the
 * same figures in the table and the filter form as a plain GET form (axe itself needs JavaScript,
 * so it checks the page with the page's own scripts blocked).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.drivers;
const d = nl.dashboard;

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 45, responses: 600, seed: 11 });
  expect(report.responses).toBeGreaterThan(300);
}, 120_000);

/** The table's model steps and items (slug, share in %) and the chart's points, as the page has them now. */
function driversState(page: Page) {
  return page.evaluate(() => {
    type Point = { x: number; y: number; label: string };
    type ChartLike = { id: number; data: { datasets: { data: Point[] }[] } };
    const Chart = (window as unknown as { Chart?: { getChart(canvas: HTMLCanvasElement): ChartLike | undefined } }).Chart;
    const figure = document.querySelector<HTMLElement>('figure[data-chart="drivers"]');
    const chart = figure && Chart?.getChart(figure.querySelector('canvas')!);
    // Steps and, in the demo's journeys, the items from the bank (an item at a step: code@step).
    const rows = Array.from(document.querySelectorAll<HTMLTableRowElement>('#drijfveren table[data-hook="drivers-table"] tbody tr:is([data-touchpoint], [data-item])'), (tr) => ({
      slug: tr.dataset.touchpoint ?? `${tr.dataset.item!}@${tr.dataset.itemStep!}`,
      name: tr.querySelector('th')!.textContent!,
      share: tr.dataset.share === '' ? null : Number(tr.dataset.share),
    }));
    return {
      ready: figure?.getAttribute('data-chart-ready') ?? null,
      chartId: chart ? String(chart.id) : null,
      points: chart ? chart.data.datasets.slice(0, 2).flatMap((set) => set.data) : [],
      rows,
    };
  });
}

describe('the key drivers in the browser', () => {
  it('is reached from the dashboard panel, draws the chart from the table’s figures, swaps on a filter change; axe and CSP', { timeout: 180_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard?reis=paspoort-aanvragen`);
    expect(await page.getByRole('heading', { name: t.title, level: 2 }).count()).toBe(1);
    expect(await navigating(page, () => page.getByRole('link', { name: t.panelLink, exact: true }).click())).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard/drijfveren');
    expect(url.searchParams.get('reis')).toBe('paspoort-aanvragen');
    expect(await page.locator('h1').textContent()).toBe(t.title);
    expect(await page.locator('.mh-dashboard-nav a[aria-current="page"]').textContent()).toBe(t.navLink);

    await page.waitForFunction(() => Boolean(document.querySelector('figure[data-chart="drivers"]')?.getAttribute('data-chart-ready')));
    const first = await driversState(page);
    expect(first.ready).toBe(first.chartId);
    const inModel = first.rows.filter((row) => row.share !== null);
    expect(inModel.length).toBeGreaterThan(0);
    // Every model step is a point at its share (in %) — the same figure as the table's.
    expect(first.points.map((point) => point.label).sort()).toEqual(inModel.map((row) => row.name).sort());
    for (const row of inModel) expect(first.points.find((point) => point.label === row.name)!.x).toBeCloseTo(row.share! * 100, 1);
    expect(await page.getByRole('img', { name: t.chartLabel('Paspoort of ID-kaart aanvragen') }).count()).toBe(1);
    expect(await page.locator('#drijfveren').textContent()).toContain(t.association);
    await expectNoAxeViolations(page, '/dashboard/drijfveren');

    // Another journey: htmx swaps the content in place and the address bar follows.
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/dashboard/drijfveren' && r.request().headers()['hx-request'] === 'true'),
      page.getByLabel(d.journey, { exact: true }).selectOption('verhuizing-doorgeven'),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForFunction((previous) => {
      const id = document.querySelector('figure[data-chart="drivers"]')?.getAttribute('data-chart-ready');
      return Boolean(id) && id !== previous;
    }, first.chartId);
    const swapped = await driversState(page);
    expect(swapped.rows.map((row) => row.slug).sort()).toEqual(['BP-INFORMATIE@informatie-zoeken', 'MH-BEANTWOORD@', 'adresonderzoek', 'bevestiging', 'informatie-zoeken', 'verhuizing-melden']);
    expect(new URL(page.url()).searchParams.get('reis')).toBe('verhuizing-doorgeven');
    await expectNoAxeViolations(page, '/dashboard/drijfveren (verhuizing, after a swap)');

    // A group below the minimum size: nothing shown, said in words.
    await page.goto(`${e2e.server.url}/dashboard/drijfveren?reis=paspoort-aanvragen&periode=eigen&van=2026-11-20&tot=2026-11-20`);
    expect(await page.locator('[data-hook="drivers-withheld"]').count()).toBe(1);
    expect(await page.locator('figure[data-chart="drivers"]').count()).toBe(0);
    await expectNoAxeViolations(page, '/dashboard/drijfveren (too few)');
    expectNoCspViolations(watched, 'drivers');
  });

  it('works without JavaScript: the figures in the table, the filter form as a plain GET form', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/dashboard/drijfveren`);
    expect(await page.locator('table[data-hook="drivers-table"] tbody tr[data-touchpoint]').count()).toBe(3);
    expect(await page.locator('figure[data-chart="drivers"]').getAttribute('data-chart-ready')).toBeNull();

    await page.getByLabel(d.journey, { exact: true }).selectOption('schuldhulp-aanvragen');
    await page.getByLabel(d.period, { exact: true }).selectOption('365');
    expect(await navigating(page, () => page.getByRole('button', { name: d.apply, exact: true }).click())).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard/drijfveren');
    expect(url.searchParams.get('reis')).toBe('schuldhulp-aanvragen');
    expect(url.searchParams.get('periode')).toBe('365');
    expect(await page.locator('table[data-hook="drivers-table"] tbody tr[data-touchpoint]').count()).toBe(5);
  });

  it('passes axe as it is before any script runs (the page’s scripts blocked; axe needs JavaScript itself)', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL' });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(`${e2e.server.url}/dashboard/drijfveren?reis=paspoort-aanvragen`);
    expect(await page.locator('figure[data-chart="drivers"]').getAttribute('data-chart-ready')).toBeNull();
    expect(await page.locator('table[data-hook="drivers-table"] tbody tr[data-touchpoint]').count()).toBe(3);
    await expectNoAxeViolations(page, '/dashboard/drijfveren without its scripts');
  });
});
