import type { OutboxMail } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { Layout } from '../layout';
import { TableCell, TableHeaderCell, TableRow } from '../components/table';

type MailSummary = Pick<OutboxMail, 'id' | 'toAddress' | 'subject' | 'status' | 'dueAt' | 'sentAt'>;

export function MailboxList({ mails }: { mails: MailSummary[] }) {
  return (
    <Layout title={nl.mailbox.title}>
      <h1 class="utrecht-heading-1">{nl.mailbox.title}</h1>
      <p class="utrecht-paragraph">{nl.mailbox.intro}</p>
      {mails.length === 0 ? (
        <p class="utrecht-paragraph">{nl.mailbox.empty}</p>
      ) : (
        <div class="utrecht-table-container--overflow-inline">
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">{`${mails.length} e-mails, nieuwste eerst`}</caption>
            <thead class="utrecht-table__header">
              <TableRow>
                <TableHeaderCell scope="col">{nl.mailbox.columns.sentAt}</TableHeaderCell>
                <TableHeaderCell scope="col">{nl.mailbox.columns.to}</TableHeaderCell>
                <TableHeaderCell scope="col">{nl.mailbox.columns.subject}</TableHeaderCell>
                <TableHeaderCell scope="col">{nl.mailbox.columns.status}</TableHeaderCell>
              </TableRow>
            </thead>
            <tbody class="utrecht-table__body">
              {mails.map((mail) => (
                <TableRow>
                  <TableCell>{formatDateTime(mail.sentAt ?? mail.dueAt)}</TableCell>
                  <TableCell>{mail.toAddress}</TableCell>
                  <TableCell>
                    <a class="utrecht-link" href={`/mailbox/${mail.id}`}>
                      {mail.subject}
                    </a>
                  </TableCell>
                  <TableCell>{nl.mailbox.statuses[mail.status]}</TableCell>
                </TableRow>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
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

export function MailView({ mail }: { mail: OutboxMail }) {
  return (
    <Layout title={mail.subject}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/mailbox">
          {nl.mailbox.back}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{mail.subject}</h1>
      <dl class="mh-mail-meta">
        <dt>{nl.mailbox.columns.to}</dt>
        <dd>{mail.toAddress}</dd>
        <dt>{nl.mailbox.columns.sentAt}</dt>
        <dd>{formatDateTime(mail.sentAt ?? mail.dueAt)}</dd>
        <dt>{nl.mailbox.columns.status}</dt>
        <dd>{nl.mailbox.statuses[mail.status]}</dd>
        <dt>Message-ID</dt>
        <dd>{mail.messageId}</dd>
      </dl>
      <h2 class="utrecht-heading-2">{nl.mailbox.textVersion}</h2>
      <div class="mh-mail">{linkify(mail.textBody ?? '')}</div>
      {mail.htmlBody ? (
        <>
          <h2 class="utrecht-heading-2">{nl.mailbox.htmlVersion}</h2>
          <iframe class="mh-mail-frame" title={nl.mailbox.htmlVersion} src={`/mailbox/${mail.id}/html`} />
        </>
      ) : null}
    </Layout>
  );
}
