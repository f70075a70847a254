/**
 * Staff sign-in end to end through the real app in-process: passwords and lockout, the
 * per-address limit, session cookies and expiry, logging out, the first-run link, the TOTP
 * second factor with recovery codes, roles, cross-site form posts and the audit log.
 */
import { describe, expect, it } from 'vitest';
import { issueFirstAdminLink } from '../../src/auth/setup-links';
import { totpCodeAt } from '../../src/auth/totp';
import { findUserByEmail } from '../../src/auth/users';
import { setSetting } from '../../src/settings';
import { nl } from '../../src/texts';
import { hashToken } from '../../src/tokens';
import { escapeHtml } from '../helpers/html-text';
import { createStaff, login, sessionCookieFrom, STAFF_PASSWORD } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const ADMIN_EMAIL = 'beheerder@gemeente.test';
const ADMIN_PASSWORD = 'koffie met appeltaart op vrijdag';
const MANAGER_EMAIL = 'manager@gemeente.test';

type Fields = Record<string, string>;
interface RequestOptions {
  cookie?: string;
  headers?: Record<string, string>;
}

function post(ctx: TestContext, path: string, fields: Fields = {}, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  return ctx.app.request(path, { method: 'POST', headers, body: new URLSearchParams(fields) });
}

function get(ctx: TestContext, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  return ctx.app.request(path, { headers });
}

const location = (response: Response) => response.headers.get('Location');
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
/** Text as it appears in the HTML (hono/jsx escapes & < > " '). */

/** Where an anonymous (or expired) GET of `path` is sent. */
const toLogin = (path: string, melding?: string) => `/login?${new URLSearchParams({ terug: path, ...(melding ? { melding } : {}) })}`;

interface AuditRow {
  id: number;
  at: number;
  action: string;
  object: string | null;
  result: string;
  origin: string | null;
  actor_user_id: number | null;
  actor: string;
  details: string | null;
}
const auditRows = (ctx: TestContext) => ctx.db.$client.prepare('select * from audit_log order by id').all() as AuditRow[];
const auditActions = (ctx: TestContext) => auditRows(ctx).map((row) => `${row.action}:${row.result}`);
const count = (ctx: TestContext, sql: string, ...params: unknown[]) => (ctx.db.$client.prepare(sql).get(...params) as { n: number }).n;
const sessionsOf = (ctx: TestContext, email: string) =>
  count(ctx, 'select count(*) as n from sessions s join users u on u.id = s.user_id where u.email = ?', email);

/** The enrolment secret as the /account page shows it: in groups of four in <code data-hook="secret">. */
function secretFromPage(body: string): string {
  const match = /<code data-hook="secret">([^<]+)<\/code>/.exec(body);
  expect(match, 'the account page shows the secret').not.toBeNull();
  expect(match![1]).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  return match![1]!.replace(/\s+/g, '');
}

/** The recovery codes in the list shown once after enrolment. */
function recoveryCodesFromPage(body: string): string[] {
  const list = /<ul data-hook="code-list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((match) => match[1]!);
}

/** A six-digit code the app must refuse now: valid in no step of the ±1 window. */
/** The heading of the page's error summary: it must say what happened. */
function errorSummaryTitle(body: string): string | undefined {
  return /id="foutoverzicht-titel">([^<]*)</.exec(body)?.[1]?.trim();
}

function wrongCodeFor(secret: string, at: Date): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totpCodeAt(secret, new Date(at.getTime() + offset))));
  for (let n = 123456; ; n++) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Runs the first-run link: returns the new admin's session cookie and the link's token. */
async function createFirstAdmin(ctx: TestContext) {
  const token = issueFirstAdminLink(ctx.db, ctx.clock.now());
  expect(token).toBeDefined();
  const response = await post(ctx, `/setup/${token}`, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD });
  expect(response.status, await response.clone().text()).toBe(303);
  expect(location(response)).toBe('/account?tweestaps=verplicht');
  const cookie = sessionCookieFrom(response);
  expect(cookie).toBeDefined();
  return { token: token!, cookie: cookie! };
}

/** Sets up the app as second factor from the /account page; returns the secret and the recovery codes. */
async function enrolTotp(ctx: TestContext, cookie: string) {
  const start = await post(ctx, '/account/two-factor', {}, { cookie });
  expect(start.status).toBe(303);
  expect(location(start)).toBe('/account');
  const page = await (await get(ctx, '/account', { cookie })).text();
  expect(page).toContain('<img data-hook="qr" src="data:image/svg+xml;base64,');
  const secret = secretFromPage(page);
  const code = totpCodeAt(secret, ctx.clock.now());
  const confirmed = await post(ctx, '/account/two-factor/confirm', { code }, { cookie });
  expect(confirmed.status).toBe(200);
  const body = await confirmed.text();
  const recoveryCodes = recoveryCodesFromPage(body);
  expect(recoveryCodes).toHaveLength(10);
  return { secret, code, recoveryCodes };
}

/** Password, then code: returns the final session cookie. */
async function signInWithCode(ctx: TestContext, email: string, password: string, code: string) {
  const first = await login(ctx.app, email, password);
  expect(first.response.status).toBe(303);
  expect(location(first.response)).toBe('/login/code');
  const second = await post(ctx, '/login/code', { code }, { cookie: first.cookie });
  return { halfCookie: first.cookie!, response: second, cookie: sessionCookieFrom(second) };
}

