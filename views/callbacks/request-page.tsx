import type { CallbackContact } from '../../src/callbacks/requests';
import type { CallbackDetail, Norm } from '../../src/callbacks/work-list';
import { callbackOutcomes, type User } from '../../src/db/schema';
import { formatDateTime, formatNumber, nl } from '../../src/texts';
import { ActionButton, SubmitRow } from '../components/button';
import { RadioGroup } from '../components/choices';
import { ErrorSummary, Notice, SelectField, TextAreaField, type FieldErrors } from '../components/form';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { NormText } from './norm-text';

const t = nl.callbacksKcc;
const d = t.detail;

export interface RequestPageProps {
  user: Pick<User, 'id' | 'email' | 'role'>;
  detail: CallbackDetail;
  norm: Norm;
  maxAttempts: number;
  /** Shown only after the audited "Toon contactgegevens". */
  contact?: CallbackContact;
  notice?: string;
  errors?: FieldErrors;
  values?: { outcome?: string; note?: string; action?: string };
}

function Row(props: { label: string; children?: unknown }) {
  return (
    <TableRow>
      <TableHeaderCell scope="row">{props.label}</TableHeaderCell>
      <TableCell>{props.children as string}</TableCell>
    </TableRow>
  );
}

const feelingLabel = (feeling: number | null) => nl.feelingOptions.find((option) => option.value === String(feeling))?.label ?? d.noAnswer;

