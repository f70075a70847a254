/**
 * /resultaten in a real browser (Debian's Chromium through playwright-core) against the real
 * server: a public journey with answers in two completed quarters (one step and one rate below the
 * minimum group size), at a phone's 390 px and a laptop's 1280 px. axe (WCAG 2.1 A/AA) finds
 * nothing, the page never scrolls sideways, the heart lines are drawn, and "Wat wij deden" leads to
 * /verbeteringen and "Wat u zei" back. Screenshots go to /tmp/shots/results-*.png.
 */
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { itemAnswers, journeys, responses } from '../../src/db/schema';
import { ANSWERED_ITEM } from '../../src/items/item-bank';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { addKnownAnswers } from '../helpers/known-answers';

const e2e = useBrowserAndServer();
const t = nl.publicResults;
const SHOTS = '/tmp/shots';

/** An instant on a day of 2026 at 10:00 UTC plus some minutes. */
const on = (month: number, day: number, minute = 0) => new Date(Date.UTC(2026, month - 1, day, 10, minute));

beforeAll(() => {
  const { db } = e2e.server;
  const target = { db, config: loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: e2e.server.url }), addressHashKey: 'test-address-hash-key-with-enough-length' };
  // July–September (2026-K3): 24 answers, "ophalen" answered by few. April–June (K2): 12 answers.
  addKnownAnswers(target, 24, (i) => ({
    at: on(7 + (i % 3), 1 + i, i),
    feelings: { 'afspraak-maken': i % 3 === 0 ? -1 : -2, balie: 1, ...(i < 4 ? { ophalen: 2 } : {}) },
    grade: 5 + (i % 5),
  }));
  addKnownAnswers(target, 12, (i) => ({ at: on(4 + (i % 3), 3 + i, i), feelings: { 'afspraak-maken': 0, balie: 2, ophalen: 1 }, grade: 8 }));
  // "Is uw vraag beantwoord?" in K3 only: ja for two of every three.
  const k3 = db.select({ id: responses.id, submittedAt: responses.submittedAt, journeyId: responses.journeyId }).from(responses).all().filter((r) => r.submittedAt >= on(7, 1, 0));
  db.insert(itemAnswers)
    .values(k3.map((r, i) => ({ responseId: r.id, journeyId: r.journeyId, itemCode: ANSWERED_ITEM, touchpointId: null, value: i % 3 === 2 ? 1 : 3, answeredAt: r.submittedAt })))
    .run();
  db.update(journeys).set({ publicResults: true }).where(eq(journeys.slug, 'paspoort-aanvragen')).run();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

describe('/resultaten in the browser', () => {
  for (const width of [390, 1280]) {
    it(`at ${width} px: axe clean, no sideways scroll, heart lines drawn`, { timeout: 120_000 }, async () => {
      const page = await e2e.newPage({ viewport: { width, height: 900 } });
      const response = await page.goto(`${e2e.server.url}/resultaten`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(t.title);
      expect(await page.locator('svg.mh-heartline').count()).toBe(2);
      expect(await page.locator('[data-hook="grade"]').count()).toBe(2);
      expect(await page.locator('[data-hook="answered"]').count()).toBe(1);
      // The heart line has height and the page's width, not more.
      const box = (await page.locator('svg.mh-heartline').first().boundingBox())!;
      expect(box.height).toBeGreaterThan(100);
      expect(box.width).toBeLessThanOrEqual(width);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await expectNoAxeViolations(page, `/resultaten at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/results-${width}.png`, fullPage: true });
    });
  }

  it('"Wat wij deden" leads to /verbeteringen and "Wat u zei" back; the empty state is axe clean too', { timeout: 120_000 }, async () => {
    const page = await e2e.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${e2e.server.url}/resultaten`);
    await Promise.all([page.waitForURL('**/verbeteringen'), page.getByRole('link', { name: 'Wat wij deden', exact: true }).click()]);
    await expectNoAxeViolations(page, '/verbeteringen');
    await Promise.all([page.waitForURL('**/resultaten'), page.getByRole('link', { name: 'Wat u zei', exact: true }).click()]);
    expect(await page.locator('h1').textContent()).toBe(t.title);

    e2e.server.db.update(journeys).set({ publicResults: false }).run();
    await page.goto(`${e2e.server.url}/resultaten`);
    expect(await page.getByText(t.none).count()).toBe(1);
    await expectNoAxeViolations(page, '/resultaten (empty)');
    await page.screenshot({ path: `${SHOTS}/results-empty-390.png`, fullPage: true });
  });
});