describe('password', () => {
  it('a wrong password: 401 with a generic message, audited as a failure', async () => {
    const ctx = createTestContext();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const { response, cookie } = await login(ctx.app, MANAGER_EMAIL, 'niet het goede wachtwoord');
    expect(response.status).toBe(401);
    expect(cookie).toBeUndefined();
    const body = await response.text();
    expect(body).toContain(escapeHtml(nl.auth.wrongCredentials));
    expect(body).toContain('<title>Fout: Inloggen');
    expect(errorSummaryTitle(body)).toBe('Inloggen is niet gelukt');
    expect(auditRows(ctx)).toEqual([
      expect.objectContaining({ action: 'login.password', result: 'failure', object: MANAGER_EMAIL, actor: MANAGER_EMAIL, actor_user_id: manager.id, origin: 'local' }),
    ]);
    expect(findUserByEmail(ctx.db, MANAGER_EMAIL)!.failedLogins).toBe(1);
  });

  it('an unknown address gets exactly the same answer', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const known = await login(ctx.app, MANAGER_EMAIL, 'niet het goede wachtwoord');
    const unknown = await login(ctx.app, 'niemand@gemeente.test', 'niet het goede wachtwoord');
    expect(unknown.response.status).toBe(known.response.status);
    const knownBody = (await known.response.text()).replaceAll(MANAGER_EMAIL, 'X');
    const unknownBody = (await unknown.response.text()).replaceAll('niemand@gemeente.test', 'X');
    expect(unknownBody).toBe(knownBody);
    expect(auditRows(ctx)[1]).toMatchObject({ action: 'login.password', result: 'failure', object: 'niemand@gemeente.test', actor: 'anoniem', actor_user_id: null });
  });

  it('an empty form: 422 with both fields marked', async () => {
    const ctx = createTestContext();
    const response = await post(ctx, '/login', {});
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain(nl.auth.fieldRequired(nl.auth.email));
    expect(body).toContain(nl.auth.fieldRequired(nl.auth.password));
    expect(auditRows(ctx)).toEqual([]);
  });

  it('the right password signs in and goes back to the page asked for, never to another site', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const bounced = await get(ctx, '/account');
    expect(location(bounced)).toBe(toLogin('/account'));
    const page = await (await get(ctx, location(bounced)!)).text();
    expect(page).toContain('<input type="hidden" name="terug" value="/account"/>');

    const back = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD, terug: '/account' });
    expect(back.status).toBe(303);
    expect(location(back)).toBe('/account');
    for (const terug of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD, terug });
      expect(location(response), terug).toBe('/dashboard');
    }
  });
});

describe('lockout', () => {
  it('after 5 failures the account is locked (429 with Retry-After), even for the right password', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const { response } = await login(ctx.app, MANAGER_EMAIL, `fout-${attempt}`);
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const locked = await login(ctx.app, MANAGER_EMAIL);
    expect(locked.response.status).toBe(429);
    expect(locked.response.headers.get('Retry-After')).toBe('60');
    expect(locked.cookie).toBeUndefined();
    expect(await locked.response.text()).toContain(escapeHtml(nl.auth.lockedOut(1)));
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
    expect(auditRows(ctx).at(-1)).toMatchObject({ action: 'login.locked', result: 'failure', object: MANAGER_EMAIL });
  });

  it('each failure after a lockout doubles the wait: 1, 2, 4 minutes; a success starts over', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    for (let attempt = 1; attempt <= 5; attempt++) await login(ctx.app, MANAGER_EMAIL, `fout-${attempt}`);
    expect((await login(ctx.app, MANAGER_EMAIL)).response.headers.get('Retry-After')).toBe('60');

    for (const minutes of [2, 4]) {
      ctx.clock.advanceMs((minutes / 2) * 60_000 + 1000); // just past the previous lockout
      const wrong = await login(ctx.app, MANAGER_EMAIL, 'weer fout');
      expect(wrong.response.status, `after waiting, a wrong password is checked (${minutes})`).toBe(401);
      const locked = await login(ctx.app, MANAGER_EMAIL);
      expect(locked.response.status).toBe(429);
      expect(locked.response.headers.get('Retry-After')).toBe(String(minutes * 60));
      expect(await locked.response.text()).toContain(escapeHtml(nl.auth.lockedOut(minutes)));
    }

    ctx.clock.advanceMs(4 * 60_000 + 1000);
    const ok = await login(ctx.app, MANAGER_EMAIL);
    expect(ok.response.status).toBe(303);
    expect(findUserByEmail(ctx.db, MANAGER_EMAIL)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    // The counter started over: one more failure does not lock.
    expect((await login(ctx.app, MANAGER_EMAIL, 'fout')).response.status).toBe(401);
    expect((await login(ctx.app, MANAGER_EMAIL)).response.status).toBe(303);
  });

  it('the wait is at most an hour', async () => {
    const ctx = createTestContext();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    ctx.db.$client.prepare('update users set failed_logins = 20 where id = ?').run(manager.id);
    expect((await login(ctx.app, MANAGER_EMAIL, 'fout')).response.status).toBe(401);
    expect((await login(ctx.app, MANAGER_EMAIL)).response.headers.get('Retry-After')).toBe('3600');
  });
});

