import { Hono } from 'hono';
import { OutboxPage } from '../../views/admin/outbox-page';
import { audit } from '../audit/audit-log';
import { actorOf } from '../auth/routes';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { AppEnv } from '../http/env';
import { renderPage } from '../http/render';
import { noStore } from '../http/staff-pages';
import { nl } from '../texts';
import { OUTBOX_OVERDUE_MS, outboxOverview, retryFailedMails } from './outbox-admin';

export interface OutboxAdminDeps {
  db: Db;
  clock: Clock;
  config: Config;
  onMailQueued?: () => void;
}

/** /admin/uitgaande-mail (admins): the outbox backlog and failures, and "retry failed now". */
export function outboxAdminRoutes({ db, clock, config, onMailQueued }: OutboxAdminDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', noStore);

  app.get('/', (c) => {
    const now = clock.now();
    const requeued = /^\d{1,9}$/.test(c.req.query('opnieuw') ?? '') ? Number(c.req.query('opnieuw')) : undefined;
    const cancelled = /^\d{1,9}$/.test(c.req.query('geannuleerd') ?? '') ? Number(c.req.query('geannuleerd')) : 0;
    return renderPage(
      c,
      <OutboxPage
        organisation={config.ORGANISATION_NAME}
        user={c.get('user')!}
        overview={outboxOverview(db, now)}
        now={now}
        mailbox={!config.SMTP_URL}
        stuckAfterMinutes={OUTBOX_OVERDUE_MS / 60_000}
        notice={requeued === undefined ? undefined : nl.outboxAdmin.retried(requeued, cancelled)}
      />,
    );
  });

  app.post('/opnieuw', (c) => {
    const now = clock.now();
    const result = retryFailedMails(db, now);
    audit(db, now, {
      action: 'outbox.failed-retried',
      object: 'outbox',
      result: 'success',
      origin: c.get('clientAddress'),
      actor: actorOf(c.get('user')!),
      details: result,
    });
    if (result.requeued > 0) onMailQueued?.();
    return c.redirect(`/admin/uitgaande-mail?opnieuw=${result.requeued}&geannuleerd=${result.cancelled}`, 303);
  });

  return app;
}
