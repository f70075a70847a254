import type { OutboxMail } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { Layout } from '../layout';
import { LinkParagraph } from '../components/page-parts';
import { DataTable, TableCell, TableRow } from '../components/table';

type MailSummary = Pick<OutboxMail, 'id' | 'toAddress' | 'subject' | 'status' | 'dueAt' | 'sentAt'>;

export function MailboxList({ mails }: { mails: MailSummary[] }) {
  return (
    <Layout title={nl.mailbox.title}>
      <h1 class="utrecht-heading-1">{nl.mailbox.title}</h1>
      <p class="utrecht-paragraph">{nl.mailbox.intro}</p>
      {mails.length === 0 ? (
        <p class="utrecht-paragraph">{nl.mailbox.empty}</p>
      ) : (
        <DataTable caption={`${mails.length} e-mails, nieuwste eerst`} columns={[nl.mailbox.columns.sentAt, nl.mailbox.columns.to, nl.mailbox.columns.subject, nl.mailbox.columns.status]}>
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
        </DataTable>
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
      <LinkParagraph href="/mailbox">{nl.mailbox.back}</LinkParagraph>
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