describe('per-address limit', () => {
  it('after 30 attempts from one address in 15 minutes it answers 429, even with the right password; other addresses go on', async () => {
    const ctx = createTestContext({ TRUST_PROXY: 'true' });
    await createStaff(ctx.db, ctx.clock, 'manager');
    const from = (address: string, email: string, password: string) =>
      post(ctx, '/login', { email, password }, { headers: { 'X-Forwarded-For': address } });

    // Spraying many accounts: no single account reaches its lockout.
    for (let attempt = 1; attempt <= 30; attempt++) {
      const response = await from('203.0.113.7', `gok${attempt}@gemeente.test`, 'Welkom01!');
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const limited = await from('203.0.113.7', MANAGER_EMAIL, STAFF_PASSWORD);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sessionCookieFrom(limited)).toBeUndefined();
    expect(await limited.text()).toContain(escapeHtml(nl.auth.tooManyRequests));
    expect(auditRows(ctx).at(-1)).toMatchObject({ action: 'login.rate-limited', result: 'denied', origin: '203.0.113.7' });
    // The refused attempt was not even checked: the account has no failure on it.
    expect(findUserByEmail(ctx.db, MANAGER_EMAIL)!.failedLogins).toBe(0);

    expect((await from('198.51.100.9', MANAGER_EMAIL, STAFF_PASSWORD)).status).toBe(303);

    ctx.clock.advanceMs(15 * 60_000);
    expect((await from('203.0.113.7', MANAGER_EMAIL, STAFF_PASSWORD)).status).toBe(303);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and host-only; not Secure over http', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { response } = await login(ctx.app, MANAGER_EMAIL);
    const header = response.headers.getSetCookie().find((cookie) => cookie.includes('meethuis-sessie='))!;
    expect(header).toMatch(/^meethuis-sessie=[^;]{30,};/);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\/(;|$)/);
    expect(header).not.toMatch(/;\s*Domain=/i);
    expect(header).not.toMatch(/;\s*Secure/i);
  });

  it('with an https PUBLIC_URL: Secure and the __Host- prefix, and it works', async () => {
    const ctx = createTestContext({ PUBLIC_URL: 'https://meethuis.gemeente.test' });
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { response, cookie } = await login(ctx.app, MANAGER_EMAIL);
    const header = response.headers.getSetCookie().find((c) => c.includes('meethuis-sessie='))!;
    expect(header).toMatch(/^__Host-meethuis-sessie=/);
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\/(;|$)/);
    expect(header).not.toMatch(/;\s*Domain=/i);
    expect(cookie).toMatch(/^__Host-meethuis-sessie=/);
    expect((await get(ctx, '/account', { cookie })).status).toBe(200);
    // The plain name is not accepted over https.
    expect((await get(ctx, '/account', { cookie: `meethuis-sessie=${cookieValue(cookie!)}` })).status).toBe(303);
    expect(response.headers.get('Strict-Transport-Security')).toContain('max-age=');
  });

  it('only a hash of the cookie value is stored', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const token = cookieValue(cookie!);
    const rows = ctx.db.$client.prepare('select id_hash from sessions').all() as { id_hash: string }[];
    expect(rows).toEqual([{ id_hash: hashToken(token) }]);
    expect(JSON.stringify(ctx.db.$client.prepare('select * from sessions').all())).not.toContain(token);
  });
});

describe('session id rotation', () => {
  it('a cookie planted before login is replaced by a new one and never becomes a session', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const planted = 'meethuis-sessie=door-een-aanvaller-gekozen-waarde-1234567890';
    const response = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD }, { cookie: planted });
    const cookie = sessionCookieFrom(response)!;
    expect(cookie).not.toBe(planted);
    expect(location(await get(ctx, '/account', { cookie: planted }))).toBe(toLogin('/account'));
    expect((await get(ctx, '/account', { cookie })).status).toBe(200);
  });

  it('signing in again with a live session gives a new id and ends the old one', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const before = (await login(ctx.app, MANAGER_EMAIL)).cookie!;
    expect((await get(ctx, '/account', { cookie: before })).status).toBe(200);
    const again = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD }, { cookie: before });
    const after = sessionCookieFrom(again)!;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(location(await get(ctx, '/account', { cookie: before }))).toBe(toLogin('/account'));
    expect((await get(ctx, '/account', { cookie: after })).status).toBe(200);
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(1);
  });
});

