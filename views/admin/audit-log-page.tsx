import type { auditLog, User } from '../../src/db/schema';
import { auditResults } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { ErrorSummary, FieldError, TextField, type FieldErrors } from '../components/form';
import { AdminLayout } from './admin-layout';

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
  const label = t.actionLabels[action];
  return label ? `${label} (${action})` : action;
};

function SelectField(props: { name: string; label: string; value: string; options: { value: string; label: string }[]; error?: string }) {
  const errorId = `${props.name}-fout`;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <FieldError id={errorId} message={props.error} />
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={props.name}
          name={props.name}
          aria-describedby={props.error ? errorId : undefined}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

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

      <section aria-labelledby="filteren">
        <h2 class="utrecht-heading-2" id="filteren">
          {t.filterTitle}
        </h2>
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
          <div class="utrecht-button-group">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t.filter}
            </button>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/admin/audit-log">
              {t.clear}
            </a>
          </div>
        </form>
      </section>

      {hasErrors ? null : props.rows.length === 0 ? (
        <p class="utrecht-paragraph" role="status">
          {t.empty}
        </p>
      ) : (
        <div class="utrecht-table-container--overflow-inline">
          <table class="utrecht-table utrecht-table--html-table mh-admin-table">
            <caption class="utrecht-table__caption">{t.caption(props.firstRow, props.firstRow + props.rows.length - 1)}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{columns.at}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.action}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.object}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.result}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.actor}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.origin}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.details}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {props.rows.map((row) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell mh-nowrap">{formatDateTime(row.at)}</td>
                  <td class="utrecht-table__cell">{actionLabel(row.action)}</td>
                  <td class="utrecht-table__cell">{row.object ?? ''}</td>
                  <td class="utrecht-table__cell">{t.results[row.result]}</td>
                  <td class="utrecht-table__cell">{row.actor}</td>
                  <td class="utrecht-table__cell">{row.origin ?? ''}</td>
                  <td class="utrecht-table__cell">{details(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {props.previousHref || props.nextHref ? (
        <nav class="utrecht-pagination mh-pagination" aria-label={t.paginationLabel}>
          {props.previousHref ? (
            <a class="utrecht-link utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" href={props.previousHref} rel="prev">
              {t.previous}
            </a>
          ) : null}
          <span>{t.page(props.page)}</span>
          {props.nextHref ? (
            <a class="utrecht-link utrecht-pagination__relative-link utrecht-pagination__relative-link--next" href={props.nextHref} rel="next">
              {t.next}
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}
