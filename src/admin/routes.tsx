import { z } from 'zod';
import { AdminOverviewPage } from '../../views/admin/admin-overview-page';
import { ApiKeyCreatedPage, ApiKeysPage, type ApiKeysPageProps } from '../../views/admin/api-keys-page';
import { AuditLogPage } from '../../views/admin/audit-log-page';
import { SettingsPage } from '../../views/admin/settings-page';
import { UserLinkPage, UsersPage, type UsersPageProps } from '../../views/admin/users-page';
import type { AppDeps } from '../app';
import { createApiKey, findApiKeyById, listApiKeys, revokeApiKey } from '../api-keys/api-keys';
import { audit, auditActions, searchAuditLog } from '../audit/audit-log';
import { SET_PASSWORD_LINK_HOURS, issueSetPasswordLink } from '../auth/setup-links';
import { UserError, createUser, findOrganisationUser, findUserByEmail, listUsers } from '../auth/users';
import type { Db } from '../db/client';
import { roles, type Role, type User } from '../db/schema';
import { idParam, str } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { outboxBacklog } from '../mail/outbox-admin';
import { isHostingStaff } from '../organisations/organisations';
import { getSetting, setSetting, type SettingKey } from '../settings';
import { nl } from '../texts';
import { normaliseAddress } from '../tokens';
import { AUDIT_PAGE_SIZE, auditLogHref, parseAuditQuery } from './audit-filter';
import { AdminGuardError, changeRole, countUsers, disableUser, enableUser, newPasswordLink, resetUserSecondFactor } from './user-admin';
import { readForm } from '../http/form-body';

const emailSchema = z.string().trim().max(254).pipe(z.email());
const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

export const API_KEY_NAME_MAX = 80;
const settingKeys = ['requireSecondFactorForAdmins', 'requireSecondFactorForAllStaff', 'callbackOfferToAll', 'callbackRecoveryMail', 'surveyFacesForEmail'] as const satisfies readonly SettingKey[];

type UserNotice = keyof typeof nl.admin.users.notices;
const isUserNotice = (value: string): value is UserNotice => Object.hasOwn(nl.admin.users.notices, value);

/**
 * The admin pages: users and roles, API keys, the audit log (each of the admin's own organisation)
 * and the settings (each organisation's own).
 */
