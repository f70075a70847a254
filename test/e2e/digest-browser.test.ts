/**
 * The digest in a real browser (Debian's Chromium through playwright-core) on a generated history:
 * a manager follows the link from the dashboard to /dashboard/samenvatting, axe (WCAG 2.1 A/AA)
 * finds nothing on screen or in the 422 state, no CSP violation; printed, navigation, form and
 * buttons are gone; without JavaScript its period form is a plain GET form; and the choice on
 * /account works with and without JavaScript and passes axe.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, submitting } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.digest;

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 60, responses: 600, seed: 11 });
  expect(report.responses).toBeGreaterThan(300);
}, 120_000);

const displayOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).display);

describe('the digest in the browser', () => {
  it('is reached from the dashboard, passes axe without CSP violations, prints without navigation, form or buttons; 422 passes axe too', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    expect(await navigating(page, () => page.getByRole('link', { name: t.page.navLink, exact: true }).click())).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/dashboard/samenvatting');
    expect(await page.locator('h1').textContent()).toBe(t.page.heading('oktober 2026'));
    expect(await page.locator('#samenvatting').getAttribute('data-period')).toBe('2026-10');
    expect(await page.locator('#samenvatting-respons tbody tr').count()).toBe(3);
    expect(await page.locator('.mh-digest-item').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, '/dashboard/samenvatting');

    // Another period chosen in the form: the last week.
    await page.getByLabel(t.page.choose, { exact: true }).selectOption('week');
    expect(await navigating(page, () => page.getByRole('button', { name: nl.dashboard.apply, exact: true }).click())).toBe(200);
    expect(new URL(page.url()).searchParams.get('over')).toBe('week');
    expect(await page.locator('#samenvatting').getAttribute('data-period')).toBe('2026-W46');
    await expectNoAxeViolations(page, '/dashboard/samenvatting?over=week');

    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.utrecht-page-header', '.mh-dashboard-nav', 'form.mh-filters', '.utrecht-button', '.utrecht-page-footer']) {
      expect(await displayOf(page, selector), selector).toBe('none');
    }
    expect(await page.locator('#samenvatting').isVisible()).toBe(true);
    expect(await page.locator('#samenvatting-respons table').isVisible()).toBe(true);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const response = await page.goto(`${e2e.server.url}/dashboard/samenvatting?periode=eigen&van=2026-02-30&tot=morgen`);
    expect(response?.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, '/dashboard/samenvatting 422');
    expectNoCspViolations(watched, 'digest page');
  });

  it('works without JavaScript: the period form is a plain GET form', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/dashboard/samenvatting`);
    expect(await page.locator('#samenvatting').getAttribute('data-period')).toBe('2026-10');
    await page.getByLabel(t.page.choose, { exact: true }).selectOption('periode');
    await page.getByLabel(nl.dashboard.period, { exact: true }).selectOption('30');
    expect(await navigating(page, () => page.getByRole('button', { name: nl.dashboard.apply, exact: true }).click())).toBe(200);
    expect(await page.locator('#samenvatting').getAttribute('data-period')).toBe('2026-10-22..2026-11-20');
    await page.getByLabel(nl.dashboard.period, { exact: true }).selectOption('eigen');
    await page.getByLabel(nl.dashboard.from, { exact: true }).fill('2026-11-10');
    await page.getByLabel(nl.dashboard.to, { exact: true }).fill('2026-11-01');
    expect(await navigating(page, () => page.getByRole('button', { name: nl.dashboard.apply, exact: true }).click())).toBe(422);
    expect(await page.locator('#tot-fout').textContent()).toContain(nl.dashboard.errors.range);
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`the choice on /account, ${javaScriptEnabled ? 'with' : 'without'} JavaScript: saved, wrong input explained, accessible`, { timeout: 60_000 }, async () => {
      const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled });
      e2e.contexts.push(context);
      const page = await context.newPage();
      await e2e.signIn(page);
      await page.goto(`${e2e.server.url}/account`);
      expect(await page.getByText(t.account.status.uit).count()).toBe(1);
      // axe runs as a script in the page: checked with JavaScript on (the server sends the same markup either way).
      if (javaScriptEnabled) await expectNoAxeViolations(page, '/account');

      await page.getByLabel(t.account.options.week, { exact: true }).check();
      expect(await submitting(page, () => page.getByRole('button', { name: t.account.save, exact: true }).click())).toBe(200);
      expect(await page.getByText(t.account.saved).count()).toBe(1);
      expect(await page.getByLabel(t.account.options.week, { exact: true }).isChecked()).toBe(true);
      if (javaScriptEnabled) await expectNoAxeViolations(page, '/account after saving');

      // A value the form does not offer (as a tampered post would send): 422 with the error at the field.
      if (javaScriptEnabled) {
        await page.locator('#frequency-week').evaluate((input) => ((input as HTMLInputElement).value = 'dagelijks'));
        expect(await submitting(page, () => page.getByRole('button', { name: t.account.save, exact: true }).click())).toBe(422);
        expect(await page.title()).toMatch(/^Fout: /);
        expect(await page.locator('#frequency-fout').textContent()).toContain(t.account.required);
        await expectNoAxeViolations(page, '/account 422');
      } else {
        // Scripts are off in this page: the same post from the same session, beside it.
        const tampered = await context.request.post(`${e2e.server.url}/account/samenvatting`, { form: { frequency: 'dagelijks' }, headers: { Origin: e2e.server.url } });
        expect(tampered.status()).toBe(422);
        expect(await tampered.text()).toContain(t.account.required);
      }

      await page.getByLabel(t.account.options.uit, { exact: true }).check();
      expect(await submitting(page, () => page.getByRole('button', { name: t.account.save, exact: true }).click())).toBe(200);
      expect(await page.getByText(t.account.status.uit).count()).toBe(1);
    });
  }
});
