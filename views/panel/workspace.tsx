import type { Child } from 'hono/jsx';
import type { Journey, Study, Touchpoint, User } from '../../src/db/schema';
import type { MemberRow } from '../../src/panel/panel';
import { formatDate, formatDateTime, nl, segmentChoiceLabel } from '../../src/texts';
import { Layout } from '../layout';
import { RowCheckbox } from '../components/choices';
import { Select, TextField } from '../components/form';
import { Button, SubmitRow } from '../components/button';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

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

/** What the filters offer to choose from. */
export interface FilterChoices {
  journeys: Journey[];
  touchpoints: (Touchpoint & { journeyName: string })[];
  segments: { key: string; value: string }[];
}

export function MemberFilters(props: { action: string; values: FilterValues } & FilterChoices) {
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
      <Select
        name="segment"
        label={t.segment}
        value={v.segment.replace('=', ':')}
        options={[{ value: '', label: nl.dashboard.allSegments }, ...props.segments.map(({ key, value }) => ({ value: `${key}:${value}`, label: segmentChoiceLabel(key, value) }))]}
      />
      <TextField name="consentFrom" label={t.consentFrom} type="date" value={v.consentFrom} />
      <TextField name="consentTo" label={t.consentTo} type="date" value={v.consentTo} />
      <TextField name="lastContactBefore" label={t.lastContactBefore} type="date" value={v.lastContactBefore} />
      <SubmitRow label={t.apply} variant="secondary" />
    </form>
  );
}

export function MemberTable(props: { rows: MemberRow[]; selectable?: boolean; describe: (row: MemberRow) => string | null }) {
  const c = t.columns;
  return (
    <DataTable caption={t.listTitle} columns={[c.member, c.journey, c.experience, c.consent, c.lastContact, c.invitable, c.actions]}>
      {props.rows.map((row) => {
        const blocked = props.describe(row);
        return (
          <TableRow>
            <TableHeaderCell scope="row">
              {t.member(row.id)}
            </TableHeaderCell>
            <TableCell>{row.journeyName}</TableCell>
            <TableCell>
              <ul>
                {row.experience.map((step) => (
                  <li>{`${step.touchpoint}: ${feelingLabel(step.feeling)}`}</li>
                ))}
              </ul>
            </TableCell>
            <TableCell>{row.consentSince ? formatDate(row.consentSince) : t.none}</TableCell>
            <TableCell>{row.lastContactAt ? formatDate(row.lastContactAt) : t.never}</TableCell>
            <TableCell>{blocked ?? t.yes}</TableCell>
            <TableCell>
              {props.selectable ? (
                blocked ? null : (
                  <RowCheckbox id={`lid-${row.id}`} name="member" value={String(row.id)} form="uitnodigen" label={`${t.member(row.id)} uitnodigen`} />
                )
              ) : (
                <form method="post" action={`/panel/leden/${row.id}/contact`} class="mh-action-form">
                  <Button variant="secondary" aria-label={`${t.open}: ${t.member(row.id)}`}>
                    {t.open}
                  </Button>
                </form>
              )}
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
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
