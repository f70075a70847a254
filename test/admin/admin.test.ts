/**
 * The admin pages through the real app in-process: accounts and roles with one-time links,
 * API keys, the audit log with its filters, and the second-factor settings. Every change must
 * land in the audit log, and no password, token, link or key may ever land there.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeRole, disableUser, AdminGuardError } from '../../src/admin/user-admin';
import { startOfAmsterdamDay } from '../../src/calendar';
import { listApiKeys, touchApiKey } from '../../src/api-keys/api-keys';
import { audit } from '../../src/audit/audit-log';
import { findUserByEmail, findUserById } from '../../src/auth/users';
import { auditLog, sessions, users } from '../../src/db/schema';
import { getSetting } from '../../src/settings';
import { nl } from '../../src/texts';
import { unescapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login, STAFF_PASSWORD } from '../helpers/staff';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';

const NEW_PASSWORD = 'mijn nieuwe lange wachtzin';

/** A test app with one admin who is logged in (second factor not required, to test other things). */
async function withAdmin() {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const admin = await createStaff(ctx.db, ctx.clock, 'admin');
  const { cookie } = await login(ctx.app, admin.email);
  expect(cookie).toBeDefined();
  return { ...ctx, admin, as: asStaff(ctx.app, cookie!) };
}

const post = (fields: Record<string, string>): RequestInit => ({ method: 'POST', body: new URLSearchParams(fields) });

/** Decodes the few entities hono/jsx writes in text and attributes. */

const setupTokenIn = (html: string) => /http:\/\/meethuis\.test\/setup\/([\w-]{20,})/.exec(html)?.[1];
const apiKeyIn = (html: string) => /\b(mh_[\w-]{40,})/.exec(html)?.[1];

/** The data rows of the (first) table on a page. */
function tableRows(html: string): string[] {
  const body = html.split('<tbody')[1]?.split('</tbody>')[0] ?? '';
  return body.split('<tr').slice(1);
}

function auditRows(ctx: { db: ReturnType<typeof createTestContext>['db'] }, action?: string) {
  const rows = ctx.db.select().from(auditLog).all();
  return action ? rows.filter((row) => row.action === action) : rows;
}

/** Every piece of text in the audit log, to search it for secrets. */
function allAuditText(ctx: { db: ReturnType<typeof createTestContext>['db'] }): string {
  return JSON.stringify(ctx.db.$client.prepare('SELECT * FROM audit_log').all());
}

describe('admin pages', () => {
  it('renders every admin page for an admin, with accessible tables and no inline script or style', async () => {
    const ctx = await withAdmin();
    for (const path of ['/admin', '/admin/users', '/admin/api-keys', '/admin/audit-log', '/admin/settings']) {
      const response = await ctx.as(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
      const html = await response.text();
      expect(html.startsWith('<!DOCTYPE html>'), path).toBe(true);
      expect(html, path).toContain('<h1 class="utrecht-heading-1">');
      expect(html, path).not.toMatch(/<script|\sstyle=/);
      // The admin section menu marks the current page.
      expect(html, path).toContain(`href="${path}" aria-current="page"`);
      if (html.includes('<table')) {
        expect(html, path).toContain('class="utrecht-table utrecht-table--html-table');
        expect(html, path).toContain('<caption');
        expect(html, path).toContain('scope="col"');
      }
    }
  });

  it('shows the counts and the first-run steps on the overview', async () => {
    const ctx = await withAdmin();
    const html = await (await ctx.as('/admin')).text();
    // The test context made one API key; the admin is the only account.
    expect(html).toContain(nl.admin.overview.usersHint(1, 1));
    expect(html).toContain(nl.admin.overview.apiKeysHint(1));
    expect(html).toContain(nl.admin.overview.firstRunTitle);
    expect(html).toContain(`${nl.admin.overview.pending}:</strong> ${nl.admin.overview.stepOwnSecondFactor}`);
    expect(html).toContain(`${nl.admin.overview.pending}:</strong> ${nl.admin.overview.stepStaff}`);
    expect(html).toContain(`${nl.admin.overview.done}:</strong> ${nl.admin.overview.stepApiKey}`);
    // The embedded mailbox is in use (no SMTP_URL), so the overview links to it.
    expect(html).toContain('href="/mailbox"');
  });

  it('is for admins only: a manager gets 403, an anonymous visitor goes to the login page', async () => {
    const ctx = await withAdmin();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const manager = asStaff(ctx.app, cookie!);
    expect((await manager('/admin/users')).status).toBe(403);
    expect((await manager('/admin/api-keys', post({ name: 'x' }))).status).toBe(403);
    expect(ctx.db.select().from(auditLog).all().some((row) => row.action === 'api-key.created')).toBe(false);
    const anonymous = await ctx.app.request('/admin/audit-log');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?terug=%2Fadmin%2Faudit-log/);
  });

  it('refuses a cross-site form post', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/admin/api-keys', { ...post({ name: 'Kwaadaardig' }), headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(listApiKeys(ctx.db).map((key) => key.name)).not.toContain('Kwaadaardig');
  });
});

