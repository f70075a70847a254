import { AccountPage, type AccountPageProps } from '../../views/auth/account-page';
import type { AppDeps } from '../app';
import { findSubscription, mayReceiveDigest, setSubscription, subscriptionFormSchema } from '../digest/subscriptions';
import { str } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { nl } from '../texts';
import { clearSessionCookie, secondFactorRequired } from './middleware';
import { MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords';
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
import { readForm } from '../http/form-body';

/** /account: second factor, recovery codes, password, logging out everywhere, and the digest by mail. */
export function accountRoutes({ db, clock, config, dataKey }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey'>) {
  const app = staffRouter();

  const page = async (c: StaffContext, extra: Partial<AccountPageProps> = {}, status: 200 | 401 | 422 = 200) => {
    const user = findUserById(db, c.var.user.id)!;
    const secret = pendingTotpSecret(dataKey, user);
    const enrolment =
      secret && !extra.recoveryCodes ? { secret, qrSvg: await qrCodeSvg(otpauthUri(secret, user.email)), error: extra.enrolment?.error } : undefined;
    return c.render(
      <AccountPage
        user={user}
        enrolmentRequired={!user.totpEnabledAt && secondFactorRequired(db, user)}
        recoveryCodesLeft={unusedRecoveryCodes(db, user.id)}
        sessionCount={countUserSessions(db, user.id)}
        minPasswordLength={MIN_PASSWORD_LENGTH}
        digest={mayReceiveDigest(user.role) ? { choice: findSubscription(db, user.id)?.frequency ?? 'uit' } : undefined}
        {...extra}
        enrolment={enrolment}
      />,
      { status },
    );
  };

  app.get('/', (c) => page(c));

  app.post('/two-factor', (c) => {
    const user = c.var.user;
    if (user.totpEnabledAt) return c.redirect('/account', 303);
    startTotpEnrolment(db, dataKey, user.id, newTotpSecret());
    c.var.audit({ action: 'two-factor.enrolment-started', object: user.email, result: 'success' });
    return c.redirect('/account', 303);
  });

  app.post('/two-factor/confirm', async (c) => {
    const user = findUserById(db, c.var.user.id)!;
    if (user.totpEnabledAt || !user.totpSecret) return c.redirect('/account', 303);
    const code = str((await readForm(c)).code).trim().slice(0, 20);
    if (!checkTotp(db, dataKey, user, code, clock.now())) {
      c.var.audit({ action: 'two-factor.enabled', object: user.email, result: 'failure' });
      return page(c, { enrolment: { secret: '', qrSvg: '', error: nl.auth.wrongCode } }, 422);
    }
    const recoveryCodes = confirmTotpEnrolment(db, user.id, clock.now());
    c.var.audit({ action: 'two-factor.enabled', object: user.email, result: 'success' });
    return page(c, { recoveryCodes, notice: nl.account.twoFactorEnabled });
  });

  app.post('/recovery-codes', (c) => {
    const user = c.var.user;
    if (!user.totpEnabledAt) return c.redirect('/account', 303);
    const recoveryCodes = replaceRecoveryCodes(db, user.id);
    c.var.audit({ action: 'two-factor.recovery-codes-replaced', object: user.email, result: 'success' });
    return page(c, { recoveryCodes });
  });

  app.post('/password', async (c) => {
    const user = findUserById(db, c.var.user.id)!;
    const body = await readForm(c);
    const password = str(body.password).slice(0, 1024);
    const errors: Record<string, string> = {};
    if (!user.passwordHash || !(await verifyPassword(str(body.current).slice(0, 1024), user.passwordHash))) {
      errors.current = nl.auth.wrongCurrentPassword;
    }
    const problem = passwordProblem(password, user.email);
    if (problem) errors.password = problem;
    else if (str(body.repeat) !== password) errors.repeat = nl.auth.passwordsDiffer;
    if (Object.keys(errors).length) {
      c.var.audit({ action: 'user.password-changed', object: user.email, result: 'failure' });
      return page(c, { passwordErrors: errors }, 422);
    }
    await setPassword(db, user.id, password);
    c.var.audit({ action: 'user.password-changed', object: user.email, result: 'success' });
    clearSessionCookie(c, config);
    return c.redirect('/login?melding=uitgelogd', 303);
  });

  app.post('/samenvatting', async (c) => {
    const user = c.var.user;
    const parsed = subscriptionFormSchema.safeParse({ frequency: str((await readForm(c)).frequency) });
    if (!parsed.success) {
      return page(c, { digest: { choice: findSubscription(db, user.id)?.frequency ?? 'uit', error: nl.digest.account.required } }, 422);
    }
    const { frequency } = parsed.data;
    if (setSubscription(db, user.id, frequency, clock.now())) {
      c.var.audit({ action: 'digest.subscription-changed', object: user.email, result: 'success', details: { frequency } });
    }
    return page(c, { digest: { choice: frequency }, notice: nl.digest.account.saved });
  });

  app.post('/logout-everywhere', (c) => {
    const user = c.var.user;
    const ended = deleteUserSessions(db, user.id);
    c.var.audit({ action: 'logout.everywhere', object: user.email, result: 'success', details: { sessions: ended } });
    clearSessionCookie(c, config);
    return c.redirect('/login?melding=uitgelogd', 303);
  });

  return app;
}