export function adminRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const organisationId = c.var.user.organisationId;
    const activeApiKeys = listApiKeys(db, organisationId).filter((key) => !key.revokedAt).length;
    const installation = isHostingStaff(c.var.user)
      ? {
          outbox: outboxBacklog(db, clock.now()),
        }
      : undefined;
    const secondFactorForAdmins = getSetting(db, 'requireSecondFactorForAdmins', organisationId) || getSetting(db, 'requireSecondFactorForAllStaff', organisationId);
    return c.render(
      <AdminOverviewPage
        user={c.var.user}
        users={countUsers(db, organisationId)}
        activeApiKeys={activeApiKeys}
        mailbox={!config.SMTP_URL}
        requireSecondFactorForAdmins={secondFactorForAdmins}
        installation={installation}
      />,
    );
  });

  // ── Users ────────────────────────────────────────────────────────────────────────────────

  const usersPage = (c: StaffContext, extra: Partial<UsersPageProps> = {}, status: 200 | 422 = 200) =>
    c.render(<UsersPage user={c.var.user} users={listUsers(db, c.var.user.organisationId)} {...extra} />, { status });

  /** Shows a one-time set-password link; it lives only in this response. */
  const linkPage = (c: StaffContext, kind: 'created' | 'new-link', target: User, token: string) =>
    c.render(
      <UserLinkPage
        user={c.var.user}
        kind={kind}
        email={target.email}
        role={target.role}
        link={`${config.PUBLIC_URL}/setup/${token}`}
        linkHours={SET_PASSWORD_LINK_HOURS}
      />,
    );

  app.get('/users', (c) => {
    const notice = c.req.query('melding') ?? '';
    const target = idParam(c.req.query('gebruiker') ?? '');
    const email = target === undefined ? undefined : findOrganisationUser(db, target, c.var.user.organisationId)?.email;
    return usersPage(c, { notice: isUserNotice(notice) && email ? nl.admin.users.notices[notice](email) : undefined });
  });

  app.post('/users', async (c) => {
    const body = await readForm(c);
    const form = { email: str(body.email).trim().slice(0, 254), role: str(body.role) };
    const t = nl.admin.users;
    const errors: Record<string, string> = {};
    const email = emailSchema.safeParse(form.email);
    if (!email.success) errors.email = t.errorEmail;
    else if (findUserByEmail(db, email.data)) errors.email = t.errorDuplicate(normaliseAddress(email.data));
    if (!isRole(form.role)) errors.role = t.errorRole;
    if (Object.keys(errors).length || !email.success || !isRole(form.role)) return usersPage(c, { form, errors }, 422);

    let user: User;
    try {
      user = await createUser(db, clock, { email: email.data, role: form.role, organisationId: c.var.user.organisationId });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return usersPage(c, { form, errors: { email: t.errorDuplicate(normaliseAddress(email.data)) } }, 422);
    }
    const token = issueSetPasswordLink(db, user.id, clock.now());
    c.var.audit({ action: 'user.created', object: user.email, result: 'success', details: { role: user.role } });
    c.var.audit({ action: 'user.password-link-issued', object: user.email, result: 'success' });
    return linkPage(c, 'created', user, token);
  });

  const userActions = {
    role: 'user.role-changed',
    disable: 'user.disabled',
    enable: 'user.enabled',
    'reset-second-factor': 'user.second-factor-reset',
    'password-link': 'user.password-link-issued',
  } as const;

  app.post('/users/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const target = id === undefined ? undefined : findOrganisationUser(db, id, c.var.user.organisationId);
    if (!target) return c.var.notFound();
    const body = await readForm(c);
    const action = str(body.action);
    if (!Object.hasOwn(userActions, action)) return usersPage(c, { actionError: nl.admin.users.unknownAction }, 422);
    const auditAction = userActions[action as keyof typeof userActions];
    const done = (notice: UserNotice) => c.redirect(`/admin/users?melding=${notice}&gebruiker=${target.id}`, 303);
    const actor = c.var.user;
    const now = clock.now();

    try {
      switch (action) {
        case 'role': {
          const role = str(body.role);
          if (!isRole(role)) return usersPage(c, { actionError: nl.admin.users.errorRole }, 422);
          const from = changeRole(db, actor, target, role);
          if (from) c.var.audit({ action: auditAction, object: target.email, result: 'success', details: { from, to: role } });
          return done('rol');
        }
        case 'disable':
          if (disableUser(db, actor, target, now)) c.var.audit({ action: auditAction, object: target.email, result: 'success' });
          return done('uitgeschakeld');
        case 'enable':
          if (enableUser(db, target)) c.var.audit({ action: auditAction, object: target.email, result: 'success' });
          return done('ingeschakeld');
        case 'reset-second-factor':
          resetUserSecondFactor(db, actor, target);
          c.var.audit({ action: auditAction, object: target.email, result: 'success' });
          return done('tweestaps-gereset');
        default: {
          const token = newPasswordLink(db, target, now);
          c.var.audit({ action: auditAction, object: target.email, result: 'success' });
          return linkPage(c, 'new-link', target, token);
        }
      }
    } catch (error) {
      if (!(error instanceof AdminGuardError)) throw error;
      c.var.audit({ action: auditAction, object: target.email, result: 'denied', details: { reason: error.message } });
      return usersPage(c, { actionError: error.message }, 422);
    }
  });

  // ── API keys ─────────────────────────────────────────────────────────────────────────────

  const keysPage = (c: StaffContext, extra: Partial<ApiKeysPageProps> = {}, status: 200 | 422 = 200) =>
    c.render(<ApiKeysPage user={c.var.user} keys={listApiKeys(db, c.var.user.organisationId)} nameMaxLength={API_KEY_NAME_MAX} {...extra} />, { status });

  app.get('/api-keys', (c) => {
    const id = c.req.query('melding') === 'ingetrokken' ? idParam(c.req.query('sleutel') ?? '') : undefined;
    const key = id === undefined ? undefined : findApiKeyById(db, id, c.var.user.organisationId);
    return keysPage(c, { notice: key?.revokedAt ? nl.admin.apiKeys.revokedNotice(key.name) : undefined });
  });

  app.post('/api-keys', async (c) => {
    const body = await readForm(c);
    const raw = str(body.name).trim();
    const name = raw.replace(/\s+/g, ' ');
    const t = nl.admin.apiKeys;
    const error = !name ? t.errorName : name.length > API_KEY_NAME_MAX ? t.errorNameTooLong(API_KEY_NAME_MAX) : undefined;
    if (error) return keysPage(c, { form: { name: raw.slice(0, 1000) }, errors: { name: error } }, 422);
    const { id, key } = createApiKey(db, name, clock, c.var.user.organisationId);
    c.var.audit({ action: 'api-key.created', object: `api-key:${id}`, result: 'success', details: { name } });
    return c.render(<ApiKeyCreatedPage user={c.var.user} name={name} apiKey={key} />);
  });

  app.post('/api-keys/:id/revoke', (c) => {
    const id = idParam(c.req.param('id'));
    const key = id === undefined ? undefined : findApiKeyById(db, id, c.var.user.organisationId);
    if (!key) return c.var.notFound();
    if (revokeApiKey(db, key.id, clock.now())) {
      c.var.audit({ action: 'api-key.revoked', object: `api-key:${key.id}`, result: 'success', details: { name: key.name } });
    }
    return c.redirect(`/admin/api-keys?melding=ingetrokken&sleutel=${key.id}`, 303);
  });

  // ── Audit log ────────────────────────────────────────────────────────────────────────────

  app.get('/audit-log', (c) => {
    const query = parseAuditQuery(c.req.query());
    const invalid = Object.keys(query.errors).length > 0;
    // One row more than a page tells whether there is a next page, without counting everything.
    const found = invalid
      ? []
      : searchAuditLog(db, query.filter, { limit: AUDIT_PAGE_SIZE + 1, offset: (query.page - 1) * AUDIT_PAGE_SIZE }, c.var.user.organisationId);
    const rows = found.slice(0, AUDIT_PAGE_SIZE);
    return c.render(
      <AuditLogPage
        user={c.var.user}
        actions={auditActions(db, c.var.user.organisationId)}
        values={query.values}
        errors={query.errors}
        rows={rows}
        page={query.page}
        firstRow={(query.page - 1) * AUDIT_PAGE_SIZE + 1}
        previousHref={!invalid && query.page > 1 ? auditLogHref(query.values, query.page - 1) : undefined}
        nextHref={found.length > AUDIT_PAGE_SIZE ? auditLogHref(query.values, query.page + 1) : undefined}
      />,
      { status: invalid ? 422 : 200 },
    );
  });

  // ── Settings ─────────────────────────────────────────────────────────────────────────────

  // The admin's own organisation's settings.
  const currentSettings = (organisationId: number) =>
    Object.fromEntries(settingKeys.map((key) => [key, getSetting(db, key, organisationId)])) as Record<(typeof settingKeys)[number], boolean>;

  app.get('/settings', (c) => {
    const notice = c.req.query('melding') === 'opgeslagen' ? nl.admin.settings.saved : undefined;
    return c.render(<SettingsPage user={c.var.user} values={currentSettings(c.var.user.organisationId)} notice={notice} />);
  });

  app.post('/settings', async (c) => {
    const body = await readForm(c);
    const organisationId = c.var.user.organisationId;
    const before = currentSettings(organisationId);
    const now = clock.now();
    const { actor, origin } = changedBy(c);
    db.transaction((tx) => {
      for (const key of settingKeys) {
        // A checked checkbox sends its value; an unchecked one is absent from the form.
        const value = body[key] !== undefined;
        if (value === before[key]) continue;
        setSetting(tx as unknown as Db, key, value, now, organisationId);
        audit(tx, now, { action: 'settings.changed', object: key, result: 'success', origin, actor, details: { key, value } });
      }
    });
    return c.redirect('/admin/settings?melding=opgeslagen', 303);
  });

  return app;
}
