/**
 * The appointment import page in Chromium: with htmx the upload runs in the background and the
 * status fragment polls (every 1s) until the result replaces it; without JavaScript the same form
 * posts and answers with the result page (checked with htmx.js blocked, so axe can still run). Product mapping as a plain form. axe (WCAG 2.1 A/AA)
 * on every state and no Content-Security-Policy violation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, pathOf } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'admin' });
const t = nl.admin.appointments;

const HEADER = 'referentie;product;locatie;kanaal;geboekt_op;start;status;herinnering_verstuurd_op;segment_wijk';

function csv(prefix: string, count: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) lines.push(`${prefix}-${i};paspoort;Stadskantoor;web;01-10-2026 08:00;02-11-2026 09:30;${i % 4 ? 'verschenen' : 'niet_verschenen'};;Woensel`);
  lines.push(`${prefix}-fout;paspoort;Stadskantoor;web;01-10-2026 08:00;02-11-2026 09:30;misschien;;`);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A form post without JavaScript (page.evaluate is not available then): the POST's status once the answer has loaded. */
async function posting(page: Page, action: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), action()]);
  await page.waitForLoadState('load');
  return response.status();
}

describe('appointment import in the browser', () => {
  it('with htmx: progress, then the result in place; axe and CSP clean', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/admin/appointments`);
    await expectNoAxeViolations(page, '/admin/appointments');

    await page.getByLabel(t.file).setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: csv('J', 5000) });
    await page.getByRole('button', { name: t.importButton }).click();
    // The page stays; the result replaces the polling status element.
    const result = page.locator('#import-status [data-hook="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(pathOf(page)).toBe('/admin/appointments');
    expect(await result.locator(`[data-count="${t.counts.imported}"]`).textContent()).toBe('5.000');
    expect(await result.locator(`[data-count="${t.counts.rejected}"]`).textContent()).toBe('1');
    expect(await result.locator('[data-hook="import-errors"] tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, '/admin/appointments with the htmx import result');
    expectNoCspViolations(watched, 'htmx import');
  });

  it('without htmx: the form posts and the result page follows; product mapping', { timeout: 120_000 }, async () => {
    // htmx.js never arrives, as when scripts are blocked (axe itself needs JavaScript in the page).
    const context = await e2e.browser.newContext({ locale: 'nl-NL' });
    e2e.contexts.push(context);
    await context.route('**/assets/htmx.js', (route) => route.abort());
    const page = await context.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.server.url}/admin/appointments`);

    // No file chosen: the form again with the error.
    expect(await posting(page, () => page.getByRole('button', { name: t.importButton }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, '/admin/appointments, 422 (no file)');

    await page.getByLabel(t.file).setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: csv('N', 50) });
    expect(await posting(page, () => page.getByRole('button', { name: t.importButton }).click())).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(t.resultTitle);
    expect(await page.locator(`[data-count="${t.counts.imported}"]`).textContent()).toBe('50');
    await expectNoAxeViolations(page, 'import result page');

    await page.goto(`${e2e.server.url}/admin/appointments`);
    await page.getByLabel(t.product, { exact: true }).selectOption('paspoort');
    await page.getByLabel(t.target).selectOption('paspoort-aanvragen/balie');
    expect(await posting(page, () => page.getByRole('button', { name: t.save }).click())).toBe(303);
    expect(await page.getByText(t.mapped('paspoort')).isVisible()).toBe(true);
    await expectNoAxeViolations(page, '/admin/appointments after mapping');
  });
});
