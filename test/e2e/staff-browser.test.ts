/**
 * The staff side in a real browser (Debian's Chromium through playwright-core): the first-run
 * flow with the keyboard (setup link → admin account → forced second-factor enrolment → code
 * from the test's own authenticator → recovery codes), signing in with password and code, no
 * Content-Security-Policy violation on any staff page, and WCAG 2.1 A/AA checks with axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { issueFirstAdminLink } from '../../src/auth/setup-links';
import { newTotpSecret, totpCodeAt } from '../../src/auth/totp';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../src/auth/users';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowser } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/http-server';
import { createStaff, STAFF_PASSWORD } from '../helpers/staff';
import { TEST_DATA_KEY } from '../helpers/test-context';
import { expectNoCspViolations, pathOf, submitting } from '../helpers/watched-page';

const chromium = useBrowser();
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
});

async function newServer(): Promise<RunningServer> {
  const server = await startServer();
  servers.push(server);
  return server;
}

const path = pathOf;

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** A six-digit code that is valid in no step of the ±1 window now. */
function wrongCodeFor(secret: string, at: Date): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totpCodeAt(secret, new Date(at.getTime() + offset))));
  for (let n = 246810; ; n++) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe('the watcher', () => {
  it('does see a CSP violation when there is one (so an empty list means something)', async () => {
    const server = await newServer();
    const watched = await chromium.newWatchedPage();
    await watched.page.goto(`${server.url}/login`);
    await watched.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://evil.example/pixel.png';
      img.alt = '';
      document.body.append(img);
    });
    await expect.poll(() => watched.cspViolations.length).toBeGreaterThan(0);
    expect(watched.cspViolations[0]).toMatch(/^img-src https:\/\/evil\.example\/pixel\.png on \/login$/);
    await expect.poll(() => watched.cspConsole.length).toBeGreaterThan(0);
    expect(watched.cspConsole[0]).toContain('evil.example');
  });
});

