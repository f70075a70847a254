import { Hono, type Context } from 'hono';
import { RateLimiter } from '../auth/rate-limit';
import { bodyLimit } from 'hono/body-limit';
import { LinkParagraph } from '../../views/components/page-parts';
import { MessagePage } from '../../views/layout';
import { NoShowPage } from '../../views/survey/no-show-page';
import { SurveyPage } from '../../views/survey/survey-page';
import { ThanksPage } from '../../views/survey/thanks-page';
import type { AppDeps } from '../app';
import type { CallbackReason, Touchpoint } from '../db/schema';
import type { AppEnv } from '../http/env';
import { findInvitationByToken } from '../invitations/invitations';
import { findJourneyById, touchpointsByIds } from '../journeys/journeys';
import { parseNoShowSurvey, submitNoShowResponse } from './no-show-survey';
import { nl } from '../texts';
import { parseSurvey } from './survey-form';
import { consentText } from '../consent-text';
import { parseConsent } from '../panel/consent-form';
import { rememberConsentText, signUp } from '../panel/panel';
import { modeOfDelivery, submitResponse } from './responses';
import { surveySteps } from '../journeys/survey-steps';
import type { TouchpointWithQuestions } from '../journeys/touchpoint-questions';
import { showsFeelingFaces } from './feeling-faces';
import { CallbackQuestionPage } from '../../views/callbacks/question-page';
import { parseCallbackRequest } from '../callbacks/request-form';
import { createCallbackRequest, findCallbackOffer } from '../callbacks/requests';

/** The consent block's submitted values, to re-render them when another field has an error. */
function parseConsentValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of ['panel-consent', 'panel-email', 'panel-name', 'panel-phone', 'panel-contact']) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, 300);
  }
  return values;
}

