import { Hono, type Context } from 'hono';
import { RecoveryPage } from '../../views/callbacks/recovery-page';
import { RequestPage, type RequestPageProps } from '../../views/callbacks/request-page';
import { WorkListPage } from '../../views/callbacks/work-list-page';
import { MessagePage } from '../../views/layout';
import type { AppDeps } from '../app';
import { callbackOutcomes, type CallbackOutcome } from '../db/schema';
import { pageLanguage, type PageLanguage } from '../http/citizen-language';
import type { AppEnv } from '../http/env';
import { idParam } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { isReportable } from '../min-group';
import { nl } from '../texts';
import { isSubscribedToAlerts, setAlertSubscription } from './alerts';
import { readCallbackContact } from './requests';
import { closeCallback, recordAttempt, recordRecoveryScore, recoveryLinkState, requestLanguage, takeCallback, type RecoveryLinkState } from './handling';
import { callbackDetail, findCallback, listCallbacks, normOf, recoveryRate, statusFilters, type CallbackRow, type StatusFilter } from './work-list';
import { readForm } from '../http/form-body';

const t = nl.callbacksKcc;

export type CallbackRouteDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'mail' | 'onMailQueued'>;

const savedNotices = { opgepakt: t.detail.saved.taken, poging: t.detail.saved.attempt, afgesloten: t.detail.saved.closed, gemaild: t.detail.saved.closedMailed } as const;

/**
 * /dashboard/terugbellen — the KCC's work list and one request's page (kcc staff and managers).
 * Opening the contact details is a POST that writes the audit log, as in the panel.
 */
export function callbackRoutes(deps: CallbackRouteDeps) {
  const { db, clock, config } = deps;
  // "Geen contact mogelijk" only after this many attempts.
  const maxAttempts = config.CALLBACK_MAX_ATTEMPTS;
  const app = staffRouter();

  app.get('/', (c) => {
    const query = c.req.query();
    const status = statusFilters.includes(query.status as StatusFilter) ? (query.status as StatusFilter) : 'active';
    const who = query.wie === 'mine' ? 'mine' : 'all';
    const now = clock.now();
    const organisationId = c.var.user.organisationId;
    const items = listCallbacks(db, { status, organisationId, assignedTo: who === 'mine' ? c.var.user.id : undefined }, now);
    const rate = recoveryRate(db, undefined, organisationId);
    const notice = query.melding === 'aan' ? t.list.subscribed : query.melding === 'uit' ? t.list.unsubscribed : undefined;
    return c.render(
      <WorkListPage
        user={c.var.user}
        now={now}
        filter={{ who, status }}
        items={items.map((item) => ({ ...item, norm: normOf(item, now) }))}
        recovery={isReportable(rate.answered, config.MIN_GROUP_SIZE) ? { share: rate.good / rate.answered, answered: rate.answered } : undefined}
        subscribed={isSubscribedToAlerts(db, c.var.user.id)}
        notice={notice}
      />,
    );
  });

  app.post('/melding', async (c) => {
    const on = (await readForm(c)).aan === 'ja';
    setAlertSubscription(db, clock.now(), c.var.user.id, on);
    return c.redirect(`/dashboard/terugbellen?melding=${on ? 'aan' : 'uit'}`, 303);
  });

  const requestOf = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findCallback(db, id, c.var.user.organisationId);
  };
  const page = (c: StaffContext, request: CallbackRow, extra: Partial<RequestPageProps> = {}) =>
    c.render(<RequestPage user={c.var.user} norm={normOf(request, clock.now())} detail={callbackDetail(db, request)} maxAttempts={maxAttempts} {...extra} />, {
      status: extra.errors && Object.keys(extra.errors).length > 0 ? 422 : 200,
    });

  app.get('/:id', (c) => {
    const request = requestOf(c);
    if (!request) return c.var.notFound();
    const saved = c.req.query('opgeslagen') as keyof typeof savedNotices | undefined;
    return page(c, request, { notice: saved ? savedNotices[saved] : undefined });
  });

  app.post('/:id/contact', (c) => {
    const request = requestOf(c);
    if (!request) return c.var.notFound();
    const contact = readCallbackContact(deps, request) ?? undefined;
    c.var.audit({ action: 'callback.contact.opened', object: `callback:${request.id}`, result: contact ? 'success' : 'failure', details: { status: request.status } });
    return page(c, request, { contact });
  });

  app.post('/:id/oppakken', (c) => {
    const request = requestOf(c);
    if (!request) return c.var.notFound();
    if (!takeCallback(db, clock.now(), request.id, c.var.user.id, changedBy(c))) return page(c, request, { errors: { outcome: t.detail.errors.closed } });
    return c.redirect(`/dashboard/terugbellen/${request.id}?opgeslagen=opgepakt`, 303);
  });

  app.post('/:id/poging', async (c) => {
    const request = requestOf(c);
    if (!request) return c.var.notFound();
    const attempt = (await readForm(c)).attempt;
    if (attempt !== 'bereikt' && attempt !== 'niet-bereikt') return page(c, request, { errors: { attempt: t.detail.errors.attempt } });
    if (!recordAttempt(db, clock.now(), request.id, c.var.user.id, attempt === 'bereikt', changedBy(c))) return page(c, request, { errors: { outcome: t.detail.errors.closed } });
    return c.redirect(`/dashboard/terugbellen/${request.id}?opgeslagen=poging`, 303);
  });

  app.post('/:id/afsluiten', async (c) => {
    const request = requestOf(c);
    if (!request) return c.var.notFound();
    const body = await readForm(c);
    const values = { outcome: String(body.outcome ?? ''), note: String(body.note ?? ''), action: String(body.action ?? '') };
    if (!callbackOutcomes.includes(values.outcome as CallbackOutcome)) return page(c, request, { values, errors: { outcome: t.detail.errors.outcome } });
    const actionId = values.action === '' ? undefined : idParam(values.action);
    if (values.action !== '' && actionId === undefined) return page(c, request, { values, errors: { action: t.detail.errors.action } });
    const result = closeCallback(deps, clock.now(), request.id, { outcome: values.outcome as CallbackOutcome, note: values.note, actionId }, maxAttempts, changedBy(c));
    if (!result.ok) {
      const error =
        result.error === 'unreachable-too-early' ? { outcome: t.detail.errors.unreachable(maxAttempts) } : result.error === 'action' ? { action: t.detail.errors.action } : { outcome: t.detail.errors.closed };
      return page(c, findCallback(db, request.id)!, { values, errors: error });
    }
    if (result.mailed) deps.onMailQueued?.();
    return c.redirect(`/dashboard/terugbellen/${request.id}?opgeslagen=${result.mailed ? 'gemaild' : 'afgesloten'}`, 303);
  });

  return app;
}