describe('first run in the browser, with the keyboard', () => {
  it('setup link → admin account → forced enrolment → code from the app → recovery codes; axe and CSP on every page', async () => {
    const server = await newServer();
    const watched = await chromium.newWatchedPage();
    const { page } = watched;
    const kb = page.keyboard;
    const email = 'eerste.beheerder@gemeente.test';
    const password = 'fietsen langs de gracht in mei';

    // The setup page.
    const token = issueFirstAdminLink(server.db, server.clock.now())!;
    const response = await page.goto(`${server.url}/setup/${token}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(nl.auth.setupTitleFirstAdmin);
    await expectNoAxeViolations(page, 'setup page');

    // Too short and not repeated: field errors, in an accessible error page.
    await page.getByLabel(nl.auth.email).focus();
    await kb.type(email);
    await kb.press('Tab');
    expect(await focusedId(page)).toBe('password');
    await kb.type('kort');
    await kb.press('Tab');
    expect(await focusedId(page)).toBe('repeat');
    await kb.type('anders');
    expect(await submitting(page, () => kb.press('Enter'))).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    await expect.poll(() => page.locator('#foutoverzicht').isVisible()).toBe(true);
    expect(await page.locator('#password-fout').textContent()).toContain(nl.auth.passwordTooShort(12));
    expect(await page.getByLabel(nl.auth.email).inputValue()).toBe(email);
    await expectNoAxeViolations(page, 'setup page with errors');

    // The error summary's link leads to the field; fix both passwords there and press Enter.
    await page.locator('#foutoverzicht a[href="#password"]').click();
    expect(await focusedId(page)).toBe('password');
    await kb.type(password);
    await kb.press('Tab');
    expect(await focusedId(page)).toBe('repeat');
    await kb.type(password);
    expect(await submitting(page, () => kb.press('Enter'))).toBe(303);

    // Forced enrolment: the account page, and nothing else, until the second factor is set up.
    expect(path(page)).toBe('/account?tweestaps=verplicht');
    expect(await page.locator('h1').textContent()).toBe(nl.account.title);
    expect(await page.getByText(nl.account.twoFactorRequired).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'account page, second factor required');

    const start = page.getByRole('button', { name: nl.account.enrolStart });
    await start.focus();
    expect(await submitting(page, () => kb.press('Enter'))).toBe(303);
    expect(path(page)).toBe('/account');

    // Enrolment: the QR code is a data: image that loads under the CSP; the key is shown in groups.
    const qr = page.locator('img[data-hook="qr"]');
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('alt')).toBe(nl.account.enrolQrAlt);
    const shown = (await page.locator('code[data-hook="secret"]').textContent())!;
    expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shown.replace(/\s+/g, '');
    await expectNoAxeViolations(page, 'account page, enrolment (QR code)');
    expectNoCspViolations(watched, 'enrolment');

    // A wrong code first.
    await page.getByLabel(nl.auth.code, { exact: true }).focus();
    await kb.type(wrongCodeFor(secret, server.clock.now()));
    expect(await submitting(page, () => kb.press('Enter'))).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#code-fout').textContent()).toContain(nl.auth.wrongCode);
    await expectNoAxeViolations(page, 'account page, enrolment with a wrong code');

    // The code the authenticator app shows now.
    await page.getByLabel(nl.auth.code, { exact: true }).focus();
    await kb.type(totpCodeAt(secret, server.clock.now()));
    expect(await submitting(page, () => kb.press('Enter'))).toBe(200);
    const codes = page.locator('[data-hook="recovery-codes"] li code');
    expect(await codes.count()).toBe(10);
    for (const code of await codes.allTextContents()) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(await page.getByText(nl.account.twoFactorEnabled).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'account page, recovery codes');

    // "I saved them": the codes are gone from the page; the staff navigation is back.
    await page.getByRole('link', { name: nl.account.recoveryDone }).click();
    await page.waitForURL(`${server.url}/account`);
    expect(await page.locator('[data-hook="recovery-codes"]').count()).toBe(0);
    expect(await page.getByText(nl.account.recoveryLeft(10)).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'account page, second factor on');

    // The admin area opens now (its pages are being built: 200 or the plain 404 page, never a redirect).
    const admin = await page.goto(`${server.url}/admin`);
    expect([200, 404]).toContain(admin?.status());
    expect(path(page)).toBe('/admin');
    expectNoCspViolations(watched, 'first run');

    const [stored] = server.db.$client.prepare('select role, totp_enabled_at from users where email = ?').all(email) as { role: string; totp_enabled_at: number | null }[];
    expect(stored).toMatchObject({ role: 'admin' });
    expect(stored!.totp_enabled_at).not.toBeNull();
  });
});

describe('signing in in the browser', () => {
  it('login (also with an error) → code (also with an error) → /admin; axe and CSP on every page', async () => {
    const server = await newServer();
    const admin = await createStaff(server.db, server.clock, 'admin', 'beheerder@gemeente.test');
    const secret = newTotpSecret();
    startTotpEnrolment(server.db, TEST_DATA_KEY, admin.id, secret);
    confirmTotpEnrolment(server.db, admin.id, server.clock.now());
    const watched = await chromium.newWatchedPage();
    const { page } = watched;

    // /admin without a session: the login page, which will bring us back.
    await page.goto(`${server.url}/admin`);
    expect(path(page)).toBe('/login?terug=%2Fadmin');
    expect(await page.locator('h1').textContent()).toBe(nl.auth.loginTitle);
    await expectNoAxeViolations(page, 'login page');
    expectNoCspViolations(watched, '/login');

    // An empty form, then a wrong password.
    expect(await submitting(page, () => page.getByRole('button', { name: nl.auth.login }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    await expectNoAxeViolations(page, 'login page, empty form');
    await page.getByLabel(nl.auth.email).fill(admin.email);
    await page.getByLabel(nl.auth.password, { exact: true }).fill('niet mijn wachtwoord');
    expect(await submitting(page, () => page.getByLabel(nl.auth.password, { exact: true }).press('Enter'))).toBe(401);
    expect(await page.locator('#foutoverzicht').textContent()).toContain(nl.auth.wrongCredentials);
    await expectNoAxeViolations(page, 'login page, wrong password');

    // The right password: the code page.
    await page.getByLabel(nl.auth.password, { exact: true }).fill(STAFF_PASSWORD);
    expect(await submitting(page, () => page.getByLabel(nl.auth.password, { exact: true }).press('Enter'))).toBe(303);
    expect(path(page)).toBe('/login/code');
    expect(await page.locator('h1').textContent()).toBe(nl.auth.codeTitle);
    expect(await page.getByLabel(nl.auth.code, { exact: true }).getAttribute('autocomplete')).toBe('one-time-code');
    await expectNoAxeViolations(page, 'code page');
    expectNoCspViolations(watched, '/login/code');

    await page.getByLabel(nl.auth.code, { exact: true }).fill(wrongCodeFor(secret, server.clock.now()));
    expect(await submitting(page, () => page.getByLabel(nl.auth.code, { exact: true }).press('Enter'))).toBe(401);
    expect(await page.locator('#code-fout').textContent()).toContain(nl.auth.wrongCode);
    await expectNoAxeViolations(page, 'code page, wrong code');

    server.clock.advanceMs(30_000);
    await page.getByLabel(nl.auth.code, { exact: true }).fill(totpCodeAt(secret, server.clock.now()));
    const status = await submitting(page, () => page.getByRole('button', { name: nl.auth.verify }).click());
    expect(status).toBe(303);
    expect(path(page)).toBe('/admin');
    expectNoCspViolations(watched, '/admin');

    // The account page with the second factor on, and its staff navigation.
    await page.goto(`${server.url}/account`);
    expect(await page.getByRole('navigation', { name: nl.staffNav.label }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'account page');

    // Logging out from the navigation.
    expect(await submitting(page, () => page.getByRole('button', { name: nl.staffNav.logout, exact: true }).click())).toBe(303);
    expect(path(page)).toBe('/login?melding=uitgelogd');
    expect(await page.getByText(nl.auth.loggedOut).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'login page after logging out');
    await page.goto(`${server.url}/account`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expectNoCspViolations(watched, 'signing in');
  });
});
