/**
 * /admin/uitgaande-mail in Chromium, with a refusing SMTP server behind the real outbox worker:
 * the counts, a failed and a retrying mail in the error table (addresses masked), the "retry failed
 * now" button as a plain form, and the page after it. axe (WCAG 2.1 A/AA) on each state, no CSP
 * violation, reachable from the admin menu.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../src/mail/retry';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { pause } from '../helpers/load';
import { caseClosedEvent } from '../helpers/test-context';
import { expectNoCspViolations, navigating, pathOf, submitting } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ smtp: true, staff: 'admin' });
const t = nl.outboxAdmin;

const attempts = () => (e2e.server.db.$client.prepare(`SELECT attempts FROM outbox WHERE kind = 'invitation' ORDER BY id`).all() as { attempts: number }[]).map((row) => row.attempts);

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}

async function postEvent(event: Record<string, unknown>) {
  const response = await fetch(`${e2e.server.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${e2e.server.apiKey}` },
    body: JSON.stringify(event),
  });
  expect(response.status).toBe(202);
}

describe('the outbox page in the browser', () => {
  it('shows backlog and failures with masked addresses, retries failed mail; axe and CSP clean', { timeout: 120_000 }, async () => {
    // One mail refused for good (all attempts), one refused for now (retrying).
    e2e.smtp.mode = 'refuse-permanently';
    const failed = caseClosedEvent();
    await postEvent(failed);
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await until(() => attempts()[0] === attempt, `attempt ${attempt}`);
      e2e.server.clock.advanceMs(retryDelayMs(attempt));
    }
    e2e.smtp.mode = 'refuse-temporarily';
    const retrying = caseClosedEvent();
    await postEvent(retrying);
    await until(() => attempts()[1] === 1, 'the retrying mail');

    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/admin`);
    expect(await navigating(page, () => page.locator('.mh-admin-nav').getByRole('link', { name: t.title }).click())).toBe(200);
    expect(pathOf(page)).toBe('/admin/uitgaande-mail');
    expect(await page.locator('h1').textContent()).toBe(t.title);
    expect(await page.locator('[data-count="failed"]').textContent()).toBe('1');
    expect(await page.locator('[data-count="retrying"]').textContent()).toBe('1');
    const errors = page.getByRole('table', { name: t.problemsCaption(2) });
    expect(await errors.locator('tbody tr').count()).toBe(2);
    const text = (await errors.textContent())!;
    expect(text).toContain('550');
    expect(text).toContain('451');
    for (const event of [failed, retrying]) {
      const address = (event.citizen as { email: string }).email;
      expect(text).not.toContain(address);
      expect(text).toContain(`${address[0]}•••@example.nl`);
    }
    await expectNoAxeViolations(page, '/admin/uitgaande-mail with failures');

    e2e.smtp.mode = 'accept';
    expect(await submitting(page, () => page.getByRole('button', { name: t.retryButton }).click())).toBe(303);
    expect(pathOf(page)).toBe('/admin/uitgaande-mail?opnieuw=1&geannuleerd=0');
    expect(await page.getByText(t.retried(1, 0)).isVisible()).toBe(true);
    expect(await page.getByText(t.retryNone).isVisible()).toBe(true);
    await expectNoAxeViolations(page, '/admin/uitgaande-mail after retrying');
    await e2e.smtp.waitFor(1);
    expect(e2e.smtp.received[0]!.to).toBeDefined();
    expectNoCspViolations(watched, 'outbox page');
  });
});
