import type { User, ZgwNotification, ZgwNotificationStatus } from '../../src/db/schema';
import type { JobRun } from '../../src/job-runs';
import { formatDateTime, nl } from '../../src/texts';
import type { MappingRow } from '../../src/zgw/mappings';
import { resultOf } from '../../src/zgw/outcome-text';
import type { SubscriptionSummary } from '../../src/zgw/subscriptions';
import { AdminLayout, ShownOnce } from '../admin/admin-layout';
import { ErrorSummary, Notice, SelectField, TextField, type FieldErrors } from '../components/form';
import { JourneyTargetField, type JourneyChoice } from '../components/journey-target';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { ActionButton, Button, SubmitRow } from '../components/button';

const t = nl.zgw;

export interface ZgwPageProps {
  user: User;
  webhookUrl: string;
  subscriptions: SubscriptionSummary[];
  /** The last reconciliation per subscription id. */
  reconcileRuns: Map<number, JobRun>;
  mappings: MappingRow[];
  journeys: JourneyChoice[];
  notifications: ZgwNotification[];
  statusFilter: ZgwNotificationStatus | '';
  notice?: string;
  subscriptionForm?: Record<string, string>;
  subscriptionErrors?: FieldErrors;
  mappingForm?: { soort?: string; sleutel?: string; doel?: string };
  mappingErrors?: FieldErrors;
  reconcileForm?: { vanaf?: string };
  reconcileErrors?: FieldErrors;
}

