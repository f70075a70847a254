/**
 * The citizen's survey in English and in a right-to-left test language (test/fixtures/languages,
 * loaded through LANGUAGES_DIR) in Chromium at phone width: `lang`/`dir` on the document, WCAG 2.1
 * A/AA with axe, no sideways scrolling, the layout mirrored in RTL, and the survey completed with
 * the keyboard only up to the thank-you page.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { caseClosedEvent } from '../helpers/test-context';

const e2e = useBrowserAndServer({ env: { LANGUAGES_DIR: join(import.meta.dirname, '../fixtures/languages') } });

async function openSurvey(page: Page, language: string): Promise<string> {
  const response = await e2e.server.postEvent(caseClosedEvent({ delivery: 'letter', citizen: { language } }));
  expect(response.status).toBe(202);
  const { survey } = (await response.json()) as { survey: { url: string } };
  await page.setViewportSize({ width: 390, height: 844 });
  const path = new URL(survey.url).pathname;
  expect((await page.goto(`${e2e.server.url}${path}`))?.status()).toBe(200);
  return path;
}

const documentLanguage = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, overflow: document.documentElement.scrollWidth - window.innerWidth }));

/**
 * Tab through the page; on each radio group's first radio, Space ticks it and the arrow keys move
 * the choice to a friendly answer (so no call-back question follows); Enter on the send button.
 */
async function completeWithKeyboard(page: Page): Promise<void> {
  const downs: Record<string, number> = { grade: 7, effort: 5 };
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return { tag: element?.tagName, type: element?.type, name: element?.name, checked: element?.checked };
    });
    if (focused.tag === 'BUTTON' && focused.type === 'submit') {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
    if (focused.type === 'radio' && !focused.checked) {
      await page.keyboard.press('Space');
      const steps = downs[focused.name ?? ''] ?? 3;
      for (let step = 0; step < steps; step++) await page.keyboard.press('ArrowDown');
    }
  }
  throw new Error('The send button was never reached with Tab');
}

describe('the survey in another language', () => {
  it('is English with lang="en", fits 390px, passes axe, and can be completed with the keyboard only', async () => {
    const { page } = await e2e.newWatchedPage();
    await openSurvey(page, 'en');
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr', overflow: 0 });
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Your experience with: /);
    await expect(page.locator('nav.mh-language-switch a[hreflang="nl"]').getAttribute('lang')).resolves.toBe('nl');
    await expectNoAxeViolations(page, 'English survey at 390px');

    await completeWithKeyboard(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you!');
    expect(await documentLanguage(page)).toMatchObject({ lang: 'en', dir: 'ltr' });
    const stored = e2e.server.db.$client.prepare('SELECT grade, effort FROM responses ORDER BY id DESC').get();
    expect(stored).toEqual({ grade: 8, effort: 6 });
    await expectNoAxeViolations(page, 'English thank-you page');
  });

  it('mirrors in a right-to-left language: dir="rtl", headings and options start on the right, keyboard completion works', async () => {
    const { page } = await e2e.newWatchedPage();
    await openSurvey(page, 'ar');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', overflow: 0 });
    const geometry = await page.evaluate(() => {
      const main = document.querySelector('main')!.getBoundingClientRect();
      const heading = document.querySelector('.mh-step h2')!;
      const range = document.createRange();
      range.selectNodeContents(heading);
      const text = range.getBoundingClientRect();
      const option = document.querySelector('fieldset:has(input[name^="feeling-"]) [data-hook="option"]')!;
      const radio = option.querySelector('input')!.getBoundingClientRect();
      const label = option.querySelector('label')!.getBoundingClientRect();
      return { mainLeft: main.left, mainRight: main.right, textLeft: text.left, textRight: text.right, radioLeft: radio.left, labelRight: label.right };
    });
    // The heading's text hugs the right edge of the content, the left is where it ends.
    expect(geometry.mainRight - geometry.textRight).toBeLessThan(geometry.textLeft - geometry.mainLeft);
    // The radio stands to the right of its words.
    expect(geometry.radioLeft).toBeGreaterThanOrEqual(geometry.labelRight - 1);
    await expectNoAxeViolations(page, 'RTL survey at 390px');
    await page.screenshot({ path: '/tmp/survey-rtl-390.png', fullPage: true });

    await completeWithKeyboard(page);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^اختبار /);
    expect(await documentLanguage(page)).toMatchObject({ lang: 'ar', dir: 'rtl', overflow: 0 });
    await expectNoAxeViolations(page, 'RTL thank-you page');
  });
});
