import { z } from 'zod';
import { PrivacyPage, SubjectRequestPage, type SubjectRequestPageProps } from '../../views/privacy/privacy-pages';
import type { AppDeps } from '../app';
import { organisationContactMissing, type Config } from '../config';
import { str } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { isHostingStaff } from '../organisations/organisations';
import { accessibilityStatusLabel, nl } from '../texts';
import { lastRetentionRuns, retentionPolicy, retentionRules, runRetention, type RetentionRule } from './retention';
import { eraseSubject, findSubjectData, requestReference, subjectExport, summarise } from './subject-requests';
import { readForm } from '../http/form-body';
import { organisationNameFor } from '../organisations/organisations';

const emailSchema = z.string().trim().min(1).max(254).pipe(z.email());

/** What each purge's term is, in words, from the configuration in effect. */
export function retentionTerms(config: Config): Record<RetentionRule, string> {
  const policy = retentionPolicy(config);
  const terms = nl.privacy.admin.terms;
  const responses = terms.months(policy.responsesMonths);
  return {
    'invitation-contact': terms.onClose(config.INVITATION_EXPIRY_DAYS),
    'event-payloads': terms.days(policy.eventPayloadDays),
    mail: terms.days(policy.mailDays),
    comments: terms.months(policy.commentsMonths),
    responses,
    'no-show-responses': responses,
    invitations: responses,
    appointments: responses,
    events: responses,
    'panel-contacts': terms.ended,
    'callback-contacts': terms.callbackClosed(policy.callbackDays),
    sessions: terms.expired,
    'audit-log': terms.months(policy.auditMonths),
  };
}

/**
 * /admin/privacy: the retention terms and the last run of each purge, "run now" (audited);
 * /admin/privacy/verzoek: data-subject requests — search, JSON export and erasure (audited,
 * with a keyed reference instead of the address).
 */
export function privacyAdminRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'dataKey'>) {
  const { db, clock, config } = deps;
  // Pages with a citizen's address and what is held about it: the staff router keeps them out of caches.
  const app = staffRouter();

  app.get('/', (c) => {
    const runs = lastRetentionRuns(db);
    const terms = retentionTerms(config);
    const labels = nl.privacy.admin.rules;
    const fields = nl.privacy.admin.organisationFields;
    const details = (
      [
        ['ORGANISATION_NAME', config.ORGANISATION_NAME],
        ['ORGANISATION_EMAIL', config.ORGANISATION_EMAIL],
        ['ORGANISATION_PHONE', config.ORGANISATION_PHONE],
        ['ORGANISATION_ADDRESS', config.ORGANISATION_ADDRESS],
        ['ORGANISATION_URL', config.ORGANISATION_URL],
        ['PRIVACY_OFFICER_EMAIL', config.PRIVACY_OFFICER_EMAIL],
        ['ACCESSIBILITY_STATUS', `${config.ACCESSIBILITY_STATUS} — ${accessibilityStatusLabel(config.ACCESSIBILITY_STATUS)}`],
      ] as const
    ).map(([name, value]) => ({ name, label: fields[name]!, value }));
    const job = runs.job;
    const notice = c.req.query('melding') === 'opgeschoond' && job ? nl.privacy.admin.ran(job.rows, job.complete) : undefined;
    return c.render(
      <PrivacyPage
        user={c.var.user}
        rows={retentionRules.map((rule) => ({ rule, label: labels[rule]!, term: terms[rule], run: runs.rules.get(rule) }))}
        job={job}
        notice={notice}
        details={details}
        contactMissing={organisationContactMissing(config)}
        mayRun={isHostingStaff(c.var.user)}
      />,
    );
  });

  app.post('/opschonen', async (c) => {
    const report = await runRetention(db, { clock, config }, { trigger: `admin:${c.var.user.id}` });
    c.var.audit({
      action: 'privacy.retention.run',
      object: 'retention',
      result: report.complete ? 'success' : 'failure',
      details: { rows: report.rows, batches: report.batches, complete: report.complete },
    });
    return c.redirect('/admin/privacy?melding=opgeschoond', 303);
  });

  // ── Data-subject requests ───────────────────────────────────────────────────────────────

  const requestPage = (c: StaffContext, props: Omit<SubjectRequestPageProps, 'user'>, status: 200 | 422 = 200) =>
    c.render(<SubjectRequestPage user={c.var.user} {...props} />, { status });

  /** The address from a form, or the page again with the error. */
  const addressFrom = (body: Record<string, unknown>) => {
    const raw = str(body.email).slice(0, 1000);
    const parsed = emailSchema.safeParse(raw);
    return parsed.success ? { ok: true as const, email: parsed.data } : { ok: false as const, raw };
  };

  // A request is handled within the administrator's own organisation.
  const requestDeps = (c: StaffContext) => ({ ...deps, organisationId: c.var.user.organisationId });
  const resultFor = (c: StaffContext, email: string) => {
    const data = findSubjectData(db, requestDeps(c), email);
    return {
      reference: requestReference(deps.addressHashKey, email),
      summary: summarise(data),
      invitations: data.invitations,
      optOut: data.optOut !== null,
    };
  };

  app.get('/verzoek', (c) => requestPage(c, {}));

  app.post('/verzoek', async (c) => {
    const body = await readForm(c);
    const address = addressFrom(body);
    if (!address.ok) return requestPage(c, { email: address.raw.slice(0, 254), errors: { email: nl.privacy.request.errorEmail } }, 422);
    const result = resultFor(c, address.email);
    c.var.audit({ action: 'privacy.request.searched', object: result.reference, result: 'success', details: { found: result.summary.total } });
    return requestPage(c, { email: address.email, result });
  });

  app.post('/verzoek/export', async (c) => {
    const body = await readForm(c);
    const address = addressFrom(body);
    if (!address.ok) return requestPage(c, { email: address.raw.slice(0, 254), errors: { email: nl.privacy.request.errorEmail } }, 422);
    const reference = requestReference(deps.addressHashKey, address.email);
    const exported = subjectExport(db, { ...requestDeps(c), organisation: organisationNameFor(db, config, c.var.user.organisationId) }, address.email);
    c.var.audit({ action: 'privacy.request.exported', object: reference, result: 'success', details: { found: summarise(exported).total } });
    const day = clock.now().toISOString().slice(0, 10);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="gegevens-${reference.slice('verzoek:'.length)}-${day}.json"`);
    return c.body(`${JSON.stringify(exported, null, 2)}\n`);
  });

  app.post('/verzoek/wissen', async (c) => {
    const body = await readForm(c);
    const address = addressFrom(body);
    if (!address.ok) return requestPage(c, { email: address.raw.slice(0, 254), errors: { email: nl.privacy.request.errorEmail } }, 422);
    const optOut = body.afmelden !== undefined;
    if (body.bevestig === undefined) {
      return requestPage(c, { email: address.email, result: resultFor(c, address.email), eraseForm: { optOut }, errors: { bevestig: nl.privacy.request.errorConfirm } }, 422);
    }
    const reference = requestReference(deps.addressHashKey, address.email);
    const report = eraseSubject(db, requestDeps(c), address.email, { optOut });
    c.var.audit({ action: 'privacy.request.erased', object: reference, result: 'success', details: { ...report } });
    return requestPage(c, { erased: { reference, paragraphs: nl.privacy.request.erased(report) } });
  });

  return app;
}
