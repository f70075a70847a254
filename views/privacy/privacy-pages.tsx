import type { User } from '../../src/db/schema';
import type { JobRun } from '../../src/job-runs';
import type { SubjectInvitation, SubjectSummary } from '../../src/privacy/subject-requests';
import { formatDateTime, formatNumber, labelOf, nl } from '../../src/texts';
import { CheckboxField } from '../components/choices';
import { Alert, ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { AdminLayout } from '../admin/admin-layout';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { Button, SubmitRow } from '../components/button';

const t = nl.privacy.admin;
const r = nl.privacy.request;

export interface RetentionRow {
  rule: string;
  label: string;
  term: string;
  run?: JobRun;
}

export interface PrivacyPageProps {
  user: User;
  rows: RetentionRow[];
  job?: JobRun;
  notice?: string;
  details: { name: string; label: string; value?: string }[];
  /** No way for citizens to reach the organisation is configured: the statements cannot say how. */
  contactMissing?: boolean;
  /** Whether the user may run the purges now (the hosting organisation's admins: they are installation-wide). */
  mayRun: boolean;
}

function triggerLabel(trigger: string): string {
  if (trigger.startsWith('admin:')) return t.triggerAdmin;
  return labelOf(t.triggers, trigger) ?? trigger;
}

function runResult(run: JobRun): string {
  if (run.error) return t.resultError(run.error);
  return run.complete ? t.resultOk : t.resultIncomplete;
}

/** GET /admin/privacy: the retention terms in effect with the last run of each purge, a "run now" button, the statements' details. */
export function PrivacyPage(props: PrivacyPageProps) {
  const c = t.columns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/privacy">
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.contactMissing ? <Notice kind="warning">{t.contactMissing}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <p class="utrecht-paragraph" data-job-summary>
        {props.job ? t.jobSummary(formatDateTime(new Date(props.job.finishedAt)), props.job.rows, triggerLabel(props.job.trigger)) : t.jobNever}
      </p>

      <Section id="termijnen-titel" title={t.termsTitle}>
        <DataTable
          caption={t.termsCaption}
          columns={[
            c.rule,
            c.term,
            c.lastRun,
            { label: c.rows, kind: 'numeric-data' },
            { label: c.duration, kind: 'numeric-data' },
            c.result,
          ]}
        >
          {props.rows.map((row) => (
            <TableRow data-rule={row.rule}>
              <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
              <TableCell>{row.term}</TableCell>
              <TableCell>{row.run ? formatDateTime(new Date(row.run.finishedAt)) : t.never}</TableCell>
              <TableCell kind="numeric-data" data-rows>{row.run ? formatNumber(row.run.rows, 0) : '–'}</TableCell>
              <TableCell kind="numeric-data">{row.run ? `${formatNumber(row.run.durationMs, 0)} ms` : '–'}</TableCell>
              <TableCell data-result>{row.run ? runResult(row.run) : '–'}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      </Section>

      {props.mayRun ? (
        <Section id="nu-titel" title={t.runTitle}>
          <p class="utrecht-paragraph">{t.runHint}</p>
          <form method="post" action="/admin/privacy/opschonen">
            <Button variant="secondary">{t.runNow}</Button>
          </form>
        </Section>
      ) : null}

      <Section id="totalen-titel" title={t.rollupsTitle}>
        <p class="utrecht-paragraph">{t.rollups}</p>
      </Section>

      <Section id="verzoek-titel" title={t.requestTitle}>
        <p class="utrecht-paragraph">{t.requestIntro}</p>
        <LinkParagraph href="/admin/privacy/verzoek">{t.requestLink}</LinkParagraph>
      </Section>

      <Section id="organisatie-titel" title={t.organisationTitle}>
        <p class="utrecht-paragraph">{t.organisationIntro}</p>
        <dl class="mh-details">
          {props.details.map((detail) => (
            <div>
              <dt>{`${detail.label} (${detail.name})`}</dt>
              <dd data-setting={detail.name}>{detail.value ?? t.notSet}</dd>
            </div>
          ))}
        </dl>
        <p class="utrecht-paragraph">
          {`${t.statementsLinks} `}
          <a class="utrecht-link" href="/privacy">
            {nl.footer.privacy}
          </a>
          {' · '}
          <a class="utrecht-link" href="/toegankelijkheid">
            {nl.footer.accessibility}
          </a>
        </p>
      </Section>
    </AdminLayout>
  );
}

export interface SubjectRequestPageProps {
  user: User;
  email?: string;
  errors?: FieldErrors;
  result?: { reference: string; summary: SubjectSummary; invitations: SubjectInvitation[]; optOut: boolean };
  /** The erase form's state when it came back with an error. */
  eraseForm?: { optOut: boolean };
  erased?: { reference: string; paragraphs: string[] };
}

const countKeys = ['invitations', 'invitationsWithAddress', 'mails', 'appointments', 'noShowAnswers', 'responses', 'answers', 'panelMembers', 'consents', 'callbacks', 'events'] as const;

/** /admin/privacy/verzoek: search by address; the summary with download and erase; the erasure's outcome. */
export function SubjectRequestPage(props: SubjectRequestPageProps) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  const result = props.result;
  return (
    <AdminLayout user={props.user} title={r.title} current="/admin/privacy" hasErrors={hasErrors}>
      <LinkParagraph href="/admin/privacy">{r.back}</LinkParagraph>
      {props.erased ? (
        <section aria-labelledby="verwijderd-titel">
          <Alert kind="ok" role="status">
              <h2 class="utrecht-heading-2" id="verwijderd-titel">
                {r.erasedTitle}
              </h2>
              {props.erased.paragraphs.map((paragraph) => (
                <p class="utrecht-paragraph">{paragraph}</p>
              ))}
              <p class="utrecht-paragraph">{r.reference(props.erased.reference)}</p>
          </Alert>
        </section>
      ) : null}
      <ErrorSummary errors={errors} />
      <p class="utrecht-paragraph">{r.intro}</p>
      <form method="post" action="/admin/privacy/verzoek" novalidate>
        <TextField
          name="email"
          label={r.emailLabel}
          type="email"
          hint={r.emailHint}
          value={props.email}
          error={result ? undefined : errors.email}
          autocomplete="off"
          maxlength={254}
        />
        <SubmitRow label={r.search} />
      </form>

      {result ? (
        <section aria-labelledby="resultaat-titel">
          <h2 class="utrecht-heading-2" id="resultaat-titel">
            {r.resultTitle}
          </h2>
          <p class="utrecht-paragraph">{r.reference(result.reference)}</p>
          {result.summary.total === 0 ? (
            <p class="utrecht-paragraph" data-nothing>
              {r.nothing}
            </p>
          ) : null}
          <dl class="mh-details">
            {countKeys.map((key) => (
              <div>
                <dt>{r.counts[key]}</dt>
                <dd data-count={key}>{formatNumber(result.summary[key], 0)}</dd>
              </div>
            ))}
            <div>
              <dt>{r.counts.optedOut}</dt>
              <dd data-count="optedOut">{result.summary.optedOut ? r.yes : r.no}</dd>
            </div>
          </dl>

          {result.invitations.length > 0 ? (
            <DataTable
              caption={r.invitationsTitle}
              columns={[r.invitationColumns.journey, r.invitationColumns.status, r.invitationColumns.created, r.invitationColumns.answered]}
            >
              {result.invitations.map((invitation) => (
                <TableRow>
                  <TableCell>{invitation.journey}</TableCell>
                  <TableCell>{labelOf(r.statuses, invitation.status) ?? invitation.status}</TableCell>
                  <TableCell>{formatDateTime(new Date(invitation.createdAt))}</TableCell>
                  <TableCell>{invitation.answeredAt ? formatDateTime(new Date(invitation.answeredAt)) : '–'}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : null}

          <h3 class="utrecht-heading-3">{r.exportTitle}</h3>
          <p class="utrecht-paragraph">{r.exportHint}</p>
          <form method="post" action="/admin/privacy/verzoek/export">
            <input type="hidden" name="email" value={props.email} />
            <Button variant="secondary">
              {r.exportButton}
            </Button>
          </form>

          {result.summary.total > 0 ? (
            <>
              <h3 class="utrecht-heading-3" id="wissen-titel">
                {r.eraseTitle}
              </h3>
              <Notice kind="warning">{r.eraseWarning}</Notice>
              <form method="post" action="/admin/privacy/verzoek/wissen" novalidate aria-labelledby="wissen-titel">
                <input type="hidden" name="email" value={props.email} />
                <CheckboxField name="afmelden" value="ja" label={r.optOutLabel} hint={r.optOutHint} checked={props.eraseForm?.optOut ?? true} />
                <CheckboxField name="bevestig" value="ja" label={r.confirmLabel} checked={false} error={errors.bevestig} />
                <SubmitRow label={r.eraseButton} />
              </form>
            </>
          ) : null}
        </section>
      ) : null}
    </AdminLayout>
  );
}
