import { OutboxPage } from '../../views/mail/outbox-page';
import type { AppDeps } from '../app';
import { OUTBOX_OVERDUE_MS } from './retry';
import { idParam } from '../http/params';
import { staffRouter } from '../http/staff';
import { nl } from '../texts';
import { outboxOverview, retryFailedMails } from './outbox-admin';

/** /admin/uitgaande-mail (admins): the outbox backlog and failures, and "retry failed now". */
export function outboxAdminRoutes({ db, clock, config, onMailQueued }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'onMailQueued'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const now = clock.now();
    const requeued = idParam(c.req.query('opnieuw'));
    const cancelled = idParam(c.req.query('geannuleerd')) ?? 0;
    return c.render(
      <OutboxPage
        user={c.var.user}
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
    c.var.audit({ action: 'outbox.failed-retried', object: 'outbox', result: 'success', details: result });
    if (result.requeued > 0) onMailQueued?.();
    return c.redirect(`/admin/uitgaande-mail?opnieuw=${result.requeued}&geannuleerd=${result.cancelled}`, 303);
  });

  return app;
}
