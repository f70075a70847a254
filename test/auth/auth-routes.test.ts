/**
 * The route table (src/auth/access.ts) is the one place that says who may use which route.
 * These tests walk every entry as an anonymous visitor and as each role and check the app
 * answers as the entry declares; they check that every route the app registers has an entry
 * (so no route can escape the table), and that anything unlisted answers 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findRule, homeFor, routeTable, type RouteRule } from '../../src/auth/access';
import { sessionPolicy } from '../../src/auth/middleware';
import { createSession } from '../../src/auth/sessions';
import { startTotpEnrolment, confirmTotpEnrolment } from '../../src/auth/users';
import { newTotpSecret } from '../../src/auth/totp';
import type { Role, User } from '../../src/db/schema';
import { allowAdminsWithoutSecondFactor, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

const ROLES: readonly Role[] = ['admin', 'manager', 'researcher', 'kcc'];
const COOKIE = 'meethuis-sessie';

/** A concrete path for a rule: parameters get a harmless value that matches nothing stored. */
function concretePath(rule: RouteRule): string {
  return rule.path
    .split('/')
    .map((segment) => {
      if (segment === '*') return rule.path.startsWith('/assets/') ? 'app.css' : 'x';
      if (segment === ':token') return 'Zm9vYmFyYmF6cXV4LWdlZW4tZWNodGUtdG9rZW4tMTIzNDU2';
      if (segment === ':id') return '999999';
      if (segment.startsWith(':')) return 'x';
      return segment;
    })
    .join('/');
}

/** A request as a browser form (or an API client for 'api' routes) would send it: no CSRF headers, an empty body. */
function send(ctx: TestContext, rule: RouteRule, cookie?: string) {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (rule.method === 'GET') return ctx.app.request(concretePath(rule), { headers });
  if (rule.audience === 'api') {
    headers['Content-Type'] = 'application/json';
    return ctx.app.request(concretePath(rule), { method: 'POST', headers, body: '{}' });
  }
  return ctx.app.request(concretePath(rule), { method: 'POST', headers, body: new URLSearchParams() });
}

const location = (response: Response) => response.headers.get('Location') ?? '';
const isRedirect = (response: Response) => response.status >= 300 && response.status < 400;
/** The bounce authorize() gives an anonymous GET: /login with the page to come back to. */
const isLoginBounce = (response: Response) => isRedirect(response) && /^\/login\?(.*&)?terug=/.test(location(response));
const describeRule = (rule: RouteRule) =>
  `${rule.method} ${rule.path} (${Array.isArray(rule.audience) ? rule.audience.join('|') : rule.audience})`;

let ctx: TestContext;
const users = {} as Record<Role, User>;

/**
 * A fresh, fully signed-in session for each request: routes like /logout and
 * /account/logout-everywhere end the session they are called with.
 */
function freshCookie(user: User, options: { secondFactorDone?: boolean } = {}): string {
  const token = createSession(ctx.db, user.id, ctx.clock.now(), sessionPolicy(ctx.config), {
    secondFactorDone: options.secondFactorDone ?? true,
    origin: 'test',
    userAgent: null,
  });
  return `${COOKIE}=${token}`;
}

beforeAll(async () => {
  ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  for (const role of ROLES) users[role] = await createStaff(ctx.db, ctx.clock, role);
});

