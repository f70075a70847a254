/**
 * The klantreiskaart in a real browser (Debian's Chromium through playwright-core) on a
 * generated history with improvement actions: a manager follows the link from the dashboard,
 * the map has a column per step with the heart line drawn above exactly those columns, axe
 * (WCAG 2.1 A/AA) finds nothing on screen or in the 422 state, no CSP violation; printed
 * (emulated print media) the navigation and filters are gone and the print stylesheet applies;
 * a PDF comes out on A3 landscape; and without JavaScript the filter form works as a GET form.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { improvementActions } from '../../src/db/schema';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { nl, segmentChoiceLabel } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.journeyMap;
const d = nl.dashboard;

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 45, responses: 500, seed: 7 });
  expect(report.responses).toBeGreaterThan(300);
  const paspoort = findJourneyBySlug(e2e.server.db, 'paspoort-aanvragen')!;
  const step = (slug: string) => paspoort.touchpoints.find((touchpoint) => touchpoint.slug === slug)!.id;
  e2e.server.db
    .insert(improvementActions)
    .values([
      { journeyId: paspoort.journey.id, touchpointId: step('balie'), title: 'Extra balie op drukke ochtenden', owner: 'Teamleider KCC', status: 'bezig', dueOn: '2026-11-01' },
      { journeyId: paspoort.journey.id, touchpointId: step('balie'), title: 'Sms als je aan de beurt bent', owner: 'Team Burgerzaken', status: 'klaar', doneOn: '2026-11-10' },
      { journeyId: paspoort.journey.id, touchpointId: step('afspraak-maken'), title: 'Meer tijden in de afspraakmodule', owner: 'Servicedesk', status: 'idee' },
    ])
    .run();
}, 120_000);

/** Each heart-line dot's centre against its column header: the line must sit above its own columns. */
function alignment(page: Page) {
  return page.evaluate(() => {
    const headers = Array.from(document.querySelectorAll<HTMLElement>('.mh-map-table thead th[data-touchpoint]'));
    const dots = Array.from(document.querySelectorAll<SVGPathElement>('svg.mh-heartline path.mh-hl-point'));
    return {
      headers: headers.map((th) => th.dataset.touchpoint!),
      dots: dots.map((dot) => {
        const box = dot.getBoundingClientRect();
        const th = document.querySelector<HTMLElement>(`.mh-map-table thead th[data-touchpoint="${dot.dataset.touchpoint}"]`)!.getBoundingClientRect();
        return { slug: dot.dataset.touchpoint!, centre: box.left + box.width / 2, left: th.left, right: th.right, width: box.width, height: box.height };
      }),
    };
  });
}

const displayOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).display);

