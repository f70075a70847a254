/**
 * The issue's "Done means" for the admin pages, in a real browser (Debian's Chromium through
 * playwright-core): the first admin from the first-run link with a forced second factor, a
 * manager account created by that admin with a one-time link, the manager choosing a password,
 * turning on the second factor and signing in with it, being refused the admin pages, and the
 * admin reading all of it back in the audit log; plus API keys and settings. No
 * Content-Security-Policy violation anywhere, and axe (WCAG 2.1 A/AA) on every page visited,
 * the admin pages in their normal, 422 and "shown once" states included.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { homeFor } from '../../src/auth/access';
import { issueFirstAdminLink } from '../../src/auth/setup-links';
import { totpCodeAt } from '../../src/auth/totp';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { startServer } from '../helpers/http-server';
import { allowAdminsWithoutSecondFactor, createStaff } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';
import { expectNoCspViolations, navigating, pathOf, signInThroughForm, submitting, type WatchedPage } from '../helpers/watched-page';

const e2e = useBrowserAndServer();

const ADMIN_EMAIL = 'beheerder@gemeente.test';
const ADMIN_PASSWORD = 'fietsen langs de gracht in mei';
const MANAGER_EMAIL = 'manager@gemeente.test';
const MANAGER_PASSWORD = 'koffie op het stadhuisplein';
const KEY_NAME = 'Zaaksysteem productie';

const t = nl.admin;
const heading = (page: Page) => page.locator('h1').textContent();
/** The value of a "shown once" box (a read-only textarea). */
const shownOnce = (page: Page, id: string) => page.locator(`textarea#${id}.mh-shown-once`).inputValue();

/** Opens a page by its URL and returns the status of the document that was loaded. */
async function open(page: Page, path: string): Promise<number | undefined> {
  const response = await page.goto(`${e2e.server.url}${path}`);
  return response?.status();
}

/**
 * On /account: starts the second-factor enrolment, confirms it with the code the authenticator
 * app shows at the server's "now", and returns the secret. Leaves the page at the account page
 * after "I saved the codes". axe on the enrolment and recovery-code states.
 */
async function enrolSecondFactor(page: Page, label: string): Promise<string> {
  expect(await submitting(page, () => page.getByRole('button', { name: nl.account.enrolStart }).click())).toBe(303);
  expect(pathOf(page)).toBe('/account');
  const secret = (await page.locator('code[data-hook="secret"]').textContent())!.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectNoAxeViolations(page, `${label}: account page, enrolment`);

  const code = page.getByLabel(nl.auth.code, { exact: true });
  await code.fill(totpCodeAt(secret, e2e.server.clock.now()));
  expect(await submitting(page, () => code.press('Enter'))).toBe(200);
  expect(await page.locator('[data-hook="recovery-codes"] li code').count()).toBe(10);
  expect(await page.getByText(nl.account.twoFactorEnabled).isVisible()).toBe(true);
  await expectNoAxeViolations(page, `${label}: account page, recovery codes`);

  expect(await navigating(page, () => page.getByRole('link', { name: nl.account.recoveryDone }).click())).toBe(200);
  expect(pathOf(page)).toBe('/account');
  expect(await page.getByText(nl.account.recoveryLeft(10)).isVisible()).toBe(true);
  return secret;
}

interface AuditLine {
  action: string;
  object: string;
  result: string;
  actor: string;
}