describe('users', () => {
  it('creates a manager whose one-time link sets a password once, after which the manager can log in', async () => {
    const ctx = await withAdmin();
    const created = await ctx.as('/admin/users', post({ email: ' Nieuwe.Manager@Gemeente.test ', role: 'manager' }));
    expect(created.status).toBe(200);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const html = await created.text();
    expect(html).toContain(nl.admin.users.createdTitle);
    expect(html).toContain(nl.admin.users.linkWarning(72));
    const token = setupTokenIn(html);
    expect(token).toBeDefined();

    const user = findUserByEmail(ctx.db, 'nieuwe.manager@gemeente.test')!;
    expect(user.role).toBe('manager');
    expect(user.passwordHash).toBeNull();
    // The list shows the account but never the link.
    const list = await (await ctx.as('/admin/users')).text();
    expect(list).toContain('nieuwe.manager@gemeente.test');
    expect(list).toContain(nl.admin.users.noPassword);
    expect(list).not.toContain(token!);

    // The link works (no session needed) …
    expect((await ctx.app.request(`/setup/${token}`)).status).toBe(200);
    // … refuses a short and a common password …
    const short = await ctx.app.request(`/setup/${token}`, post({ password: 'te kort', repeat: 'te kort' }));
    expect(short.status).toBe(422);
    expect(await short.text()).toContain(nl.auth.passwordTooShort(12));
    const common = await ctx.app.request(`/setup/${token}`, post({ password: 'qwerty123456', repeat: 'qwerty123456' }));
    expect(common.status).toBe(422);
    expect(await common.text()).toContain(nl.auth.passwordCommon);
    // … sets a good one and signs the manager in …
    const set = await ctx.app.request(`/setup/${token}`, post({ password: NEW_PASSWORD, repeat: NEW_PASSWORD }));
    expect(set.status).toBe(303);
    expect(set.headers.get('Location')).toBe('/dashboard');
    // … and then no longer works.
    expect((await ctx.app.request(`/setup/${token}`)).status).toBe(404);
    expect((await ctx.app.request(`/setup/${token}`, post({ password: 'nog een andere zin', repeat: 'nog een andere zin' }))).status).toBe(404);

    const { response, cookie } = await login(ctx.app, 'nieuwe.manager@gemeente.test', NEW_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/dashboard');
    expect((await asStaff(ctx.app, cookie!)('/account')).status).toBe(200);

    const createdRow = auditRows(ctx, 'user.created').at(-1)!;
    expect(createdRow).toMatchObject({ object: 'nieuwe.manager@gemeente.test', result: 'success', actor: 'admin@gemeente.test', actorUserId: ctx.admin.id });
    expect(createdRow.details).toEqual({ role: 'manager' });
    expect(auditRows(ctx, 'user.password-link-issued')).toHaveLength(1);
  });

  it('re-renders the form with 422, the values and a message per field for a duplicate or invalid account', async () => {
    const ctx = await withAdmin();
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const duplicate = await ctx.as('/admin/users', post({ email: 'Researcher@gemeente.test', role: 'manager' }));
    expect(duplicate.status).toBe(422);
    const html = await duplicate.text();
    expect(html).toContain('<title>Fout: ');
    expect(html).toContain(nl.admin.users.errorDuplicate('researcher@gemeente.test'));
    expect(html).toContain('value="Researcher@gemeente.test"');
    expect(html).toMatch(/id="role-manager"[^>]*checked/);
    expect(setupTokenIn(html)).toBeUndefined();

    const invalid = await ctx.as('/admin/users', post({ email: 'geen-adres', role: 'baas' }));
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain(nl.admin.users.errorEmail);
    expect(invalidHtml).toContain(nl.admin.users.errorRole);
    expect(invalidHtml).toContain('href="#role-admin"');
    expect(invalidHtml).toContain('value="geen-adres"');
    expect(ctx.db.select().from(users).all()).toHaveLength(2);
    expect(auditRows(ctx, 'user.created')).toHaveLength(0);
  });

  it('audits a role change and a disable; a disabled user is signed out at once and cannot log in until enabled', async () => {
    const ctx = await withAdmin();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, manager.email);
    const asManager = asStaff(ctx.app, cookie!);
    expect((await asManager('/account')).status).toBe(200);

    const changed = await ctx.as(`/admin/users/${manager.id}`, post({ action: 'role', role: 'researcher' }));
    expect(changed.status).toBe(303);
    expect(changed.headers.get('Location')).toBe(`/admin/users?melding=rol&gebruiker=${manager.id}`);
    expect(findUserById(ctx.db, manager.id)!.role).toBe('researcher');
    expect(await (await ctx.as(changed.headers.get('Location')!)).text()).toContain(nl.admin.users.notices.rol(manager.email));
    const roleRow = auditRows(ctx, 'user.role-changed')[0]!;
    expect(roleRow).toMatchObject({ object: manager.email, result: 'success', actor: 'admin@gemeente.test' });
    expect(roleRow.details).toEqual({ from: 'manager', to: 'researcher' });
    // The same role again changes nothing and logs nothing.
    await ctx.as(`/admin/users/${manager.id}`, post({ action: 'role', role: 'researcher' }));
    expect(auditRows(ctx, 'user.role-changed')).toHaveLength(1);

    const disabled = await ctx.as(`/admin/users/${manager.id}`, post({ action: 'disable' }));
    expect(disabled.status).toBe(303);
    expect(findUserById(ctx.db, manager.id)!.disabledAt).toEqual(ctx.clock.now());
    expect(auditRows(ctx, 'user.disabled')[0]).toMatchObject({ object: manager.email, result: 'success' });
    expect(ctx.db.select().from(sessions).where(eq(sessions.userId, manager.id)).all()).toHaveLength(0);
    const next = await asManager('/account');
    expect(next.status).toBe(303);
    expect(next.headers.get('Location')).toMatch(/^\/login\?/);
    expect((await login(ctx.app, manager.email)).response.status).toBe(401);
    expect(await (await ctx.as('/admin/users')).text()).toContain(nl.admin.users.disabled(''));

    const enabled = await ctx.as(`/admin/users/${manager.id}`, post({ action: 'enable' }));
    expect(enabled.status).toBe(303);
    expect(auditRows(ctx, 'user.enabled')).toHaveLength(1);
    expect((await login(ctx.app, manager.email)).response.status).toBe(303);
  });

  it('keeps at least one active admin, and an admin cannot demote or disable themselves', async () => {
    const ctx = await withAdmin();
    const only = await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'role', role: 'manager' }));
    expect(only.status).toBe(422);
    expect(await only.text()).toContain(nl.admin.users.guardLastAdmin);
    expect((await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'disable' }))).status).toBe(422);
    expect(findUserById(ctx.db, ctx.admin.id)).toMatchObject({ role: 'admin', disabledAt: null });
    const denied = auditRows(ctx).filter((row) => row.result === 'denied');
    expect(denied.map((row) => row.action)).toEqual(['user.role-changed', 'user.disabled']);

    // With a second admin, the own-account rule still holds …
    const second = await createStaff(ctx.db, ctx.clock, 'admin', 'tweede.beheerder@gemeente.test');
    const own = await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'role', role: 'researcher' }));
    expect(own.status).toBe(422);
    expect(await own.text()).toContain(nl.admin.users.guardOwnRole);
    const ownDisable = await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'disable' }));
    expect(await ownDisable.text()).toContain(nl.admin.users.guardDisableSelf);
    // … while another admin can be demoted; then the first is the last one again.
    expect((await ctx.as(`/admin/users/${second.id}`, post({ action: 'role', role: 'manager' }))).status).toBe(303);
    expect(findUserById(ctx.db, second.id)!.role).toBe('manager');
    expect(findUserById(ctx.db, ctx.admin.id)!.role).toBe('admin');

    // The rule itself, whoever asks (for example a future CLI command): the last active admin stays.
    const me = findUserById(ctx.db, ctx.admin.id)!;
    expect(() => changeRole(ctx.db, { id: second.id }, me, 'manager')).toThrow(AdminGuardError);
    expect(() => disableUser(ctx.db, { id: second.id }, me, ctx.clock.now())).toThrow(nl.admin.users.guardLastAdmin);
  });

  it('shows each account on one row: the role select with its Opslaan, the rarer actions folded under "Meer acties"', async () => {
    const ctx = await withAdmin();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const t = nl.admin.users;
    const rows = tableRows(await (await ctx.as('/admin/users')).text());
    expect(rows).toHaveLength(2);
    const [own, other] = [rows.find((row) => row.includes(ctx.admin.email))!, rows.find((row) => row.includes(manager.email))!];

    // Another account: one form for the role in the row, the other actions inside a <details>, each its own POST.
    expect(other).toMatch(new RegExp(`<form method="post" action="/admin/users/${manager.id}" class="mh-action-form"><input type="hidden" name="action" value="role"/>`));
    expect(other).toMatch(/<option value="manager" selected="">/);
    expect(other).toContain(`${t.saveRole}<span class="mh-visually-hidden">${t.roleFor(manager.email)}</span>`);
    const [inRow, folded] = other.split('<details');
    expect(inRow).not.toMatch(/value="(disable|password-link)"/);
    expect(folded).toContain(`<summary>${t.moreActions}<span class="mh-visually-hidden">${t.forUser(manager.email)}</span></summary>`);
    expect(folded).toContain('<input type="hidden" name="action" value="disable"/>');
    expect(folded).toContain('<input type="hidden" name="action" value="password-link"/>');
    expect(unescapeHtml(other)).toContain(t.secondFactorOff);

    // One's own account: no forms (the role and second factor are changed elsewhere).
    expect(own).not.toContain('<form');
    expect(own).toContain(t.you);
    expect(own).toContain(nl.roles.admin);
  });

  it('answers 404 for an unknown user and 422 for an unknown action', async () => {
    const ctx = await withAdmin();
    expect((await ctx.as('/admin/users/9999', post({ action: 'disable' }))).status).toBe(404);
    expect((await ctx.as('/admin/users/abc', post({ action: 'disable' }))).status).toBe(404);
    const unknown = await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'delete' }));
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain(nl.admin.users.unknownAction);
  });

  it('issues a new one-time link (earlier links stop working) and resets a second factor', async () => {
    const ctx = await withAdmin();
    const created = await ctx.as('/admin/users', post({ email: 'onderzoeker@gemeente.test', role: 'researcher' }));
    const first = setupTokenIn(await created.text())!;
    const user = findUserByEmail(ctx.db, 'onderzoeker@gemeente.test')!;

    const again = await ctx.as(`/admin/users/${user.id}`, post({ action: 'password-link' }));
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain(nl.admin.users.linkIssuedBody(user.email));
    const second = setupTokenIn(html)!;
    expect(second).not.toBe(first);
    expect((await ctx.app.request(`/setup/${first}`)).status).toBe(404);
    expect((await ctx.app.request(`/setup/${second}`)).status).toBe(200);
    expect(auditRows(ctx, 'user.password-link-issued')).toHaveLength(2);

    // A user with a second factor: the reset turns it off and ends their sessions.
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    await login(ctx.app, manager.email);
    ctx.db.update(users).set({ totpSecret: 'versleuteld', totpEnabledAt: ctx.clock.now() }).where(eq(users.id, manager.id)).run();
    expect(await (await ctx.as('/admin/users')).text()).toContain(`${nl.admin.users.resetSecondFactor}<span class="mh-visually-hidden"> voor ${manager.email}`);
    const reset = await ctx.as(`/admin/users/${manager.id}`, post({ action: 'reset-second-factor' }));
    expect(reset.status).toBe(303);
    expect(findUserById(ctx.db, manager.id)).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(ctx.db.select().from(sessions).where(eq(sessions.userId, manager.id)).all()).toHaveLength(0);
    expect(auditRows(ctx, 'user.second-factor-reset')[0]).toMatchObject({ object: manager.email, result: 'success' });
    // Not one's own: that is what "Mijn account" is for.
    expect((await ctx.as(`/admin/users/${ctx.admin.id}`, post({ action: 'reset-second-factor' }))).status).toBe(422);
  });
});

