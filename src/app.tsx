import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { MessagePage } from '../views/layout';
import { HomePage } from '../views/home-page';
import { mailTemplates } from '../views/mail';
import { actionRoutes, improvementRoutes } from './actions/routes';
import { adminRoutes } from './admin/routes';
import { callbackRoutes, recoveryRoutes } from './callbacks/routes';
import { chainRoutes, comparisonRoutes } from './chain/routes';
import { openCallbackCount } from './callbacks/nav-count';
import { accountRoutes } from './auth/account-routes';
import { authorize } from './auth/middleware';
import { authRoutes } from './auth/routes';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/client';
import { dashboardRoutes } from './dashboard/routes';
import { digestRoutes } from './digest/routes';
import { driverRoutes } from './insight/drivers-routes';
import { itemExportRoutes } from './items/export-routes';
import { journeyMapRoutes } from './journey-map/routes';
import { startJourneyCache } from './journeys/journey-cache';
import { themeRoutes } from './insight/theme-routes';
import { noShowRoutes } from './noshows/routes';
import { eventRoutes, invitationApiRoutes } from './events/routes';
import type { AppEnv } from './http/env';
import { problem } from './http/problem';
import { databaseUnavailable } from './db/unavailable';
import { checkReadiness } from './health/readiness';
import type { JobStatus } from './jobs/poller';
import type { MailTemplates } from './mail-templates';
import { pageRenderer } from './http/render';
import { findOrganisation } from './organisations/organisations';
import { isUnreadableForm } from './http/unreadable-form';
import { staticAssets } from './http/static-assets';
import { optOutRoutes } from './invitations/opt-out-routes';
import { mailboxRoutes } from './mail/mailbox-routes';
import { outboxAdminRoutes } from './mail/outbox-admin-routes';
import { mailCheckRoutes } from './mail/setup-check-routes';
import type { DnsResolver } from './mail/setup-check';
import { appointmentAdminRoutes } from './noshows/admin-routes';
import { journeyDesignerRoutes } from './journeys/designer-routes';
import { privacyAdminRoutes } from './privacy/routes';
import { organisationAdminRoutes } from './organisations/routes';
import { publicResultsRoutes } from './public-results/routes';
import { statementRoutes } from './statements/routes';
import { surveyRoutes } from './survey/routes';
import { assistedRoutes } from './survey/assisted-routes';
import { letterCodeRoutes } from './survey/letter-code-routes';
import { citizenPanelRoutes, researcherPanelRoutes } from './panel/routes';
import { maskPersonalData } from './mask';
import { nl } from './texts';
import { zgwAdminRoutes } from './zgw/admin-routes';
import { zgwWebhookRoutes } from './zgw/webhook-routes';

export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  addressHashKey: string;
  /** Encrypts stored second-factor secrets. */
  dataKey: string;
  /** Whether the embedded mailbox is in use (no SMTP_URL). */
  mailbox: boolean;
  /** Called after a request queued mail, so the worker sends it without waiting for its next poll. */
  onMailQueued?: () => void;
  /** Called after the ZGW webhook stored a notification (or an admin requeued one), to wake the ZGW worker. */
  onZgwNotification?: () => void;
  log?: (message: string, error?: unknown) => void;
  /** The background jobs of this process, for /readyz (absent when the app runs without them). */
  jobs?: { statuses(): JobStatus[] };
  /** The mail templates domain code renders with (src/mail-templates.ts). */
  mail: MailTemplates;
  /** DNS for the mail set-up check (/admin/mail); the system's by default, a local one in tests. */
  dnsResolver?: DnsResolver;
}

/** What createApp is given: the mail templates default to the real ones in views/mail. */
export type AppOptions = Omit<AppDeps, 'mail'> & { mail?: MailTemplates };

