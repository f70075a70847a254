/**
 * The themes in a real browser on a generated demo history (its dips have recurring words): the themes
 * page, the comments behind a theme and the codebook's create and edit pages pass axe (WCAG 2.1 A/AA)
 * with JavaScript; without JavaScript the links and the codebook's plain forms work; at 390 px a
 * code's form does not scroll sideways (the pages with the filter form or a table still do, through the
 * shared dashboard layout: see the last test).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, pathOf, submitting } from '../helpers/watched-page';

const t = nl.themes;
const e2e = useBrowserAndServer({ staff: 'manager' });
const THEMES = '/dashboard/themas?reis=paspoort-aanvragen';

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 60, responses: 900, seed: 7 });
  expect(report.responses).toBeGreaterThan(500);
}, 120_000);

/** The first theme link on the themes page (the demo's dip at making an appointment has its recurring words). */
const firstTheme = (page: Page) => page.locator('#themas tr[data-term] th a').first();

/** Creates a code through the codebook's form as a user fills it in; returns the POST's status. */
async function createCode(page: Page, name: string, entries: string) {
  await page.getByLabel(t.codebook.nameLabel, { exact: true }).fill(name);
  await page.getByLabel(t.codebook.entriesLabel, { exact: true }).fill(entries);
  return submitting(page, () => page.locator('section[aria-labelledby="nieuwe-code"]').getByRole('button', { name: t.codebook.save, exact: true }).click());
}

describe('the themes in the browser', () => {
  it('shows themes, opens the comments behind one, keeps and edits a code; every page passes axe', { timeout: 90_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}${THEMES}`);
    expect(await page.locator('#themas').count()).toBe(1);
    expect(await page.locator('#themas tr[data-term]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'themes');

    const label = (await firstTheme(page).textContent())!;
    expect(await navigating(page, () => firstTheme(page).click())).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/dashboard/themas/opmerkingen');
    expect(await page.locator('h1').textContent()).toContain(label.split(' – ')[0]!.trim());
    expect(await page.locator('#themas td[data-hook="comment"]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'comments behind a theme');

    await page.goto(`${e2e.server.url}/dashboard/themas/codeboek`);
    await expectNoAxeViolations(page, 'codebook');
    // A refused form (no name) is re-rendered with its errors: that page passes axe too.
    expect(await createCode(page, '', 'papieren')).toBe(422);
    await expectNoAxeViolations(page, 'codebook with errors');
    expect(await createCode(page, 'Papierwerk', 'papieren, formulieren\nuploaden')).toBe(303);
    expect(pathOf(page)).toBe('/dashboard/themas/codeboek?opgeslagen=1');
    expect(await page.locator('#themas').textContent()).toContain(t.codebook.saved);
    const row = page.locator('#themas tr[data-code]', { hasText: 'Papierwerk' });
    expect(await row.count()).toBe(1);

    expect(await navigating(page, () => row.getByRole('link').click())).toBe(200);
    await expectNoAxeViolations(page, 'codebook edit');
    await page.getByLabel(t.codebook.nameLabel, { exact: true }).fill('Papierwinkel');
    expect(await submitting(page, () => page.getByRole('button', { name: t.codebook.save, exact: true }).click())).toBe(303);
    expect(await page.locator('#themas tr[data-code]', { hasText: 'Papierwinkel' }).count()).toBe(1);

    // The code is counted on the themes page.
    await page.goto(`${e2e.server.url}${THEMES}`);
    expect(await page.locator('tr[data-code]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'themes with a code');
    expectNoCspViolations(watched, 'themes');
  });

  it('works without JavaScript: links lead to the comments, the codebook forms are plain forms', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}${THEMES}`);
    expect(await page.locator('#themas tr[data-term]').count()).toBeGreaterThan(0);
    expect(await navigating(page, () => firstTheme(page).click())).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/dashboard/themas/opmerkingen');

    await page.goto(`${e2e.server.url}/dashboard/themas/codeboek`);
    expect(await createCode(page, 'Zonder script', 'wachten')).toBe(303);
    const row = page.locator('#themas tr[data-code]', { hasText: 'Zonder script' });
    expect(await row.count()).toBe(1);
    expect(await navigating(page, () => row.getByRole('link').click())).toBe(200);
    await page.getByLabel(t.codebook.entriesLabel, { exact: true }).fill('wachten, lang wachten');
    expect(await submitting(page, () => page.getByRole('button', { name: t.codebook.save, exact: true }).click())).toBe(303);
    expect(await page.locator('#themas tr[data-code]', { hasText: 'lang wachten' }).count()).toBe(1);
    await navigating(page, () => page.locator('#themas tr[data-code]', { hasText: 'Zonder script' }).getByRole('link').click());
    expect(await submitting(page, () => page.getByRole('button', { name: t.codebook.delete }).click())).toBe(303);
    expect(await page.locator('#themas tr[data-code]', { hasText: 'Zonder script' }).count()).toBe(0);
  });

  /** The document's width at 390 px for each path (the phone check of the survey test). */
  async function widthsAt390(paths: (page: Page) => Promise<string[]>) {
    const { page } = await e2e.signedInPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const widths: Record<string, number> = {};
    for (const path of await paths(page)) {
      await page.goto(`${e2e.server.url}${path}`);
      widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    return widths;
  }

  it('does not scroll sideways at 390 px: a code’s form', { timeout: 60_000 }, async () => {
    const widths = await widthsAt390(async (page) => {
      await page.goto(`${e2e.server.url}/dashboard/themas/codeboek`);
      if ((await page.locator('#themas tr[data-code]').count()) === 0) expect(await createCode(page, 'Breed', 'wachten')).toBe(303);
      return [(await page.locator('#themas tr[data-code] a').first().getAttribute('href'))!];
    });
    expect(Object.values(widths)).toHaveLength(1);
    for (const [path, width] of Object.entries(widths)) expect(width, path).toBeLessThanOrEqual(390);
  });

  it('does not scroll sideways at 390 px: the themes, the comments behind one, the codebook', { timeout: 60_000 }, async () => {
    const widths = await widthsAt390(async (page) => {
      await page.goto(`${e2e.server.url}${THEMES}`);
      return [THEMES, (await firstTheme(page).getAttribute('href'))!, '/dashboard/themas/codeboek'];
    });
    for (const [path, width] of Object.entries(widths)) expect(width, path).toBeLessThanOrEqual(390);
  });
});