describe('every entry of the route table answers as it declares', () => {
  it('the table is not empty and has no duplicate entries', () => {
    expect(routeTable.length).toBeGreaterThan(20);
    const keys = routeTable.map((rule) => `${rule.method} ${rule.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the real login form gives each role a working session (the sessions below are made the same way)', async () => {
    for (const role of ROLES) {
      const { response, cookie } = await login(ctx.app, users[role].email);
      expect(response.status, role).toBe(303);
      expect(location(response), role).toBe(homeFor(role));
      const account = await ctx.app.request('/account', { headers: { Cookie: cookie! } });
      expect(account.status, role).toBe(200);
    }
  });

  it.each(routeTable.map((rule) => [describeRule(rule), rule] as const))('%s — anonymous', async (_label, rule) => {
    const response = await send(ctx, rule);
    const label = `anonymous ${rule.method} ${concretePath(rule)} → ${response.status} ${location(response)}`;
    if (rule.audience === 'public') {
      expect(isLoginBounce(response), label).toBe(false);
      expect([401, 403], label).not.toContain(response.status);
      expect(response.status, label).toBeLessThan(500);
    } else if (rule.audience === 'api') {
      expect(response.status, label).toBe(401);
      expect(response.headers.get('Content-Type'), label).toContain('application/problem+json');
    } else if (rule.method === 'GET') {
      // 'signing-in', 'staff' and role lists: to the login page, which brings the visitor back.
      expect(response.status, label).toBe(303);
      expect(location(response), label).toBe(`/login?${new URLSearchParams({ terug: concretePath(rule) })}`);
    } else {
      expect(response.status, label).toBe(401);
      expect(await response.text(), label).toContain('Niet ingelogd');
    }
  });

  const cases = routeTable.flatMap((rule) => ROLES.map((role) => [`${describeRule(rule)} — ${role}`, rule, role] as const));
  it.each(cases)('%s', async (_label, rule, role) => {
    const response = await send(ctx, rule, freshCookie(users[role]));
    const label = `${role} ${rule.method} ${concretePath(rule)} → ${response.status} ${location(response)}`;
    expect(isLoginBounce(response), label).toBe(false);
    expect(response.status, label).toBeLessThan(500);

    if (rule.audience === 'public') {
      expect([401, 403], label).not.toContain(response.status);
    } else if (rule.audience === 'api') {
      // A staff session is no API key.
      expect(response.status, label).toBe(401);
    } else if (rule.audience === 'signing-in') {
      // Only for a visitor between password and code; a signed-in user is sent on.
      expect(response.status, label).toBe(303);
      expect(location(response), label).toBe('/account');
    } else if (rule.audience === 'staff' || rule.audience.includes(role)) {
      expect([401, 403], label).not.toContain(response.status);
      // 200, 303 elsewhere (e.g. logout), 404 for a missing :id, 422 for an empty form.
      if (isRedirect(response)) expect(location(response), label).not.toMatch(/^\/login\/code/);
    } else {
      expect(response.status, label).toBe(403);
      expect(await response.text(), label).toContain('Geen toegang');
    }
  });
});

describe('sessions that are not fully signed in', () => {
  it('a session between password and code reaches only the code page; everything else sends it there', async () => {
    const user = await createStaff(ctx.db, ctx.clock, 'admin', 'halverwege@gemeente.test');
    startTotpEnrolment(ctx.db, TEST_DATA_KEY, user.id, newTotpSecret());
    confirmTotpEnrolment(ctx.db, user.id, ctx.clock.now());
    for (const rule of routeTable) {
      const response = await send(ctx, rule, freshCookie(user, { secondFactorDone: false }));
      const label = `${rule.method} ${concretePath(rule)} → ${response.status} ${location(response)}`;
      if (rule.audience === 'public' || rule.audience === 'api') {
        expect(isLoginBounce(response), label).toBe(false);
        expect(response.status, label).not.toBe(403);
      } else if (rule.audience === 'signing-in') {
        // The code page itself; an empty code is answered by that page with 401 "wrong code".
        expect(response.status, label).not.toBe(403);
        expect(isRedirect(response), label).toBe(false);
        const body = await response.text();
        expect(body, label).toContain('Controlecode');
        expect(body, label).not.toContain('Niet ingelogd');
      } else {
        expect(response.status, label).toBe(303);
        expect(location(response), label).toBe('/login/code');
      }
    }
  });

  it('a user who must set up a second factor reaches only the enrolment routes', async () => {
    // Its own context: there the default holds, admins must use a second factor.
    const own = createTestContext();
    const admin = await createStaff(own.db, own.clock, 'admin');
    expect(admin.totpEnabledAt).toBeNull();
    const checked: string[] = [];
    for (const rule of routeTable) {
      if (rule.audience === 'public' || rule.audience === 'api' || rule.audience === 'signing-in') continue;
      const token = createSession(own.db, admin.id, own.clock.now(), sessionPolicy(own.config), { secondFactorDone: true, origin: 'test', userAgent: null });
      const headers = { Cookie: `${COOKIE}=${token}` };
      const response =
        rule.method === 'GET'
          ? await own.app.request(concretePath(rule), { headers })
          : await own.app.request(concretePath(rule), { method: 'POST', headers, body: new URLSearchParams() });
      const label = `${rule.method} ${concretePath(rule)} → ${response.status} ${location(response)}`;
      if (rule.duringEnrolment) {
        expect([401, 403], label).not.toContain(response.status);
        expect(location(response), label).not.toBe('/account?tweestaps=verplicht');
        expect(isLoginBounce(response), label).toBe(false);
        checked.push(`${rule.method} ${rule.path}`);
      } else {
        expect(response.status, label).toBe(303);
        expect(location(response), label).toBe('/account?tweestaps=verplicht');
      }
    }
    expect(checked).toContain('GET /account');
    expect(checked).toContain('POST /account/two-factor/confirm');
  });
});

describe('no route escapes the table', () => {
  it('every route the app registers has a rule', () => {
    const registered = ctx.app.routes.filter((route) => !(route.method === 'ALL' && (route.path === '/*' || route.path === '*')));
    expect(registered.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of registered) {
      if (route.method === 'ALL' && route.path.endsWith('/*')) {
        // Middleware on a prefix (app.use('/s/*')): it must guard routes that are in the table.
        const prefix = route.path.slice(0, -1);
        if (!routeTable.some((rule) => rule.path.startsWith(prefix))) missing.push(`${route.method} ${route.path}`);
        continue;
      }
      if (!findRule(route.method, route.path)) missing.push(`${route.method} ${route.path}`);
    }
    expect(missing, 'registered routes without a rule in src/auth/access.ts').toEqual([]);
  });

  it('the mailbox routes, mounted only without SMTP, are listed too', () => {
    const paths = ctx.app.routes.map((route) => `${route.method} ${route.path}`);
    expect(paths).toContain('GET /mailbox');
    expect(paths).toContain('GET /mailbox/:id/html');
  });

  it.each([
    ['GET', '/geheim'],
    ['GET', '/admin/onbekend'],
    ['GET', '/account/two-factor'],
    ['POST', '/account'],
    ['POST', '/healthz'],
    ['PUT', '/login'],
    ['DELETE', '/account'],
    ['GET', '/login/code/extra'],
  ])('%s %s (unlisted) answers 404, anonymous and signed in', async (method, path) => {
    for (const cookie of [undefined, freshCookie(users.admin), freshCookie(users.manager)]) {
      const response = await ctx.app.request(path, { method, headers: cookie ? { Cookie: cookie } : {} });
      expect(response.status, `${method} ${path} ${cookie ? 'signed in' : 'anonymous'}`).toBe(404);
      expect(await response.text()).toContain('Pagina niet gevonden');
    }
  });

  it('an unlisted API path answers 404 as problem JSON', async () => {
    const response = await ctx.app.request('/api/v1/onbekend');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('HEAD follows the GET rule', async () => {
    expect((await ctx.app.request('/admin', { method: 'HEAD' })).status).toBe(303);
    expect((await ctx.app.request('/admin', { method: 'HEAD', headers: { Cookie: freshCookie(users.manager) } })).status).toBe(403);
    expect(findRule('HEAD', '/login')).toEqual(findRule('GET', '/login'));
  });
});
