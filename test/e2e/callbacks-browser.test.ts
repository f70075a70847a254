/**
 * The KCC's work list and one request in Chromium against the real server: axe (WCAG 2.1 A/AA)
 * at 390 and 1280 px, with and without JavaScript; taking, an attempt and closing by the forms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import type { TestContext } from '../helpers/test-context';
import { expectNoCspViolations, navigating, submitting } from '../helpers/watched-page';
import { callbackRequestFor } from '../callbacks/kcc-fixtures';
import { hoursLater } from '../callbacks/time';

const e2e = useBrowserAndServer({ staff: 'kcc' });
const t = nl.callbacksKcc;
let ids: number[];

beforeAll(async () => {
  // The fixture answers the survey over the server's real HTTP port.
  const server = e2e.server;
  const ctx = { db: server.db, clock: server.clock, postEvent: server.postEvent, app: { request: (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init) } } as unknown as TestContext;
  const now = server.clock.now();
  ids = [
    await callbackRequestFor(ctx, { at: hoursLater(now, -50), dueAt: hoursLater(now, -4) }),
    await callbackRequestFor(ctx, { at: hoursLater(now, -1), dueAt: hoursLater(now, 15) }),
  ];
}, 60_000);

describe('call-back requests in the browser', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`work list and request page ${javaScriptEnabled ? 'with' : 'without'} JavaScript, at 390 and 1280 px`, { timeout: 120_000 }, async () => {
      const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled });
      e2e.contexts.push(context);
      const page = await context.newPage();
      await e2e.signIn(page);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${e2e.server.url}/dashboard/terugbellen`);
        expect(await page.locator('h1').textContent()).toBe(t.list.title);
        expect(await page.locator('tr[data-hook="request"]').count()).toBeGreaterThanOrEqual(1);
        expect(await page.locator('.mh-overdue').first().textContent()).toContain('te laat');
        if (javaScriptEnabled) await expectNoAxeViolations(page, `work list at ${width}`);
        if (javaScriptEnabled) await page.screenshot({ path: `/tmp/callbacks-list-${width}.png`, fullPage: true });
        await page.goto(`${e2e.server.url}/dashboard/terugbellen/${ids[0]}`);
        if (javaScriptEnabled) await expectNoAxeViolations(page, `request page at ${width}`);
        if (javaScriptEnabled) await page.screenshot({ path: `/tmp/callbacks-request-${width}.png`, fullPage: true });
      }
    });
  }

  it('reveal, take, an attempt with an error first, and close: the contact is gone afterwards', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    const id = ids[1]!;
    await page.goto(`${e2e.server.url}/dashboard/terugbellen/${id}`);
    expect(await submitting(page, () => page.getByRole('button', { name: t.detail.showContact, exact: true }).click())).toBe(200);
    expect(await page.locator('#contactgegevens').textContent()).toContain('06-12345678');
    await expectNoAxeViolations(page, 'contact shown');
    expect(await submitting(page, () => page.getByRole('button', { name: t.detail.take, exact: true }).click())).toBe(303);
    expect(await page.getByText(t.detail.saved.taken).count()).toBe(1);
    // No choice: the browser's own check is bypassed to see the server's error.
    await page.locator('section[aria-labelledby="poging"] form').evaluate((form) => form.setAttribute('novalidate', ''));
    expect(await submitting(page, () => page.getByRole('button', { name: t.detail.recordAttempt, exact: true }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, 'attempt error');
    await page.getByLabel('Bereikt', { exact: true }).check();
    expect(await submitting(page, () => page.getByRole('button', { name: t.detail.recordAttempt, exact: true }).click())).toBe(303);
    await page.getByLabel(t.outcomes.explained, { exact: true }).check();
    await page.getByLabel(t.detail.noteLabel, { exact: true }).fill('Uitgelegd hoe de afspraak werkt.');
    expect(await submitting(page, () => page.getByRole('button', { name: t.detail.close, exact: true }).click())).toBe(303);
    expect(await page.getByText(t.detail.contactErased, { exact: true }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/callbacks-closed-1280.png', fullPage: true });
    expect(await navigating(page, () => page.getByRole('link', { name: t.detail.back, exact: true }).click())).toBe(200);
    expectNoCspViolations(watched, 'call-back pages');
  });
});
