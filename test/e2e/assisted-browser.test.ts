/**
 * /dashboard/afname in Chromium, as a kcc employee using the keyboard only: the start page, a
 * survey started for a case at the counter (with faces), its error state and the answer stored —
 * WCAG 2.1 A/AA with axe on each page and no sideways scrolling at 390 px.
 */
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';

const e2e = useBrowserAndServer({ staff: 'kcc' });
const t = nl.assisted;

describe('taking a survey for a citizen', () => {
  it('starts one for a case at the counter, with the keyboard, without axe violations', async () => {
    const { page } = await e2e.signedInPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const fits = async () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

    expect((await page.goto(`${e2e.server.url}/dashboard/afname`))?.status()).toBe(200);
    await expectNoAxeViolations(page, 'afname start page');
    expect(await fits()).toBe(true);

    await page.goto(`${e2e.server.url}/dashboard/afname/zaak?reis=paspoort-aanvragen`);
    await expectNoAxeViolations(page, 'afname case form');
    expect(await fits()).toBe(true);
    // Only the counter step: the others off by keyboard.
    for (const slug of ['afspraak-maken', 'ophalen']) {
      const box = page.locator(`#stap-${slug}`);
      if (await box.isChecked()) {
        await box.focus();
        await page.keyboard.press('Space');
      }
    }
    await page.locator('#manier-balie').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: t.forCase.submit }).focus();
    await Promise.all([page.waitForURL(/\/dashboard\/afname\/zaak/, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await page.waitForSelector('input[name="feeling-balie"]');
    expect(await page.locator('.mh-face__mouth').count()).toBe(5);
    expect(await page.getByText(t.notice, { exact: false }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'survey filled in for a citizen');
    expect(await fits()).toBe(true);

    // Sent empty: the error state, still without violations.
    const send = page.getByRole('button', { name: nl.survey.submit });
    await send.focus();
    await Promise.all([page.waitForURL(/\/dashboard\/afname\/invullen$/, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, 'survey for a citizen, sent empty');

    for (const id of ['feeling-balie-1', 'grade-8', 'effort-2']) {
      await page.locator(`#${id}`).focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: nl.survey.submit }).focus();
    await Promise.all([page.waitForURL(/opgeslagen=\d+/, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    const stored = e2e.server.db.$client.prepare('SELECT mode FROM responses').all();
    expect(stored).toEqual([{ mode: 'balie' }]);
    await expectNoAxeViolations(page, 'afname start page with the stored notice');
  }, 120_000);
});