describe('session expiry', () => {
  it('idle for more than 30 minutes: back to the login page with a notice', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    // Activity keeps it alive: 29 minutes twice is fine.
    for (let i = 0; i < 2; i++) {
      ctx.clock.advanceMs(29 * 60_000);
      expect((await get(ctx, '/account', { cookie })).status).toBe(200);
    }
    ctx.clock.advanceMs(31 * 60_000);
    const expired = await get(ctx, '/account', { cookie });
    expect(expired.status).toBe(303);
    expect(location(expired)).toBe(toLogin('/account', 'verlopen'));
    expect(expired.headers.getSetCookie().some((c) => /^meethuis-sessie=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect(await (await get(ctx, location(expired)!)).text()).toContain(escapeHtml(nl.auth.sessionExpired));
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
    // A POST with the expired cookie is refused too.
    const postAfter = await post(ctx, '/account/logout-everywhere', {}, { cookie });
    expect(postAfter.status).toBe(401);
  });

  it('ends after 12 hours however active the user is', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const start = ctx.clock.now().getTime();
    let minutes = 0;
    for (;;) {
      ctx.clock.advanceMs(20 * 60_000);
      minutes += 20;
      const response = await get(ctx, '/account', { cookie });
      if (ctx.clock.now().getTime() - start < 12 * 3_600_000) {
        expect(response.status, `after ${minutes} minutes`).toBe(200);
      } else {
        expect(response.status, `after ${minutes} minutes`).toBe(303);
        expect(location(response)).toBe(toLogin('/account', 'verlopen'));
        break;
      }
    }
    expect(minutes).toBe(12 * 60);
  });
});

describe('logging out', () => {
  it('logout ends the session and clears the cookie', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const response = await post(ctx, '/logout', {}, { cookie });
    expect(response.status).toBe(303);
    expect(location(response)).toBe('/login?melding=uitgelogd');
    expect(response.headers.getSetCookie().some((c) => /^meethuis-sessie=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect(location(await get(ctx, '/account', { cookie }))).toBe(toLogin('/account'));
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
    expect(auditRows(ctx).at(-1)).toMatchObject({ action: 'logout', result: 'success', actor: MANAGER_EMAIL });
    expect(await (await get(ctx, '/login?melding=uitgelogd')).text()).toContain(nl.auth.loggedOut);
  });

  it('logout everywhere ends the sessions on both devices', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const laptop = (await login(ctx.app, MANAGER_EMAIL)).cookie!;
    const phone = (await login(ctx.app, MANAGER_EMAIL)).cookie!;
    expect(laptop).not.toBe(phone);
    const page = await (await get(ctx, '/account', { cookie: phone })).text();
    expect(page).toContain(nl.account.sessionCount(2));

    const response = await post(ctx, '/account/logout-everywhere', {}, { cookie: laptop });
    expect(response.status).toBe(303);
    expect(location(response)).toBe('/login?melding=uitgelogd');
    for (const cookie of [laptop, phone]) expect(location(await get(ctx, '/account', { cookie }))).toBe(toLogin('/account'));
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
    const row = auditRows(ctx).at(-1)!;
    expect(row).toMatchObject({ action: 'logout.everywhere', result: 'success', actor: MANAGER_EMAIL });
    expect(JSON.parse(row.details!)).toEqual({ sessions: 2 });
  });
});