/**
 * /terugbellen/beoordelen/:token — public: the citizen's one answer (1–5) to "Bent u goed
 * geholpen?", in the language of the survey the request came from (or the one chosen with ?taal=).
 */
export function recoveryRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono<AppEnv>();
  const languageOf = (c: Context<AppEnv>, state: RecoveryLinkState) => pageLanguage(c, config, state.state === 'unknown' ? undefined : requestLanguage(db, state.requestId));
  const message = (c: Context<AppEnv>, lang: PageLanguage, state: 'unknown' | 'answered' | 'stored') => {
    const r = lang.language.texts.callbackRecovery;
    return state === 'unknown'
      ? c.render(lang.render(<MessagePage title={r.unknownTitle} paragraphs={[r.unknown]} />), { status: 404 })
      : c.render(lang.render(<MessagePage title={state === 'stored' ? r.thanksTitle : r.alreadyTitle} paragraphs={[state === 'stored' ? r.thanks : r.already]} />));
  };

  app.get('/beoordelen/:token', (c) => {
    const state = recoveryLinkState(db, c.req.param('token'));
    const lang = languageOf(c, state);
    if (state.state !== 'open') return message(c, lang, state.state);
    c.header('Cache-Control', 'no-store');
    return c.render(lang.render(<RecoveryPage action={lang.keep(c.req.path)} />, true));
  });

  app.post('/beoordelen/:token', async (c) => {
    const token = c.req.param('token');
    const state = recoveryLinkState(db, token);
    const lang = languageOf(c, state);
    const score = Number((await readForm(c)).score);
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      if (state.state !== 'open') return message(c, lang, state.state);
      return c.render(lang.render(<RecoveryPage action={lang.keep(c.req.path)} error={lang.language.texts.callbackRecovery.error} />, true), { status: 422 });
    }
    return message(c, lang, recordRecoveryScore(db, clock.now(), token, score));
  });

  return app;
}
