import type { OverviewRow, StatusFilter } from '../../src/actions/action-queries';
import type { ActionFormErrors, ActionFormValues } from '../../src/actions/actions';
import { MAX_DESCRIPTION, MAX_OWNER, MAX_SUMMARY, MAX_TITLE } from '../../src/actions/limits';
import type { ActionEffect } from '../../src/actions/effect';
import { actionStatuses, type ImprovementAction, type Journey, type Touchpoint, type User } from '../../src/db/schema';
import type { Child } from 'hono/jsx';
import { nl } from '../../src/texts';
import { CheckboxField } from '../components/choices';
import { ErrorSummary, Notice, Select, SelectField, TextAreaField, TextField } from '../components/form';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { EffectSection, effectLine } from './effect-view';
import { formatDay } from './format';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { SubmitRow } from '../components/button';

const t = nl.actions;

type StaffUser = Pick<User, 'email' | 'role'>;

function StaffPage(props: { title: string; user: StaffUser; hasErrors?: boolean; children?: Child }) {
  return (
    <DashboardLayout title={props.title} heading={props.title} user={props.user} current="verbeteracties" hasErrors={props.hasErrors}>
      {props.children}
    </DashboardLayout>
  );
}

/** The status as text, with "te laat" in words (not by colour only). */
export function StatusText({ action, overdue }: { action: Pick<ImprovementAction, 'status' | 'dueOn' | 'doneOn'>; overdue: boolean }) {
  return (
    <>
      {action.status === 'klaar' && action.doneOn ? t.doneOnDay(formatDay(action.doneOn)) : t.statuses[action.status]}
      {overdue ? (
        <>
          {' '}
          <strong class="mh-overdue">{t.overdue}</strong>
        </>
      ) : null}
    </>
  );
}

const stepName = (touchpoint?: Pick<Touchpoint, 'name' | 'archivedAt'>) =>
  touchpoint ? `${touchpoint.name}${touchpoint.archivedAt ? ` ${t.archived}` : ''}` : '–';

export interface ActionListProps {
  user: StaffUser;
  journeys: Journey[];
  filter: { journey: string; status: StatusFilter };
  groups: { journey: Journey; rows: OverviewRow[] }[];
}

