import { MailboxList, MailView } from '../../views/mail/mailbox-pages';
import type { AppDeps } from '../app';
import { idParam } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { findMail, listMailbox } from './mailbox';

/**
 * The embedded mailbox (only when no SMTP server is configured): sent mails readable in the
 * browser, for admins only (see the route table).
 */
export function mailboxRoutes({ db, config }: Pick<AppDeps, 'db' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => c.render(<MailboxList mails={listMailbox(db)} />));

  const mailFrom = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findMail(db, id);
  };

  app.get('/:id', (c) => {
    const mail = mailFrom(c);
    if (!mail) return c.var.notFound();
    return c.render(<MailView mail={mail} />);
  });

  // The HTML part in a sandboxed frame: its inline styles are allowed, scripts and forms are not.
  app.get('/:id/html', (c) => {
    const mail = mailFrom(c);
    if (!mail?.htmlBody) return c.var.notFound();
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-top-navigation-by-user-activation; frame-ancestors 'self'");
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(mail.htmlBody);
  });

  return app;
}