/** /dashboard/terugbellen/:id — one request: what the citizen said, the contact details on request, and the KCC's actions. */
export function RequestPage(props: RequestPageProps) {
  const { request, journey, response } = props.detail;
  const closed = request.status === 'closed';
  const errors = props.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const base = `/dashboard/terugbellen/${request.id}`;
  const unreachableAllowed = request.attempts >= props.maxAttempts;
  const outcomeOptions = callbackOutcomes
    .filter((outcome) => outcome !== 'unreachable' || unreachableAllowed)
    .map((outcome) => ({ value: outcome, label: outcome === 'unreachable' ? d.unreachableOption(props.maxAttempts) : t.outcomes[outcome] }));
  const newActionQuery = (step?: string) => new URLSearchParams({ journey: journey.slug, ...(step ? { touchpoint: step } : {}) }).toString();
  // The step the citizen felt worst about is the likeliest subject of a new action.
  const worstStep = response?.steps.filter((step) => step.feeling !== null).sort((a, b) => a.feeling! - b.feeling!)[0];
  return (
    <DashboardLayout title={d.title(request.id)} heading={d.title(request.id)} user={props.user} current="terugbellen" hasErrors={hasErrors}>
      <LinkParagraph href="/dashboard/terugbellen">{d.back}</LinkParagraph>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <ErrorSummary errors={errors} targets={{ outcome: `outcome-${outcomeOptions[0]?.value}`, attempt: 'attempt-niet-bereikt' }} />
      <DataTable caption={d.summaryTitle}>
        <Row label={d.fields.journey}>{journey.name}</Row>
        <Row label={d.fields.reason}>{t.reasons[request.reason]}</Row>
        <Row label={d.fields.created}>{formatDateTime(request.createdAt)}</Row>
        <TableRow>
          <TableHeaderCell scope="row">{d.fields.due}</TableHeaderCell>
          <TableCell>
            <NormText norm={props.norm} />
          </TableCell>
        </TableRow>
        <Row label={d.fields.status}>{t.statuses[request.status]}</Row>
        <Row label={d.fields.assigned}>{props.detail.assignedTo ?? t.list.nobody}</Row>
        <Row label={d.fields.attempts}>{formatNumber(request.attempts, 0)}</Row>
        {request.outcome ? <Row label={d.fields.outcome}>{t.outcomes[request.outcome]}</Row> : null}
        {request.note ? <Row label={d.fields.note}>{request.note}</Row> : null}
        {props.detail.action ? (
          <TableRow>
            <TableHeaderCell scope="row">{d.linkedAction}</TableHeaderCell>
            <TableCell>
              <a class="utrecht-link" href={`/dashboard/verbeteracties/${props.detail.action.id}`}>
                {props.detail.action.title}
              </a>
            </TableCell>
          </TableRow>
        ) : null}
        {request.recoveryScore !== null ? <Row label={d.fields.recovery}>{String(request.recoveryScore)}</Row> : null}
      </DataTable>

      <Section id="antwoorden" title={d.answersTitle}>
        {response ? (
          <>
            <p class="utrecht-paragraph">{`${d.grade}: ${response.grade} · ${d.effort}: ${response.effort}`}</p>
            <DataTable caption={d.answersCaption} columns={[d.answersColumns.step, d.answersColumns.feeling, d.answersColumns.comment]}>
              {response.steps.map((step) => (
                <TableRow>
                  <TableHeaderCell scope="row">{step.step}</TableHeaderCell>
                  <TableCell>{feelingLabel(step.feeling)}</TableCell>
                  <TableCell>{step.comment ?? d.noComment}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          </>
        ) : (
          <p class="utrecht-paragraph">{d.responseGone}</p>
        )}
      </Section>

      <Section id="contact" title={d.contactTitle}>
        {request.contact === null ? (
          <p class="utrecht-paragraph">{d.contactErased}</p>
        ) : props.contact ? (
          <DataTable caption={d.contactTitle} id="contactgegevens">
            <Row label={d.contactFields.method}>{d.methods[props.contact.method]}</Row>
            {props.contact.phone ? <Row label={d.contactFields.phone}>{props.contact.phone}</Row> : null}
            {props.contact.email ? <Row label={d.contactFields.email}>{props.contact.email}</Row> : null}
            {props.contact.bestTime ? <Row label={d.contactFields.bestTime}>{props.contact.bestTime}</Row> : null}
          </DataTable>
        ) : (
          <>
            <p class="utrecht-paragraph">{d.contactHint}</p>
            <ActionButton action={`${base}/contact`} label={d.showContact} />
          </>
        )}
      </Section>

      {closed ? null : (
        <>
          {request.assignedTo !== props.user.id ? (
            <Section id="oppakken" title={d.takeTitle}>
              <ActionButton action={`${base}/oppakken`} label={request.assignedTo === null ? d.take : d.takeAgain} variant="primary" />
            </Section>
          ) : null}
          <Section id="poging" title={d.attemptTitle}>
            <form method="post" action={`${base}/poging`}>
              <RadioGroup name="attempt" legend={d.attemptLegend} options={d.attemptOptions} layout="list" error={errors.attempt} />
              <SubmitRow label={d.recordAttempt} variant="secondary" />
            </form>
          </Section>
          <Section id="afsluiten" title={d.closeTitle}>
            <p class="utrecht-paragraph">{d.closeIntro}</p>
            {unreachableAllowed ? null : <p class="utrecht-paragraph">{d.unreachableHint(props.maxAttempts, request.attempts)}</p>}
            <form method="post" action={`${base}/afsluiten`}>
              <RadioGroup name="outcome" legend={d.outcomeLegend} options={outcomeOptions} layout="list" value={props.values?.outcome} error={errors.outcome} />
              <TextAreaField name="note" label={d.noteLabel} hint={d.noteHint} value={props.values?.note} rows={3} maxlength={1000} />
              <SelectField
                name="action"
                label={d.actionLabel}
                hint={d.actionHint}
                value={props.values?.action}
                placeholder={d.noAction}
                options={props.detail.actions.map((action) => ({ value: String(action.id), label: `${action.title} (${action.step})` }))}
                error={errors.action}
              />
              <LinkParagraph href={`/dashboard/verbeteracties/nieuw?${newActionQuery(worstStep?.slug)}`}>
                {worstStep ? d.newActionFor(worstStep.step) : d.newAction}
              </LinkParagraph>
              <SubmitRow label={d.close} />
            </form>
          </Section>
        </>
      )}
    </DashboardLayout>
  );
}