describe('API keys', () => {
  it('shows a new key once; it works for events until it is revoked, and its last use is recorded', async () => {
    const ctx = await withAdmin();
    const created = await ctx.as('/admin/api-keys', post({ name: '  Zaaksysteem   productie ' }));
    expect(created.status).toBe(200);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const html = await created.text();
    expect(html).toContain(nl.admin.apiKeys.keyWarning);
    const key = apiKeyIn(html)!;
    expect(key).toBeDefined();
    expect(html.split(key)).toHaveLength(2);
    const row = listApiKeys(ctx.db).find((candidate) => candidate.name === 'Zaaksysteem productie')!;
    expect(row).toMatchObject({ prefix: key.slice(0, 7), lastUsedAt: null, revokedAt: null });

    // The list never shows the key again; only its first characters.
    const list = await (await ctx.as('/admin/api-keys')).text();
    expect(list).not.toContain(key);
    expect(list).toContain(`${key.slice(0, 7)}…`);

    const accepted = await ctx.postEvent(caseClosedEvent(), { key });
    expect(accepted.status).toBe(202);
    const used = listApiKeys(ctx.db).find((candidate) => candidate.id === row.id)!;
    expect(used.lastUsedAt).toEqual(ctx.clock.now());

    const revoked = await ctx.as(`/admin/api-keys/${row.id}/revoke`, post({}));
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('Location')).toBe(`/admin/api-keys?melding=ingetrokken&sleutel=${row.id}`);
    expect(unescapeHtml(await (await ctx.as(revoked.headers.get('Location')!)).text())).toContain(nl.admin.apiKeys.revokedNotice('Zaaksysteem productie'));
    expect((await ctx.postEvent(caseClosedEvent(), { key })).status).toBe(401);
    // The other key is untouched.
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    // Revoking twice is harmless and logged once.
    expect((await ctx.as(`/admin/api-keys/${row.id}/revoke`, post({}))).status).toBe(303);
    expect((await ctx.as('/admin/api-keys/9999/revoke', post({}))).status).toBe(404);

    expect(auditRows(ctx, 'api-key.created')[0]).toMatchObject({ object: `api-key:${row.id}`, details: { name: 'Zaaksysteem productie' } });
    expect(auditRows(ctx, 'api-key.revoked')).toHaveLength(1);
    expect(auditRows(ctx, 'api-key.revoked')[0]).toMatchObject({ object: `api-key:${row.id}`, actor: 'admin@gemeente.test' });
  });

  it('writes the last use at most once a minute', async () => {
    const ctx = createTestContext();
    const id = listApiKeys(ctx.db)[0]!.id;
    const first = ctx.clock.now();
    touchApiKey(ctx.db, id, first);
    ctx.clock.advanceMs(30_000);
    touchApiKey(ctx.db, id, ctx.clock.now());
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).toEqual(first);
    // With the last use already read, a fresh one needs no query at all; a stale one is written.
    touchApiKey(ctx.db, id, ctx.clock.now(), first);
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).toEqual(first);
    ctx.clock.advanceMs(31_000);
    touchApiKey(ctx.db, id, ctx.clock.now(), first);
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).toEqual(ctx.clock.now());
  });

  it('records the last use of the key an event came with, at most once a minute', async () => {
    const ctx = createTestContext();
    const id = listApiKeys(ctx.db)[0]!.id;
    const first = ctx.clock.now();
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).toEqual(first);
    ctx.clock.advanceMs(59_000);
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    expect(listApiKeys(ctx.db).find((key) => key.id === id)!.lastUsedAt).toEqual(first);
    ctx.clock.advanceMs(2_000);
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).toEqual(ctx.clock.now());
    // A refused request (unknown key) records nothing.
    ctx.clock.advanceMs(120_000);
    expect((await ctx.postEvent(caseClosedEvent(), { key: 'mh_onbekend' })).status).toBe(401);
    expect(listApiKeys(ctx.db)[0]!.lastUsedAt).not.toEqual(ctx.clock.now());
  });

  it('asks for a name', async () => {
    const ctx = await withAdmin();
    const before = listApiKeys(ctx.db).length;
    const empty = await ctx.as('/admin/api-keys', post({ name: '   ' }));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(nl.admin.apiKeys.errorName);
    const long = await ctx.as('/admin/api-keys', post({ name: 'x'.repeat(81) }));
    expect(long.status).toBe(422);
    const longHtml = await long.text();
    expect(longHtml).toContain(nl.admin.apiKeys.errorNameTooLong(80));
    expect(longHtml).toContain(`value="${'x'.repeat(81)}"`);
    expect(apiKeyIn(longHtml)).toBeUndefined();
    expect(listApiKeys(ctx.db)).toHaveLength(before);
  });
});

