import type { User } from '../../src/db/schema';
import type { MailSetupReport } from '../../src/mail-setup';
import { nl } from '../../src/texts';
import { AdminLayout } from '../admin/admin-layout';
import { SubmitRow } from '../components/button';
import { ErrorSummary, Notice, TextField } from '../components/form';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

export interface MailCheckPageProps {
  user: User;
  report: MailSetupReport;
  /** The test mail's address as typed (re-shown with its error). */
  address: string;
  addressError?: string;
  /** The test mail just queued, with its state in the outbox. */
  testMail?: { id: number; status: 'queued' | 'sent' | 'failed' | 'cancelled'; lastError: string | null };
}

const t = nl.mailCheck;
const noticeKind = { ok: 'ok', warning: 'warning', error: 'error' } as const;

/** GET /admin/mail: SPF, DKIM, DMARC and the SMTP login, each explained, and the test mail form. */
export function MailCheckPage(props: MailCheckPageProps) {
  const { report } = props;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/mail" hasErrors={Boolean(props.addressError)}>
      {props.addressError ? <ErrorSummary errors={{ adres: props.addressError }} /> : null}
      {props.testMail ? (
        <Notice kind={props.testMail.status === 'failed' ? 'error' : props.testMail.status === 'sent' ? 'ok' : 'info'}>
          {props.testMail.status === 'queued' && props.testMail.lastError === null
            ? t.testQueued(props.testMail.id)
            : t.testStatus(props.testMail.id, `${nl.outboxAdmin.statuses[props.testMail.status]}${props.testMail.lastError ? ` (${props.testMail.lastError})` : ''}`)}
        </Notice>
      ) : null}
      <p class="utrecht-paragraph">{t.intro(report.domain)}</p>

      <Section id="uitkomst" title={t.resultsTitle}>
        <DataTable caption={t.resultsCaption} columns={[t.columns.part, t.columns.status]}>
          {report.items.map((item) => (
            <TableRow data-check={item.part} data-status={item.status}>
              <TableHeaderCell scope="row">
                <a class="utrecht-link" href={`#controle-${item.part}`}>
                  {t.parts[item.part]}
                </a>
              </TableHeaderCell>
              <TableCell>{t.statuses[item.status]}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      </Section>

      {report.items.map((item) => {
        const explanation = t.explain(item);
        const record = 'record' in item ? item.record : undefined;
        return (
          <Section id={`controle-${item.part}-titel`} sectionId={`controle-${item.part}`} title={t.parts[item.part]}>
            <Notice kind={noticeKind[item.status]}>
              <strong>{t.statuses[item.status]}:</strong> {explanation.summary}
            </Notice>
            <p class="utrecht-paragraph">
              <strong>{t.columns.advice}</strong> {explanation.advice || t.nothingToDo}
            </p>
            {record ? (
              <dl class="mh-mail-meta">
                <dt>{t.found}</dt>
                <dd>
                  <code>{record}</code>
                </dd>
              </dl>
            ) : null}
          </Section>
        );
      })}

      <Section id="testmail" title={t.testTitle}>
        <p class="utrecht-paragraph">{t.testIntro}</p>
        <form method="post" action="/admin/mail/testmail" novalidate>
          <TextField name="adres" type="email" label={t.testAddress} hint={t.testAddressHint} value={props.address} error={props.addressError} autocomplete="email" required maxlength={254} />
          <SubmitRow label={t.testButton} />
        </form>
      </Section>
    </AdminLayout>
  );
}
