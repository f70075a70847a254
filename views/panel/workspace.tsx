import type { Child } from 'hono/jsx';
import type { Journey, Study, Touchpoint, User } from '../../src/db/schema';
import type { MemberRow } from '../../src/panel/panel';
import { formatDate, formatDateTime, nl } from '../../src/texts';
import { Layout } from '../layout';
import { Select } from '../components/form';

const t = nl.panel.staff;

export function PanelLayout(props: { user: User; title: string; children?: Child }) {
  return (
    <Layout title={props.title} staff={{ email: props.user.email, role: props.user.role, current: '/panel' }} wide>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      <nav aria-label={t.title}>
        <ul class="mh-footer-links">
          <li>
            <a class="utrecht-link" href="/panel">
              {t.panelLink}
            </a>
          </li>
          <li>
            <a class="utrecht-link" href="/panel/onderzoeken">
              {t.studies}
            </a>
          </li>
        </ul>
      </nav>
      {props.children}
    </Layout>
  );
}

export function Field(props: { name: string; label: string; value: string; type?: string; hint?: string; error?: string; multiline?: boolean }) {
  const describedBy = [props.hint ? `${props.name}-uitleg` : '', props.error ? `${props.name}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <p class="utrecht-form-field-description" id={`${props.name}-uitleg`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="utrecht-form-field-error-message" id={`${props.name}-fout`}>
          {props.error}
        </p>
      ) : null}
      <div class="utrecht-form-field__input">
        {props.multiline ? (
          <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={props.name} name={props.name} rows={4} aria-describedby={describedBy} aria-invalid={props.error ? 'true' : undefined}>
            {props.value}
          </textarea>
        ) : (
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={props.name}
            name={props.name}
            type={props.type ?? 'text'}
            value={props.value}
            aria-describedby={describedBy}
            aria-invalid={props.error ? 'true' : undefined}
          />
        )}
      </div>
    </div>
  );
}

const feelingLabel = (feeling: number | null) =>
  feeling === null ? 'n.v.t.' : feeling < 0 ? `${t.feelings.negative} (${feeling})` : feeling > 0 ? `${t.feelings.positive} (+${feeling})` : t.feelings.neutral;

export interface FilterValues {
  journey: string;
  touchpoint: string;
  feeling: string;
  segment: string;
  consentFrom: string;
  consentTo: string;
  lastContactBefore: string;
}

export function MemberFilters(props: { action: string; values: FilterValues; journeys: Journey[]; touchpoints: (Touchpoint & { journeyName: string })[] }) {
  const v = props.values;
  return (
    <form method="get" action={props.action} class="mh-filters" aria-label={t.filtersTitle}>
      <Select name="journey" label={t.journey} value={v.journey} options={[{ value: '', label: t.anyJourney }, ...props.journeys.map((j) => ({ value: String(j.id), label: j.name }))]} />
      <Select
        name="touchpoint"
        label={t.touchpoint}
        value={v.touchpoint}
        options={[{ value: '', label: t.anyTouchpoint }, ...props.touchpoints.map((tp) => ({ value: String(tp.id), label: `${tp.journeyName}: ${tp.name}` }))]}
      />
      <Select name="feeling" label={t.feeling} value={v.feeling} options={Object.entries(t.feelings).map(([value, label]) => ({ value, label }))} />
      <Field name="segment" label={t.segment} hint={t.segmentHint} value={v.segment} />
      <Field name="consentFrom" label={t.consentFrom} type="date" value={v.consentFrom} />
      <Field name="consentTo" label={t.consentTo} type="date" value={v.consentTo} />
      <Field name="lastContactBefore" label={t.lastContactBefore} type="date" value={v.lastContactBefore} />
      <div class="utrecht-button-group">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t.apply}
        </button>
      </div>
    </form>
  );
}

export function MemberTable(props: { rows: MemberRow[]; selectable?: boolean; describe: (row: MemberRow) => string | null }) {
  const c = t.columns;
  return (
    <div class="utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{t.listTitle}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{c.member}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.journey}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.experience}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.consent}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.lastContact}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.invitable}</th>
            <th class="utrecht-table__header-cell" scope="col">{c.actions}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.rows.map((row) => {
            const blocked = props.describe(row);
            return (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {t.member(row.id)}
                </th>
                <td class="utrecht-table__cell">{row.journeyName}</td>
                <td class="utrecht-table__cell">
                  <ul>
                    {row.experience.map((step) => (
                      <li>{`${step.touchpoint}: ${feelingLabel(step.feeling)}`}</li>
                    ))}
                  </ul>
                </td>
                <td class="utrecht-table__cell">{row.consentSince ? formatDate(row.consentSince) : t.none}</td>
                <td class="utrecht-table__cell">{row.lastContactAt ? formatDate(row.lastContactAt) : t.never}</td>
                <td class="utrecht-table__cell">{blocked ?? t.yes}</td>
                <td class="utrecht-table__cell">
                  {props.selectable ? (
                    blocked ? null : (
                      <div class="utrecht-form-field utrecht-form-field--checkbox">
                        <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id={`lid-${row.id}`} name="member" value={String(row.id)} form="uitnodigen" />
                        <label class="utrecht-form-label utrecht-form-label--checkbox" for={`lid-${row.id}`}>
                          {`${t.member(row.id)} uitnodigen`}
                        </label>
                      </div>
                    )
                  ) : (
                    <form method="post" action={`/panel/leden/${row.id}/contact`} class="mh-action-form">
                      <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${t.open}: ${t.member(row.id)}`}>
                        {t.open}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Notice(props: { children?: Child }) {
  return (
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">{props.children}</p>
      </div>
    </div>
  );
}

export function StudyList(props: { studies: Study[] }) {
  if (props.studies.length === 0) return <p class="utrecht-paragraph">{t.noStudies}</p>;
  return (
    <ul>
      {props.studies.map((study) => (
        <li>
          <a class="utrecht-link" href={`/panel/onderzoeken/${study.id}`}>
            {study.title}
          </a>
          {` (${formatDateTime(study.createdAt)})`}
        </li>
      ))}
    </ul>
  );
}
