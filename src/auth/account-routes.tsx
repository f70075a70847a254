import { Hono, type Context } from 'hono';
import { AccountPage, type AccountPageProps } from '../../views/auth/account-page';
import { audit } from '../audit/audit-log';
import type { AppEnv } from '../http/env';
import { renderPage } from '../http/render';
import { nl } from '../texts';
import { clearSessionCookie, secondFactorRequired } from './middleware';
import { MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords';
import { actorOf, type AuthRouteDeps } from './routes';
import { countUserSessions, deleteUserSessions } from './sessions';
import { newTotpSecret, otpauthUri, qrCodeSvg } from './totp';
import {
  checkTotp,
  confirmTotpEnrolment,
  findUserById,
  pendingTotpSecret,
  replaceRecoveryCodes,
  setPassword,
  startTotpEnrolment,
  unusedRecoveryCodes,
} from './users';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** /account: second factor, recovery codes, password, and logging out everywhere. */
export function accountRoutes({ db, clock, config, dataKey }: AuthRouteDeps) {
  const app = new Hono<AppEnv>();
  const organisation = config.ORGANISATION_NAME;

  const page = async (c: Context<AppEnv>, extra: Partial<AccountPageProps> = {}, status: 200 | 401 | 422 = 200) => {
    const user = findUserById(db, c.get('user')!.id)!;
    const secret = pendingTotpSecret(dataKey, user);
    const enrolment =
      secret && !extra.recoveryCodes ? { secret, qrSvg: await qrCodeSvg(otpauthUri(secret, user.email)), error: extra.enrolment?.error } : undefined;
    return renderPage(
      c,
      <AccountPage
        organisation={organisation}
        user={user}
        enrolmentRequired={!user.totpEnabledAt && secondFactorRequired(db, user)}
        recoveryCodesLeft={unusedRecoveryCodes(db, user.id)}
        sessionCount={countUserSessions(db, user.id)}
        minPasswordLength={MIN_PASSWORD_LENGTH}
        {...extra}
        enrolment={enrolment}
      />,
      status,
    );
  };
  const log = (c: Context<AppEnv>, action: string, result: 'success' | 'failure' = 'success') => {
    const user = c.get('user')!;
    audit(db, clock.now(), { action, object: user.email, result, origin: c.get('clientAddress'), actor: actorOf(user) });
  };

  app.get('/', (c) => page(c));

  app.post('/two-factor', (c) => {
    const user = c.get('user')!;
    if (user.totpEnabledAt) return c.redirect('/account', 303);
    startTotpEnrolment(db, dataKey, user.id, newTotpSecret());
    log(c, 'two-factor.enrolment-started');
    return c.redirect('/account', 303);
  });

  app.post('/two-factor/confirm', async (c) => {
    const user = findUserById(db, c.get('user')!.id)!;
    if (user.totpEnabledAt || !user.totpSecret) return c.redirect('/account', 303);
    const code = str((await c.req.parseBody()).code).trim().slice(0, 20);
    if (!checkTotp(db, dataKey, user, code, clock.now())) {
      log(c, 'two-factor.enabled', 'failure');
      return page(c, { enrolment: { secret: '', qrSvg: '', error: nl.auth.wrongCode } }, 422);
    }
    const recoveryCodes = confirmTotpEnrolment(db, user.id, clock.now());
    log(c, 'two-factor.enabled');
    return page(c, { recoveryCodes, notice: nl.account.twoFactorEnabled });
  });

  app.post('/recovery-codes', (c) => {
    const user = c.get('user')!;
    if (!user.totpEnabledAt) return c.redirect('/account', 303);
    const recoveryCodes = replaceRecoveryCodes(db, user.id);
    log(c, 'two-factor.recovery-codes-replaced');
    return page(c, { recoveryCodes });
  });

  app.post('/password', async (c) => {
    const user = findUserById(db, c.get('user')!.id)!;
    const body = await c.req.parseBody();
    const password = str(body.password).slice(0, 1024);
    const errors: Record<string, string> = {};
    if (!user.passwordHash || !(await verifyPassword(str(body.current).slice(0, 1024), user.passwordHash))) {
      errors.current = nl.auth.wrongCurrentPassword;
    }
    const problem = passwordProblem(password, user.email);
    if (problem) errors.password = problem;
    else if (str(body.repeat) !== password) errors.repeat = nl.auth.passwordsDiffer;
    if (Object.keys(errors).length) {
      log(c, 'user.password-changed', 'failure');
      return page(c, { passwordErrors: errors }, 422);
    }
    await setPassword(db, user.id, password);
    log(c, 'user.password-changed');
    clearSessionCookie(c, config);
    return c.redirect('/login?melding=uitgelogd', 303);
  });

  app.post('/logout-everywhere', (c) => {
    const user = c.get('user')!;
    const ended = deleteUserSessions(db, user.id);
    audit(db, clock.now(), {
      action: 'logout.everywhere',
      object: user.email,
      result: 'success',
      origin: c.get('clientAddress'),
      actor: actorOf(user),
      details: { sessions: ended },
    });
    clearSessionCookie(c, config);
    return c.redirect('/login?melding=uitgelogd', 303);
  });

  return app;
}
