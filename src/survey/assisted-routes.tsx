import { limitBody } from '../http/body-limit';
import { AssistedCasePage, AssistedStartPage } from '../../views/survey/assisted-pages';
import { SurveyPage } from '../../views/survey/survey-page';
import type { AppDeps } from '../app';
import type { AssistedMode } from '../db/schema';
import { staffRouter, type StaffContext } from '../http/staff';
import { regularJourneys } from '../journeys/regular-journeys';
import { findOrganisation } from '../organisations/organisations';
import { surveyItemsOf } from '../items/journey-items';
import { dutch } from '../texts/citizen';
import { surveySteps } from '../journeys/survey-steps';
import { nl } from '../texts';
import { assistedSurveyFieldsSchema, caseChoices, codeFormSchema, findAssistedSurvey, parseCaseForm, startAssistedInvitation, type AssistedSurvey } from './assisted';
import { showsFeelingFaces } from './feeling-faces';
import { submitResponse } from './responses';
import { parseSurvey } from './survey-form';
import { readForm } from '../http/form-body';

const t = nl.assisted;

const firstErrors = (issues: { path: PropertyKey[]; message: string }[]) => {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
};

const textValues = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value.slice(0, 200)]] : [])));

/**
 * /dashboard/afname — staff fill in the survey for a citizen on the phone or at the counter, by the
 * letter's code or for a case started here; the same survey form, stored with its mode and audited
 * (who, which response, which mode; never the answers). kcc staff, managers and admins only.
 */
export function assistedRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'mail'>) {
  const { db, clock } = deps;
  const app = staffRouter();
  const limit = limitBody({ maxSize: 64 * 1024, onError: (c) => c.text(nl.survey.tooLargeTitle, 413) });

  const startPage = (c: StaffContext, values: Record<string, string>, errors: Record<string, string>, status: 200 | 422 = 422, notice?: string) =>
    c.render(<AssistedStartPage user={c.var.user} values={values} errors={errors} notice={notice} />, { status });

  const surveyPage = (c: StaffContext, survey: Omit<AssistedSurvey, 'token'>, mode: AssistedMode, values: Record<string, string> = {}, errors: Record<string, string> = {}) =>
    c.render(
      <SurveyPage
        journeyName={survey.journey.name}
        action="/dashboard/afname/invullen"
        steps={surveySteps(survey.touchpoints, 'nl')}
        items={itemsOf(survey)}
        values={values}
        errors={errors}
        faces={showsFeelingFaces(db, mode, c.var.user.organisationId)}
        assisted={{ label: t.documentLabel, notice: `${t.notice} ${t.noticeMode(mode)}`, staff: { email: c.var.user.email, role: c.var.user.role, current: '/dashboard/afname' }, hidden: { code: survey.code, manier: mode } }}
      />,
      { status: Object.keys(errors).length ? 422 : 200 },
    );

  const itemsOf = (survey: Omit<AssistedSurvey, 'token'>) =>
    surveyItemsOf(db, survey.items, survey.touchpoints, dutch, findOrganisation(db, survey.journey.organisationId)?.name ?? deps.config.ORGANISATION_NAME);

  const closedError = (state: 'unknown' | 'expired' | 'answered') => ({ code: t.errors[state] });

  app.get('/', (c) => {
    const stored = Number(c.req.query('opgeslagen'));
    return startPage(c, {}, {}, 200, Number.isSafeInteger(stored) && stored > 0 ? t.stored(stored) : undefined);
  });

  app.post('/', limit, async (c) => {
    const body = await readForm(c);
    const values = textValues(body);
    const parsed = codeFormSchema.safeParse(body);
    if (!parsed.success) return startPage(c, values, firstErrors(parsed.error.issues));
    const found = findAssistedSurvey(db, deps.addressHashKey, parsed.data.code, clock.now(), c.var.user.organisationId);
    if (found.state !== 'open') return startPage(c, values, closedError(found.state));
    return surveyPage(c, found.survey, parsed.data.manier);
  });

  app.post('/invullen', limit, async (c) => {
    const body = await readForm(c);
    const fields = assistedSurveyFieldsSchema.safeParse(body);
    if (!fields.success) return startPage(c, {}, firstErrors(fields.error.issues));
    const mode = fields.data.manier;
    const found = findAssistedSurvey(db, deps.addressHashKey, fields.data.code, clock.now(), c.var.user.organisationId);
    if (found.state !== 'open') return startPage(c, {}, closedError(found.state), 422);
    const { survey } = found;
    const answers = parseSurvey(body, survey.touchpoints.map((touchpoint) => touchpoint.slug), dutch, itemsOf(survey));
    if (!answers.ok) return surveyPage(c, survey, mode, answers.values, answers.errors);
    const outcome = submitResponse(db, clock, survey.token, survey.touchpoints, answers.answers, undefined, mode);
    if (outcome.state !== 'stored') return startPage(c, {}, closedError(outcome.state));
    c.var.audit({ action: 'assisted.response', object: `response:${outcome.responseId}`, result: 'success', details: { mode, journey: survey.journey.slug } });
    return c.redirect(`/dashboard/afname?opgeslagen=${outcome.responseId}`, 303);
  });

  const journeys = (c: StaffContext) => regularJourneys(db, c.var.user.organisationId).map(({ slug, name }) => ({ slug, name }));

  app.get('/zaak', (c) => {
    const slug = c.req.query('reis');
    const choices = slug ? caseChoices(db, slug, c.var.user.organisationId) : undefined;
    const errors: Record<string, string> = slug && !choices ? { reis: t.errors.journey } : {};
    return c.render(<AssistedCasePage user={c.var.user} journeys={journeys(c)} choices={choices} values={{}} errors={errors} />, { status: slug && !choices ? 422 : 200 });
  });

  app.post('/zaak', limit, async (c) => {
    const choices = caseChoices(db, c.req.query('reis') ?? '', c.var.user.organisationId);
    if (!choices) return c.render(<AssistedCasePage user={c.var.user} journeys={journeys(c)} values={{}} errors={{ reis: t.errors.journey }} />, { status: 422 });
    const body = await readForm(c);
    const parsed = parseCaseForm(body, choices);
    if (!parsed.ok) return c.render(<AssistedCasePage user={c.var.user} journeys={journeys(c)} choices={choices} values={textValues(body)} errors={parsed.errors} />, { status: 422 });
    const started = startAssistedInvitation(db, { ...deps, clock }, choices.journey, parsed.value);
    c.var.audit({ action: 'assisted.started', object: `invitation:${started.invitationId}`, result: 'success', details: { mode: parsed.value.mode, journey: choices.journey.slug } });
    const found = findAssistedSurvey(db, deps.addressHashKey, started.code, clock.now(), c.var.user.organisationId);
    if (found.state !== 'open') return startPage(c, {}, closedError(found.state));
    return surveyPage(c, found.survey, parsed.value.mode);
  });

  return app;
}
