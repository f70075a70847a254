import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LinkParagraph } from '../../views/components/page-parts';
import { MessagePage } from '../../views/layout';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { isCrossSiteRequest } from '../http/csrf';
import { clientAddress, type AppEnv } from '../http/env';
import { problem } from '../http/problem';
import { setStaffHelpers } from '../http/staff';
import { isHostingStaff } from '../organisations/organisations';
import { getSetting } from '../settings';
import { nl } from '../texts';
import { allows, findRule, homeFor } from './access';
import { loadSession, type SessionPolicy } from './sessions';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>;
}

export const sessionPolicy = (config: AuthDeps['config']): SessionPolicy => ({
  idleMs: config.SESSION_IDLE_MINUTES * 60_000,
  maxMs: config.SESSION_MAX_HOURS * 3_600_000,
});

const secureCookies = (config: AuthDeps['config']) => config.PUBLIC_URL.startsWith('https:');
// The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
const cookieName = (config: AuthDeps['config']) => (secureCookies(config) ? '__Host-meethuis-sessie' : 'meethuis-sessie');

export function setSessionCookie(c: Context, config: AuthDeps['config'], token: string): void {
  setCookie(c, cookieName(config), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(config),
    path: '/',
    maxAge: config.SESSION_MAX_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context, config: AuthDeps['config']): void {
  deleteCookie(c, cookieName(config), { path: '/', secure: secureCookies(config) });
}

export function sessionToken(c: Context, config: AuthDeps['config']): string | undefined {
  return getCookie(c, cookieName(config));
}

/** Whether this user must use a second factor: everyone who set one up, and whom the settings require. */
export function secondFactorRequired(db: Db, user: User): boolean {
  if (user.totpEnabledAt) return true;
  if (getSetting(db, 'requireSecondFactorForAllStaff', user.organisationId)) return true;
  return user.role === 'admin' && getSetting(db, 'requireSecondFactorForAdmins', user.organisationId);
}

/**
 * Authorisation for every request, from the route table: deny by default, send anonymous
 * visitors to the login page, refuse wrong roles with 403, and refuse cross-site form posts.
 */
export function authorize(deps: AuthDeps): MiddlewareHandler<AppEnv> {
  const { db, clock, config } = deps;
  const allowedOrigins = [new URL(config.PUBLIC_URL).origin];
  const policy = sessionPolicy(config);

  return async (c, next) => {
    const path = c.req.path;
    const rule = findRule(c.req.method, path);
    const isApi = path.startsWith('/api/');
    c.set('clientAddress', clientAddress(c, config.TRUST_PROXY));

    if (!rule) {
      if (isApi) return problem(c, 404, 'Not Found');
      return c.render(<MessagePage title={nl.errors.notFoundTitle} paragraphs={[nl.errors.notFoundBody]} />, { status: 404 });
    }

    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && rule.audience !== 'api') {
      const crossSite = isCrossSiteRequest(
        { secFetchSite: c.req.header('Sec-Fetch-Site'), origin: c.req.header('Origin') },
        [...allowedOrigins, new URL(c.req.url).origin],
      );
      if (crossSite) {
        return c.render(<MessagePage title={nl.errors.forbiddenTitle} paragraphs={[nl.errors.crossSite]} />, { status: 403 });
      }
    }

    if (rule.audience === 'public' || rule.audience === 'api') {
      const token = sessionToken(c, config);
      const found = token ? loadSession(db, token, clock.now(), policy) : ({ state: 'none' } as const);
      if (found.state === 'active') {
        c.set('user', found.user);
        c.set('session', found.session);
        c.set('sessionToken', token);
      }
      return next();
    }

    const token = sessionToken(c, config);
    const found = loadSession(db, token, clock.now(), policy);
    const toLogin = (reason?: 'verlopen') => {
      if (found.state === 'expired') clearSessionCookie(c, config);
      // HEAD is answered as GET (as findRule treats it): the login redirect, not the 401 for form posts.
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        return c.render(<MessagePage title={nl.errors.unauthorizedTitle} paragraphs={[nl.errors.unauthorizedBody]} />, { status: 401 });
      }
      const query = new URLSearchParams({ terug: path, ...(reason ? { melding: reason } : {}) });
      return c.redirect(`/login?${query}`, 303);
    };
    if (found.state !== 'active') return toLogin(found.state === 'expired' ? 'verlopen' : undefined);

    const { user, session } = found;
    c.set('user', user);
    c.set('session', session);
    c.set('sessionToken', token);
    setStaffHelpers(c, { db, clock }, user);
    // Staff pages show accounts, keys and personal data: never kept in a browser or proxy cache.
    const staffPage = async () => {
      await next();
      c.header('Cache-Control', 'no-store');
    };

    if (rule.audience === 'signing-in') {
      return session.secondFactorDone ? c.redirect('/account', 303) : staffPage();
    }
    if (!session.secondFactorDone) return c.redirect('/login/code', 303);
    if (!user.totpEnabledAt && secondFactorRequired(db, user) && !rule.duringEnrolment) {
      return c.redirect('/account?tweestaps=verplicht', 303);
    }
    if (!allows(rule.audience, user.role)) {
      audit(db, clock.now(), {
        action: 'access.denied',
        object: `${c.req.method} ${path}`,
        result: 'denied',
        origin: c.get('clientAddress'),
        actor: { userId: user.id, label: user.email },
        details: { role: user.role },
      });
      return c.render(
        <MessagePage title={nl.errors.forbiddenTitle} paragraphs={[nl.errors.forbiddenBody]}>
          <LinkParagraph href={homeFor(user.role)}>{nl.errors.backToStart}</LinkParagraph>
        </MessagePage>,
        { status: 403 },
      );
    }
    // Partner organisations' staff do not learn these pages exist.
    if (rule.hostingOnly && !isHostingStaff(user)) return c.var.notFound!();
    return staffPage();
  };
}