describe('audit log', () => {
  it('filters by action, actor, result and date range (Amsterdam days), newest first', async () => {
    const ctx = await withAdmin();
    const line = (at: string, action: string, actor: string, result: 'success' | 'failure' | 'denied', object: string) =>
      audit(ctx.db, new Date(at), { action, actor: { userId: null, label: actor }, result, object });
    // 23:30 on 18 November in Amsterdam (CET, UTC+1) …
    line('2026-11-18T22:30:00Z', 'logout', 'an@gemeente.test', 'success', 'obj-a');
    // … 00:30 and 23:59 on 19 November …
    line('2026-11-18T23:30:00Z', 'logout.everywhere', 'bo@gemeente.test', 'success', 'obj-b');
    line('2026-11-19T22:59:00Z', 'login.password', 'an@gemeente.test', 'failure', 'obj-c');
    // … and midnight on 20 November.
    line('2026-11-19T23:00:00Z', 'login.password', 'bo@gemeente.test', 'denied', 'obj-d');

    const objects = async (query: string) => {
      const response = await ctx.as(`/admin/audit-log?${query}`);
      expect(response.status, query).toBe(200);
      return tableRows(await response.text())
        .map((row) => /obj-[a-d]/.exec(row)?.[0])
        .filter(Boolean);
    };
    // Exact action: "logout" does not also find "logout.everywhere".
    expect(await objects('action=logout')).toEqual(['obj-a']);
    expect(await objects('action=login.password')).toEqual(['obj-d', 'obj-c']);
    // Part of the actor, any case.
    expect(await objects('actor=BO%40')).toEqual(['obj-d', 'obj-b']);
    expect(await objects('actor=%25')).toEqual([]);
    expect(await objects('result=failure')).toEqual(['obj-c']);
    expect(await objects('from=2026-11-19&to=2026-11-19')).toEqual(['obj-c', 'obj-b']);
    expect(await objects('from=2026-11-20')).toEqual(['obj-d']);
    expect(await objects('to=2026-11-18')).toEqual(['obj-a']);
    expect(await objects('actor=an%40&from=2026-11-19')).toEqual(['obj-c']);

    // The form shows the filters it applied, and the action select lists the actions in the log.
    const html = await (await ctx.as('/admin/audit-log?action=logout&actor=an%40&result=success')).text();
    expect(html).toMatch(/<option value="logout" selected="">/);
    expect(html).toMatch(/<option value="logout.everywhere">/);
    expect(html).toContain('value="an@"');
    expect(html).toMatch(/<option value="success" selected="">/);
  });

  it('re-renders invalid filters with 422 and a message per field', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/admin/audit-log?from=2026-02-30&to=gisteren&result=misschien');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(nl.admin.auditLog.errorDate);
    expect(html).toContain(nl.admin.auditLog.errorResult);
    expect(html).toContain('value="gisteren"');
    const range = await ctx.as('/admin/audit-log?from=2026-11-20&to=2026-11-19');
    expect(range.status).toBe(422);
    expect(unescapeHtml(await range.text())).toContain(nl.admin.auditLog.errorRange);
  });

  it('pages 50 rows at a time with previous and next links that keep the filters', async () => {
    const ctx = await withAdmin();
    const start = new Date('2026-10-01T10:00:00Z').getTime();
    for (let i = 1; i <= 120; i++) {
      audit(ctx.db, new Date(start + i * 60_000), { action: 'test.paging', actor: { userId: null, label: 'pager@gemeente.test' }, result: 'success', object: `rij-${String(i).padStart(3, '0')}` });
    }
    const page = async (path: string) => {
      const html = await (await ctx.as(path)).text();
      const link = (rel: string) => {
        const href = new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1];
        return href ? unescapeHtml(href) : undefined;
      };
      const rows = tableRows(html).map((row) => /rij-\d{3}/.exec(row)?.[0]);
      return { rows, next: link('next'), previous: link('prev') };
    };

    const first = await page('/admin/audit-log?actor=pager');
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toBe('rij-120');
    expect(first.rows.at(-1)).toBe('rij-071');
    expect(first.previous).toBeUndefined();
    expect(first.next).toBe('/admin/audit-log?actor=pager&pagina=2');

    const second = await page(first.next!);
    expect(second.rows[0]).toBe('rij-070');
    expect(second.previous).toBe('/admin/audit-log?actor=pager');
    const third = await page(second.next!);
    expect(third.rows).toHaveLength(20);
    expect(third.rows.at(-1)).toBe('rij-001');
    expect(third.next).toBeUndefined();
    expect(third.previous).toBe('/admin/audit-log?actor=pager&pagina=2');
    // Nonsense page numbers fall back to the first page.
    expect((await page('/admin/audit-log?actor=pager&pagina=-3')).rows[0]).toBe('rij-120');
  });

  it('never holds a password, a setup token, a link or an API key', async () => {
    const ctx = await withAdmin();
    const secrets: string[] = [STAFF_PASSWORD, NEW_PASSWORD, ctx.apiKey];
    const created = await ctx.as('/admin/users', post({ email: 'geheim@gemeente.test', role: 'manager' }));
    const token = setupTokenIn(await created.text())!;
    secrets.push(token, `/setup/${token}`);
    await ctx.app.request(`/setup/${token}`, post({ password: NEW_PASSWORD, repeat: NEW_PASSWORD }));
    await login(ctx.app, 'geheim@gemeente.test', NEW_PASSWORD);
    await login(ctx.app, 'geheim@gemeente.test', 'een verkeerd wachtwoord');
    const user = findUserByEmail(ctx.db, 'geheim@gemeente.test')!;
    const again = await ctx.as(`/admin/users/${user.id}`, post({ action: 'password-link' }));
    secrets.push(setupTokenIn(await again.text())!);
    const keyPage = await ctx.as('/admin/api-keys', post({ name: 'Afsprakensysteem' }));
    const key = apiKeyIn(await keyPage.text())!;
    secrets.push(key);
    await ctx.postEvent(caseClosedEvent(), { key });
    await ctx.postEvent(caseClosedEvent(), { key: `${key}x` });

    const text = allAuditText(ctx);
    expect(auditRows(ctx).length).toBeGreaterThan(6);
    for (const secret of secrets) expect(text, secret.slice(0, 8)).not.toContain(secret);
    expect(text).not.toContain('een verkeerd wachtwoord');
    expect(text).not.toMatch(/mh_[\w-]{20,}/);
  });
});

