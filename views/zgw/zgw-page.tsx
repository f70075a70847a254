import type { User, ZgwNotification, ZgwNotificationStatus } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import type { MappingRow } from '../../src/zgw/mappings';
import { resultOf } from '../../src/zgw/outcome-text';
import type { SubscriptionSummary } from '../../src/zgw/subscriptions';
import { AdminLayout, ShownOnce } from '../admin/admin-layout';
import { ErrorSummary, FieldError, Notice, TextField, type FieldErrors } from '../components/form';

const t = nl.zgw;

export interface JourneyChoice {
  slug: string;
  name: string;
  touchpoints: { slug: string; name: string }[];
}

export interface ZgwPageProps {
  organisation: string;
  user: User;
  webhookUrl: string;
  subscriptions: SubscriptionSummary[];
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

/** The value of the "journey and step" choice: `journey` or `journey/touchpoint` (slugs have no slash). */
export const targetValue = (journey: string, touchpoint?: string | null) => (touchpoint ? `${journey}/${touchpoint}` : journey);

function SelectField(props: { name: string; label: string; hint?: string; error?: string; children?: unknown }) {
  const hintId = `${props.name}-uitleg`;
  const errorId = `${props.name}-fout`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <p class="utrecht-form-field-description" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={props.error} />
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={props.name}
          name={props.name}
          aria-describedby={describedBy || undefined}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.children as never}
        </select>
      </div>
    </div>
  );
}

function SubscriptionsTable({ subscriptions }: { subscriptions: SubscriptionSummary[] }) {
  const columns = t.subscriptionColumns;
  if (subscriptions.length === 0) return <p class="utrecht-paragraph">{t.noSubscriptions}</p>;
  return (
    <div class="utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table mh-admin-table" id="abonnementen-tabel">
        <caption class="utrecht-table__caption">{t.subscriptionsCaption(subscriptions.length)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{columns.name}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.apis}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.clientId}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.createdAt}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.status}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.actions}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {subscriptions.map((subscription) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                {subscription.name}
              </th>
              <td class="utrecht-table__cell mh-break">
                <ul class="mh-plain-list">
                  <li>{`${t.apiLabels.zaken}: ${subscription.zakenApi}`}</li>
                  <li>{`${t.apiLabels.catalogi}: ${subscription.catalogiApi}`}</li>
                  {subscription.klantinteractiesApi ? (
                    <li>{`${t.apiLabels.klantinteracties}: ${subscription.klantinteractiesApi}${subscription.hasKlantinteractiesToken ? ` (${t.openKlantToken})` : ''}`}</li>
                  ) : null}
                </ul>
              </td>
              <td class="utrecht-table__cell mh-break">{subscription.clientId}</td>
              <td class="utrecht-table__cell">{formatDateTime(subscription.createdAt)}</td>
              <td class="utrecht-table__cell">{subscription.revokedAt ? t.revoked(formatDateTime(subscription.revokedAt)) : t.active}</td>
              <td class="utrecht-table__cell">
                {subscription.revokedAt ? null : (
                  <form method="post" action={`/admin/zgw/abonnementen/${subscription.id}/intrekken`} class="mh-action-form">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t.revoke}
                      <span class="mh-visually-hidden">{t.revokeFor(subscription.name)}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
      <div class="utrecht-button-group">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t.add}
        </button>
      </div>
    </form>
  );
}

