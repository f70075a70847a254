/**
 * The call-back question after the survey in Chromium: reached by answering the survey unhappily,
 * at phone and desktop width, with and without the client script; axe (WCAG 2.1 A/AA) clean, no
 * sideways scrolling, and the yes by phone stored. axe and the scroll check need JavaScript in the
 * browser, so "without" blocks the page's own scripts; a last test walks it with JavaScript off.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { caseClosedEvent } from '../helpers/test-context';
import { sentInvitationMail } from '../helpers/survey-link';

const e2e = useBrowserAndServer();

/** Sends a case.closed event through the API and takes the survey link from the invitation mail. */
async function surveyUrl(): Promise<string> {
  const event = caseClosedEvent();
  expect((await e2e.server.postEvent(event)).status).toBe(202);
  const { body } = await sentInvitationMail(e2e.server.db, event.id);
  return /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(body)![0];
}

/** Presses a button and waits for the page its form's POST answers with. */
async function press(page: Page, button: string, status: number) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()]);
  expect(response.status()).toBe(status);
  await page.waitForLoadState('load');
}

const requests = () => (e2e.server.db.$client.prepare('SELECT count(*) AS n FROM callback_requests').get() as { n: number }).n;

describe('the call-back question in a browser', () => {
  for (const width of [390, 1280]) {
    for (const javaScriptEnabled of [true, false]) {
      it(`is asked after an unhappy answer at ${width} px ${javaScriptEnabled ? 'with' : 'without'} the client script, accessible, and stores the yes`, async () => {
        const page = await e2e.newPage({ viewport: { width, height: 900 }, ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
        if (!javaScriptEnabled) await page.route('**/*.js', (route) => route.abort());
        await page.goto(await surveyUrl());
        for (const id of ['feeling-afspraak-maken--2', 'feeling-balie-0', 'feeling-ophalen-nvt', 'grade-3', 'effort-2']) await page.locator(`#${id}`).check();
        await press(page, nl.survey.submit, 200);

        await expect.poll(() => page.getByRole('heading', { level: 2, name: nl.callbackQuestion.heading }).count()).toBe(1);
        // Nothing chosen for the citizen: the button is the yes.
        expect(await page.locator('input[name="callback-method"]:checked').count()).toBe(0);
        expect(await page.locator('#callback-email').inputValue()).toMatch(/@example\.nl$/);
        await expectNoAxeViolations(page, `call-back question ${width}px js=${javaScriptEnabled}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        if (javaScriptEnabled) await page.screenshot({ path: `/tmp/callback-question-${width}.png`, fullPage: true });

        // A missing phone number: the error summary, the choice kept, still accessible.
        await page.locator('#callback-method-phone').check();
        await press(page, nl.callbackQuestion.submit, 422);
        expect(await page.locator('#foutoverzicht').count()).toBe(1);
        expect(await page.locator('#callback-method-phone').isChecked()).toBe(true);
        await expectNoAxeViolations(page, `call-back question with errors ${width}px js=${javaScriptEnabled}`);
        if (javaScriptEnabled) await page.screenshot({ path: `/tmp/callback-question-error-${width}.png`, fullPage: true });

        const before = requests();
        await page.locator('#callback-phone').fill('06 12345678');
        await page.locator('#callback-time-ochtend').check();
        await press(page, nl.callbackQuestion.submit, 200);
        await expect.poll(() => page.getByRole('heading', { level: 1, name: nl.callbackQuestion.doneTitle }).count()).toBe(1);
        expect(requests()).toBe(before + 1);
        await expectNoAxeViolations(page, `call-back done ${width}px js=${javaScriptEnabled}`);
      });
    }
  }

  it('works with JavaScript switched off in the browser', async () => {
    const page = await e2e.newPage({ viewport: { width: 390, height: 900 }, javaScriptEnabled: false });
    await page.goto(await surveyUrl());
    for (const id of ['feeling-afspraak-maken-1', 'feeling-balie--1', 'feeling-ophalen-1', 'grade-7', 'effort-5']) await page.locator(`#${id}`).check();
    await press(page, nl.survey.submit, 200);
    expect(await page.getByRole('heading', { level: 2, name: nl.callbackQuestion.heading }).count()).toBe(1);
    const before = requests();
    await page.locator('#callback-method-email').check();
    await press(page, nl.callbackQuestion.submit, 200);
    expect(await page.getByRole('heading', { level: 1, name: nl.callbackQuestion.doneTitle }).count()).toBe(1);
    expect(requests()).toBe(before + 1);
  });
});
