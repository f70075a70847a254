/**
 * The chain view and its printable chain map in Chromium (issue 24): axe (WCAG 2.1 A/AA) finds
 * nothing on screen and with print media; printed, the navigation and forms are gone and the A3
 * landscape stylesheet applies; at 390 px the page does not scroll sideways; no CSP violation.
 * The shared-action form's 422 state, an action's edit page and the comparison page pass axe too.
 * Screenshots at 390 and 1280 px are written to /tmp/chain-view to look at.
 */
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTING_ORGANISATION_ID, organisations } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { CHAIN_SLUG, setUpChain } from '../helpers/chain';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { caseClosedEvent } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';
import { expectNoCspViolations } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });
const t = nl.chain;
const shots = '/tmp/chain-view';

beforeAll(async () => {
  const { server } = e2e;
  const chain = setUpChain(server.db, server.clock);
  // 12 citizens through the event API (both partners' keys) and the survey form; a dip at the gemeente → SVB hand-off.
  for (let i = 0; i < 12; i++) {
    const key = i % 2 === 0 ? server.apiKey : chain.svbKey;
    const event = caseClosedEvent({
      id: `e2e-chain-${i}`,
      case: { reference: `E2E-K-${i}`, caseType: i % 2 === 0 ? 'overlijden' : 'svb-overlijden' },
      citizen: { email: `e2e-nabestaande-${i}@example.nl`, language: 'nl' },
      touchpoints: undefined,
    });
    const response = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    const form = new URLSearchParams({ grade: '6', effort: '4', 'feeling-melding': '1', 'feeling-akte': '0', 'feeling-aow': i % 2 ? '-2' : '-1', 'feeling-nabestaanden': '1', 'feeling-pensioen': '1', 'comment-aow': `Niemand wist wie de AOW moest stoppen (${i}).` });
    const submitted = await fetch(`${server.url}${surveyPathOf(server.db, invitationId)}`, { method: 'POST', body: form});
    expect(submitted.status).toBe(200);
  }
  mkdirSync(shots, { recursive: true });
}, 120_000);

describe('the chain view in the browser', () => {
  it('passes axe on screen, does not scroll sideways at 390 px, and is reached from the dashboard links', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard`);
    await page.getByRole('link', { name: t.navLink, exact: true }).click();
    await page.getByRole('link', { name: 'Overlijden doorgeven', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keten/${CHAIN_SLUG}`);
    expect(await page.locator('[data-hook="knelpunten"] > li').first().getAttribute('data-touchpoint')).toBe('aow');
    await page.waitForSelector('#ketenhartlijn-grafiek[data-chart-ready]');
    await expectNoAxeViolations(page, 'chain view');
    await page.screenshot({ path: `${shots}/keten-1280.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page, 'chain view at 390 px');
    await page.screenshot({ path: `${shots}/keten-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A shared action without its fields: 422 with the error summary, still accessible; then a good one, and its edit page.
    await page.getByRole('button', { name: t.actions.create, exact: true }).click();
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, 'chain view 422');
    await page.getByLabel(t.actions.stepLabel, { exact: true }).selectOption({ label: 'AOW stopzetten (Sociale Verzekeringsbank)' });
    await page.getByLabel(t.actions.titleLabel, { exact: true }).fill('Eén melding voor gemeente en SVB');
    await page.getByLabel(t.actions.ownerLabel, { exact: true }).fill('Team Burgerzaken');
    await page.getByRole('button', { name: t.actions.create, exact: true }).click();
    expect(await page.locator('[data-hook="chain-actions"] tr[data-status="idee"]').count()).toBe(1);
    await page.getByRole('link', { name: t.actions.changeLabel('Eén melding voor gemeente en SVB'), exact: true }).click();
    await expectNoAxeViolations(page, 'chain action page');
    expectNoCspViolations(watched, 'chain view');
  });

  it('shows the comparison page accessibly: first how to take part, then the own line', { timeout: 60_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard/vergelijken?reis=paspoort-aanvragen`);
    expect(await page.locator('[data-hook="not-opted-in"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'comparison (not opted in)');
    e2e.server.db.update(organisations).set({ comparisonOptIn: true }).where(eq(organisations.id, HOSTING_ORGANISATION_ID)).run();
    await page.goto(`${e2e.server.url}/dashboard/vergelijken?reis=paspoort-aanvragen`);
    expect(await page.locator('[data-hook="comparison"] tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, 'comparison');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expectNoCspViolations(watched, 'comparison');
  });

  it('prints the chain map on A3 landscape without navigation, and passes axe with print media and at 390 px', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard/keten/${CHAIN_SLUG}/kaart`);
    const columns = await page.locator('.mh-map-table thead th[data-touchpoint]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-touchpoint')));
    expect(columns).toEqual(['melding', 'akte', 'aow', 'nabestaanden', 'pensioen']);
    expect(await page.locator('thead [data-hook="hand-off"]').count()).toBe(2);
    await expectNoAxeViolations(page, 'chain map');
    await page.screenshot({ path: `${shots}/kaart-1280.png`, fullPage: true });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mh-dashboard-nav').evaluate((element) => getComputedStyle(element).display)).toBe('none');
    expect(await page.locator('.utrecht-page-header').evaluate((element) => getComputedStyle(element).display)).toBe('none');
    await expectNoAxeViolations(page, 'chain map (print)');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Math.round(Number(box![1]))).toBe(1191);
    expect(Math.round(Number(box![2]))).toBe(842);
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}/kaart-390.png`, fullPage: true });
    expectNoCspViolations(watched, 'chain map');
  });
});
