import type { auditLog, User } from '../../src/db/schema';
import { auditResults } from '../../src/db/schema';
import { formatDateTime, labelOf, nl } from '../../src/texts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form';
import { AdminLayout } from './admin-layout';
import { Button, ButtonGroup, ButtonLink } from '../components/button';
import { Pagination, Section } from '../components/page-parts';
import { DataTable, TableCell, TableRow } from '../components/table';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilterValues {
  action: string;
  actor: string;
  result: string;
  from: string;
  to: string;
}

export interface AuditLogPageProps {
  user: User;
  /** Every action that occurs in the log, for the select. */
  actions: string[];
  values: AuditFilterValues;
  errors?: FieldErrors;
  rows: AuditRow[];
  /** Number of the first row on this page (1-based). */
  firstRow: number;
  previousHref?: string;
  nextHref?: string;
  page: number;
}

const t = nl.admin.auditLog;

const actionLabel = (action: string) => {
  const label = labelOf(t.actionLabels, action);
  return label ? `${label} (${action})` : action;
};

function details(row: AuditRow): string {
  return Object.entries(row.details ?? {})
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

/** GET /admin/audit-log: filters in a GET form (the URL carries them) and 50 rows a page. */
export function AuditLogPage(props: AuditLogPageProps) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  const columns = t.columns;
  const actions = props.actions.includes(props.values.action) || !props.values.action ? props.actions : [...props.actions, props.values.action];
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/audit-log" hasErrors={hasErrors}>
      <p class="utrecht-paragraph">{t.intro}</p>

      <Section id="filteren" title={t.filterTitle}>
        <ErrorSummary errors={errors} />
        <form method="get" action="/admin/audit-log" novalidate>
          <div class="mh-filter-grid">
            <SelectField
              name="action"
              label={t.action}
              value={props.values.action}
              options={[{ value: '', label: t.allActions }, ...actions.map((action) => ({ value: action, label: actionLabel(action) }))]}
              error={errors.action}
            />
            <TextField name="actor" label={t.actor} type="search" value={props.values.actor} error={errors.actor} autocomplete="off" maxlength={254} />
            <SelectField
              name="result"
              label={t.result}
              value={props.values.result}
              options={[{ value: '', label: t.allResults }, ...auditResults.map((result) => ({ value: result, label: t.results[result] }))]}
              error={errors.result}
            />
            <TextField name="from" label={t.from} type="date" value={props.values.from} error={errors.from} />
            <TextField name="to" label={t.to} type="date" value={props.values.to} error={errors.to} />
          </div>
          <ButtonGroup>
            <Button variant="primary">
              {t.filter}
            </Button>
            <ButtonLink href="/admin/audit-log" variant="secondary">
              {t.clear}
            </ButtonLink>
          </ButtonGroup>
        </form>
      </Section>

      {hasErrors ? null : props.rows.length === 0 ? (
        <p class="utrecht-paragraph" role="status">
          {t.empty}
        </p>
      ) : (
        <DataTable caption={t.caption(props.firstRow, props.firstRow + props.rows.length - 1)} columns={[columns.at, columns.action, columns.object, columns.result, columns.actor, columns.origin, columns.details]} data-hook="audit-log">
          {props.rows.map((row) => (
            <TableRow>
              <TableCell class="mh-nowrap">{formatDateTime(row.at)}</TableCell>
              <TableCell>{actionLabel(row.action)}</TableCell>
              <TableCell>{row.object ?? ''}</TableCell>
              <TableCell>{t.results[row.result]}</TableCell>
              <TableCell>{row.actor}</TableCell>
              <TableCell>{row.origin ?? ''}</TableCell>
              <TableCell>{details(row)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}

      {props.previousHref || props.nextHref ? (
        <Pagination
          label={t.paginationLabel}
          status={t.page(props.page)}
          previous={props.previousHref ? { href: props.previousHref, label: t.previous } : undefined}
          next={props.nextHref ? { href: props.nextHref, label: t.next } : undefined}
        />
      ) : null}
    </AdminLayout>
  );
}
