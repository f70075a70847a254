/**
 * The privacy pages in Chromium, as an admin answers "what do you hold about me?" and "delete
 * it": /admin/privacy (terms, last runs, run now), the request page in every state (empty, 422,
 * result, JSON download, unconfirmed erasure, erased), and the two statements. axe (WCAG 2.1
 * A/AA) on every state, no Content-Security-Policy violation; all of it works without htmx.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { retentionRules } from '../../src/privacy/retention-policy';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { caseClosedEvent } from '../helpers/test-context';
import { expectNoCspViolations, navigating, pathOf, submitting } from '../helpers/watched-page';
import { sentInvitationMail } from '../helpers/survey-link';

const e2e = useBrowserAndServer({ staff: 'admin' });
const t = nl.privacy;
const CITIZEN = 'marie@example.nl';

beforeAll(async () => {
  // A citizen who answered a survey, with a comment.
  const event = caseClosedEvent({ citizen: { email: CITIZEN, language: 'nl' } });
  const accepted = await e2e.server.postEvent(event);
  expect(accepted.status).toBe(202);
  const { body } = await sentInvitationMail(e2e.server.db, event.id);
  const link = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(body)![0];
  const answered = await fetch(link, {
    method: 'POST',
    body: new URLSearchParams({ 'feeling-afspraak-maken': '-1', 'feeling-balie': '-2', 'feeling-ophalen': '1', 'comment-balie': 'Te lang gewacht', grade: '5', effort: '3' }),
  });
  expect(answered.status).toBe(200);
});

describe('privacy pages in the browser', () => {
  it('/admin/privacy: terms and last runs, run now; axe and CSP clean', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    expect(await navigating(page, () => page.getByRole('link', { name: t.admin.menuLabel, exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/admin/privacy');
    expect(await page.locator('h1').textContent()).toBe(t.admin.title);
    expect(await page.locator('tr[data-rule]').count()).toBe(retentionRules.length);
    await expectNoAxeViolations(page, '/admin/privacy before any run');

    expect(await submitting(page, () => page.getByRole('button', { name: t.admin.runNow }).click())).toBe(303);
    expect(pathOf(page)).toBe('/admin/privacy?melding=opgeschoond');
    expect(await page.getByRole('status').first().textContent()).toContain('Opschoning uitgevoerd');
    expect(await page.locator('tr[data-rule="audit-log"] [data-result]').textContent()).toBe(t.admin.resultOk);
    await expectNoAxeViolations(page, '/admin/privacy after running');
    expectNoCspViolations(watched, '/admin/privacy');
  });

  it('a data-subject request: search, 422, download, confirm, erase; axe on every state', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/admin/privacy`);
    expect(await navigating(page, () => page.getByRole('link', { name: t.admin.requestLink }).click())).toBe(200);
    expect(pathOf(page)).toBe('/admin/privacy/verzoek');
    await expectNoAxeViolations(page, 'request page, empty');

    const email = page.getByLabel(t.request.emailLabel, { exact: true });
    await email.fill('geen-adres');
    expect(await submitting(page, () => page.getByRole('button', { name: t.request.search }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#email-fout').textContent()).toContain(t.request.errorEmail);
    await expectNoAxeViolations(page, 'request page, invalid address (422)');

    await page.getByLabel(t.request.emailLabel, { exact: true }).fill(CITIZEN.toUpperCase());
    expect(await submitting(page, () => page.getByRole('button', { name: t.request.search }).click())).toBe(200);
    expect(await page.locator('[data-count="responses"]').textContent()).toBe('1');
    expect(await page.locator('[data-count="answers"]').textContent()).toBe('3');
    await expectNoAxeViolations(page, 'request page, result');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t.request.exportButton }).click()]);
    expect(download.suggestedFilename()).toMatch(/^gegevens-[0-9a-f]{16}-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { address: string; responses: { answers: { comment: string | null }[] }[] };
    expect(exported.address).toBe(CITIZEN);
    expect(exported.responses[0]!.answers.map((answer) => answer.comment)).toContain('Te lang gewacht');

    // Erasing without ticking the confirmation: the form comes back with the error.
    expect(await submitting(page, () => page.getByRole('button', { name: t.request.eraseButton }).click())).toBe(422);
    expect(await page.locator('#bevestig-fout').textContent()).toContain(t.request.errorConfirm);
    expect(await page.getByLabel(t.request.optOutLabel).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'request page, erasure not confirmed (422)');

    await page.getByLabel(t.request.confirmLabel).check();
    expect(await submitting(page, () => page.getByRole('button', { name: t.request.eraseButton }).click())).toBe(200);
    expect(await page.getByRole('heading', { name: t.request.erasedTitle }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain(CITIZEN);
    await expectNoAxeViolations(page, 'request page, erased');
    expect(e2e.server.db.$client.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    expectNoCspViolations(watched, 'request page');
  });

  it('the statements: linked from the footer, axe clean', { timeout: 60_000 }, async () => {
    const watched = await e2e.newWatchedPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/`);
    expect(await navigating(page, () => page.getByRole('link', { name: nl.footer.privacy }).click())).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(nl.statements.privacyTitle);
    await expectNoAxeViolations(page, '/privacy');
    expect(await navigating(page, () => page.getByRole('link', { name: nl.footer.accessibility }).click())).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(nl.statements.accessibilityTitle);
    await expectNoAxeViolations(page, '/toegankelijkheid');
    expectNoCspViolations(watched, 'statements');
  });

  it('the short English statements: lang="en", the switch, the link to the full Dutch statement; axe clean', { timeout: 60_000 }, async () => {
    const watched = await e2e.newWatchedPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/privacy?taal=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Privacy: the short version');
    expect(await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Nederlands' }).getAttribute('href')).toBe('/privacy?taal=nl');
    await expectNoAxeViolations(page, '/privacy?taal=en');
    expect(await navigating(page, () => page.getByRole('link', { name: 'Accessibility', exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/toegankelijkheid?taal=en');
    expect(await page.locator('h1').textContent()).toBe('Accessibility: the short version');
    await expectNoAxeViolations(page, '/toegankelijkheid?taal=en');
    expect(await navigating(page, () => page.getByRole('link', { name: 'Read the full accessibility statement (in Dutch)' }).click())).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('h1').textContent()).toBe(nl.statements.accessibilityTitle);
    expectNoCspViolations(watched, 'short statements');
  });
});
