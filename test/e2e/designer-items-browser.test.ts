/**
 * The journey designer's items in a real browser (Debian's Chromium through playwright-core): the
 * page with asked items, the bank and the own-question form at 390 and 1280 px is axe-clean
 * (WCAG 2.1 A/AA) without sideways scrolling; keyboard only, an admin tabs to the "Toevoegen" of
 * "Is uw vraag beantwoord?", presses Enter and the journey asks it; a refused own question, the
 * preview with items, and a new journey (public results checked) without steps are axe-clean too.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addJourneyItem } from '../../src/items/journey-items';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { itemDesigner, nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, submitting } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'admin' });
const t = itemDesigner;
const SHOTS = '/tmp/shots';

const askedCodes = (page: Page) => page.locator('section[aria-labelledby="vragen"] tbody tr[data-code]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));

describe('the journey designer\'s items in the browser', () => {
  it('is axe-clean at 390 and 1280 px without sideways scroll, and adds an item keyboard-only', { timeout: 180_000 }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { db, clock } = e2e.server;
    const found = findJourneyBySlug(db, 'paspoort-aanvragen')!;
    const balie = found.touchpoints.find((step) => step.slug === 'balie')!.id;
    db.transaction((tx) => {
      expect(addJourneyItem(tx, found.journey.id, 'MH-SERIEUS', null, clock.now()).ok).toBe(true);
      expect(addJourneyItem(tx, found.journey.id, 'BP-BEJEGENING', balie, clock.now()).ok).toBe(true);
    });
    const watched = await e2e.signedInPage();
    const { page } = watched;
    const url = `${e2e.server.url}/admin/reizen/${found.journey.id}`;

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await navigating(page, () => page.goto(url).then(() => undefined))).toBe(200);
      expect(await askedCodes(page)).toEqual(['MH-SERIEUS', 'BP-BEJEGENING']);
      await expectNoAxeViolations(page, `designer items at ${width}px`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width}px`).toBeLessThanOrEqual(width);
      await page.locator('section[aria-labelledby="vragen"]').screenshot({ path: `${SHOTS}/designer-items-${width}.png` });
      await page.locator('section[aria-labelledby="eigen-vraag"]').screenshot({ path: `${SHOTS}/designer-own-${width}.png` });
    }

    // "Bij een stap vragen" folded open: still clean.
    await page.locator('details:has(#stap-MH-MEEDENKEN) > summary').click();
    await expectNoAxeViolations(page, 'designer with a step choice open');
    await page.locator('[data-available="MH-MEEDENKEN"]').screenshot({ path: `${SHOTS}/designer-at-step-1280.png` });

    // Keyboard only, from the top of the page: Tab to the Toevoegen of "Is uw vraag beantwoord?" and press Enter.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await navigating(page, () => page.goto(url).then(() => undefined))).toBe(200);
    const onTarget = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element instanceof HTMLButtonElement && element.form?.querySelector('input[name="code"]')?.getAttribute('value') === 'MH-BEANTWOORD';
      });
    let presses = 0;
    while (!(await onTarget())) {
      await page.keyboard.press('Tab');
      expect(++presses, 'the Toevoegen button is reachable by Tab').toBeLessThan(200);
    }
    expect(await page.evaluate(() => document.activeElement!.textContent)).toContain(t.add);
    expect(await submitting(page, () => page.keyboard.press('Enter'))).toBe(303);
    expect(await page.getByText(t.notices['item-added']).isVisible()).toBe(true);
    expect(await askedCodes(page)).toEqual(['MH-SERIEUS', 'BP-BEJEGENING', 'MH-BEANTWOORD']);
    await expectNoAxeViolations(page, 'designer after adding by keyboard');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A refused own question: the error summary and the fields with their errors.
    await page.getByLabel(t.own.code, { exact: true }).fill('MH-EIGEN');
    await page.getByLabel(t.own.scale, { exact: true }).selectOption({ label: t.own.scaleOptions.keuze });
    await page.getByLabel(t.own.optionsNl, { exact: true }).fill('Alleen één');
    expect(await submitting(page, () => page.getByRole('button', { name: t.own.submit, exact: true }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#foutoverzicht').getByRole('link', { name: t.errors.codeReserved }).isVisible()).toBe(true);
    expect(await page.getByLabel(t.own.optionsNl, { exact: true }).inputValue()).toBe('Alleen één');
    await expectNoAxeViolations(page, 'own question with errors');
    await page.locator('section[aria-labelledby="eigen-vraag"]').screenshot({ path: `${SHOTS}/designer-own-errors-390.png` });

    // The preview shows the items, axe-clean.
    expect(await navigating(page, () => page.goto(`${url}/voorbeeld`).then(() => undefined))).toBe(200);
    expect(await page.locator('input[name="item-MH-BEANTWOORD"]').count()).toBe(3);
    await expectNoAxeViolations(page, 'preview with items');

    // A new journey without steps: the bank without step choices, still clean.
    expect(await navigating(page, () => page.goto(`${e2e.server.url}/admin/reizen/nieuw`).then(() => undefined))).toBe(200);
    await expectNoAxeViolations(page, 'new journey form with the public results checkbox');
    await page.getByLabel(itemDesigner.publicResults, { exact: true }).check();
    await page.getByLabel(nl.journeyDesigner.fields.name, { exact: true }).fill('Vraag aan het KCC');
    await page.getByLabel(nl.journeyDesigner.fields.type, { exact: true }).selectOption({ label: nl.journeyDesigner.types.feitelijk });
    expect(await submitting(page, () => page.getByRole('button', { name: nl.journeyDesigner.create, exact: true }).click())).toBe(303);
    expect(await page.locator('details.mh-more-actions').count()).toBe(0);
    expect(await page.getByLabel(itemDesigner.publicResults, { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('[data-available]').count()).toBe(8);
    await expectNoAxeViolations(page, 'designer items on a journey without steps');
    expectNoCspViolations(watched, 'designer items');
  });
});