describe('the journey map in the browser', () => {
  it('is reached from the dashboard, draws the heart line above its columns, passes axe without CSP violations; 422 passes axe too', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    expect(await navigating(page, () => page.getByRole('link', { name: t.dashboardLink, exact: true }).click())).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard/klantreiskaart');
    expect(url.searchParams.get('reis')).toBe('paspoort-aanvragen');
    expect(await page.locator('h1').textContent()).toBe(t.title);

    const steps = await page.locator('.mh-map-table thead th[data-touchpoint]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-touchpoint')));
    expect(steps).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    // Each aspect row has a cell per step; the actions are at their step, the overdue one marked.
    for (const row of ['kanaal', 'norm', 'moment', 'gevoel', 'knelpunten', 'acties']) {
      expect(await page.locator(`tr[data-row="${row}"] td`).count(), row).toBe(3);
    }
    const balieActions = page.locator('tr[data-row="acties"] td[data-touchpoint="balie"] li');
    expect(await balieActions.count()).toBe(2);
    expect(await balieActions.first().textContent()).toContain(t.overdue);
    expect(await page.locator('tr[data-row="acties"] td[data-touchpoint="afspraak-maken"]').textContent()).toContain('Meer tijden in de afspraakmodule');

    // The heart line: named image, one dot per step with a figure, each dot centred over its own column, round.
    const svg = page.locator('svg.mh-heartline');
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await page.getByRole('img', { name: t.heartLineTitle('Paspoort of ID-kaart aanvragen') }).count()).toBe(1);
    const screen = await alignment(page);
    expect(screen.dots.map((dot) => dot.slug)).toEqual(screen.headers);
    for (const dot of screen.dots) {
      expect(dot.centre).toBeGreaterThan(dot.left);
      expect(dot.centre).toBeLessThan(dot.right);
      expect(Math.abs(dot.centre - (dot.left + dot.right) / 2)).toBeLessThan(3);
      // Stretched drawing, round dot: the cap keeps its size.
      expect(Math.abs(dot.width - dot.height)).toBeLessThan(2);
    }
    // The means the dots stand for are the ones in the "Gevoel" row.
    const dotMeans = await page.locator('svg.mh-heartline path.mh-hl-point').evaluateAll((dots) => dots.map((dot) => Number(dot.getAttribute('data-mean'))));
    const rowMeans = await page.locator('tr[data-row="gevoel"] [data-mean]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-mean'))));
    // The row keeps 3 decimals, the dot 2: rounding the row's value again could differ by one in the
    // last place (−0.5449 → −0.545 → −0.55), so compare within the two roundings' error.
    expect(dotMeans).toHaveLength(rowMeans.length);
    dotMeans.forEach((mean, i) => expect(Math.abs(mean - rowMeans[i]!)).toBeLessThanOrEqual(0.0055));

    await expectNoAxeViolations(page, '/dashboard/klantreiskaart');

    // The scroll cue above the map shows only while the map is wider than its container: not at 1280 px, where three steps fit.
    const cue = page.locator('.mh-scroll:has(.mh-map-scroll) > .mh-scroll-hint');
    const widths = () => page.locator('.mh-map-scroll').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    const wide = await widths();
    expect(wide.scroll).toBeLessThanOrEqual(wide.client);
    expect(await cue.isVisible()).toBe(false);

    // A narrow screen: the map scrolls sideways in a focusable region instead of squeezing the columns, and says so.
    await page.setViewportSize({ width: 600, height: 900 });
    const scroll = await widths();
    expect(scroll.scroll).toBeGreaterThan(scroll.client);
    expect(await cue.isVisible()).toBe(true);
    expect(await cue.textContent()).toBe(t.scrollHint);
    await expectNoAxeViolations(page, '/dashboard/klantreiskaart (narrow)');
    // A phone: the page itself does not scroll sideways, the cue is still there.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await cue.isVisible()).toBe(true);
    const cueBox = (await cue.boundingBox())!;
    expect(cueBox.x + cueBox.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Another journey and a segment, chosen in the form.
    await page.getByLabel(d.journey, { exact: true }).selectOption('schuldhulp-aanvragen');
    expect(await navigating(page, () => page.getByRole('button', { name: d.apply, exact: true }).click())).toBe(200);
    expect(await page.locator('.mh-map-table thead th[data-touchpoint]').count()).toBe(5);
    const segment = await page.locator('select#segment option').nth(1).getAttribute('value');
    await page.getByLabel(d.segment, { exact: true }).selectOption(segment!);
    expect(await navigating(page, () => page.getByRole('button', { name: d.apply, exact: true }).click())).toBe(200);
    expect(new URL(page.url()).searchParams.get('segment')).toBe(segment);
    const [key, value] = segment!.split(':') as [string, string];
    expect(await page.locator('caption').textContent()).toContain(segmentChoiceLabel(key, value));
    await expectNoAxeViolations(page, '/dashboard/klantreiskaart (schuldhulp, segment)');

    // A wrong custom period: 422 with the errors, still accessible.
    const response = await page.goto(`${e2e.server.url}/dashboard/klantreiskaart?periode=eigen&van=2026-02-30&tot=morgen`);
    expect(response?.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#van-fout').textContent()).toContain(d.errors.date);
    await expectNoAxeViolations(page, '/dashboard/klantreiskaart 422');

    expectNoCspViolations(watched, 'journey map');
  });

  it('prints: navigation and filters hidden, the print stylesheet applied, the heart line still over its columns; a PDF on A3 landscape', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard/klantreiskaart?reis=paspoort-aanvragen&periode=30`);
    // On screen: everything there.
    expect(await displayOf(page, '.mh-staff-nav')).not.toBe('none');
    expect(await displayOf(page, 'form.mh-filters')).not.toBe('none');
    const screenHeight = await page.locator('svg.mh-heartline').evaluate((element) => element.getBoundingClientRect().height);

    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.utrecht-page-header', '.mh-dashboard-nav', 'form.mh-filters', '.mh-map-print-hint', '.utrecht-page-footer']) {
      expect(await displayOf(page, selector), selector).toBe('none');
    }
    // The staff navigation sits in the hidden page header.
    expect(await page.locator('.mh-staff-nav').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: nl.staffNav.label }).isVisible()).toBe(false);
    expect(await page.locator('.mh-map-table').isVisible()).toBe(true);
    // The print section of journey-map.css: a 45 mm heart line (170 px), small type, the table at full width.
    const printed = await page.evaluate(() => {
      const svg = document.querySelector('svg.mh-heartline')!.getBoundingClientRect();
      const table = document.querySelector('.mh-map-table')!;
      return { svgHeight: svg.height, fontSize: getComputedStyle(table).fontSize, captionShown: getComputedStyle(table.querySelector('caption')!).display !== 'none' };
    });
    expect(printed.svgHeight).toBeCloseTo((45 / 25.4) * 96, 0);
    expect(printed.svgHeight).not.toBeCloseTo(screenHeight, 0);
    expect(parseFloat(printed.fontSize)).toBeCloseTo((8.5 * 96) / 72, 2);
    // The caption says what the printed map is about (journey, period, group), since the filters are not printed.
    expect(printed.captionShown).toBe(true);
    expect(await page.locator('caption').textContent()).toBe(t.caption('Paspoort of ID-kaart aanvragen', '2026-10-22', '2026-11-20', t.allResidents));
    const print = await alignment(page);
    for (const dot of print.dots) expect(Math.abs(dot.centre - (dot.left + dot.right) / 2)).toBeLessThan(3);

    // A PDF: the page's own @page rule gives A3 landscape (420 × 297 mm = 1190.55 × 841.89 pt), not the default Letter.
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    // (Chromium rounds the sheet to whole CSS pixels: 1191.12 × 842.04 pt.)
    for (const [width, height] of boxes) {
      expect(Math.abs(width! - 1190.55)).toBeLessThan(2);
      expect(Math.abs(height! - 841.89)).toBeLessThan(2);
    }
    // The same when asked for explicitly.
    const explicit = (await page.pdf({ format: 'A3', landscape: true })).toString('latin1');
    expect(explicit.startsWith('%PDF-')).toBe(true);
    expectNoCspViolations(watched, 'journey map, printed');
  });

  it('works without JavaScript: the filter form is a plain GET form', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/dashboard/klantreiskaart`);
    expect(await page.locator('.mh-map-table thead th[data-touchpoint]').count()).toBe(3);
    // The heart line is there without any script.
    expect(await page.locator('svg.mh-heartline path.mh-hl-point').count()).toBeGreaterThan(0);

    await page.getByLabel(d.journey, { exact: true }).selectOption('verhuizing-doorgeven');
    await page.getByLabel(d.period, { exact: true }).selectOption('365');
    expect(await navigating(page, () => page.getByRole('button', { name: d.apply, exact: true }).click())).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dashboard/klantreiskaart');
    expect(url.searchParams.get('reis')).toBe('verhuizing-doorgeven');
    expect(url.searchParams.get('periode')).toBe('365');
    const steps = await page.locator('.mh-map-table thead th[data-touchpoint]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-touchpoint')));
    expect(steps).toEqual(['informatie-zoeken', 'verhuizing-melden', 'bevestiging', 'adresonderzoek']);

    await page.getByLabel(d.period, { exact: true }).selectOption('eigen');
    await page.getByLabel(d.from, { exact: true }).fill('2026-11-10');
    await page.getByLabel(d.to, { exact: true }).fill('2026-11-01');
    expect(await navigating(page, () => page.getByRole('button', { name: d.apply, exact: true }).click())).toBe(422);
    expect(await page.locator('#tot-fout').textContent()).toContain(d.errors.range);
  });
});
