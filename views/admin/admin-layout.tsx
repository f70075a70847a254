import type { Child } from 'hono/jsx';
import { HOSTING_ORGANISATION_ID, type User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { CopyBox, Notice } from '../components/form';
import { Section } from '../components/page-parts';
import { Layout } from '../layout';

// The embedded mailbox (admins only, embedded mode) shares the admin pages' layout but has no menu item of its own.
export type AdminSection = '/admin' | '/admin/users' | '/admin/api-keys' | '/admin/reizen' | '/admin/organisaties' | '/admin/appointments' | '/admin/zgw' | '/admin/audit-log' | '/admin/privacy' | '/admin/uitgaande-mail' | '/admin/mail' | '/admin/settings' | '/mailbox';

export interface AdminLayoutProps {
  user: Pick<User, 'email' | 'role' | 'organisationId'>;
  title: string;
  current: AdminSection;
  /** Prefixes the document title with "Fout:" so screen-reader users hear it first. */
  hasErrors?: boolean;
  /** Our own scripts (htmx), loaded deferred; the page works without them. */
  scripts?: string[];
  children?: Child;
}

// installation: the installation-wide pages, only for the hosting organisation's admins (src/auth/access.ts).
const sections: { href: AdminSection; label: string; installation?: true }[] = [
  { href: '/admin', label: nl.admin.overview.menuLabel },
  { href: '/admin/users', label: nl.admin.users.title },
  { href: '/admin/api-keys', label: nl.admin.apiKeys.title },
  { href: '/admin/reizen', label: nl.journeyDesigner.title },
  { href: '/admin/organisaties', label: nl.organisationsAdmin.title },
  { href: '/admin/appointments', label: nl.admin.appointments.title },
  { href: '/admin/zgw', label: nl.zgw.title },
  { href: '/admin/audit-log', label: nl.admin.auditLog.title },
  { href: '/admin/privacy', label: nl.privacy.admin.menuLabel },
  { href: '/admin/uitgaande-mail', label: nl.outboxAdmin.title, installation: true },
  { href: '/admin/mail', label: nl.mailCheck.menuLabel, installation: true },
  { href: '/admin/settings', label: nl.admin.settings.title },
];

/** Every admin page: the staff navigation, the admin section menu and the page heading. */
export function AdminLayout(props: AdminLayoutProps) {
  const hosting = props.user.organisationId === HOSTING_ORGANISATION_ID;
  return (
    <Layout
      title={props.hasErrors ? `Fout: ${props.title}` : props.title}
      wide
      scripts={props.scripts}
      staff={{ email: props.user.email, role: props.user.role, current: props.current === '/admin' ? '/admin' : undefined }}
    >
      <nav class="mh-admin-nav" aria-label={nl.admin.title}>
        <ul>
          {sections.filter((section) => hosting || !section.installation).map((section) => (
            <li>
              <a class="utrecht-link" href={section.href} aria-current={props.current === section.href ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** A link or key shown this once: a warning, the value in a read-only box to copy, and a way back. */
export function ShownOnce(props: { title: string; warning: string; label: string; value: string; id: string; children?: Child }) {
  return (
    <Section id={`${props.id}-titel`} title={props.title}>
      <Notice kind="warning">{props.warning}</Notice>
      <CopyBox id={props.id} label={props.label} value={props.value} />
      {props.children}
    </Section>
  );
}
