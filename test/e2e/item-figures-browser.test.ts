/**
 * "Vragen uit de vragenbank" and the items among the key drivers in a real browser (Debian's
 * Chromium through playwright-core), at 390 and 1280 px: the panel is there with its tables, axe
 * (WCAG 2.1 A/AA) is clean and the page does not scroll sideways. The history is the demo
 * generator's; it answers no items, so item answers are added to its responses here (the figures
 * themselves are checked against real submissions in test/items/item-figures.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { journeys, touchpoints } from '../../src/db/schema';
import { addJourneyItem } from '../../src/items/journey-items';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';

const e2e = useBrowserAndServer({ staff: 'manager' });
const SHOTS = '/tmp/shots';

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 45, responses: 400, seed: 23 });
  expect(report.responses).toBeGreaterThan(200);
  const { db, clock } = e2e.server;
  const journeyId = db.select().from(journeys).where(eq(journeys.slug, 'paspoort-aanvragen')).get()!.id;
  const balie = db.select().from(touchpoints).where(eq(touchpoints.journeyId, journeyId)).all().find((step) => step.slug === 'balie')!.id;
  db.transaction((tx) => {
    for (const [code, step] of [['MH-BEANTWOORD', null], ['MH-SERIEUS', null], ['BP-BEJEGENING', balie]] as const) expect(addJourneyItem(tx, journeyId, code, step, clock.now()).ok).toBe(true);
  });
  // Values that follow the grade a little, so the drivers page has something to find.
  const add = db.$client.prepare(
    `INSERT INTO item_answers (response_id, journey_id, item_code, touchpoint_id, value, answered_at)
     SELECT id, journey_id, ?, ?, CASE WHEN ? = 3 THEN (CASE WHEN grade >= 7 THEN 3 WHEN grade >= 5 THEN 2 ELSE 1 END) ELSE max(1, min(?, (grade * ?) / 10 + id % 2)) END, submitted_at
     FROM responses WHERE journey_id = ?`,
  );
  add.run('MH-BEANTWOORD', null, 3, 3, 3, journeyId);
  add.run('MH-SERIEUS', null, 5, 5, 5, journeyId);
  add.run('BP-BEJEGENING', balie, 10, 10, 10, journeyId);
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
