import { MailboxList, MailView } from '../../views/mail/mailbox-pages';
import type { AppDeps } from '../app';
import { idParam } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { countMailbox, findMail, listMailbox, mailboxKinds, mailTime } from './mailbox';
import { MAILBOX_PAGE_SIZE, mailboxHref, parseMailboxQuery } from './mailbox-query';

/**
 * The embedded mailbox (only when no SMTP server is configured): sent mails readable in the
 * browser, for admins only (see the route table), each organisation's admins its own mail.
 */
export function mailboxRoutes({ db, config }: Pick<AppDeps, 'db' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const query = parseMailboxQuery(c.req.query());
    const organisationId = c.var.user.organisationId;
    const filter = { ...query.filter, organisationId };
    const invalid = Object.keys(query.errors).length > 0;
    const total = invalid ? 0 : countMailbox(db, filter);
    const pages = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
    // A page past the end (the list shrank, or a typed address) shows the last one.
    const page = Math.min(query.page, pages);
    const mails = invalid ? [] : listMailbox(db, MAILBOX_PAGE_SIZE, filter, (page - 1) * MAILBOX_PAGE_SIZE);
    return c.render(
      <MailboxList
        user={c.var.user}
        query={query}
        kinds={mailboxKinds(db, organisationId)}
        mails={mails}
        total={total}
        all={countMailbox(db, { organisationId })}
        page={page}
        pages={pages}
        firstRow={(page - 1) * MAILBOX_PAGE_SIZE + 1}
        previousHref={page > 1 ? mailboxHref(query.values, page - 1) : undefined}
        nextHref={page < pages ? mailboxHref(query.values, page + 1) : undefined}
      />,
      { status: invalid ? 422 : 200 },
    );
  });

  const mailFrom = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findMail(db, id, c.var.user.organisationId);
  };

  app.get('/:id', (c) => {
    const mail = mailFrom(c);
    if (!mail) return c.var.notFound();
    return c.render(<MailView user={c.var.user} mail={mail} at={mailTime(mail)} />);
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
