import type { Norm, StatusFilter, WorkListItem } from '../../src/callbacks/work-list';
import type { User } from '../../src/db/schema';
import { formatPercent, nl } from '../../src/texts';
import { ActionButton, SubmitRow } from '../components/button';
import { Notice, Select } from '../components/form';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { NormText } from './norm-text';

const t = nl.callbacksKcc;

export interface WorkListProps {
  user: Pick<User, 'email' | 'role'>;
  now: Date;
  filter: { who: 'all' | 'mine'; status: StatusFilter };
  /** Each with where it stands against the service norm now. */
  items: (WorkListItem & { norm: Norm })[];
  /** Share of recovery answers 4 or 5; undefined below the minimum group size. */
  recovery?: { share: number; answered: number };
  subscribed: boolean;
  notice?: string;
}

/** /dashboard/terugbellen: the KCC's work list, oldest due first. */
export function WorkListPage(props: WorkListProps) {
  const c = t.list.columns;
  return (
    <DashboardLayout title={t.list.title} heading={t.list.title} user={props.user} current="terugbellen">
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.list.intro}</p>
      <p class="utrecht-paragraph" data-hook="recovery">
        {props.recovery ? t.list.recovery(formatPercent(props.recovery.share), props.recovery.answered) : t.list.recoveryTooFew}
      </p>
      <form method="get" action="/dashboard/terugbellen" class="mh-filters" aria-label={t.list.filterLegend}>
        <Select name="wie" label={t.list.whoLabel} value={props.filter.who} options={[{ value: 'all', label: t.list.who.all }, { value: 'mine', label: t.list.who.mine }]} />
        <Select name="status" label={t.list.statusLabel} value={props.filter.status} options={(Object.keys(t.list.statusFilter) as StatusFilter[]).map((status) => ({ value: status, label: t.list.statusFilter[status] }))} />
        <SubmitRow label={t.list.apply} variant="secondary" />
      </form>
      {props.items.length === 0 ? (
        <p class="utrecht-paragraph">{t.list.empty}</p>
      ) : (
        <DataTable caption={t.list.caption(props.items.length)} columns={[c.request, c.due, c.journey, c.reason, c.age, { label: c.attempts, kind: 'numeric' }, c.assigned, c.status]} id="werklijst">
          {props.items.map((item) => (
            <TableRow data-hook="request">
              <TableHeaderCell scope="row">
                <a class="utrecht-link" href={`/dashboard/terugbellen/${item.id}`}>
                  {t.list.open(item.id)}
                </a>
              </TableHeaderCell>
              <TableCell>
                <NormText norm={item.norm} />
              </TableCell>
              <TableCell>{item.journey}</TableCell>
              <TableCell>{t.reasons[item.reason]}</TableCell>
              <TableCell>{t.age((props.now.getTime() - item.createdAt.getTime()) / 86_400_000)}</TableCell>
              <TableCell kind="numeric">{String(item.attempts)}</TableCell>
              <TableCell>{item.assignedTo ?? t.list.nobody}</TableCell>
              <TableCell>{item.outcome ? t.outcomes[item.outcome] : t.statuses[item.status]}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <Section id="melding" title={t.list.alertTitle}>
        <p class="utrecht-paragraph">{props.subscribed ? t.list.alertOn : t.list.alertOff}</p>
        <ActionButton action="/dashboard/terugbellen/melding" label={props.subscribed ? t.list.unsubscribe : t.list.subscribe} hidden={{ aan: props.subscribed ? 'nee' : 'ja' }} />
      </Section>
    </DashboardLayout>
  );
}
