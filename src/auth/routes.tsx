import { Hono, type Context } from 'hono';
import type { AppDeps } from '../app';
import { limitBody } from '../http/body-limit';
import { z } from 'zod';
import { CodePage, LoginPage, SetupPage } from '../../views/auth/auth-pages';
import { MessagePage } from '../../views/layout';
import { audit } from '../audit/audit-log';
import type { User } from '../db/schema';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../http/env';
import { str } from '../http/params';
import { actorOf, staffRouter } from '../http/staff';
import { nl } from '../texts';
import { normaliseAddress } from '../tokens';
import { homeFor } from './access';
import { checkPassword, recordSecondFactorOrPasswordFailure } from './login';
import { clearSessionCookie, secondFactorRequired, sessionPolicy, setSessionCookie } from './middleware';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords';
import { PhantomLockouts, RateLimiter } from './rate-limit';
import { createSession, deleteSession } from './sessions';
import { consumeSetupLink, findUsableSetupLink } from './setup-links';
import { checkTotp, createUser, findUserById, recordLogin, setPassword, useRecoveryCode } from './users';
import { readForm } from '../http/form-body';

const emailSchema = z.string().trim().max(254).pipe(z.email());

/** Only local paths: never send a signed-in user to another site after login. */
function safeReturnPath(value: string): string | undefined {
  return /^\/(?![/\\])[\w\-/.~%?=&]*$/.test(value) && !value.startsWith('/login') ? value : undefined;
}

