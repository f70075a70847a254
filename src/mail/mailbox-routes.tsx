import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { MailboxList, MailView } from '../../views/mailbox/mailbox-pages';
import { MessagePage } from '../../views/layout';
import type { Db } from '../db/client';
import { renderPage } from '../http/render';
import { nl } from '../texts';
import { findMail, listMailbox } from './mailbox';

/**
 * The embedded mailbox (only when no SMTP server is configured): sent mails readable in the
 * browser, for admins only (see the route table).
 */
export function mailboxRoutes({ db, organisation }: { db: Db; organisation: string }) {
  const app = new Hono();
  const idParam = z.coerce.number().int().positive();

  app.get('/', (c) => renderPage(c, <MailboxList organisation={organisation} mails={listMailbox(db)} />));

  const mailFrom = (c: Context) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? findMail(db, id.data) : undefined;
  };

  app.get('/:id', (c) => {
    const mail = mailFrom(c);
    if (!mail) return c.notFound();
    return renderPage(c, <MailView organisation={organisation} mail={mail} />);
  });

  // The HTML part in a sandboxed frame: its inline styles are allowed, scripts and forms are not.
  app.get('/:id/html', (c) => {
    const mail = mailFrom(c);
    if (!mail?.htmlBody) return c.notFound();
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-top-navigation-by-user-activation; frame-ancestors 'self'");
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(mail.htmlBody);
  });

  return app;
}