export function createApp(options: AppOptions) {
  const deps: AppDeps = { ...options, mail: options.mail ?? mailTemplates };
  const { db, config, clock } = deps;
  const app = new Hono<AppEnv>();
  startJourneyCache(db);

  // First, so that every answer after it, errors included, can render a page.
  /** Middleware for pages only: the API answers other servers with small JSON documents. */
  const pagesOnly = (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> => (c, next) =>
    c.req.path.startsWith('/api/') ? next() : middleware(c, next);
  app.use('*', pagesOnly(pageRenderer(config.ORGANISATION_NAME, (id) => findOrganisation(db, id)?.name)));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // Survey links carry a token: never send them to another site as a referrer.
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: config.PUBLIC_URL.startsWith('https:') ? 'max-age=31536000' : false,
      overwrite: false,
    }),
  );
  const compressing = compress();
  app.use(
    '*',
    pagesOnly((c, next) => {
      // Said before the answer is made; compress would add it afterwards, and hono then rebuilds the
      // whole response, about 60 µs of every page even when the client takes no compression.
      c.header('Vary', 'Accept-Encoding');
      return compressing(c, next);
    }),
  );
  app.use('*', authorize({ db, clock, config }));
  app.use('*', pagesOnly(openCallbackCount(db)));
  app.use('/s/*', async (c, next) => {
    // Before the answer exists, so it is made with the header: set afterwards, hono rebuilds the whole response.
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const readiness = checkReadiness({ db, clock, jobs: deps.jobs?.statuses() });
    c.header('Cache-Control', 'no-store');
    return c.json({ status: readiness.ready ? 'ready' : 'not-ready', failing: readiness.failing, checks: readiness.checks }, readiness.ready ? 200 : 503);
  });
  app.route('/', staticAssets());
  app.get('/', (c) => c.render(<HomePage mailbox={deps.mailbox} />));
  app.route('/', improvementRoutes(deps));
  app.route('/', publicResultsRoutes(deps));
  app.route('/', statementRoutes(deps));
  app.route('/api/v1/events', eventRoutes(deps));
  app.route('/api/v1/invitations', invitationApiRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/account', accountRoutes(deps));
  app.route('/dashboard/no-shows', noShowRoutes(deps));
  app.route('/dashboard/klantreiskaart', journeyMapRoutes(deps));
  app.route('/dashboard/themas', themeRoutes(deps));
  app.route('/dashboard/verbeteracties', actionRoutes(deps));
  app.route('/dashboard/samenvatting', digestRoutes(deps));
  app.route('/dashboard/drijfveren', driverRoutes(deps));
  app.route('/dashboard/terugbellen', callbackRoutes(deps));
  app.route('/dashboard/afname', assistedRoutes(deps));
  app.route('/dashboard/export', itemExportRoutes(deps));
  app.route('/dashboard/keten', chainRoutes(deps));
  app.route('/dashboard/vergelijken', comparisonRoutes(deps));
  app.route('/dashboard', dashboardRoutes(deps));
  app.route('/admin/appointments', appointmentAdminRoutes(deps));
  // ZGW: notifications from Open Notificaties (Open Zaak, Open Klant), and their admin page.
  // The callback URL works with and without a trailing slash (a habit from Django-based ZGW components).
  const zgwWebhook = zgwWebhookRoutes(deps);
  app.route('/api/v1/zgw/notificaties', zgwWebhook);
  app.route('/api/v1/zgw/notificaties/', zgwWebhook);
  app.route('/admin/zgw', zgwAdminRoutes(deps));
  app.route('/admin/reizen', journeyDesignerRoutes(deps));
  app.route('/admin/organisaties', organisationAdminRoutes(deps));
  app.route('/admin/privacy', privacyAdminRoutes(deps));
  app.route('/admin/uitgaande-mail', outboxAdminRoutes(deps));
  app.route('/admin/mail', mailCheckRoutes(deps));
  app.route('/admin', adminRoutes(deps));
  app.route('/s', surveyRoutes(deps));
  app.route('/vragenlijst', letterCodeRoutes(deps));
  // Consent panel: citizens' links from panel mails, and the researchers' workspace.
  app.route('/burgerpanel', citizenPanelRoutes(deps));
  app.route('/panel', researcherPanelRoutes(deps));
  app.route('/afmelden', optOutRoutes(deps));
  app.route('/terugbellen', recoveryRoutes(deps));
  if (deps.mailbox) app.route('/mailbox', mailboxRoutes(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return problem(c, 404, 'Not Found');
    return c.render(<MessagePage title={nl.errors.notFoundTitle} paragraphs={[nl.errors.notFoundBody]} />, { status: 404 });
  });
  app.onError(async (error, c) => {
    // A malformed form body (a multipart post without its boundary, cut off) is the client's error.
    if (await isUnreadableForm(c, error)) {
      if (c.req.path.startsWith('/api/')) return problem(c, 400, 'Unreadable form body', 'The form body could not be parsed.');
      return c.render(<MessagePage title={nl.errors.unreadableFormTitle} paragraphs={[nl.errors.unreadableFormBody]} />, { status: 400 });
    }
    // The database is busy, full or failing: nothing was stored; the same request can succeed later.
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      deps.log?.(`${c.req.method} ${c.req.path}: database unavailable (${unavailable.code}), answered 503`);
      c.header('Retry-After', String(unavailable.retryAfterSeconds));
      if (c.req.path.startsWith('/api/')) {
        return problem(c, 503, 'Service Unavailable', `The database is temporarily unavailable (${unavailable.kind}); nothing was stored. Retry after ${unavailable.retryAfterSeconds} s.`);
      }
      return c.render(<MessagePage title={nl.errors.unavailableTitle} paragraphs={[nl.errors.unavailableBody, nl.errors.unavailableRetry]} />, { status: 503 });
    }
    // drizzle's query errors carry the query's parameters, which can be a citizen's address or words.
    deps.log?.(`${c.req.method} ${c.req.path} failed — ${maskPersonalData(error.stack ?? error.message)}`);
    if (c.req.path.startsWith('/api/')) return problem(c, 500, 'Internal Server Error');
    return c.render(<MessagePage title={nl.errors.serverErrorTitle} paragraphs={[nl.errors.serverErrorBody]} />, { status: 500 });
  });

  return app;
}