function MappingsTable({ mappings }: { mappings: MappingRow[] }) {
  const columns = t.mappingColumns;
  if (mappings.length === 0) return <p class="utrecht-paragraph">{t.noMappings}</p>;
  return (
    <div class="utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table mh-admin-table" id="koppelingen-tabel">
        <caption class="utrecht-table__caption">{t.mappingsCaption(mappings.length)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{columns.key}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.kind}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.journey}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.touchpoint}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.actions}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {mappings.map((mapping) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell mh-break" scope="row">
                {mapping.key}
              </th>
              <td class="utrecht-table__cell">{t.kinds[mapping.kind]}</td>
              <td class="utrecht-table__cell">{mapping.journeyName}</td>
              <td class="utrecht-table__cell">{mapping.touchpointName ?? t.allSteps}</td>
              <td class="utrecht-table__cell">
                <form method="post" action={`/admin/zgw/koppelingen/${mapping.id}/verwijderen`} class="mh-action-form">
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t.deleteMapping}
                    <span class="mh-visually-hidden">{t.deleteFor(mapping.key)}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MappingForm(props: { journeys: JourneyChoice[]; form: NonNullable<ZgwPageProps['mappingForm']>; errors: FieldErrors }) {
  const { form, errors } = props;
  return (
    <form method="post" action="/admin/zgw/koppelingen" novalidate>
      <SelectField name="soort" label={t.mapKind} error={errors.soort}>
        <option value="">{t.choose}</option>
        {(['zaaktype', 'onderwerp'] as const).map((kind) => (
          <option value={kind} selected={form.soort === kind}>
            {t.kindChoices[kind]}
          </option>
        ))}
      </SelectField>
      <TextField name="sleutel" label={t.mapKey} hint={t.mapKeyHint} value={form.sleutel} error={errors.sleutel} autocomplete="off" maxlength={500} required />
      <SelectField name="doel" label={t.mapTarget} hint={t.mapTargetHint} error={errors.doel}>
        <option value="">{t.choose}</option>
        {props.journeys.map((journey) => (
          <optgroup label={journey.name}>
            <option value={targetValue(journey.slug)} selected={form.doel === targetValue(journey.slug)}>
              {t.wholeJourney(journey.name)}
            </option>
            {journey.touchpoints.map((touchpoint) => (
              <option value={targetValue(journey.slug, touchpoint.slug)} selected={form.doel === targetValue(journey.slug, touchpoint.slug)}>
                {`${journey.name}: ${touchpoint.name}`}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <div class="utrecht-button-group">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t.saveMapping}
        </button>
      </div>
    </form>
  );
}

function NotificationsTable({ notifications }: { notifications: ZgwNotification[] }) {
  const columns = t.notificationColumns;
  if (notifications.length === 0) return <p class="utrecht-paragraph">{t.noNotifications}</p>;
  return (
    <div class="utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table mh-admin-table" id="notificaties-tabel">
        <caption class="utrecht-table__caption">{t.notificationsCaption(notifications.length)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{columns.receivedAt}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.message}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.reference}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.status}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.result}</th>
            <th class="utrecht-table__header-cell" scope="col">{columns.actions}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {notifications.map((row) => (
            <tr class="utrecht-table__row" data-notification={String(row.id)} data-status={row.status}>
              <td class="utrecht-table__cell mh-nowrap">{formatDateTime(row.receivedAt)}</td>
              <td class="utrecht-table__cell">
                {`${row.kanaal} / ${row.resource} / ${row.actie}`}
                {row.source === 'reconcile' ? <span class="mh-muted">{` (${t.fromReconcile})`}</span> : null}
                {row.deliveries > 1 ? <span class="mh-muted">{` — ${t.deliveries(row.deliveries)}`}</span> : null}
              </td>
              <td class="utrecht-table__cell mh-break">{row.caseReference ?? ''}</td>
              <td class="utrecht-table__cell">{t.statuses[row.status]}</td>
              <td class="utrecht-table__cell mh-break" data-result>
                {resultOf(row).map((line, index) => (index === 0 ? line : <><br />{line}</>))}
              </td>
              <td class="utrecht-table__cell">
                {row.status === 'failed' || (row.status === 'skipped' && row.skipReason !== 'not-relevant') ? (
                  <form method="post" action={`/admin/zgw/notificaties/${row.id}/opnieuw`} class="mh-action-form">
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t.retry}
                      <span class="mh-visually-hidden">{t.retryFor(row.id)}</span>
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
    <AdminLayout organisation={props.organisation} user={props.user} title={t.title} current="/admin/zgw" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>

      <section aria-labelledby="webhook">
        <h2 class="utrecht-heading-2" id="webhook">
          {t.webhookTitle}
        </h2>
        <p class="utrecht-paragraph">{t.webhookIntro}</p>
        <p class="utrecht-paragraph">
          {`${t.webhookLabel}: `}
          <code class="mh-break" id="webhook-url">
            {props.webhookUrl}
          </code>
        </p>
      </section>

      <section aria-labelledby="abonnementen">
        <h2 class="utrecht-heading-2" id="abonnementen">
          {t.subscriptionsTitle}
        </h2>
        <p class="utrecht-paragraph">{t.subscriptionsIntro}</p>
        <SubscriptionsTable subscriptions={props.subscriptions} />
        <h3 class="utrecht-heading-3" id="nieuw-abonnement">
          {t.addTitle}
        </h3>
        <ErrorSummary errors={subscriptionErrors} />
        <SubscriptionForm form={props.subscriptionForm ?? {}} errors={subscriptionErrors} />
      </section>

      <section aria-labelledby="koppelingen">
        <h2 class="utrecht-heading-2" id="koppelingen">
          {t.mappingsTitle}
        </h2>
        <p class="utrecht-paragraph">{t.mappingsIntro}</p>
        <MappingsTable mappings={props.mappings} />
        <h3 class="utrecht-heading-3" id="koppeling-maken">
          {t.mapTitle}
        </h3>
        <ErrorSummary errors={mappingErrors} />
        <MappingForm journeys={props.journeys} form={props.mappingForm ?? {}} errors={mappingErrors} />
      </section>

      <section aria-labelledby="nalopen">
        <h2 class="utrecht-heading-2" id="nalopen">
          {t.reconcileTitle}
        </h2>
        <p class="utrecht-paragraph">{t.reconcileIntro}</p>
        <ErrorSummary errors={reconcileErrors} />
        <form method="post" action="/admin/zgw/nalopen" novalidate>
          <TextField name="vanaf" label={t.reconcileSince} hint={t.reconcileSinceHint} type="date" value={props.reconcileForm?.vanaf} error={reconcileErrors.vanaf} required />
          <div class="utrecht-button-group">
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t.reconcile}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="notificaties">
        <h2 class="utrecht-heading-2" id="notificaties">
          {t.notificationsTitle}
        </h2>
        <p class="utrecht-paragraph">{t.notificationsIntro}</p>
        <form method="get" action="/admin/zgw" class="mh-action-form">
          <div class="utrecht-form-field utrecht-form-field--select">
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="status">
                {t.filterLabel}
              </label>
            </div>
            <div class="utrecht-form-field__input">
              <select class="utrecht-select utrecht-select--html-select" id="status" name="status">
                <option value="" selected={props.statusFilter === ''}>
                  {t.allStatuses}
                </option>
                {statuses.map((status) => (
                  <option value={status} selected={props.statusFilter === status}>
                    {t.statuses[status]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t.filter}
          </button>
        </form>
        <NotificationsTable notifications={props.notifications} />
      </section>
    </AdminLayout>
  );
}

/** Right after adding a subscription whose Authorization value meethuis made: that value, this once. */
export function SubscriptionAddedPage(props: { organisation: string; user: User; name: string; auth: string; webhookUrl: string }) {
  return (
    <AdminLayout organisation={props.organisation} user={props.user} title={t.authShownOnceTitle} current="/admin/zgw">
      <Notice kind="ok">{t.addedNotice(props.name)}</Notice>
      <ShownOnce id="zgw-autorisatie" title={t.authLabel} warning={t.authWarning} label={t.authLabel} value={props.auth}>
        <p class="utrecht-paragraph">
          {`${t.webhookLabel}: `}
          <code class="mh-break">{props.webhookUrl}</code>
        </p>
      </ShownOnce>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/admin/zgw">
          {t.backToZgw}
        </a>
      </p>
    </AdminLayout>
  );
}
