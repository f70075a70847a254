import type { Role } from '../db/schema';

/**
 * Who may use a route:
 * - `public`: anyone (citizens' pages, assets, statements);
 * - `api`: machine clients; the route checks its own bearer key;
 * - `signing-in`: a visitor between password and second-factor code;
 * - `staff`: any signed-in staff member, whatever the role;
 * - a list of roles: only those.
 */
export type Audience = 'public' | 'api' | 'signing-in' | 'staff' | readonly Role[];

export interface RouteRule {
  method: 'GET' | 'POST';
  path: string;
  audience: Audience;
  /** Reachable while a required second factor is not yet set up (to set it up, or to leave). */
  duringEnrolment?: boolean;
  /** Installation-wide (settings, mail, retention): only staff of the hosting organisation; others get the 404 page. */
  hostingOnly?: boolean;
}

const ADMIN = ['admin'] as const;
const DASHBOARD = ['manager', 'admin'] as const;
// Panel identities: researchers only (admins and managers never see them).
const RESEARCH = ['researcher'] as const;
// Call-back requests carry a citizen's contact details: the contact centre and its managers only.
const CALLBACKS = ['kcc', 'manager'] as const;
// Taking a survey for a citizen shows no address or contact detail: the contact centre and everyone who sees the dashboard.
const ASSISTED = ['kcc', 'manager', 'admin'] as const;

/**
 * The one place that says who may use which route. Requests matching no rule are refused
 * (deny by default); a test checks every route the app registers is listed here.
 */