/** /login, /login/code, /logout and the one-time /setup links. */
export function authRoutes({ db, clock, config, dataKey }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey'>) {
  const app = new Hono<AppEnv>();
  const policy = sessionPolicy(config);
  // Per address, on top of the per-account lockout: slows down spraying many accounts.
  const loginsPerAddress = new RateLimiter(30, 15 * 60_000);
  const codesPerSession = new RateLimiter(10, 15 * 60_000);
  const phantoms = new PhantomLockouts();

  /** Starts a fresh session (a new id at every login: no fixation) and drops the old one. */
  const startSession = <E extends AppEnv>(c: Context<E>, user: User, secondFactorDone: boolean) => {
    const previous = c.get('sessionToken');
    if (previous) deleteSession(db, previous);
    const token = createSession(db, user.id, clock.now(), policy, {
      secondFactorDone,
      origin: c.get('clientAddress'),
      userAgent: c.req.header('User-Agent') ?? null,
    });
    setSessionCookie(c, config, token);
  };

  const tooMany = (c: Context, seconds: number, page: JSX.Element) => {
    c.header('Retry-After', String(seconds));
    return c.render(page, { status: 429 });
  };

  app.get('/login', (c) => {
    const notice = c.req.query('melding') === 'verlopen' ? nl.auth.sessionExpired : c.req.query('melding') === 'uitgelogd' ? nl.auth.loggedOut : undefined;
    return c.render(<LoginPage notice={notice} returnTo={safeReturnPath(c.req.query('terug') ?? '')} />);
  });

  // Anyone may post here: a huge body is refused before it is read.
  const loginBodyLimit = limitBody({
    maxSize: 16 * 1024,
    onError: (c) => c.render(<LoginPage errors={{ email: nl.auth.formTooLarge }} />, { status: 413 }),
  });

  app.post('/login', loginBodyLimit, async (c) => {
    const body = await readForm(c);
    const email = str(body.email).trim().slice(0, 254);
    const password = str(body.password).slice(0, 1024);
    const returnTo = safeReturnPath(str(body.terug));
    const origin = c.get('clientAddress');
    const page = (errors: Record<string, string>, status: 422 | 401 | 429) =>
      c.render(<LoginPage email={email} errors={errors} returnTo={returnTo} />, { status });

    const errors: Record<string, string> = {};
    if (!email) errors.email = nl.auth.fieldRequired(nl.auth.email);
    if (!password) errors.password = nl.auth.fieldRequired(nl.auth.password);
    if (Object.keys(errors).length) return page(errors, 422);

    const wait = loginsPerAddress.hit(origin, clock.now().getTime());
    if (wait > 0) {
      audit(db, clock.now(), { action: 'login.rate-limited', object: normaliseAddress(email), result: 'denied', origin, actor: { userId: null, label: 'anoniem' } });
      return tooMany(c, wait, <LoginPage email={email} errors={{ email: nl.auth.tooManyRequests }} />);
    }

    const result = await checkPassword(db, email, password, clock.now(), phantoms);
    if (!result.ok) {
      audit(db, clock.now(), {
        action: result.lockedMinutes ? 'login.locked' : 'login.password',
        object: normaliseAddress(email),
        result: 'failure',
        origin,
        actor: result.user ? actorOf(result.user) : { userId: null, label: 'anoniem' },
      });
      if (result.lockedMinutes) {
        return tooMany(c, result.lockedMinutes * 60, <LoginPage email={email} errors={{ email: nl.auth.lockedOut(result.lockedMinutes) }} />);
      }
      return page({ email: nl.auth.wrongCredentials }, 401);
    }

    const { user } = result;
    const needsCode = Boolean(user.totpEnabledAt);
    startSession(c, user, !needsCode);
    audit(db, clock.now(), { action: 'login.password', object: user.email, result: 'success', origin, actor: actorOf(user) });
    if (needsCode) return c.redirect('/login/code', 303);
    recordLogin(db, user.id, clock.now());
    if (secondFactorRequired(db, user)) return c.redirect('/account?tweestaps=verplicht', 303);
    return c.redirect(returnTo ?? homeFor(user.role), 303);
  });

  // Between password and code: the session's user is known, the second factor not yet given.
  const code = staffRouter();
  code.get('/', (c) => c.render(<CodePage />));

  code.post('/', async (c) => {
    const user = c.var.user;
    const origin = c.get('clientAddress');
    const code = str((await readForm(c)).code).trim().slice(0, 40);
    const now = clock.now();
    const wait = codesPerSession.hit(String(user.id), now.getTime());
    const lockedSeconds = user.lockedUntil && user.lockedUntil > now ? Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) : 0;
    if (wait > 0 || lockedSeconds > 0) {
      return tooMany(c, Math.max(wait, lockedSeconds), <CodePage error={nl.auth.tooManyRequests} />);
    }
    const byApp = checkTotp(db, dataKey, user, code, now);
    const byRecovery = !byApp && code.length > 6 && useRecoveryCode(db, user.id, code, now);
    if (!byApp && !byRecovery) {
      recordSecondFactorOrPasswordFailure(db, user, now);
      audit(db, now, { action: 'login.second-factor', object: user.email, result: 'failure', origin, actor: actorOf(user) });
      return c.render(<CodePage error={nl.auth.wrongCode} />, { status: 401 });
    }
    startSession(c, user, true);
    recordLogin(db, user.id, now);
    audit(db, now, {
      action: byRecovery ? 'login.recovery-code' : 'login.second-factor',
      object: user.email,
      result: 'success',
      origin,
      actor: actorOf(user),
    });
    return c.redirect(homeFor(user.role), 303);
  });
  app.route('/login/code', code);

  app.post('/logout', (c) => {
    const token = c.get('sessionToken');
    const user = c.get('user');
    if (token) deleteSession(db, token);
    clearSessionCookie(c, config);
    if (user) audit(db, clock.now(), { action: 'logout', object: user.email, result: 'success', origin: c.get('clientAddress'), actor: actorOf(user) });
    return c.redirect('/login?melding=uitgelogd', 303);
  });

  const invalidLink = (c: Context<AppEnv>) =>
    c.render(<MessagePage title={nl.auth.setupLinkInvalidTitle} paragraphs={[nl.auth.setupLinkInvalidBody]} />, { status: 404 });

  app.get('/setup/:token', (c) => {
    const token = c.req.param('token');
    const link = findUsableSetupLink(db, token, clock.now());
    if (!link) return invalidLink(c);
    const user = link.userId ? findUserById(db, link.userId) : undefined;
    return c.render(<SetupPage action={`/setup/${token}`} fixedEmail={user?.email} minLength={MIN_PASSWORD_LENGTH} />);
  });

  app.post('/setup/:token', async (c) => {
    const token = c.req.param('token');
    const now = clock.now();
    const link = findUsableSetupLink(db, token, now);
    if (!link) return invalidLink(c);
    const existing = link.userId ? findUserById(db, link.userId) : undefined;
    const body = await readForm(c);
    const email = existing?.email ?? str(body.email).trim().slice(0, 254);
    const password = str(body.password).slice(0, 1024);
    const errors: Record<string, string> = {};
    if (!existing && !emailSchema.safeParse(email).success) errors.email = nl.auth.invalidEmail;
    const problem = passwordProblem(password, email);
    if (problem) errors.password = problem;
    else if (str(body.repeat) !== password) errors.repeat = nl.auth.passwordsDiffer;
    if (Object.keys(errors).length) {
      return c.render(<SetupPage action={`/setup/${token}`} fixedEmail={existing?.email} email={email} errors={errors} minLength={MIN_PASSWORD_LENGTH} />, { status: 422 });
    }
    if (!consumeSetupLink(db, link.id, now)) return invalidLink(c);
    const origin = c.get('clientAddress');
    let user: User;
    if (existing) {
      await setPassword(db, existing.id, password);
      user = findUserById(db, existing.id)!;
      audit(db, now, { action: 'user.password-set', object: user.email, result: 'success', origin, actor: actorOf(user) });
    } else {
      user = await createUser(db, clock, { email, role: 'admin', password });
      audit(db, now, { action: 'setup.first-admin', object: user.email, result: 'success', origin, actor: actorOf(user), details: { role: 'admin' } });
    }
    // The password is proven; a user who has a second factor still has to give its code. One
    // session only: starting a second one here left the first behind (a half-signed-in session
    // whose cookie was sent too, before the real one).
    const needsCode = Boolean(user.totpEnabledAt);
    startSession(c, user, !needsCode);
    if (needsCode) return c.redirect('/login/code', 303);
    recordLogin(db, user.id, now);
    return c.redirect(secondFactorRequired(db, user) ? '/account?tweestaps=verplicht' : homeFor(user.role), 303);
  });

  return app;
}