function SubscriptionsTable({ subscriptions }: { subscriptions: SubscriptionSummary[] }) {
  const columns = t.subscriptionColumns;
  if (subscriptions.length === 0) return <p class="utrecht-paragraph">{t.noSubscriptions}</p>;
  return (
    <DataTable
      id="abonnementen-tabel"
      caption={t.subscriptionsCaption(subscriptions.length)}
      columns={[columns.name, columns.apis, columns.clientId, columns.createdAt, columns.status, columns.actions]}
    >
      {subscriptions.map((subscription) => (
        <TableRow>
          <TableHeaderCell scope="row">
            {subscription.name}
          </TableHeaderCell>
          <TableCell class="mh-break">
            <ul class="mh-plain-list">
              <li>{`${t.apiLabels.zaken}: ${subscription.zakenApi}`}</li>
              <li>{`${t.apiLabels.catalogi}: ${subscription.catalogiApi}`}</li>
              {subscription.klantinteractiesApi ? (
                <li>{`${t.apiLabels.klantinteracties}: ${subscription.klantinteractiesApi}${subscription.hasKlantinteractiesToken ? ` (${t.openKlantToken})` : ''}`}</li>
              ) : null}
            </ul>
          </TableCell>
          <TableCell class="mh-break">{subscription.clientId}</TableCell>
          <TableCell>{formatDateTime(subscription.createdAt)}</TableCell>
          <TableCell>{subscription.revokedAt ? t.revoked(formatDateTime(subscription.revokedAt)) : t.active}</TableCell>
          <TableCell>
            {subscription.revokedAt ? null : (
              <ActionButton action={`/admin/zgw/abonnementen/${subscription.id}/intrekken`} label={t.revoke} hiddenText={t.revokeFor(subscription.name)} formClass="mh-action-form" />
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** When each active subscription was last reconciled; one that could not finish is a warning that says why. */
function LastReconcileRuns({ subscriptions, runs }: { subscriptions: SubscriptionSummary[]; runs: Map<number, JobRun> }) {
  const active = subscriptions.filter((subscription) => !subscription.revokedAt);
  if (active.length === 0) return null;
  return (
    <>
      {active.map((subscription) => {
        const run = runs.get(subscription.id);
        if (!run) return <p class="utrecht-paragraph">{t.reconcileNever(subscription.name)}</p>;
        const when = formatDateTime(new Date(run.finishedAt));
        return run.error ? (
          <Notice kind="warning">{t.reconcileFailed(subscription.name, when, run.error)}</Notice>
        ) : (
          <p class="utrecht-paragraph">{t.reconcileLast(subscription.name, when, run.rows)}</p>
        );
      })}
    </>
  );
}

function SubscriptionForm({ form, errors }: { form: Record<string, string>; errors: FieldErrors }) {
  const f = t.fields;
  return (
    <form method="post" action="/admin/zgw/abonnementen" novalidate>
      <TextField name="name" label={f.name} hint={f.nameHint} value={form.name} error={errors.name} autocomplete="off" maxlength={80} required />
      <TextField name="auth" label={f.auth} hint={f.authHint} type="password" error={errors.auth} autocomplete="off" />
      <TextField name="zakenApi" label={f.zakenApi} hint={f.zakenApiHint} value={form.zakenApi} error={errors.zakenApi} autocomplete="off" required />
      <TextField name="catalogiApi" label={f.catalogiApi} hint={f.catalogiApiHint} value={form.catalogiApi} error={errors.catalogiApi} autocomplete="off" required />
      <TextField name="clientId" label={f.clientId} hint={f.clientIdHint} value={form.clientId} error={errors.clientId} autocomplete="off" required />
      <TextField name="secret" label={f.secret} hint={f.secretHint} type="password" error={errors.secret} autocomplete="off" required />
      <TextField
        name="klantinteractiesApi"
        label={f.klantinteractiesApi}
        hint={f.klantinteractiesApiHint}
        value={form.klantinteractiesApi}
        error={errors.klantinteractiesApi}
        autocomplete="off"
      />
      <TextField
        name="klantinteractiesToken"
        label={f.klantinteractiesToken}
        hint={f.klantinteractiesTokenHint}
        type="password"
        error={errors.klantinteractiesToken}
        autocomplete="off"
      />
      <SubmitRow label={t.add} />
    </form>
  );
}

function MappingsTable({ mappings }: { mappings: MappingRow[] }) {
  const columns = t.mappingColumns;
  if (mappings.length === 0) return <p class="utrecht-paragraph">{t.noMappings}</p>;
  return (
    <DataTable
      id="koppelingen-tabel"
      caption={t.mappingsCaption(mappings.length)}
      columns={[columns.key, columns.kind, columns.journey, columns.touchpoint, columns.actions]}
    >
      {mappings.map((mapping) => (
        <TableRow>
          <TableHeaderCell scope="row" class="mh-break">
            {mapping.key}
          </TableHeaderCell>
          <TableCell>{t.kinds[mapping.kind]}</TableCell>
          <TableCell>{mapping.journeyName}</TableCell>
          <TableCell>{mapping.touchpointName ?? t.allSteps}</TableCell>
          <TableCell>
            <ActionButton action={`/admin/zgw/koppelingen/${mapping.id}/verwijderen`} label={t.deleteMapping} hiddenText={t.deleteFor(mapping.key)} formClass="mh-action-form" />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function MappingForm(props: { journeys: JourneyChoice[]; form: NonNullable<ZgwPageProps['mappingForm']>; errors: FieldErrors }) {
  const { form, errors } = props;
  return (
    <form method="post" action="/admin/zgw/koppelingen" novalidate>
      <SelectField
        name="soort"
        label={t.mapKind}
        value={form.soort}
        placeholder={t.choose}
        options={(['zaaktype', 'onderwerp'] as const).map((kind) => ({ value: kind, label: t.kindChoices[kind] }))}
        error={errors.soort}
      />
      <TextField name="sleutel" label={t.mapKey} hint={t.mapKeyHint} value={form.sleutel} error={errors.sleutel} autocomplete="off" maxlength={500} required />
      <JourneyTargetField
        name="doel"
        label={t.mapTarget}
        hint={t.mapTargetHint}
        placeholder={t.choose}
        wholeJourney={t.wholeJourney}
        journeys={props.journeys}
        value={form.doel}
        error={errors.doel}
      />
      <SubmitRow label={t.saveMapping} />
    </form>
  );
}

function NotificationsTable({ notifications }: { notifications: ZgwNotification[] }) {
  const columns = t.notificationColumns;
  if (notifications.length === 0) return <p class="utrecht-paragraph">{t.noNotifications}</p>;
  return (
    <DataTable
      id="notificaties-tabel"
      caption={t.notificationsCaption(notifications.length)}
      columns={[columns.receivedAt, columns.message, columns.reference, columns.status, columns.result, columns.actions]}
    >
      {notifications.map((row) => (
        <TableRow data-notification={String(row.id)} data-status={row.status}>
          <TableCell class="mh-nowrap">{formatDateTime(row.receivedAt)}</TableCell>
          <TableCell>
            {`${row.kanaal} / ${row.resource} / ${row.actie}`}
            {row.source === 'reconcile' ? <span class="mh-muted">{` (${t.fromReconcile})`}</span> : null}
            {row.deliveries > 1 ? <span class="mh-muted">{` — ${t.deliveries(row.deliveries)}`}</span> : null}
          </TableCell>
          <TableCell class="mh-break">{row.caseReference ?? ''}</TableCell>
          <TableCell>{t.statuses[row.status]}</TableCell>
          <TableCell class="mh-break" data-result>
            {resultOf(row).map((line, index) => (index === 0 ? line : <><br />{line}</>))}
          </TableCell>
          <TableCell>
            {row.status === 'failed' || (row.status === 'skipped' && row.skipReason !== 'not-relevant') ? (
              <ActionButton action={`/admin/zgw/notificaties/${row.id}/opnieuw`} label={t.retry} hiddenText={t.retryFor(row.id)} formClass="mh-action-form" />
            ) : null}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** GET /admin/zgw: the webhook address, subscriptions, mappings, reconciliation and recent notifications. */
export function ZgwPage(props: ZgwPageProps) {
  const subscriptionErrors = props.subscriptionErrors ?? {};
  const mappingErrors = props.mappingErrors ?? {};
  const reconcileErrors = props.reconcileErrors ?? {};
  const hasErrors = [subscriptionErrors, mappingErrors, reconcileErrors].some((errors) => Object.values(errors).some(Boolean));
  const statuses = ['pending', 'done', 'skipped', 'failed'] as const;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/zgw" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>

      <Section id="webhook" title={t.webhookTitle}>
        <p class="utrecht-paragraph">{t.webhookIntro}</p>
        <p class="utrecht-paragraph">
          {`${t.webhookLabel}: `}
          <code class="mh-break" id="webhook-url">
            {props.webhookUrl}
          </code>
        </p>
        <Section id="vereisten" title={t.requirementsTitle} level={3}>
          <ul class="utrecht-unordered-list">
            {t.requirements.map((requirement) => (
              <li class="utrecht-unordered-list__item">{requirement}</li>
            ))}
          </ul>
        </Section>
      </Section>

      <Section id="abonnementen" title={t.subscriptionsTitle}>
        <p class="utrecht-paragraph">{t.subscriptionsIntro}</p>
        <SubscriptionsTable subscriptions={props.subscriptions} />
        <h3 class="utrecht-heading-3" id="nieuw-abonnement">
          {t.addTitle}
        </h3>
        <ErrorSummary errors={subscriptionErrors} />
        <SubscriptionForm form={props.subscriptionForm ?? {}} errors={subscriptionErrors} />
      </Section>

      <Section id="koppelingen" title={t.mappingsTitle}>
        <p class="utrecht-paragraph">{t.mappingsIntro}</p>
        <MappingsTable mappings={props.mappings} />
        <h3 class="utrecht-heading-3" id="koppeling-maken">
          {t.mapTitle}
        </h3>
        <ErrorSummary errors={mappingErrors} />
        <MappingForm journeys={props.journeys} form={props.mappingForm ?? {}} errors={mappingErrors} />
      </Section>

      <Section id="nalopen" title={t.reconcileTitle}>
        <p class="utrecht-paragraph">{t.reconcileIntro}</p>
        <LastReconcileRuns subscriptions={props.subscriptions} runs={props.reconcileRuns} />
        <ErrorSummary errors={reconcileErrors} />
        <form method="post" action="/admin/zgw/nalopen" novalidate>
          <TextField name="vanaf" label={t.reconcileSince} hint={t.reconcileSinceHint} type="date" value={props.reconcileForm?.vanaf} error={reconcileErrors.vanaf} required />
          <SubmitRow label={t.reconcile} variant="secondary" />
        </form>
      </Section>

      <Section id="notificaties" title={t.notificationsTitle}>
        <p class="utrecht-paragraph">{t.notificationsIntro}</p>
        <form method="get" action="/admin/zgw" class="mh-action-form">
          <SelectField
            name="status"
            label={t.filterLabel}
            value={props.statusFilter}
            options={[{ value: '', label: t.allStatuses }, ...statuses.map((status) => ({ value: status, label: t.statuses[status] ?? status }))]}
          />
          <Button variant="secondary">
            {t.filter}
          </Button>
        </form>
        <NotificationsTable notifications={props.notifications} />
      </Section>
    </AdminLayout>
  );
}

/** Right after adding a subscription whose Authorization value meethuis made: that value, this once. */
export function SubscriptionAddedPage(props: { user: User; name: string; auth: string; webhookUrl: string }) {
  return (
    <AdminLayout user={props.user} title={t.authShownOnceTitle} current="/admin/zgw">
      <Notice kind="ok">{t.addedNotice(props.name)}</Notice>
      <ShownOnce id="zgw-autorisatie" title={t.authLabel} warning={t.authWarning} label={t.authLabel} value={props.auth}>
        <p class="utrecht-paragraph">
          {`${t.webhookLabel}: `}
          <code class="mh-break">{props.webhookUrl}</code>
        </p>
      </ShownOnce>
      <LinkParagraph href="/admin/zgw">{t.backToZgw}</LinkParagraph>
    </AdminLayout>
  );
}