export const routeTable: readonly RouteRule[] = [
  { method: 'GET', path: '/', audience: 'public' },
  { method: 'GET', path: '/healthz', audience: 'public' },
  { method: 'GET', path: '/readyz', audience: 'public' },
  { method: 'GET', path: '/assets/*', audience: 'public' },
  { method: 'GET', path: '/privacy', audience: 'public' },
  { method: 'GET', path: '/toegankelijkheid', audience: 'public' },
  { method: 'GET', path: '/verbeteringen', audience: 'public' },
  { method: 'GET', path: '/resultaten', audience: 'public' },
  { method: 'GET', path: '/s/:token', audience: 'public' },
  { method: 'POST', path: '/s/:token', audience: 'public' },
  { method: 'GET', path: '/s/:token/terugbellen', audience: 'public' },
  { method: 'POST', path: '/s/:token/terugbellen', audience: 'public' },
  { method: 'GET', path: '/afmelden/:token', audience: 'public' },
  // "Bent u goed geholpen?" after a call-back request was closed.
  { method: 'GET', path: '/terugbellen/beoordelen/:token', audience: 'public' },
  { method: 'POST', path: '/terugbellen/beoordelen/:token', audience: 'public' },
  { method: 'POST', path: '/afmelden/:token', audience: 'public' },
  { method: 'POST', path: '/api/v1/events', audience: 'api' },
  { method: 'GET', path: '/api/v1/invitations/:code/qr.svg', audience: 'api' },
  // A letter's code typed in, leading to its survey.
  { method: 'GET', path: '/vragenlijst', audience: 'public' },
  { method: 'POST', path: '/vragenlijst', audience: 'public' },
  // Checks its own Authorization value (one per ZGW subscription).
  { method: 'POST', path: '/api/v1/zgw/notificaties', audience: 'api' },
  { method: 'GET', path: '/burgerpanel/bevestigen/:token', audience: 'public' },
  { method: 'POST', path: '/burgerpanel/bevestigen/:token', audience: 'public' },
  { method: 'GET', path: '/burgerpanel/afmelden/:token', audience: 'public' },
  { method: 'POST', path: '/burgerpanel/afmelden/:token', audience: 'public' },
  { method: 'GET', path: '/burgerpanel/verlengen/:token', audience: 'public' },
  { method: 'POST', path: '/burgerpanel/verlengen/:token', audience: 'public' },
  { method: 'GET', path: '/burgerpanel/onderzoek/:token', audience: 'public' },
  { method: 'POST', path: '/burgerpanel/onderzoek/:token', audience: 'public' },

  { method: 'GET', path: '/login', audience: 'public' },
  { method: 'POST', path: '/login', audience: 'public' },
  { method: 'GET', path: '/login/code', audience: 'signing-in' },
  { method: 'POST', path: '/login/code', audience: 'signing-in' },
  { method: 'POST', path: '/logout', audience: 'public' },
  { method: 'GET', path: '/setup/:token', audience: 'public' },
  { method: 'POST', path: '/setup/:token', audience: 'public' },

  { method: 'GET', path: '/account', audience: 'staff', duringEnrolment: true },
  { method: 'POST', path: '/account/two-factor', audience: 'staff', duringEnrolment: true },
  { method: 'POST', path: '/account/two-factor/confirm', audience: 'staff', duringEnrolment: true },
  { method: 'POST', path: '/account/recovery-codes', audience: 'staff' },
  { method: 'POST', path: '/account/password', audience: 'staff' },
  { method: 'POST', path: '/account/logout-everywhere', audience: 'staff', duringEnrolment: true },
  // The digest goes to those who may open the dashboard.
  { method: 'POST', path: '/account/samenvatting', audience: DASHBOARD },

  { method: 'GET', path: '/dashboard', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/export.csv', audience: DASHBOARD },
  // The coded answers per response and their codebook (audited).
  { method: 'GET', path: '/dashboard/export/antwoorden.csv', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/export/antwoorden.json', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/export/codeboek.csv', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/no-shows', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/no-shows/export.csv', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/verbeteracties', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/verbeteracties', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/verbeteracties/nieuw', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/verbeteracties/:id', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/verbeteracties/:id', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/klantreiskaart', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/drijfveren', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/themas', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/themas/opmerkingen', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/themas/codeboek', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/themas/codeboek', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/themas/codeboek/:id', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/themas/codeboek/:id', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/themas/codeboek/:id/verwijderen', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/samenvatting', audience: DASHBOARD },
  // Chain journeys (#24): partners of the chain only (others get the 404 page); views by a partner other than the coordinator are audited.
  { method: 'GET', path: '/dashboard/keten', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/keten/:slug', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/keten/:slug/kaart', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/keten/:slug/acties', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/keten/:slug/acties/:id', audience: DASHBOARD },
  { method: 'POST', path: '/dashboard/keten/:slug/acties/:id', audience: DASHBOARD },
  // Comparing like with like: heart lines of organisations that opted in, side by side (audited).
  { method: 'GET', path: '/dashboard/vergelijken', audience: DASHBOARD },
  { method: 'GET', path: '/dashboard/terugbellen', audience: CALLBACKS },
  { method: 'POST', path: '/dashboard/terugbellen/melding', audience: CALLBACKS },
  { method: 'GET', path: '/dashboard/terugbellen/:id', audience: CALLBACKS },
  { method: 'POST', path: '/dashboard/terugbellen/:id/contact', audience: CALLBACKS },
  { method: 'POST', path: '/dashboard/terugbellen/:id/oppakken', audience: CALLBACKS },
  { method: 'POST', path: '/dashboard/terugbellen/:id/poging', audience: CALLBACKS },
  { method: 'POST', path: '/dashboard/terugbellen/:id/afsluiten', audience: CALLBACKS },
  { method: 'GET', path: '/dashboard/afname', audience: ASSISTED },
  { method: 'POST', path: '/dashboard/afname', audience: ASSISTED },
  { method: 'POST', path: '/dashboard/afname/invullen', audience: ASSISTED },
  { method: 'GET', path: '/dashboard/afname/zaak', audience: ASSISTED },
  { method: 'POST', path: '/dashboard/afname/zaak', audience: ASSISTED },

  { method: 'GET', path: '/panel', audience: RESEARCH },
  { method: 'POST', path: '/panel/leden/:id/contact', audience: RESEARCH },
  { method: 'GET', path: '/panel/leden/:id/toestemming', audience: RESEARCH },
  { method: 'POST', path: '/panel/leden/:id/intrekken', audience: RESEARCH },
  { method: 'GET', path: '/panel/onderzoeken', audience: RESEARCH },
  { method: 'POST', path: '/panel/onderzoeken', audience: RESEARCH },
  { method: 'GET', path: '/panel/onderzoeken/:id', audience: RESEARCH },
  { method: 'POST', path: '/panel/onderzoeken/:id/uitnodigen', audience: RESEARCH },
  { method: 'POST', path: '/panel/onderzoeken/:id/deelnemers/:pid', audience: RESEARCH },
  { method: 'GET', path: '/panel/onderzoeken/:id/export.csv', audience: RESEARCH },

  { method: 'GET', path: '/admin', audience: ADMIN },
  { method: 'GET', path: '/admin/users', audience: ADMIN },
  { method: 'POST', path: '/admin/users', audience: ADMIN },
  { method: 'POST', path: '/admin/users/:id', audience: ADMIN },
  { method: 'GET', path: '/admin/api-keys', audience: ADMIN },
  { method: 'POST', path: '/admin/api-keys', audience: ADMIN },
  { method: 'POST', path: '/admin/api-keys/:id/revoke', audience: ADMIN },
  { method: 'GET', path: '/admin/appointments', audience: ADMIN },
  { method: 'POST', path: '/admin/appointments/import', audience: ADMIN },
  { method: 'GET', path: '/admin/appointments/import/:id', audience: ADMIN },
  { method: 'POST', path: '/admin/appointments/products', audience: ADMIN },
  { method: 'GET', path: '/admin/zgw', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/abonnementen', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/abonnementen/:id/intrekken', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/koppelingen', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/koppelingen/:id/verwijderen', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/notificaties/:id/opnieuw', audience: ADMIN },
  { method: 'POST', path: '/admin/zgw/nalopen', audience: ADMIN },
  // The journey designer.
  { method: 'GET', path: '/admin/organisaties', audience: ADMIN },
  { method: 'POST', path: '/admin/organisaties', audience: ADMIN },
  { method: 'GET', path: '/admin/organisaties/:id', audience: ADMIN },
  { method: 'POST', path: '/admin/organisaties/:id', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen/nieuw', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/import', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen/:id', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/keten', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen/:id/export.json', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen/:id/voorbeeld', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten', audience: ADMIN },
  { method: 'GET', path: '/admin/reizen/:id/contactmomenten/:touchpointId', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId/verplaatsen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId/archiveren', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId/terugzetten', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId/verwijderen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/contactmomenten/:touchpointId/vraag-verwijderen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/vragen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/vragen/:itemId/verplaatsen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/vragen/:itemId/niet-meer-vragen', audience: ADMIN },
  { method: 'POST', path: '/admin/reizen/:id/eigen-vragen', audience: ADMIN },
  { method: 'GET', path: '/admin/audit-log', audience: ADMIN },
  // Privacy: retention terms and runs, data-subject requests (search, export, erase).
  { method: 'GET', path: '/admin/privacy', audience: ADMIN },
  { method: 'POST', path: '/admin/privacy/opschonen', audience: ADMIN, hostingOnly: true },
  { method: 'GET', path: '/admin/privacy/verzoek', audience: ADMIN },
  { method: 'POST', path: '/admin/privacy/verzoek', audience: ADMIN },
  { method: 'POST', path: '/admin/privacy/verzoek/export', audience: ADMIN },
  { method: 'POST', path: '/admin/privacy/verzoek/wissen', audience: ADMIN },
  { method: 'GET', path: '/admin/uitgaande-mail', audience: ADMIN, hostingOnly: true },
  { method: 'POST', path: '/admin/uitgaande-mail/opnieuw', audience: ADMIN, hostingOnly: true },
  { method: 'GET', path: '/admin/mail', audience: ADMIN, hostingOnly: true },
  { method: 'POST', path: '/admin/mail/testmail', audience: ADMIN, hostingOnly: true },
  // Each organisation's own settings (an organisation that did not choose follows the hosting one's).
  { method: 'GET', path: '/admin/settings', audience: ADMIN },
  { method: 'POST', path: '/admin/settings', audience: ADMIN },
  { method: 'GET', path: '/mailbox', audience: ADMIN },
  { method: 'GET', path: '/mailbox/:id', audience: ADMIN },
  { method: 'GET', path: '/mailbox/:id/html', audience: ADMIN },
];

function compile(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => (segment === '*' ? '.+' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

const compiled = routeTable.map((rule) => ({ rule, regex: compile(rule.path) }));

/** The rule for a request; HEAD is treated as GET, as HTTP says. */
export function findRule(method: string, path: string): RouteRule | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  return compiled.find(({ rule, regex }) => rule.method === wanted && regex.test(path))?.rule;
}

export function allows(audience: Audience, role: Role): boolean {
  return audience === 'staff' || (Array.isArray(audience) && audience.includes(role));
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  if (role === 'admin') return '/admin';
  if (role === 'manager') return '/dashboard';
  if (role === 'kcc') return '/dashboard/terugbellen';
  return '/panel';
}