describe('first-run link', () => {
  it('creates the first admin once; bad passwords get field errors; then the link is dead', async () => {
    const ctx = createTestContext();
    const token = issueFirstAdminLink(ctx.db, ctx.clock.now())!;
    expect(token).toBeDefined();
    const path = `/setup/${token}`;

    const form = await get(ctx, path);
    expect(form.status).toBe(200);
    const formBody = await form.text();
    expect(formBody).toContain(nl.auth.setupTitleFirstAdmin);
    expect(formBody).toContain(`action="${path}"`);

    const attempts: [Fields, string, string][] = [
      [{ email: ADMIN_EMAIL, password: 'te kort', repeat: 'te kort' }, 'password', nl.auth.passwordTooShort(12)],
      [{ email: ADMIN_EMAIL, password: 'qwerty123456', repeat: 'qwerty123456' }, 'password', nl.auth.passwordCommon],
      // Dutch favourites, with the usual decorations: refused like the English common list.
      ...['wachtwoord1234', 'welkomwelkom', 'Gemeente2026!', 'W@chtw00rd-2026', 'Zomer-Utrecht-1990'].map(
        (password): [Fields, string, string] => [{ email: ADMIN_EMAIL, password, repeat: password }, 'password', nl.auth.passwordCommon],
      ),
      [{ email: ADMIN_EMAIL, password: 'beheerder-wachtwoord-2026', repeat: 'x' }, 'password', nl.auth.passwordContainsEmail],
      [{ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, repeat: `${ADMIN_PASSWORD}!` }, 'repeat', nl.auth.passwordsDiffer],
      [{ email: 'geen-adres', password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD }, 'email', nl.auth.invalidEmail],
    ];
    for (const [fields, field, message] of attempts) {
      const response = await post(ctx, path, fields);
      expect(response.status, message).toBe(422);
      const body = await response.text();
      expect(body, message).toContain(`<title>Fout: ${nl.auth.setupTitleFirstAdmin}`);
      expect(body, message).toContain(`id="${field}-fout"`);
      expect(body, message).toContain(escapeHtml(message));
      expect(body, message).toContain(`href="#${field}"`);
      expect(errorSummaryTitle(body), message).toBe('Het account is niet aangemaakt');
      expect(body, 'the password is never sent back').not.toContain(fields.password);
      expect(count(ctx, 'select count(*) as n from users'), message).toBe(0);
    }

    const done = await post(ctx, path, { email: ` ${ADMIN_EMAIL.toUpperCase()} `, password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD });
    expect(done.status).toBe(303);
    expect(location(done)).toBe('/account?tweestaps=verplicht');
    const admin = findUserByEmail(ctx.db, ADMIN_EMAIL);
    expect(admin).toMatchObject({ role: 'admin', email: ADMIN_EMAIL, totpEnabledAt: null });
    expect(admin!.passwordHash).toMatch(/^scrypt\$/);

    // One session, fully past the password step.
    const cookie = sessionCookieFrom(done)!;
    expect(sessionsOf(ctx, ADMIN_EMAIL)).toBe(1);
    const account = await get(ctx, '/account', { cookie });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(nl.account.sessionCount(1));

    expect((await get(ctx, path)).status).toBe(404);
    const again = await post(ctx, path, { email: 'tweede@gemeente.test', password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(nl.auth.setupLinkInvalidTitle);
    expect(count(ctx, 'select count(*) as n from users')).toBe(1);
    expect(issueFirstAdminLink(ctx.db, ctx.clock.now())).toBeUndefined();
    expect(auditActions(ctx)).toContain('setup.first-admin:success');
  });

  it('a new link replaces an earlier one; an expired link is dead', async () => {
    const ctx = createTestContext();
    const first = issueFirstAdminLink(ctx.db, ctx.clock.now())!;
    const second = issueFirstAdminLink(ctx.db, ctx.clock.now())!;
    expect((await get(ctx, `/setup/${first}`)).status).toBe(404);
    expect((await get(ctx, `/setup/${second}`)).status).toBe(200);
    ctx.clock.advanceMs(24 * 3_600_000 + 1000);
    expect((await get(ctx, `/setup/${second}`)).status).toBe(404);
    expect((await post(ctx, `/setup/${second}`, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD })).status).toBe(404);
    expect(count(ctx, 'select count(*) as n from users')).toBe(0);
  });

  it('the new admin must set up a second factor before any other staff page', async () => {
    const ctx = createTestContext();
    const { cookie } = await createFirstAdmin(ctx);
    for (const path of ['/admin', '/admin/users', '/admin/settings', '/mailbox']) {
      const response = await get(ctx, path, { cookie });
      expect(response.status, path).toBe(303);
      expect(location(response), path).toBe('/account?tweestaps=verplicht');
    }
    for (const path of ['/account/password', '/account/recovery-codes', '/admin/settings']) {
      const response = await post(ctx, path, {}, { cookie });
      expect(location(response), `POST ${path}`).toBe('/account?tweestaps=verplicht');
    }
    const account = await get(ctx, '/account?tweestaps=verplicht', { cookie });
    expect(account.status).toBe(200);
    const body = await account.text();
    expect(body).toContain(nl.account.twoFactorRequired);
    expect(body).toContain('action="/account/two-factor"');
    // Signing in again leads to the same place.
    const again = await login(ctx.app, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(location(again.response)).toBe('/account?tweestaps=verplicht');
  });
});

describe('second factor (TOTP)', () => {
  it('enrolment: a wrong code is refused, the right one turns it on and shows the recovery codes once', async () => {
    const ctx = createTestContext();
    const { cookie } = await createFirstAdmin(ctx);
    expect((await post(ctx, '/account/two-factor', {}, { cookie })).status).toBe(303);
    const page = await (await get(ctx, '/account', { cookie })).text();
    const secret = secretFromPage(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The QR code is an inline data: image (allowed by the CSP's img-src).
    expect(page).toMatch(/<img data-hook="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"]+"/);
    // The secret is stored encrypted.
    expect(findUserByEmail(ctx.db, ADMIN_EMAIL)!.totpSecret).not.toContain(secret);

    const wrong = await post(ctx, '/account/two-factor/confirm', { code: wrongCodeFor(secret, ctx.clock.now()) }, { cookie });
    expect(wrong.status).toBe(422);
    const wrongBody = await wrong.text();
    expect(wrongBody).toContain(escapeHtml(nl.auth.wrongCode));
    expect(wrongBody).toContain('id="code-fout"');
    expect(errorSummaryTitle(wrongBody)).toBe('Tweestapsverificatie staat nog niet aan');
    expect(secretFromPage(wrongBody)).toBe(secret);
    expect(findUserByEmail(ctx.db, ADMIN_EMAIL)!.totpEnabledAt).toBeNull();

    const right = await post(ctx, '/account/two-factor/confirm', { code: totpCodeAt(secret, ctx.clock.now()) }, { cookie });
    expect(right.status).toBe(200);
    const rightBody = await right.text();
    const codes = recoveryCodesFromPage(rightBody);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(new Set(codes).size).toBe(10);
    expect(rightBody).not.toContain('data-hook="secret"');
    expect(findUserByEmail(ctx.db, ADMIN_EMAIL)!.totpEnabledAt).not.toBeNull();

    // Shown once: the next visit says how many are left, not which.
    const later = await (await get(ctx, '/account', { cookie })).text();
    expect(recoveryCodesFromPage(later)).toEqual([]);
    for (const code of codes) expect(later).not.toContain(code);
    expect(later).toContain(nl.account.recoveryLeft(10));
    const stored = JSON.stringify(ctx.db.$client.prepare('select * from recovery_codes').all());
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
    // Now the admin pages are open (no longer redirected to the enrolment).
    const adminPage = await get(ctx, '/admin', { cookie });
    expect([401, 403]).not.toContain(adminPage.status);
    expect(location(adminPage) ?? '').not.toMatch(/^\/(login|account)/);
  });

  it('signing in asks for the code: wrong code 401, right code in, the same code twice refused', async () => {
    const ctx = createTestContext();
    const { cookie } = await createFirstAdmin(ctx);
    const { secret } = await enrolTotp(ctx, cookie);
    expect((await post(ctx, '/logout', {}, { cookie })).status).toBe(303);

    ctx.clock.advanceMs(30_000);
    const password = await login(ctx.app, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(password.response.status).toBe(303);
    expect(location(password.response)).toBe('/login/code');
    const half = password.cookie!;
    // Between password and code: only the code page.
    expect(location(await get(ctx, '/admin', { cookie: half }))).toBe('/login/code');
    expect(location(await get(ctx, '/account', { cookie: half }))).toBe('/login/code');
    expect((await get(ctx, '/login/code', { cookie: half })).status).toBe(200);

    const wrong = await post(ctx, '/login/code', { code: wrongCodeFor(secret, ctx.clock.now()) }, { cookie: half });
    expect(wrong.status).toBe(401);
    const wrongBody = await wrong.text();
    expect(wrongBody).toContain(escapeHtml(nl.auth.wrongCode));
    expect(errorSummaryTitle(wrongBody)).toBe('De code is niet geaccepteerd');

    const code = totpCodeAt(secret, ctx.clock.now());
    const right = await post(ctx, '/login/code', { code }, { cookie: half });
    expect(right.status).toBe(303);
    expect(location(right)).toBe('/admin');
    const full = sessionCookieFrom(right)!;
    expect(full).not.toBe(half);
    // The half session is gone; the new one is in.
    expect(location(await get(ctx, '/login/code', { cookie: half }))).toBe(toLogin('/login/code'));
    const adminPage = await get(ctx, '/admin', { cookie: full });
    expect([401, 403]).not.toContain(adminPage.status);
    expect(location(adminPage) ?? '').not.toMatch(/^\/(login|account)/);
    expect((await get(ctx, '/account', { cookie: full })).status).toBe(200);
    // Signed in: the code page sends on.
    expect(location(await get(ctx, '/login/code', { cookie: full }))).toBe('/account');

    // Replay: the same code (same 30-second step) on another sign-in.
    await post(ctx, '/logout', {}, { cookie: full });
    const replay = await signInWithCode(ctx, ADMIN_EMAIL, ADMIN_PASSWORD, code);
    expect(replay.response.status).toBe(401);
    expect(replay.cookie).toBeUndefined();
    // The next step's code works.
    ctx.clock.advanceMs(30_000);
    const next = await post(ctx, '/login/code', { code: totpCodeAt(secret, ctx.clock.now()) }, { cookie: replay.halfCookie });
    expect(next.status).toBe(303);
    expect(location(next)).toBe('/admin');
  });

  it('a recovery code works once', async () => {
    const ctx = createTestContext();
    const { cookie } = await createFirstAdmin(ctx);
    const { recoveryCodes } = await enrolTotp(ctx, cookie);
    await post(ctx, '/logout', {}, { cookie });

    const first = await signInWithCode(ctx, ADMIN_EMAIL, ADMIN_PASSWORD, recoveryCodes[3]!.toUpperCase());
    expect(first.response.status).toBe(303);
    expect(location(first.response)).toBe('/admin');
    const account = await (await get(ctx, '/account', { cookie: first.cookie })).text();
    expect(account).toContain(nl.account.recoveryLeft(9));
    await post(ctx, '/logout', {}, { cookie: first.cookie });

    const second = await signInWithCode(ctx, ADMIN_EMAIL, ADMIN_PASSWORD, recoveryCodes[3]!);
    expect(second.response.status).toBe(401);
    expect(second.cookie).toBeUndefined();
    expect(auditActions(ctx)).toEqual(expect.arrayContaining(['login.recovery-code:success', 'login.second-factor:failure']));
  });

  it('a manager must enrol when the setting requires it for all staff', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const before = await login(ctx.app, MANAGER_EMAIL);
    expect(location(before.response)).toBe('/dashboard');

    setSetting(ctx.db, 'requireSecondFactorForAllStaff', true, ctx.clock.now());
    // Also an existing session is held to it at its next request.
    expect(location(await post(ctx, '/account/password', {}, { cookie: before.cookie }))).toBe('/account?tweestaps=verplicht');

    const { response, cookie } = await login(ctx.app, MANAGER_EMAIL);
    expect(location(response)).toBe('/account?tweestaps=verplicht');
    expect(await (await get(ctx, '/account', { cookie })).text()).toContain(nl.account.twoFactorRequired);
    expect(location(await post(ctx, '/account/password', {}, { cookie }))).toBe('/account?tweestaps=verplicht');

    const { secret } = await enrolTotp(ctx, cookie!);
    // Enrolled: the rest of the account page works (an empty form is a 422, not a redirect).
    const tooShort = await post(ctx, '/account/password', { current: STAFF_PASSWORD, password: 'te kort', repeat: 'te kort' }, { cookie });
    expect(tooShort.status).toBe(422);
    const tooShortBody = await tooShort.text();
    expect(tooShortBody).toContain(escapeHtml(nl.auth.passwordTooShort(12)));
    expect(errorSummaryTitle(tooShortBody)).toBe('Het wachtwoord is niet gewijzigd');
    await post(ctx, '/logout', {}, { cookie });
    ctx.clock.advanceMs(30_000);
    const again = await signInWithCode(ctx, MANAGER_EMAIL, STAFF_PASSWORD, totpCodeAt(secret, ctx.clock.now()));
    expect(location(again.response)).toBe('/dashboard');
  });
});

describe('the start page', () => {
  it('shows visitors where staff log in, and names the mailbox as the administrators’', async () => {
    const ctx = createTestContext();
    const html = await (await get(ctx, '/')).text();
    expect(html).toContain(`<a class="utrecht-link" href="/login">${nl.home.staffLogin}</a>`);
    expect(html).toContain(`<a class="utrecht-link" href="/mailbox">${nl.home.mailboxForAdmins}</a>`);
  });
});

describe('roles', () => {
  it('a manager cannot reach /admin: 403, audited as access.denied', async () => {
    const ctx = createTestContext();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const response = await get(ctx, '/admin', { cookie });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain(nl.errors.forbiddenBody);
    // Not a dead end: the way back to the manager's own start page.
    expect(html).toContain(`<a class="utrecht-link" href="/dashboard">${nl.errors.backToStart}</a>`);
    expect(auditRows(ctx).at(-1)).toMatchObject({
      action: 'access.denied',
      object: 'GET /admin',
      result: 'denied',
      actor: MANAGER_EMAIL,
      actor_user_id: manager.id,
      origin: 'local',
    });
    expect((await get(ctx, '/mailbox', { cookie })).status).toBe(403);
    expect((await post(ctx, '/admin/settings', { requireSecondFactorForAllStaff: 'on' }, { cookie })).status).toBe(403);
    expect(auditRows(ctx).filter((row) => row.action === 'access.denied').map((row) => row.object)).toEqual([
      'GET /admin',
      'GET /mailbox',
      'POST /admin/settings',
    ]);
  });
});

describe('cross-site form posts', () => {
  const crossSite: [string, Record<string, string>][] = [
    ['Origin: https://evil.example', { Origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://andere.meethuis.test' }],
    ['Sec-Fetch-Site: cross-site with our Origin', { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://meethuis.test' }],
  ];
  const sameOrigin: [string, Record<string, string>][] = [
    ['Origin of PUBLIC_URL', { Origin: 'http://meethuis.test' }],
    ['Origin of the request', { Origin: 'http://localhost' }],
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://meethuis.test' }],
  ];

  it.each(crossSite)('/login with %s: 403, no session, nothing logged', async (_label, headers) => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const response = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD }, { headers });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(nl.errors.crossSite);
    expect(sessionCookieFrom(response)).toBeUndefined();
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
    expect(auditRows(ctx)).toEqual([]);
  });

  it.each(crossSite)('/logout with %s: 403, still signed in', async (_label, headers) => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const response = await post(ctx, '/logout', {}, { cookie, headers });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await get(ctx, '/account', { cookie })).status).toBe(200);
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(1);
  });

  it.each(crossSite)('/account/password with %s: 403, password unchanged', async (_label, headers) => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, MANAGER_EMAIL);
    const hashBefore = findUserByEmail(ctx.db, MANAGER_EMAIL)!.passwordHash;
    const fresh = 'een heel ander nieuw wachtwoord';
    const response = await post(ctx, '/account/password', { current: STAFF_PASSWORD, password: fresh, repeat: fresh }, { cookie, headers });
    expect(response.status).toBe(403);
    expect(findUserByEmail(ctx.db, MANAGER_EMAIL)!.passwordHash).toBe(hashBefore);
    expect((await get(ctx, '/account', { cookie })).status).toBe(200);
    expect((await login(ctx.app, MANAGER_EMAIL, fresh)).response.status).toBe(401);
  });

  it.each(sameOrigin)('same-origin posts pass (%s)', async (_label, headers) => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager');
    const signIn = await post(ctx, '/login', { email: MANAGER_EMAIL, password: STAFF_PASSWORD }, { headers });
    expect(signIn.status).toBe(303);
    const cookie = sessionCookieFrom(signIn)!;

    const fresh = 'een heel ander nieuw wachtwoord';
    const change = await post(ctx, '/account/password', { current: STAFF_PASSWORD, password: fresh, repeat: fresh }, { cookie, headers });
    expect(change.status).toBe(303);
    expect(location(change)).toBe('/login?melding=uitgelogd');
    // A new password ends every session.
    expect(location(await get(ctx, '/account', { cookie }))).toBe(toLogin('/account'));
    expect((await login(ctx.app, MANAGER_EMAIL, STAFF_PASSWORD)).response.status).toBe(401);

    const again = await post(ctx, '/login', { email: MANAGER_EMAIL, password: fresh }, { headers });
    expect(again.status).toBe(303);
    const out = await post(ctx, '/logout', {}, { cookie: sessionCookieFrom(again), headers });
    expect(out.status).toBe(303);
    expect(sessionsOf(ctx, MANAGER_EMAIL)).toBe(0);
  });
});