/** GET/POST /s/:token — the citizen's survey, ending with the optional consent-panel block; works without JavaScript. */
export function surveyRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'mail' | 'onMailQueued'>) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();
  // Submissions are rare for a real citizen: these limits only stop scripted abuse.
  const submissionsPerToken = new RateLimiter(10, 10 * 60_000);
  const submissionsPerAddress = new RateLimiter(60, 10 * 60_000);
  const message = (title: string, body: string) => <MessagePage title={title} paragraphs={[body]} />;

  /** Renders the page for a link that cannot be answered (unknown, expired, already answered). */
  const closedLinkPage = (c: Context<AppEnv>, state: 'unknown' | 'expired' | 'answered') => {
    if (state === 'unknown')
      return c.render(
        <MessagePage title={nl.survey.notFoundTitle} paragraphs={[nl.survey.notFoundBody]}>
          <LinkParagraph href="/vragenlijst">{nl.survey.codeLink}</LinkParagraph>
        </MessagePage>,
        { status: 404 },
      );
    if (state === 'expired') return c.render(message(nl.survey.expiredTitle, nl.survey.expiredBody), { status: 410 });
    return c.render(message(nl.survey.alreadyAnsweredTitle, nl.survey.alreadyAnsweredBody), { status: 409 });
  };

  const load = (token: string) => {
    const found = findInvitationByToken(db, token, clock.now());
    if (found.state !== 'open') return { state: found.state } as const;
    const journey = findJourneyById(db, found.invitation.journeyId)!;
    return {
      state: 'open',
      kind: found.invitation.kind,
      email: found.invitation.email,
      language: found.invitation.language,
      faces: showsFeelingFaces(db, modeOfDelivery(found.invitation.delivery)),
      journey,
      touchpoints: touchpointsByIds(db, found.invitation.touchpointIds),
    } as const;
  };

  const noShowPage = (token: string, journeyName: string, touchpoints: Touchpoint[], faces: boolean, values = {}, errors = {}) => (
    <NoShowPage
      faces={faces}
      journeyName={journeyName}
      bookingStep={touchpoints[0]?.name ?? ''}
      action={`/s/${token}`}
      values={values}
      errors={errors}
    />
  );

  const page = (
    token: string,
    journeyName: string,
    touchpoints: TouchpointWithQuestions[],
    language: string,
    faces: boolean,
    values = {},
    errors = {},
    consent?: ReturnType<typeof consentFor>,
  ) => (
    <SurveyPage
      journeyName={journeyName}
      action={`/s/${token}`}
      steps={surveySteps(touchpoints, language)}
      values={values}
      errors={errors}
      consent={consent}
      faces={faces}
    />
  );

  /** The consent block's text; every wording shown is kept by its hash, for the proof. */
  const consentFor = (values: Record<string, string>, errors: Record<string, string>) => {
    const text = consentText(deps.config);
    rememberConsentText(db, text, clock.now());
    return { text, values, errors };
  };

  /** The call-back question after the survey, offered only when the stored answers (or the setting) call for it. */
  const callbackPage = (token: string, offer: { reason: CallbackReason }, values: Record<string, string>, errors: Record<string, string>, extra?: string[]) => (
    <CallbackQuestionPage
      action={`/s/${token}/terugbellen`}
      reason={offer.reason}
      terms={{ slaHours: deps.config.CALLBACK_SLA_HOURS, retentionDays: deps.config.RETENTION_CALLBACK_DAYS }}
      values={values}
      errors={errors}
      extra={extra}
      emailPrefilled={Boolean(values['callback-email']) && Object.keys(errors).length === 0}
    />
  );
  /** Too many posts for this link or from this address: the 429 page with Retry-After, else undefined. */
  const tooMany = (c: Context<AppEnv>, token: string) => {
    const now = clock.now().getTime();
    const wait = Math.max(submissionsPerToken.hit(token, now), submissionsPerAddress.hit(c.get('clientAddress'), now));
    if (wait <= 0) return undefined;
    c.header('Retry-After', String(wait));
    return c.render(message(nl.survey.tooManyTitle, nl.survey.tooManyBody), { status: 429 });
  };

  const callbackClosedPage = (c: Context<AppEnv>) => c.render(message(nl.callbackQuestion.closedTitle, nl.callbackQuestion.closedBody), { status: 404 });
  const callbackAlreadyPage = (c: Context<AppEnv>) => c.render(message(nl.callbackQuestion.alreadyTitle, nl.callbackQuestion.alreadyBody));

  app.get('/:token/terugbellen', (c) => {
    const token = c.req.param('token');
    const offer = findCallbackOffer(db, deps, token);
    if (offer.state === 'requested') return callbackAlreadyPage(c);
    if (offer.state !== 'offered') return callbackClosedPage(c);
    return c.render(callbackPage(token, offer, {}, {}));
  });

  app.post('/:token/terugbellen', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.render(message(nl.survey.tooLargeTitle, nl.callbackQuestion.tooLarge), { status: 413 }) }), async (c) => {
    const token = c.req.param('token');
    const throttled = tooMany(c, token);
    if (throttled) return throttled;
    const offer = findCallbackOffer(db, deps, token);
    if (offer.state === 'requested') return callbackAlreadyPage(c);
    if (offer.state !== 'offered') return callbackClosedPage(c);
    const parsed = parseCallbackRequest(await c.req.parseBody());
    if (!parsed.ok) return c.render(callbackPage(token, offer, parsed.values, parsed.errors), { status: 422 });
    db.transaction((tx) => createCallbackRequest(tx, deps, { ...offer, contact: parsed.contact }));
    const t = nl.callbackQuestion;
    return c.render(message(t.doneTitle, t.done(parsed.contact.method, deps.config.CALLBACK_SLA_HOURS)));
  });

  app.get('/:token', (c) => {
    const token = c.req.param('token');
    const loaded = load(token);
    if (loaded.state !== 'open') return closedLinkPage(c, loaded.state);
    if (loaded.kind === 'no-show') return c.render(noShowPage(token, loaded.journey.name, loaded.touchpoints, loaded.faces));
    return c.render(page(token, loaded.journey.name, loaded.touchpoints, loaded.language, loaded.faces, {}, {}, consentFor({ 'panel-email': loaded.email ?? '' }, {})));
  });

  app.post(
    '/:token',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.render(message(nl.survey.tooLargeTitle, nl.survey.errors.comment), { status: 413 }),
    }),
    async (c) => {
      const token = c.req.param('token');
      const throttled = tooMany(c, token);
      if (throttled) return throttled;
      const loaded = load(token);
      if (loaded.state !== 'open') return closedLinkPage(c, loaded.state);
      const body = await c.req.parseBody();
      if (loaded.kind === 'no-show') {
        const answered = parseNoShowSurvey(body);
        if (!answered.ok) return c.render(noShowPage(token, loaded.journey.name, loaded.touchpoints, loaded.faces, answered.values, answered.errors), { status: 422 });
        const stored = submitNoShowResponse(db, clock, token, answered.answers);
        if (stored.state !== 'stored') return closedLinkPage(c, stored.state);
        return c.render(<ThanksPage />);
      }
      const parsed = parseSurvey(body, loaded.touchpoints.map((touchpoint) => touchpoint.slug));
      const consent = parseConsent(body);
      if (!parsed.ok || !consent.ok) {
        const values = { ...(parsed.ok ? {} : parsed.values), ...(consent.ok ? {} : consent.values) };
        const errors = { ...(parsed.ok ? {} : parsed.errors), ...(consent.ok ? {} : consent.errors) };
        if (consent.ok) Object.assign(values, parseConsentValues(body));
        return c.render(page(token, loaded.journey.name, loaded.touchpoints, loaded.language, loaded.faces, values, errors, consentFor(values, errors)), { status: 422 });
      }
      const given = consent.consent;
      const outcome = submitResponse(db, clock, token, loaded.touchpoints, parsed.answers, (tx, stored) => {
        if (given) signUp(tx, deps, { ...stored, contact: given.contact, shownTextHash: given.shownTextHash });
      });
      if (outcome.state !== 'stored') return closedLinkPage(c, outcome.state);
      if (given) deps.onMailQueued?.();
      const extra = given ? [nl.panel.consent.thanksExtra] : [];
      // The address is erased from the invitation now; this page is the one moment it can be offered, pre-filled.
      const offer = findCallbackOffer(db, deps, token);
      if (offer.state === 'offered') return c.render(callbackPage(token, offer, { 'callback-email': loaded.email ?? '' }, {}, extra));
      return c.render(<ThanksPage extra={extra} />);
    },
  );

  return app;
}
