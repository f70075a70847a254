/**
 * "Gewogen" in a real browser on a generated history: choosing "Weeg naar de uitgenodigden op"
 * swaps the panel in with htmx, the address bar carries `weeg`, the chart with both lines is
 * drawn, and the page passes axe (WCAG 2.1 A/AA) without any CSP violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 45, responses: 700, seed: 4 });
  expect(report.responses).toBeGreaterThan(400);
}, 120_000);

describe('weighting on the dashboard in Chromium', () => {
  it('swaps in the weighted panel from the filter form, keeps weeg in the URL, draws both lines; axe and CSP', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard?reis=paspoort-aanvragen`);
    expect(await page.locator('#gewogen').count()).toBe(0);

    await page.getByLabel(nl.weighting.choice, { exact: true }).selectOption('leeftijd');
    await page.locator('#gewogen figure[data-chart-ready]').waitFor();
    expect(new URL(page.url()).searchParams.get('weeg')).toBe('leeftijd');
    expect(await page.locator('#gewogen-titel').textContent()).toBe(nl.weighting.title('leeftijd'));
    const series = await page.locator('#gewogen-grafiek').evaluate((figure) => {
      const Chart = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): { data: { datasets: { label: string }[] } } | undefined } }).Chart;
      return Chart.getChart(figure.querySelector('canvas')!)!.data.datasets.map((set) => set.label);
    });
    expect(series).toEqual(expect.arrayContaining([nl.weighting.ongewogen, nl.weighting.gewogen]));
    expect(await page.locator('table[data-hook="weighted-steps"] tbody tr').count()).toBe(3);

    await expectNoAxeViolations(page, '/dashboard?weeg=leeftijd');
    expectNoCspViolations(watched, 'dashboard weighted');
  });
});
