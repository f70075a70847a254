/**
 * "Vragen uit de vragenbank" and the items among the key drivers in a real browser (Debian's
 * Chromium through playwright-core), at 390 and 1280 px: the panel is there with its tables, axe
 * (WCAG 2.1 A/AA) is clean and the page does not scroll sideways. The history is the demo
 * generator's, whose journeys ask items from the bank (the figures themselves are checked against
 * real submissions in test/items/item-figures.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';

const e2e = useBrowserAndServer({ staff: 'manager' });
const SHOTS = '/tmp/shots';

beforeAll(async () => {
  // The demo's passport journey asks "Is uw vraag beantwoord?", the waiting time at the appointment step and bejegening at the counter.
  const report = e2e.server.generateHistory({ days: 45, responses: 400, seed: 23 });
  expect(report.responses).toBeGreaterThan(200);
  const asked = e2e.server.db.$client
    .prepare("SELECT count(DISTINCT item_code || coalesce(touchpoint_id, '')) AS n FROM item_answers a JOIN journeys j ON j.id = a.journey_id WHERE j.slug = 'paspoort-aanvragen'")
    .get();
  expect(asked).toEqual({ n: 3 });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

describe('the item bank on the dashboard in the browser', () => {
  for (const width of [390, 1280]) {
    it(`shows the panel at ${width} px: axe clean, no sideways scroll`, { timeout: 120_000 }, async () => {
      const { page } = await e2e.signedInPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${e2e.server.url}/dashboard?reis=paspoort-aanvragen`);
      const section = page.locator('section#vragen');
      expect(await section.getByRole('heading', { name: nl.itemFigures.title, level: 2 }).count()).toBe(1);
      expect(await section.locator('table[data-hook="item-figures"] tbody tr').count()).toBe(3);
      expect(await section.locator('table[data-hook="answered-per-channel"] tbody tr').count()).toBeGreaterThan(0);
      expect(await section.locator('table[data-hook="answered-trend"] tbody tr').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await section.screenshot({ path: `${SHOTS}/figures-${width}.png` });
      await expectNoAxeViolations(page, `/dashboard?reis=paspoort-aanvragen at ${width} px`);

      await page.goto(`${e2e.server.url}/dashboard/drijfveren?reis=paspoort-aanvragen`);
      expect(await page.locator('table[data-hook="drivers-table"] tbody tr[data-item]').count()).toBe(3);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/figures-drivers-${width}.png`, fullPage: true });
      await expectNoAxeViolations(page, `/dashboard/drijfveren?reis=paspoort-aanvragen at ${width} px`);
    });
  }
});