describe('audit log', () => {
  it('records every step and never a password, code, recovery code, secret or token', async () => {
    const ctx = createTestContext();
    const secrets = new Set<string>([ADMIN_PASSWORD, STAFF_PASSWORD]);
    const remember = (value: string | undefined) => {
      if (value) secrets.add(value);
    };

    // Setup, with a rejected attempt first.
    const token = issueFirstAdminLink(ctx.db, ctx.clock.now())!;
    remember(token);
    remember('qwerty123456');
    await post(ctx, `/setup/${token}`, { email: ADMIN_EMAIL, password: 'qwerty123456', repeat: 'qwerty123456' });
    const setup = await post(ctx, `/setup/${token}`, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, repeat: ADMIN_PASSWORD });
    const setupCookie = sessionCookieFrom(setup)!;
    remember(cookieValue(setupCookie));

    // Enrolment, with a wrong code first.
    await post(ctx, '/account/two-factor', {}, { cookie: setupCookie });
    const secret = secretFromPage(await (await get(ctx, '/account', { cookie: setupCookie })).text());
    remember(secret);
    const wrongEnrolCode = wrongCodeFor(secret, ctx.clock.now());
    remember(wrongEnrolCode);
    await post(ctx, '/account/two-factor/confirm', { code: wrongEnrolCode }, { cookie: setupCookie });
    const enrolCode = totpCodeAt(secret, ctx.clock.now());
    remember(enrolCode);
    const codes = recoveryCodesFromPage(await (await post(ctx, '/account/two-factor/confirm', { code: enrolCode }, { cookie: setupCookie })).text());
    expect(codes).toHaveLength(10);
    for (const code of codes) {
      remember(code);
      remember(code.replace(/-/g, ''));
    }
    await post(ctx, '/logout', {}, { cookie: setupCookie });

    // A wrong password, then password + wrong code + right code.
    const wrongPassword = 'geraden-wachtwoord-123';
    remember(wrongPassword);
    await login(ctx.app, ADMIN_EMAIL, wrongPassword);
    ctx.clock.advanceMs(30_000);
    const wrongCode = wrongCodeFor(secret, ctx.clock.now());
    remember(wrongCode);
    const half = (await login(ctx.app, ADMIN_EMAIL, ADMIN_PASSWORD)).cookie!;
    remember(cookieValue(half));
    await post(ctx, '/login/code', { code: wrongCode }, { cookie: half });
    const code = totpCodeAt(secret, ctx.clock.now());
    remember(code);
    const full = sessionCookieFrom(await post(ctx, '/login/code', { code }, { cookie: half }))!;
    remember(cookieValue(full));
    await post(ctx, '/logout', {}, { cookie: full });

    // A recovery code, a password change, logging out everywhere.
    const viaRecovery = await signInWithCode(ctx, ADMIN_EMAIL, ADMIN_PASSWORD, codes[0]!);
    remember(cookieValue(viaRecovery.halfCookie));
    remember(cookieValue(viaRecovery.cookie!));
    const newPassword = 'nog een nieuw lang wachtwoord';
    remember(newPassword);
    await post(ctx, '/account/password', { current: 'fout wachtwoord hier', password: newPassword, repeat: newPassword }, { cookie: viaRecovery.cookie });
    await post(ctx, '/account/password', { current: ADMIN_PASSWORD, password: newPassword, repeat: newPassword }, { cookie: viaRecovery.cookie });
    ctx.clock.advanceMs(30_000);
    const last = await signInWithCode(ctx, ADMIN_EMAIL, newPassword, totpCodeAt(secret, ctx.clock.now()));
    remember(totpCodeAt(secret, ctx.clock.now()));
    remember(cookieValue(last.cookie!));
    await post(ctx, '/account/logout-everywhere', {}, { cookie: last.cookie });

    const actions = auditActions(ctx);
    expect(actions).toEqual(
      expect.arrayContaining([
        'setup.first-admin:success',
        'two-factor.enrolment-started:success',
        'two-factor.enabled:failure',
        'two-factor.enabled:success',
        'logout:success',
        'login.password:failure',
        'login.password:success',
        'login.second-factor:failure',
        'login.second-factor:success',
        'login.recovery-code:success',
        'user.password-changed:failure',
        'user.password-changed:success',
        'logout.everywhere:success',
      ]),
    );
    const rows = auditRows(ctx);
    for (const row of rows) {
      expect(row.actor, row.action).toBeTruthy();
      expect(row.origin, row.action).toBe('local');
      expect(typeof row.at).toBe('number');
    }
    // The 6-digit codes could by chance occur inside a timestamp: scan the text columns.
    const text = rows.map((row) => [row.action, row.object, row.result, row.origin, row.actor, row.details].join('\u0000')).join('\n');
    const leaked = [...secrets].filter((secret) => text.includes(secret) || text.toLowerCase().includes(secret.toLowerCase()));
    expect(leaked, `secrets found in audit_log:\n${text}`).toEqual([]);
    expect(secrets.size).toBeGreaterThan(25);
  });
});