describe('settings', () => {
  it('saves the second-factor settings, audits each change, and enforces them at the next login', async () => {
    const ctx = await withAdmin();
    const page = await (await ctx.as('/admin/settings')).text();
    expect(page).toMatch(/id="requireSecondFactorForAdmins" name="requireSecondFactorForAdmins" value="on"(?! checked)/);
    expect(page).toContain('<legend');

    // Only the all-staff box checked (and the recovery mail's, on by default): that one turns on, the admins' one stays off (and is not logged).
    const saved = await ctx.as('/admin/settings', post({ requireSecondFactorForAllStaff: 'on', callbackRecoveryMail: 'on' }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe('/admin/settings?melding=opgeslagen');
    expect(getSetting(ctx.db, 'requireSecondFactorForAllStaff')).toBe(true);
    expect(getSetting(ctx.db, 'requireSecondFactorForAdmins')).toBe(false);
    const changes = auditRows(ctx, 'settings.changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ object: 'requireSecondFactorForAllStaff', actor: 'admin@gemeente.test', details: { key: 'requireSecondFactorForAllStaff', value: true } });

    // A manager without a second factor must set it up right after logging in …
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const { response, cookie } = await login(ctx.app, manager.email);
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/account?tweestaps=verplicht');
    expect((await asStaff(ctx.app, cookie!)('/account')).status).toBe(200);
    // … and so must the admin, who has none either.
    const adminNow = await ctx.as('/admin/settings');
    expect(adminNow.status).toBe(303);
    expect(adminNow.headers.get('Location')).toBe('/account?tweestaps=verplicht');

  });

  it('turns a setting off when its box is unchecked', async () => {
    const ctx = await withAdmin();
    await ctx.as('/admin/settings', post({ requireSecondFactorForAdmins: 'on', callbackRecoveryMail: 'on' }));
    expect(getSetting(ctx.db, 'requireSecondFactorForAdmins')).toBe(true);
    expect((await ctx.as('/admin/settings?melding=opgeslagen')).status).toBe(303);
    // The admin has no second factor, so the setting sends them to set it up; give them one.
    ctx.db.update(users).set({ totpSecret: 'x', totpEnabledAt: ctx.clock.now() }).where(eq(users.id, ctx.admin.id)).run();
    const page = await (await ctx.as('/admin/settings?melding=opgeslagen')).text();
    expect(page).toContain(nl.admin.settings.saved);
    expect(page).toMatch(/id="requireSecondFactorForAdmins" name="requireSecondFactorForAdmins" value="on" checked/);
    await ctx.as('/admin/settings', post({ callbackRecoveryMail: 'on' }));
    expect(getSetting(ctx.db, 'requireSecondFactorForAdmins')).toBe(false);
    expect(auditRows(ctx, 'settings.changed').map((row) => row.details)).toEqual([
      { key: 'requireSecondFactorForAdmins', value: true },
      { key: 'requireSecondFactorForAdmins', value: false },
    ]);
  });
});

describe('audit-log dates', () => {
  it('takes days in Amsterdam time, also across daylight saving', () => {
    expect(startOfAmsterdamDay(2026, 11, 19).toISOString()).toBe('2026-11-18T23:00:00.000Z');
    expect(startOfAmsterdamDay(2026, 7, 1).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfAmsterdamDay(2026, 3, 29).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfAmsterdamDay(2026, 3, 30).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfAmsterdamDay(2026, 10, 25).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfAmsterdamDay(2026, 10, 26).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
