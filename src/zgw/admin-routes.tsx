import { targetValue } from '../../views/components/journey-target';
import { SubscriptionAddedPage, ZgwPage, type ZgwPageProps } from '../../views/zgw/zgw-page';
import type { AppDeps } from '../app';
import { audit } from '../audit/audit-log';
import { dayOf } from '../calendar';
import { zgwNotificationStatuses, type ZgwNotificationStatus } from '../db/schema';
import { idParam, str } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { journeyChoices, parseJourneyTarget } from '../journeys/journeys';
import { nl } from '../texts';
import { findNotification, recentNotifications, requeueNotification } from './inbox';
import { WEBHOOK_PATH } from './notification';
import { deleteMapping, findMappingById, listMappings, MappingError, saveMapping } from './mappings';
import { lastReconcileRuns, reconcilePeriodProblem, reconcileSubscription } from './reconcile';
import { activeSubscriptions, addSubscription, findSubscription, listSubscriptions, revokeSubscription, SubscriptionError, subscriptionInputSchema } from './subscriptions';
import { readForm } from '../http/form-body';

const RECENT = 50;

const isStatus = (value: string): value is ZgwNotificationStatus => (zgwNotificationStatuses as readonly string[]).includes(value);
const t = nl.zgw;

/** /admin/zgw: subscriptions (secrets never shown again), mappings, reconciliation, recent notifications. */
export function zgwAdminRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'dataKey' | 'mail' | 'onZgwNotification' | 'log'>) {
  const { db, clock, config } = deps;
  const app = staffRouter();
  const webhookUrl = `${config.PUBLIC_URL}${WEBHOOK_PATH}`;

  const page = (c: StaffContext, extra: Partial<ZgwPageProps> = {}, status: 200 | 422 = 200) => {
    const filter = c.req.query('status') ?? '';
    const statusFilter = isStatus(filter) ? filter : '';
    return c.render(
      <ZgwPage
        user={c.var.user}
        webhookUrl={webhookUrl}
        subscriptions={listSubscriptions(db, c.var.user.organisationId)}
        reconcileRuns={lastReconcileRuns(db)}
        mappings={listMappings(db, c.var.user.organisationId)}
        journeys={journeyChoices(db, c.var.user.organisationId)}
        notifications={recentNotifications(db, { organisationId: c.var.user.organisationId, status: statusFilter || undefined, limit: RECENT })}
        statusFilter={statusFilter}
        {...extra}
      />,
      { status },
    );
  };

  const notices: Record<string, (c: StaffContext) => string | undefined> = {
    toegevoegd: (c) => {
      const id = idParam(c.req.query('abonnement'));
      const subscription = id === undefined ? undefined : findSubscription(db, id, c.var.user.organisationId);
      return subscription && t.addedNotice(subscription.name);
    },
    ingetrokken: (c) => {
      const id = idParam(c.req.query('abonnement'));
      const subscription = id === undefined ? undefined : findSubscription(db, id, c.var.user.organisationId);
      return subscription?.revokedAt ? t.revokedNotice(subscription.name) : undefined;
    },
    gekoppeld: (c) => (c.req.query('sleutel') ? t.mappedNotice(c.req.query('sleutel')!) : undefined),
    verwijderd: (c) => (c.req.query('sleutel') ? t.mappingDeletedNotice(c.req.query('sleutel')!) : undefined),
    opnieuw: () => t.requeuedNotice,
    nalopen: () => t.reconcileStarted,
  };

  app.get('/', (c) => {
    const notice = notices[c.req.query('melding') ?? '']?.(c);
    return page(c, { notice });
  });

  // ── Subscriptions ────────────────────────────────────────────────────────────────────────

  app.post('/abonnementen', async (c) => {
    const body = await readForm(c);
    const fields = ['name', 'auth', 'zakenApi', 'catalogiApi', 'klantinteractiesApi', 'clientId', 'secret', 'klantinteractiesToken'] as const;
    const raw = Object.fromEntries(fields.map((field) => [field, str(body[field]).slice(0, 2000)]));
    // Secrets are never sent back to the browser, not even into a form with an error.
    const form = { name: raw.name!, zakenApi: raw.zakenApi!, catalogiApi: raw.catalogiApi!, klantinteractiesApi: raw.klantinteractiesApi!, clientId: raw.clientId! };
    const parsed = subscriptionInputSchema.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return page(c, { subscriptionForm: form, subscriptionErrors: errors }, 422);
    }
    try {
      const { subscription, auth, generated } = addSubscription(db, deps.dataKey, clock, parsed.data, c.var.user.organisationId);
      c.var.audit({
        action: 'zgw.subscription-added',
        object: `zgw-subscription:${subscription.id}`,
        result: 'success',
        details: { name: subscription.name, clientId: subscription.clientId, authGenerated: generated },
      });
      if (generated) {
        return c.render(<SubscriptionAddedPage user={c.var.user} name={subscription.name} auth={auth} webhookUrl={webhookUrl} />);
      }
      return c.redirect(`/admin/zgw?melding=toegevoegd&abonnement=${subscription.id}#abonnementen`, 303);
    } catch (error) {
      if (!(error instanceof SubscriptionError)) throw error;
      return page(c, { subscriptionForm: form, subscriptionErrors: { [error.field]: error.message } }, 422);
    }
  });

  app.post('/abonnementen/:id/intrekken', (c) => {
    const id = idParam(c.req.param('id'));
    const subscription = id === undefined ? undefined : findSubscription(db, id, c.var.user.organisationId);
    if (!subscription) return c.var.notFound();
    if (revokeSubscription(db, subscription.id, clock.now())) {
      c.var.audit({ action: 'zgw.subscription-revoked', object: `zgw-subscription:${subscription.id}`, result: 'success', details: { name: subscription.name } });
    }
    return c.redirect(`/admin/zgw?melding=ingetrokken&abonnement=${subscription.id}#abonnementen`, 303);
  });

  // ── Mappings ─────────────────────────────────────────────────────────────────────────────

  app.post('/koppelingen', async (c) => {
    const body = await readForm(c);
    const form = { soort: str(body.soort), sleutel: str(body.sleutel).slice(0, 1000), doel: str(body.doel).slice(0, 300) };
    const errors: Record<string, string> = {};
    if (form.soort !== 'zaaktype' && form.soort !== 'onderwerp') errors.soort = t.mapErrors.kind;
    if (!form.sleutel.trim()) errors.sleutel = t.mapErrors.key;
    const target = parseJourneyTarget(db, form.doel, c.var.user.organisationId);
    if (!target) errors.doel = t.mapErrors.target;
    if (Object.keys(errors).length || !target) return page(c, { mappingForm: form, mappingErrors: errors }, 422);
    try {
      const saved = saveMapping(db, clock, { kind: form.soort as 'zaaktype' | 'onderwerp', value: form.sleutel, ...target }, c.var.user.organisationId);
      c.var.audit({
        action: 'zgw.mapping-saved',
        object: saved.key,
        result: 'success',
        details: { kind: saved.kind, journey: saved.journey.slug, touchpoint: saved.touchpoint?.slug ?? null, replaced: saved.replaced },
      });
      return c.redirect(`/admin/zgw?${new URLSearchParams({ melding: 'gekoppeld', sleutel: saved.key })}#koppelingen`, 303);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const field = error.field === 'key' ? 'sleutel' : 'doel';
      return page(c, { mappingForm: { ...form, doel: targetValue(target.journey, target.touchpoint) }, mappingErrors: { [field]: error.message } }, 422);
    }
  });

  app.post('/koppelingen/:id/verwijderen', (c) => {
    const id = idParam(c.req.param('id'));
    const mapping = id === undefined ? undefined : findMappingById(db, id, c.var.user.organisationId);
    if (!mapping) return c.var.notFound();
    if (deleteMapping(db, mapping.id)) {
      c.var.audit({ action: 'zgw.mapping-deleted', object: mapping.key, result: 'success', details: { kind: mapping.kind, journey: mapping.journeySlug } });
    }
    return c.redirect(`/admin/zgw?${new URLSearchParams({ melding: 'verwijderd', sleutel: mapping.key })}#koppelingen`, 303);
  });

  // ── Notifications and reconciliation ─────────────────────────────────────────────────────

  app.post('/notificaties/:id/opnieuw', (c) => {
    const id = idParam(c.req.param('id'));
    const notification = id === undefined ? undefined : findNotification(db, id);
    // Another organisation's notification is as unknown as one that does not exist.
    if (!notification || !findSubscription(db, notification.subscriptionId, c.var.user.organisationId)) return c.var.notFound();
    if (requeueNotification(db, notification.id, clock.now())) {
      c.var.audit({
        action: 'zgw.notification-requeued',
        object: `zgw-notification:${notification.id}`,
        result: 'success',
        details: { previous: notification.status, reason: notification.skipReason },
      });
      deps.onZgwNotification?.();
    }
    return c.redirect('/admin/zgw?melding=opnieuw#notificaties', 303);
  });

  app.post('/nalopen', async (c) => {
    const body = await readForm(c);
    const since = str(body.vanaf).trim().slice(0, 20);
    const today = dayOf(clock.now());
    if (reconcilePeriodProblem(since, today, today)) return page(c, { reconcileForm: { vanaf: since }, reconcileErrors: { vanaf: t.reconcileErrors.since } }, 422);
    const subscriptions = activeSubscriptions(db, c.var.user.organisationId);
    if (subscriptions.length === 0) return page(c, { reconcileForm: { vanaf: since }, reconcileErrors: { vanaf: t.reconcileErrors.noSubscriptions } }, 422);
    // The reconciliation outlives the request: who and from where are taken now.
    const by = changedBy(c);
    const trigger = `admin:${c.var.user.id}`;
    // Asking the Zaken API can take a while: the page answers at once, the results appear in the inbox.
    void (async () => {
      for (const subscription of subscriptions) {
        try {
          const report = await reconcileSubscription(db, deps, subscription, { since, until: today }, trigger);
          audit(db, clock.now(), {
            action: 'zgw.reconciled',
            object: `zgw-subscription:${subscription.id}`,
            result: report.error ? 'failure' : 'success',
            ...by,
            details: { since, until: today, closed: report.closed, alreadyInvited: report.alreadyInvited, queued: report.queued, error: report.error?.slice(0, 200) ?? null },
          });
        } catch (error) {
          deps.log?.(`Reconciling ZGW subscription "${subscription.name}" failed`, error);
        }
      }
      deps.onZgwNotification?.();
    })();
    return c.redirect('/admin/zgw?melding=nalopen#notificaties', 303);
  });

  return app;
}
