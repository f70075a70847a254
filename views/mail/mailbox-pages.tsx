import type { OutboxMail, User } from '../../src/db/schema';
import type { MailboxRow } from '../../src/mail/mailbox';
import type { MailboxQuery, MailKind } from '../../src/mail/mailbox-query';
import { formatDateTime, formatNumber, nl } from '../../src/texts';
import { AdminLayout } from '../admin/admin-layout';
import { Button, ButtonGroup, ButtonLink } from '../components/button';
import { ErrorSummary, SelectField, TextField } from '../components/form';
import { LinkParagraph, Pagination, Section } from '../components/page-parts';
import { DataTable, TableCell, TableRow } from '../components/table';

const t = nl.mailbox;
const count = (value: number) => formatNumber(value, 0);

export interface MailboxListProps {
  user: Pick<User, 'email' | 'role' | 'organisationId'>;
  query: Pick<MailboxQuery, 'values' | 'errors'>;
  /** The kinds of mail the mailbox holds, for the filter. */
  kinds: MailKind[];
  mails: MailboxRow[];
  /** Mails matching the filter, on all pages. */
  total: number;
  /** Mails in the mailbox, whatever the filter (tells "no mails yet" from "none match"). */
  all: number;
  page: number;
  pages: number;
  /** Number of the first mail on this page (1-based). */
  firstRow: number;
  previousHref?: string;
  nextHref?: string;
}

function MailboxFilters(props: Pick<MailboxListProps, 'query' | 'kinds'>) {
  const { values, errors } = props.query;
  const kinds = props.kinds.map((kind) => ({ value: kind, label: nl.outboxAdmin.kinds[kind] }));
  return (
    <Section id="zoeken" title={t.filterTitle}>
      <ErrorSummary errors={errors} targets={{ pagina: 'soort' }} />
      <form method="get" action="/mailbox" novalidate>
        <div class="mh-filter-grid">
          <SelectField name="soort" label={t.kind} value={values.soort} options={[{ value: '', label: t.allKinds }, ...kinds]} error={errors.soort} />
          <TextField name="zoek" label={t.search} type="search" value={values.zoek} error={errors.zoek} autocomplete="off" />
        </div>
        <ButtonGroup>
          <Button variant="secondary">{t.apply}</Button>
          {values.soort || values.zoek ? (
            <ButtonLink href="/mailbox" variant="subtle">
              {t.showAll}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      </form>
    </Section>
  );
}

/** GET /mailbox: the kept mails, newest first, 25 a page, with a filter on kind and a search. */
export function MailboxList(props: MailboxListProps) {
  const hasErrors = Object.values(props.query.errors).some(Boolean);
  const lastRow = props.firstRow + props.mails.length - 1;
  return (
    <AdminLayout user={props.user} title={t.title} current="/mailbox" hasErrors={hasErrors}>
      <p class="utrecht-paragraph">{t.intro}</p>
      {props.all === 0 ? (
        <p class="utrecht-paragraph" role="status">
          {t.empty}
        </p>
      ) : (
        <>
          <MailboxFilters query={props.query} kinds={props.kinds} />
          {hasErrors ? null : props.mails.length === 0 ? (
            <p class="utrecht-paragraph" role="status">
              {t.noMatch}
            </p>
          ) : (
            <DataTable caption={t.caption(count(props.firstRow), count(lastRow), count(props.total))} columns={[t.columns.sentAt, t.columns.mail, t.columns.kindStatus]}>
              {props.mails.map((mail) => (
                <TableRow>
                  <TableCell>{formatDateTime(mail.at)}</TableCell>
                  <TableCell>
                    <a class="utrecht-link" href={`/mailbox/${mail.id}`}>
                      {mail.subject}
                    </a>
                    <br />
                    <span class="mh-muted mh-break-anywhere">{mail.toAddress ? t.to(mail.toAddress) : t.erased}</span>
                  </TableCell>
                  <TableCell>
                    {nl.outboxAdmin.kinds[mail.kind]}
                    <br />
                    <span class="mh-muted">{t.statuses[mail.status]}</span>
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          )}
          {props.pages > 1 && !hasErrors ? (
            <Pagination
              label={t.paginationLabel}
              status={t.page(count(props.page), count(props.pages))}
              previous={props.previousHref ? { href: props.previousHref, label: t.previous } : undefined}
              next={props.nextHref ? { href: props.nextHref, label: t.next } : undefined}
            />
          ) : null}
        </>
      )}
    </AdminLayout>
  );
}

/** Splits plain text into text and links, so the survey link in a mail can be clicked. */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part) =>
    /^https?:\/\//.test(part) ? (
      <a class="utrecht-link" href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** One mail; `at` is when it reached the mailbox, as the list shows it. */
export function MailView({ user, mail, at }: { user: Pick<User, 'email' | 'role' | 'organisationId'>; mail: OutboxMail; at: Date }) {
  return (
    <AdminLayout user={user} title={mail.subject} current="/mailbox">
      <LinkParagraph href="/mailbox">{t.back}</LinkParagraph>
      <dl class="mh-mail-meta">
        <dt>{t.columns.to}</dt>
        <dd>{mail.toAddress || t.erased}</dd>
        <dt>{t.columns.kind}</dt>
        <dd>{nl.outboxAdmin.kinds[mail.kind]}</dd>
        <dt>{t.columns.sentAt}</dt>
        <dd>{formatDateTime(at)}</dd>
        <dt>{t.columns.status}</dt>
        <dd>{t.statuses[mail.status]}</dd>
        <dt>Message-ID</dt>
        <dd>{mail.messageId}</dd>
      </dl>
      <h2 class="utrecht-heading-2">{t.textVersion}</h2>
      {/* A reminder is rendered by the outbox worker when it is sent (src/invitations/invitations.ts). */}
      {mail.status === 'queued' && mail.textBody === null ? <p class="utrecht-paragraph">{t.writtenWhenSent}</p> : <div class="mh-mail">{linkify(mail.textBody ?? '')}</div>}
      {mail.htmlBody ? (
        <>
          <h2 class="utrecht-heading-2">{t.htmlVersion}</h2>
          <iframe class="mh-mail-frame" title={t.htmlVersion} src={`/mailbox/${mail.id}/html`} />
        </>
      ) : null}
    </AdminLayout>
  );
}