export function ActionListPage(props: ActionListProps) {
  const all = props.groups.flatMap((group) => group.rows);
  const overdue = all.filter((row) => row.overdue).length;
  const newHref = props.filter.journey ? `/dashboard/verbeteracties/nieuw?${new URLSearchParams({ journey: props.filter.journey })}` : '/dashboard/verbeteracties/nieuw';
  return (
    <StaffPage title={t.listTitle} user={props.user}>
      <p class="utrecht-paragraph">{t.listIntro}</p>
      <form method="get" action="/dashboard/verbeteracties" class="mh-filters" aria-label={t.filtersTitle}>
        <Select
          name="reis"
          label={t.journey}
          value={props.filter.journey}
          options={[{ value: '', label: t.allJourneys }, ...props.journeys.map((journey) => ({ value: journey.slug, label: journey.name }))]}
        />
        <Select
          name="status"
          label={t.status}
          value={props.filter.status}
          options={[
            { value: '', label: t.allStatuses },
            ...actionStatuses.map((status) => ({ value: status, label: t.statuses[status] })),
            { value: 'te-laat', label: t.overdueOnly },
          ]}
        />
        <SubmitRow label={t.apply} variant="secondary" />
      </form>
      <LinkParagraph href={newHref}>{t.newAction}</LinkParagraph>
      <p class="utrecht-paragraph" role="status">
        {all.length === 0 ? t.none : t.summary(all.length, overdue)}
      </p>
      {props.groups
        .filter((group) => group.rows.length > 0)
        .map((group) => (
          <Section id={`reis-${group.journey.slug}`} title={group.journey.name} class="mh-panel">
            <DataTable
              caption={t.caption(group.journey.name)}
              columns={[t.columns.action, t.columns.step, t.columns.owner, t.columns.due, t.columns.status, t.columns.effect, t.columns.published]}
            >
              {group.rows.map((row) => (
                <TableRow class={row.overdue ? 'mh-row-overdue' : undefined} data-action={row.action.id}>
                  <TableHeaderCell scope="row">
                    <a class="utrecht-link" href={`/dashboard/verbeteracties/${row.action.id}`}>
                      {row.action.title}
                    </a>
                  </TableHeaderCell>
                  <TableCell>{stepName(row.touchpoint)}</TableCell>
                  <TableCell>{row.action.owner}</TableCell>
                  <TableCell>{row.action.dueOn ? formatDay(row.action.dueOn) : t.noDue}</TableCell>
                  <TableCell>
                    <StatusText action={row.action} overdue={row.overdue} />
                  </TableCell>
                  <TableCell>{effectLine(row.effect)}</TableCell>
                  <TableCell>{row.action.publishedAt ? t.yes : t.no}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          </Section>
        ))}
    </StaffPage>
  );
}

export interface ActionFormProps {
  /** Where the form posts to. */
  action: string;
  journey: Pick<Journey, 'id' | 'name'>;
  touchpoints: Touchpoint[];
  values: ActionFormValues;
  errors: ActionFormErrors;
  submitLabel: string;
  /** The journey is chosen on the create page; on the edit page it is fixed. */
  withJourneyField: boolean;
}

/** The fields of an action; the same for adding and changing. Works without JavaScript. */
export function ActionForm(props: ActionFormProps) {
  const { values, errors } = props;
  const steps = props.touchpoints.map((step) => ({ value: String(step.id), label: stepName(step) }));
  return (
    <form method="post" action={props.action} novalidate>
      {props.withJourneyField ? <input type="hidden" name="journey" value={String(props.journey.id)} /> : null}
      <SelectField
        name="touchpoint"
        label={t.fields.touchpoint}
        value={values.touchpoint ?? ''}
        options={[{ value: '', label: t.fields.chooseStep }, ...steps]}
        error={errors.touchpoint ?? errors.journey}
        required
      />
      <TextField name="title" label={t.fields.title} hint={t.fields.titleHint} value={values.title} error={errors.title} maxlength={MAX_TITLE} required />
      <TextAreaField name="description" label={t.fields.description} hint={t.fields.descriptionHint} value={values.description} error={errors.description} maxlength={MAX_DESCRIPTION} />
      <TextField name="owner" label={t.fields.owner} hint={t.fields.ownerHint} value={values.owner} error={errors.owner} maxlength={MAX_OWNER} required />
      <TextField name="dueOn" type="date" label={t.fields.dueOn} hint={t.dateHint} value={values.dueOn} error={errors.dueOn} />
      <SelectField
        name="status"
        label={t.fields.status}
        value={values.status ?? 'idee'}
        options={actionStatuses.map((status) => ({ value: status, label: t.statuses[status] }))}
        error={errors.status}
        required
      />
      <TextField name="doneOn" type="date" label={t.fields.doneOn} hint={t.fields.doneOnHint} value={values.doneOn} error={errors.doneOn} />
      <TextAreaField
        name="publicSummary"
        label={t.fields.publicSummary}
        hint={t.fields.publicSummaryHint}
        value={values.publicSummary}
        error={errors.publicSummary}
        maxlength={MAX_SUMMARY}
        rows={3}
      />
      <CheckboxField name="publish" label={t.fields.publish} value="ja" checked={values.publish === 'ja'} error={errors.publish} />
      <SubmitRow label={props.submitLabel} />
    </form>
  );
}

/** Error summary targets: the journey's error is shown at the step field. */
const targets = { journey: 'touchpoint' };

export function NewActionPage(props: {
  user: StaffUser;
  journeys: Journey[];
  /** Chosen journey; without it the page asks for one first. */
  chosen?: { journey: Journey; touchpoints: Touchpoint[] };
  values: ActionFormValues;
  errors: ActionFormErrors;
}) {
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <StaffPage title={t.newTitle} user={props.user} hasErrors={hasErrors}>
      <LinkParagraph href="/dashboard/verbeteracties">{t.backToList}</LinkParagraph>
      {props.journeys.length === 0 ? (
        <p class="utrecht-paragraph">{t.noJourneys}</p>
      ) : !props.chosen ? (
        <form method="get" action="/dashboard/verbeteracties/nieuw">
          <ErrorSummary errors={{ journey: props.errors.journey }} />
          <SelectField
            name="journey"
            label={t.chooseJourneyTitle}
            value=""
            options={props.journeys.map((journey) => ({ value: journey.slug, label: journey.name }))}
            error={props.errors.journey}
          />
          <SubmitRow label={t.next} />
        </form>
      ) : (
        <>
          <ErrorSummary errors={props.errors} targets={targets} />
          <p class="utrecht-paragraph">
            <strong>{t.journeyChosen(props.chosen.journey.name)}</strong>{' '}
            <a class="utrecht-link" href="/dashboard/verbeteracties/nieuw">
              {t.otherJourney}
            </a>
          </p>
          <ActionForm
            action="/dashboard/verbeteracties"
            journey={props.chosen.journey}
            touchpoints={props.chosen.touchpoints}
            values={props.values}
            errors={props.errors}
            submitLabel={t.create}
            withJourneyField
          />
        </>
      )}
    </StaffPage>
  );
}

export function ActionDetailPage(props: {
  user: StaffUser;
  action: ImprovementAction;
  journey: Journey;
  touchpoints: Touchpoint[];
  overdue: boolean;
  effect?: ActionEffect;
  notice?: string;
  values: ActionFormValues;
  errors: ActionFormErrors;
  publicUrl: string;
}) {
  const { action } = props;
  const hasErrors = Object.keys(props.errors).length > 0;
  const step = props.touchpoints.find((touchpoint) => touchpoint.id === action.touchpointId);
  const rows: [string, unknown][] = [
    [t.journey, props.journey.name],
    [t.columns.step, stepName(step)],
    [t.columns.status, <StatusText action={action} overdue={props.overdue} />],
    [t.columns.owner, action.owner],
    [t.columns.due, action.dueOn ? formatDay(action.dueOn) : t.noDue],
    [t.columns.published, action.publishedAt ? t.publishedNote(props.publicUrl) : t.notPublishedNote],
    ...(action.description ? ([[t.descriptionLabel, <span class="mh-pre-line">{action.description}</span>]] as [string, unknown][]) : []),
  ];
  return (
    <StaffPage title={action.title} user={props.user} hasErrors={hasErrors}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/dashboard/verbeteracties?${new URLSearchParams({ reis: props.journey.slug })}`}>
          {t.backToList}
        </a>
        {' · '}
        <a class="utrecht-link" href={`/dashboard?${new URLSearchParams({ reis: props.journey.slug })}`}>
          {t.toHeartMonitor}
        </a>
      </p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.overdue && action.dueOn ? <Notice kind="warning">{t.overdueSince(formatDay(action.dueOn))}</Notice> : null}
      <Section id="gegevens-titel" title={t.details} class="mh-panel">
        <dl class="mh-details">
          {rows.map(([term, value]) => (
            <div>
              <dt>{term}</dt>
              <dd>{value as never}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <EffectSection effect={props.effect} />
      <Section id="wijzigen-titel" title={t.editTitle} class="mh-panel">
        <ErrorSummary errors={props.errors} targets={targets} />
        <ActionForm
          action={`/dashboard/verbeteracties/${action.id}`}
          journey={props.journey}
          touchpoints={props.touchpoints}
          values={props.values}
          errors={props.errors}
          submitLabel={t.save}
          withJourneyField={false}
        />
      </Section>
    </StaffPage>
  );
}
