import type { User } from '../../src/db/schema';
import type { OutboxOverview } from '../../src/mail/outbox-admin';
import { formatDateTime, formatNumber, nl } from '../../src/texts';
import { ActionButton } from '../components/button';
import { Notice } from '../components/form';
import { AdminLayout } from '../admin/admin-layout';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

export interface OutboxPageProps {
  user: User;
  overview: OutboxOverview;
  now: Date;
  /** No SMTP server: mails go to the embedded mailbox. */
  mailbox: boolean;
  /** Minutes after which a waiting mail means the worker is not sending (as /readyz). */
  stuckAfterMinutes: number;
  notice?: string;
}

const t = nl.outboxAdmin;

/** GET /admin/uitgaande-mail: the outbox backlog and failures, without bodies or addresses. */
export function OutboxPage(props: OutboxPageProps) {
  const { overview, now } = props;
  const waitingMinutes = overview.oldestDueAt ? Math.floor((now.getTime() - overview.oldestDueAt.getTime()) / 60_000) : 0;
  const rows: { key: string; label: string; count: number }[] = [
    { key: 'due-now', label: t.dueNow, count: overview.dueNow },
    { key: 'retrying', label: t.retrying, count: overview.retrying },
    { key: 'planned', label: t.planned, count: overview.planned },
    { key: 'sent', label: t.sent, count: overview.counts.sent },
    { key: 'failed', label: t.failed, count: overview.counts.failed },
    { key: 'cancelled', label: t.cancelled, count: overview.counts.cancelled },
    { key: 'bounced-hard', label: t.bouncedHard, count: overview.bounced.hard },
    { key: 'bounced-soft', label: t.bouncedSoft, count: overview.bounced.soft },
  ];
  const columns = t.problemColumns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/uitgaande-mail">
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {overview.oldestDueAt && waitingMinutes >= props.stuckAfterMinutes ? <Notice kind="warning">{t.stuck(props.stuckAfterMinutes)}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      {props.mailbox ? <p class="utrecht-paragraph">{t.mailboxMode}</p> : null}

      <Section id="wachtrij" title={t.countsTitle}>
        <DataTable
          caption={t.countsCaption}
          columns={[t.columns.what, { label: t.columns.count, kind: 'numeric' }]}
        >
          {rows.map((row) => (
            <TableRow>
              <TableHeaderCell scope="row">
                {row.label}
              </TableHeaderCell>
              <TableCell kind="numeric" data-count={row.key}>
                {formatNumber(row.count, 0)}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
        <dl class="mh-mail-meta">
          <dt>{t.oldestDue}</dt>
          <dd>{overview.oldestDueAt ? t.oldestDueValue(formatDateTime(overview.oldestDueAt), waitingMinutes) : t.nothingWaiting}</dd>
          <dt>{t.nextAttempt}</dt>
          <dd>
            {overview.nextAttemptAt
              ? overview.nextAttemptAt.getTime() <= now.getTime()
                ? t.now
                : formatDateTime(overview.nextAttemptAt)
              : t.noNextAttempt}
          </dd>
        </dl>
      </Section>

      <Section id="fouten" title={t.problemsTitle}>
        <p class="utrecht-paragraph">{t.problemsIntro}</p>
        {overview.problems.length === 0 ? (
          <p class="utrecht-paragraph">{t.noProblems}</p>
        ) : (
          <DataTable
            caption={t.problemsCaption(overview.problems.length)}
            columns={[columns.id, columns.kind, columns.to, columns.status, columns.attempts, columns.next, columns.error]}
          >
            {overview.problems.map((problem) => (
              <TableRow>
                <TableHeaderCell scope="row">{`#${problem.id}`}</TableHeaderCell>
                <TableCell>{t.kinds[problem.kind] ?? problem.kind}</TableCell>
                <TableCell>{problem.to}</TableCell>
                <TableCell data-bounce={problem.bounce?.kind}>
                  {problem.bounce ? t.bounce[problem.bounce.kind](problem.bounce.status) : (t.statuses[problem.status] ?? problem.status)}
                </TableCell>
                <TableCell>{formatNumber(problem.attempts, 0)}</TableCell>
                <TableCell>{problem.nextAttemptAt ? formatDateTime(problem.nextAttemptAt) : '–'}</TableCell>
                <TableCell>
                  <code>{problem.lastError}</code>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </Section>

      <Section id="opnieuw" title={t.retryTitle}>
        {overview.counts.failed === 0 ? (
          <p class="utrecht-paragraph">{t.retryNone}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t.retryIntro}</p>
            <ActionButton action="/admin/uitgaande-mail/opnieuw" label={t.retryButton} variant="primary" />
          </>
        )}
      </Section>
    </AdminLayout>
  );
}