/** The rows of the audit-log table as shown, oldest first (the page lists the newest first). */
async function auditLines(page: Page): Promise<AuditLine[]> {
  const rows = await page.locator('table[data-hook="audit-log"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
  return rows
    .map(([, action = '', object = '', result = '', actor = '']) => ({
      // Shown as "Label (action.code)".
      action: /\(([a-z.-]+)\)$/.exec(action)?.[1] ?? action,
      object,
      result,
      actor,
    }))
    .reverse();
}

describe('admin pages in the browser (the issue\'s "Done means")', () => {
  it('first admin → manager with a one-time link → manager with a second factor → 403 → audit log, API keys, settings; axe and CSP everywhere', { timeout: 240_000 }, async () => {
    // ── 1. The first admin, from the first-run link, with the forced second factor ─────────
    const admin: WatchedPage = await e2e.newWatchedPage();
    const a = admin.page;
    const token = issueFirstAdminLink(e2e.server.db, e2e.server.clock.now())!;
    expect(token).toBeTruthy();
    expect(await open(a, `/setup/${token}`)).toBe(200);
    expect(await heading(a)).toBe(nl.auth.setupTitleFirstAdmin);
    await expectNoAxeViolations(a, 'first-run setup page');

    await a.getByLabel(nl.auth.email, { exact: true }).fill(ADMIN_EMAIL);
    await a.getByLabel(nl.auth.newPassword, { exact: true }).fill(ADMIN_PASSWORD);
    await a.getByLabel(nl.auth.repeatPassword, { exact: true }).fill(ADMIN_PASSWORD);
    expect(await submitting(a, () => a.getByLabel(nl.auth.repeatPassword, { exact: true }).press('Enter'))).toBe(303);
    expect(pathOf(a)).toBe('/account?tweestaps=verplicht');
    expect(await a.getByText(nl.account.twoFactorRequired).isVisible()).toBe(true);
    await expectNoAxeViolations(a, 'admin: account page, second factor required');
    await enrolSecondFactor(a, 'admin');
    await expectNoAxeViolations(a, 'admin: account page, second factor on');
    expectNoCspViolations(admin, 'first admin');

    // ── 2. The admin creates a manager: an invalid form first (422), then the real one ──────
    expect(await open(a, '/admin')).toBe(200);
    expect(await heading(a)).toBe(t.title);
    await expectNoAxeViolations(a, '/admin');

    expect(await navigating(a, () => a.getByRole('navigation', { name: t.title }).getByRole('link', { name: t.users.title }).click())).toBe(200);
    expect(pathOf(a)).toBe('/admin/users');
    expect(await heading(a)).toBe(t.users.title);
    await expectNoAxeViolations(a, '/admin/users');

    const email = a.getByLabel(t.users.email, { exact: true });
    await email.fill('geen e-mailadres');
    expect(await submitting(a, () => a.getByRole('button', { name: t.users.create, exact: true }).click())).toBe(422);
    expect(pathOf(a)).toBe('/admin/users');
    expect(await a.title()).toMatch(/^Fout: /);
    expect(await a.locator('#email-fout').textContent()).toContain(t.users.errorEmail);
    expect(await a.locator('#role-fout').textContent()).toContain(t.users.errorRole);
    expect(await email.inputValue()).toBe('geen e-mailadres');
    expect(await a.locator('#foutoverzicht').isVisible()).toBe(true);
    await expectNoAxeViolations(a, '/admin/users, 422 (invalid address, no role)');

    await email.fill(MANAGER_EMAIL);
    await a.getByLabel(`${nl.roles.manager}: ${t.users.roleHints.manager}`, { exact: true }).check();
    expect(await submitting(a, () => email.press('Enter'))).toBe(200);
    expect(await heading(a)).toBe(t.users.createdTitle);
    expect(await a.getByText(t.users.createdBody(MANAGER_EMAIL, nl.roles.manager)).isVisible()).toBe(true);
    const link = await shownOnce(a, 'wachtwoordlink');
    expect(link).toMatch(new RegExp(`^${e2e.server.url.replace(/[.]/g, '\\.')}/setup/[A-Za-z0-9_-]{20,}$`));
    await expectNoAxeViolations(a, '/admin/users, one-time link shown once');

    // Shown once: back on the list the link is gone, and the new account has no password yet.
    expect(await navigating(a, () => a.getByRole('link', { name: t.users.backToUsers }).click())).toBe(200);
    expect(pathOf(a)).toBe('/admin/users');
    expect(await a.content()).not.toContain(new URL(link).pathname);
    const managerRow = a.locator('tbody tr', { has: a.getByRole('rowheader', { name: MANAGER_EMAIL, exact: true }) });
    // The role is the selected option of the row's role select.
    expect(await managerRow.getByRole('combobox', { name: t.users.roleLabel(MANAGER_EMAIL), exact: true }).locator('option:checked').textContent()).toBe(nl.roles.manager);
    expect(await managerRow.textContent()).toContain(t.users.noPassword);
    expectNoCspViolations(admin, 'admin creating a manager');

    // ── 3. The manager, in a fresh browser context: password, second factor, log in again ──
    const manager: WatchedPage = await e2e.newWatchedPage();
    const m = manager.page;
    const managerResponse = await m.goto(link);
    expect(managerResponse?.status()).toBe(200);
    expect(await heading(m)).toBe(nl.auth.setupTitlePassword);
    expect(await m.getByText(nl.auth.setupIntroPassword(MANAGER_EMAIL)).isVisible()).toBe(true);
    await expectNoAxeViolations(m, 'manager: set-password page');

    await m.getByLabel(nl.auth.newPassword, { exact: true }).fill(MANAGER_PASSWORD);
    await m.getByLabel(nl.auth.repeatPassword, { exact: true }).fill(MANAGER_PASSWORD);
    expect(await submitting(m, () => m.getByRole('button', { name: nl.auth.savePassword }).click())).toBe(303);
    // Signed in: on a manager's home page, and /account opens without a login.
    expect(pathOf(m)).toBe(homeFor('manager'));
    await expectNoAxeViolations(m, `manager: home page (${homeFor('manager')}) after choosing a password`);
    expect(await open(m, '/account')).toBe(200);
    expect(pathOf(m)).toBe('/account');
    expect(await heading(m)).toBe(nl.account.title);
    expect(await m.getByRole('navigation', { name: nl.staffNav.label }).textContent()).toContain(`${MANAGER_EMAIL} (${nl.roles.manager})`);
    expect(await m.getByText(nl.account.twoFactorOff).isVisible()).toBe(true);
    await expectNoAxeViolations(m, 'manager: account page, second factor off');

    const managerSecret = await enrolSecondFactor(m, 'manager');
    await expectNoAxeViolations(m, 'manager: account page, second factor on');

    expect(await submitting(m, () => m.getByRole('button', { name: nl.staffNav.logout, exact: true }).click())).toBe(303);
    expect(pathOf(m)).toBe('/login?melding=uitgelogd');
    await expectNoAxeViolations(m, 'manager: login page after logging out');

    await m.getByLabel(nl.auth.email, { exact: true }).fill(MANAGER_EMAIL);
    await m.getByLabel(nl.auth.password, { exact: true }).fill(MANAGER_PASSWORD);
    expect(await submitting(m, () => m.getByLabel(nl.auth.password, { exact: true }).press('Enter'))).toBe(303);
    expect(pathOf(m)).toBe('/login/code');
    await expectNoAxeViolations(m, 'manager: code page');

    // The code used for the enrolment cannot be used again (replay protection), so the app's
    // next code: the one for the next 30-second step, which the ±1-step window accepts. The
    // server's clock is the test clock (fixed), so no waiting is needed.
    const enrolmentCode = totpCodeAt(managerSecret, e2e.server.clock.now());
    const nextCode = totpCodeAt(managerSecret, new Date(e2e.server.clock.now().getTime() + 30_000));
    expect(nextCode).not.toBe(enrolmentCode);
    await m.getByLabel(nl.auth.code, { exact: true }).fill(nextCode);
    expect(await submitting(m, () => m.getByRole('button', { name: nl.auth.verify }).click())).toBe(303);
    expect(pathOf(m)).toBe(homeFor('manager'));
    await expectNoAxeViolations(m, `manager: home page (${homeFor('manager')}) after logging in with password and code`);
    expect(await open(m, '/account')).toBe(200);
    expect(pathOf(m)).toBe('/account');
    expect(await m.getByText(nl.account.recoveryLeft(10)).isVisible()).toBe(true);

    // ── 4. The manager is refused the admin pages and the mailbox ──────────────────────────
    for (const path of ['/admin', '/admin/users', '/mailbox']) {
      expect(await open(m, path), path).toBe(403);
      expect(pathOf(m)).toBe(path);
      expect(await heading(m)).toBe(nl.errors.forbiddenTitle);
      expect(await m.getByText(nl.errors.forbiddenBody).isVisible()).toBe(true);
      await expectNoAxeViolations(m, `manager: 403 on ${path}`);
    }
    expectNoCspViolations(manager, 'manager');

    // ── 5. The admin reads it back in the audit log ───────────────────────────────────────
    expect(await open(a, '/admin/audit-log')).toBe(200);
    expect(await heading(a)).toBe(t.auditLog.title);
    await expectNoAxeViolations(a, '/admin/audit-log');
    const wanted = new Set([
      'setup.first-admin',
      'two-factor.enabled',
      'user.created',
      'user.password-set',
      'login.password',
      'login.second-factor',
      'access.denied',
    ]);
    const lines = (await auditLines(a)).filter((line) => wanted.has(line.action));
    const ok = t.auditLog.results.success;
    expect(lines).toEqual([
      { action: 'setup.first-admin', object: ADMIN_EMAIL, result: ok, actor: ADMIN_EMAIL },
      { action: 'two-factor.enabled', object: ADMIN_EMAIL, result: ok, actor: ADMIN_EMAIL },
      { action: 'user.created', object: MANAGER_EMAIL, result: ok, actor: ADMIN_EMAIL },
      { action: 'user.password-set', object: MANAGER_EMAIL, result: ok, actor: MANAGER_EMAIL },
      { action: 'two-factor.enabled', object: MANAGER_EMAIL, result: ok, actor: MANAGER_EMAIL },
      { action: 'login.password', object: MANAGER_EMAIL, result: ok, actor: MANAGER_EMAIL },
      { action: 'login.second-factor', object: MANAGER_EMAIL, result: ok, actor: MANAGER_EMAIL },
      ...['/admin', '/admin/users', '/mailbox'].map((path) => ({
        action: 'access.denied',
        object: `GET ${path}`,
        result: t.auditLog.results.denied,
        actor: MANAGER_EMAIL,
      })),
    ]);
    // Nothing secret in the log: not the manager's link, password or codes.
    const logText = (await a.locator('main').textContent())!;
    expect(logText).not.toContain(new URL(link).pathname.split('/').pop()!);
    expect(logText).not.toContain(MANAGER_PASSWORD);

    // Filter by action through the form: only the refusals remain.
    await a.getByLabel(t.auditLog.action, { exact: true }).selectOption('access.denied');
    expect(await navigating(a, () => a.getByRole('button', { name: t.auditLog.filter, exact: true }).click())).toBe(200);
    expect(new URL(a.url()).pathname).toBe('/admin/audit-log');
    expect(new URL(a.url()).searchParams.get('action')).toBe('access.denied');
    expect(await a.getByLabel(t.auditLog.action, { exact: true }).inputValue()).toBe('access.denied');
    const filtered = await auditLines(a);
    expect(filtered.map((line) => `${line.action} ${line.object} ${line.actor}`)).toEqual(
      ['/admin', '/admin/users', '/mailbox'].map((path) => `access.denied GET ${path} ${MANAGER_EMAIL}`),
    );
    await expectNoAxeViolations(a, '/admin/audit-log filtered by access.denied');

    // An impossible date: the 422 state of the filter form.
    expect(await open(a, '/admin/audit-log?from=2026-02-30')).toBe(422);
    expect(await a.title()).toMatch(/^Fout: /);
    expect(await a.locator('#from-fout').textContent()).toContain(t.auditLog.errorDate);
    await expectNoAxeViolations(a, '/admin/audit-log, 422 (invalid date)');
    expectNoCspViolations(admin, 'audit log');

    // ── API keys: a 422, a new key shown once, and revoking it ──────────────────────────────
    expect(await open(a, '/admin/api-keys')).toBe(200);
    expect(await heading(a)).toBe(t.apiKeys.title);
    await expectNoAxeViolations(a, '/admin/api-keys');

    const createKey = a.getByRole('button', { name: t.apiKeys.create, exact: true });
    expect(await submitting(a, () => createKey.click())).toBe(422);
    expect(await a.title()).toMatch(/^Fout: /);
    expect(await a.locator('#name-fout').textContent()).toContain(t.apiKeys.errorName);
    await expectNoAxeViolations(a, '/admin/api-keys, 422 (no name)');

    await a.getByLabel(t.apiKeys.name, { exact: true }).fill(KEY_NAME);
    expect(await submitting(a, () => a.getByLabel(t.apiKeys.name, { exact: true }).press('Enter'))).toBe(200);
    expect(await heading(a)).toBe(t.apiKeys.createdTitle);
    const apiKey = await shownOnce(a, 'api-sleutel');
    expect(apiKey).toMatch(/^mh_[A-Za-z0-9_-]{20,}$/);
    await expectNoAxeViolations(a, '/admin/api-keys, new key shown once');

    // The key works for the event API, until it is revoked.
    const postEvent = () =>
      fetch(`${e2e.server.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(caseClosedEvent()),
      });
    expect((await postEvent()).status).toBe(202);

    expect(await navigating(a, () => a.getByRole('link', { name: t.apiKeys.backToKeys }).click())).toBe(200);
    expect(await a.content()).not.toContain(apiKey);
    const keyRow = a.locator('tbody tr', { has: a.getByRole('rowheader', { name: KEY_NAME, exact: true }) });
    expect(await keyRow.textContent()).toContain(t.apiKeys.active);
    expect(await submitting(a, () => keyRow.getByRole('button', { name: `${t.apiKeys.revoke}${t.apiKeys.revokeFor(KEY_NAME)}` }).click())).toBe(303);
    expect(pathOf(a)).toMatch(/^\/admin\/api-keys\?melding=ingetrokken&sleutel=\d+$/);
    expect(await a.getByText(t.apiKeys.revokedNotice(KEY_NAME)).isVisible()).toBe(true);
    expect(await keyRow.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(a, '/admin/api-keys after revoking');
    expect((await postEvent()).status).toBe(401);

    // ── Settings: turn on the second factor for all staff ──────────────────────────────────
    expect(await open(a, '/admin/settings')).toBe(200);
    expect(await heading(a)).toBe(t.settings.title);
    await expectNoAxeViolations(a, '/admin/settings');
    const allStaff = a.getByLabel(t.settings.requireSecondFactorForAllStaff, { exact: true });
    const admins = a.getByLabel(t.settings.requireSecondFactorForAdmins, { exact: true });
    expect(await allStaff.isChecked()).toBe(false);
    expect(await admins.isChecked()).toBe(true);
    await allStaff.check();
    expect(await submitting(a, () => a.getByRole('button', { name: t.settings.save, exact: true }).click())).toBe(303);
    expect(pathOf(a)).toBe('/admin/settings?melding=opgeslagen');
    expect(await a.getByText(t.settings.saved).isVisible()).toBe(true);
    expect(await allStaff.isChecked()).toBe(true);
    expect(await admins.isChecked()).toBe(true);
    await expectNoAxeViolations(a, '/admin/settings after saving');

    // The change and the key are in the audit log too, newest first.
    expect(await open(a, '/admin/audit-log')).toBe(200);
    const latest = (await auditLines(a)).slice(-3);
    expect(latest.map((line) => `${line.action} ${line.object}`)).toEqual([
      expect.stringMatching(/^api-key\.created api-key:\d+$/),
      expect.stringMatching(/^api-key\.revoked api-key:\d+$/),
      'settings.changed requireSecondFactorForAllStaff',
    ]);
    expectNoCspViolations(admin, 'admin pages');
  });
});

describe('/admin/users with eight accounts', () => {
  it('fits them in one compact table at 1280 px (under 900 px), folds the rarer actions, and does not scroll sideways at 390 px (nor does the mailbox)', { timeout: 120_000 }, async () => {
    // Its own server: the test above turns on the second factor for all staff.
    const server = await startServer();
    try {
      allowAdminsWithoutSecondFactor(server.db, server.clock);
      const admin = await createStaff(server.db, server.clock, 'admin', 'eerste.beheerder@gemeente.test');
      const others = ['manager', 'researcher', 'manager', 'admin', 'researcher', 'manager', 'manager'] as const;
      const emails = await Promise.all(others.map(async (role, index) => (await createStaff(server.db, server.clock, role, `collega${index + 1}.${role}@gemeente.test`)).email));

      const watched = await e2e.newWatchedPage();
      const a = watched.page;
      await a.setViewportSize({ width: 1280, height: 900 });
      await signInThroughForm(a, server.url, admin.email, '/admin');
      expect((await a.goto(`${server.url}/admin/users`))?.status()).toBe(200);
      const table = a.locator('table.mh-users-table');
      expect(await table.locator('tbody tr').count()).toBe(8);
      const height = (await table.boundingBox())!.height;
      expect(height, `table height ${height}px`).toBeLessThan(900);
      await expectNoAxeViolations(a, '/admin/users with eight accounts at 1280 px');

      // The rarer actions are folded away until opened; then they work as before.
      const row = a.locator('tbody tr', { has: a.getByRole('rowheader', { name: emails[0], exact: true }) });
      const disable = row.getByRole('button', { name: `${t.users.disable}${t.users.forUser(emails[0]!)}`, exact: true });
      expect(await disable.isVisible()).toBe(false);
      await row.locator('summary', { hasText: t.users.moreActions }).click();
      expect(await disable.isVisible()).toBe(true);
      await expectNoAxeViolations(a, '/admin/users with "Meer acties" open');
      expect(await submitting(a, () => disable.click())).toBe(303);
      expect(await a.getByText(t.users.notices.uitgeschakeld(emails[0]!)).isVisible()).toBe(true);

      // The role: select and "Opslaan" in the row.
      await row.getByRole('combobox', { name: t.users.roleLabel(emails[0]!), exact: true }).selectOption('researcher');
      expect(await submitting(a, () => row.getByRole('button', { name: `${t.users.saveRole}${t.users.roleFor(emails[0]!)}`, exact: true }).click())).toBe(303);
      expect(await a.getByText(t.users.notices.rol(emails[0]!)).isVisible()).toBe(true);
      expect(await row.locator('option:checked').textContent()).toBe(nl.roles.researcher);

      await a.setViewportSize({ width: 390, height: 844 });
      await a.reload();
      expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(a, '/admin/users at 390 px');

      // The mailbox uses the same layout: at 390 px and 1280 px, axe clean and no sideways scrolling.
      expect((await server.postEvent(caseClosedEvent())).status).toBe(202);
      for (const width of [390, 1280]) {
        await a.setViewportSize({ width, height: 900 });
        await expect.poll(async () => (await a.goto(`${server.url}/mailbox?soort=invitation`), await a.locator('tbody tr').count())).toBe(1);
        expect(await a.getByRole('navigation', { name: t.title }).isVisible()).toBe(true);
        expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await expectNoAxeViolations(a, `/mailbox at ${width} px`);
      }
      expectNoCspViolations(watched, '/admin/users with eight accounts, /mailbox');
    } finally {
      await server.close();
    }
  });
});
