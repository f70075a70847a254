import type { User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { AdminLayout } from './admin-layout';
import { Section } from '../components/page-parts';

export interface AdminOverviewProps {
  user: User;
  users: { total: number; active: number };
  activeApiKeys: number;
  /** Whether the organisation asks a second factor of its admins (a step of the checklist). */
  requireSecondFactorForAdmins: boolean;
  /** The installation-wide pages: only for the hosting organisation's admins. */
  /** Whether the embedded mailbox is in use (no SMTP server configured): each organisation's admins read its own mail there. */
  mailbox: boolean;
  installation?: {
    /** The outbox backlog: mails waiting to be sent (due or retrying) and mails that failed. */
    outbox: { waiting: number; failed: number };
  };
}

function Step(props: { done: boolean; text: string; href?: string; linkText?: string }) {
  return (
    <li class="utrecht-unordered-list__item">
      <strong>{props.done ? nl.admin.overview.done : nl.admin.overview.pending}:</strong> {props.text}
      {props.href && !props.done ? (
        <>
          {' '}
          <a class="utrecht-link" href={props.href}>
            {props.linkText}
          </a>
        </>
      ) : null}
    </li>
  );
}

/** GET /admin: the admin pages, a few counts, and what still needs doing on a fresh installation. */
export function AdminOverviewPage(props: AdminOverviewProps) {
  const t = nl.admin.overview;
  const { installation } = props;
  const pages = [
    { href: '/admin/users', label: t.users, hint: t.usersHint(props.users.total, props.users.active) },
    { href: '/admin/api-keys', label: t.apiKeys, hint: t.apiKeysHint(props.activeApiKeys) },
    { href: '/admin/reizen', label: nl.journeyDesigner.title, hint: nl.journeyDesigner.overviewHint },
    { href: '/admin/organisaties', label: nl.organisationsAdmin.title, hint: nl.organisationsAdmin.overviewHint },
    { href: '/admin/appointments', label: nl.admin.appointments.title, hint: nl.admin.appointments.overviewHint },
    { href: '/admin/zgw', label: nl.zgw.title, hint: nl.zgw.overviewHint },
    { href: '/admin/audit-log', label: t.auditLog, hint: t.auditLogHint },
    { href: '/admin/privacy', label: nl.privacy.admin.title, hint: nl.privacy.admin.overviewHint },
    { href: '/admin/settings', label: t.settings, hint: t.settingsHint },
    ...(installation
      ? [
          { href: '/admin/uitgaande-mail', label: nl.outboxAdmin.title, hint: nl.outboxAdmin.overviewHint(installation.outbox.waiting, installation.outbox.failed) },
          { href: '/admin/mail', label: nl.mailCheck.menuLabel, hint: nl.mailCheck.overviewHint },
        ]
      : []),
    ...(props.mailbox ? [{ href: '/mailbox', label: t.mailbox, hint: t.mailboxHint }] : []),
  ];
  return (
    <AdminLayout user={props.user} title={nl.admin.title} current="/admin">
      <p class="utrecht-paragraph">{t.intro}</p>

      <Section id="beheerpaginas" title={t.pagesTitle}>
        <ul class="utrecht-unordered-list">
          {pages.map((page) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={page.href}>
                {page.label}
              </a>
              {` — ${page.hint}`}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="eerste-stappen" title={t.firstRunTitle}>
        <p class="utrecht-paragraph">{t.firstRunIntro}</p>
        <ul class="utrecht-unordered-list">
          <Step done text={t.stepAdmin} />
          <Step done={Boolean(props.user.totpEnabledAt)} text={t.stepOwnSecondFactor} href="/account" linkText={t.stepOwnSecondFactorLink} />
          <Step done={props.users.total > 1} text={t.stepStaff} href="/admin/users" linkText={t.users} />
          <Step done={props.activeApiKeys > 0} text={t.stepApiKey} href="/admin/api-keys" linkText={t.apiKeys} />
          <Step done={props.requireSecondFactorForAdmins} text={t.stepSettings} href="/admin/settings" linkText={t.settings} />
        </ul>
      </Section>
    </AdminLayout>
  );
}
