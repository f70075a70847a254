import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { organisationNameFor } from '../organisations/organisations';
import { RateLimiter } from '../auth/rate-limit';
import { limitBody } from '../http/body-limit';
import { LinkParagraph } from '../../views/components/page-parts';
import { MessagePage } from '../../views/layout';
import { NoShowPage } from '../../views/survey/no-show-page';
import { SurveyPage } from '../../views/survey/survey-page';
import { ThanksPage } from '../../views/survey/thanks-page';
import type { AppDeps } from '../app';
import type { CallbackReason, Invitation, Touchpoint } from '../db/schema';
import type { AppEnv } from '../http/env';
import { findInvitationByToken } from '../invitations/invitations';
import { surveyJourney } from '../journeys/journey-cache';
import { parseNoShowSurvey, submitNoShowResponse } from './no-show-survey';
import { parseSurvey } from './survey-form';
import { parseConsent } from '../panel/consent-form';
import { consentTextFor, rememberConsentText, signUp } from '../panel/panel';
import { modeOfDelivery, storeResponse } from './responses';
import { runInGroupCommit } from '../db/group-commit';
import { surveySteps } from '../journeys/survey-steps';
import type { TouchpointWithQuestions } from '../journeys/touchpoint-questions';
import { showsFeelingFaces } from './feeling-faces';
import { CallbackQuestionPage } from '../../views/callbacks/question-page';
import { parseCallbackRequest } from '../callbacks/request-form';
import { callbackOfferFor, createCallbackRequest, findCallbackOffer } from '../callbacks/requests';
import { pageLanguage, type PageLanguage } from '../http/citizen-language';
import { readForm } from '../http/form-body';
import { pageHtml } from '../http/render';
import type { SurveyItem } from '../items/survey-items';
import { surveyItemsOf } from '../items/journey-items';
import { ANSWERED_ITEM, surveyMinutes } from '../items/item-bank';

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

  /**
   * The thank-you page after a submission. It is the same for everyone with the same language and
   * the same extra lines (nothing personal, no staff menu), so each variant is rendered once per
   * language file as loaded (a reload makes new ones) and then sent as it is: rendering the JSX was
   * about a tenth of a submission's CPU (BENCHMARKS.md, issue 22).
   */
  const thanksPages = new WeakMap<PageLanguage['language'], Map<string, string>>();
  const thanksPage = async (c: Context<AppEnv>, lang: PageLanguage, extra: string[], organisation = deps.config.ORGANISATION_NAME) => {
    let pages = thanksPages.get(lang.language);
    if (!pages) thanksPages.set(lang.language, (pages = new Map()));
    const key = `${organisation}\n${extra.join('\n')}`;
    let html = pages.get(key);
    if (html === undefined) {
      html = await pageHtml(c, organisation, lang.render(<ThanksPage extra={extra} />));
      pages.set(key, html);
    }
    return c.html(html);
  };

  /** Renders the page for a link that cannot be answered (unknown, expired, already answered). */
  const closedLinkPage = (c: Context<AppEnv>, lang: PageLanguage, state: 'unknown' | 'expired' | 'answered') => {
    const t = lang.language.texts.survey;
    if (state === 'unknown')
      return c.render(
        lang.render(
          <MessagePage title={t.notFoundTitle} paragraphs={[t.notFoundBody]}>
            <LinkParagraph href={lang.keep('/vragenlijst')}>{t.codeLink}</LinkParagraph>
          </MessagePage>,
        ),
        { status: 404 },
      );
    if (state === 'expired') return c.render(lang.render(message(t.expiredTitle, t.expiredBody)), { status: 410 });
    return c.render(lang.render(message(t.alreadyAnsweredTitle, t.alreadyAnsweredBody)), { status: 409 });
  };

  /** The invitation's language (any state) or the one chosen with ?taal=. */
  const languageOf = (c: Context<AppEnv>, token: string) => {
    const found = findInvitationByToken(db, token, clock.now());
    return pageLanguage(c, deps.config, found.state === 'unknown' ? undefined : found.invitation.language);
  };

  const load = (token: string) => {
    const found = findInvitationByToken(db, token, clock.now());
    if (found.state !== 'open') return { state: found.state, language: found.state === 'unknown' ? undefined : found.invitation.language } as const;
    const { journey, touchpoints } = surveyJourney(db, found.invitation.journeyId, found.invitation.touchpointIds)!;
    return {
      state: 'open',
      invitation: found.invitation,
      kind: found.invitation.kind,
      email: found.invitation.email,
      language: found.invitation.language,
      faces: showsFeelingFaces(db, modeOfDelivery(found.invitation.delivery), found.invitation.organisationId),
      // The survey is in the name of the organisation whose event made the invitation (a chain partner's own).
      organisation: organisationNameFor(db, deps.config, found.invitation.organisationId),
      journey,
      touchpoints,
    } as const;
  };

  /** The items this invitation was sent with, in the page's language. */
  const itemsOf = (lang: PageLanguage, invitation: Invitation, touchpoints: readonly Touchpoint[], organisation: string): SurveyItem[] =>
    surveyItemsOf(db, invitation.items, touchpoints, lang.language, organisation);

  /** A survey page under the header of the organisation it is in the name of. */
  const renderAs = async (c: Context<AppEnv>, organisation: string, page: JSX.Element, status: ContentfulStatusCode = 200) =>
    organisation === deps.config.ORGANISATION_NAME ? c.render(page, { status }) : c.html(await pageHtml(c, organisation, page), status);

  const noShowPage = (lang: PageLanguage, token: string, journeyName: string, touchpoints: Touchpoint[], faces: boolean, values = {}, errors = {}) => (
    <NoShowPage
      faces={faces}
      journeyName={journeyName}
      bookingStep={touchpoints[0]?.name ?? ''}
      action={lang.keep(`/s/${token}`)}
      values={values}
      errors={errors}
    />
  );

  const page = (
    lang: PageLanguage,
    token: string,
    journeyName: string,
    touchpoints: TouchpointWithQuestions[],
    items: SurveyItem[],
    faces: boolean,
    values = {},
    errors = {},
    consent?: ReturnType<typeof consentFor>,
  ) => (
    <SurveyPage
      journeyName={journeyName}
      action={lang.keep(`/s/${token}`)}
      steps={surveySteps(touchpoints, lang.wanted)}
      items={items}
      minutes={surveyMinutes(
        touchpoints.length,
        items.map((item) => item.code),
      )}
      values={values}
      errors={errors}
      consent={consent}
      faces={faces}
    />
  );

  /** The consent block's text in the page's language; every wording shown is kept by its hash, for the proof. */
  const consentFor = (lang: PageLanguage, organisationId: number, values: Record<string, string>, errors: Record<string, string>) => {
    const text = consentTextFor(db, deps, organisationId, lang.language);
    rememberConsentText(db, text, clock.now());
    return { text, values, errors };
  };

  /** The call-back question after the survey, offered only when the stored answers (or the setting) call for it. */
  const callbackPage = (lang: PageLanguage, token: string, offer: { reason: CallbackReason }, values: Record<string, string>, errors: Record<string, string>, extra?: string[]) => lang.render(
    <CallbackQuestionPage
      action={lang.keep(`/s/${token}/terugbellen`)}
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
    const t = languageOf(c, token);
    return c.render(t.render(message(t.language.texts.survey.tooManyTitle, t.language.texts.survey.tooManyBody)), { status: 429 });
  };

  const callbackClosedPage = (c: Context<AppEnv>, lang: PageLanguage) =>
    c.render(lang.render(message(lang.language.texts.callbackQuestion.closedTitle, lang.language.texts.callbackQuestion.closedBody)), { status: 404 });
  const callbackAlreadyPage = (c: Context<AppEnv>, lang: PageLanguage) =>
    c.render(lang.render(message(lang.language.texts.callbackQuestion.alreadyTitle, lang.language.texts.callbackQuestion.alreadyBody)));

  app.get('/:token/terugbellen', (c) => {
    const token = c.req.param('token');
    const lang = languageOf(c, token);
    const offer = findCallbackOffer(db, deps, token);
    if (offer.state === 'requested') return callbackAlreadyPage(c, lang);
    if (offer.state !== 'offered') return callbackClosedPage(c, lang);
    return c.render(callbackPage(lang, token, offer, {}, {}));
  });

  const callbackTooLarge = (c: Context<AppEnv>) => {
    const lang = languageOf(c, c.req.param('token') ?? '');
    return c.render(lang.render(message(lang.language.texts.survey.tooLargeTitle, lang.language.texts.callbackQuestion.tooLarge)), { status: 413 });
  };

  app.post('/:token/terugbellen', limitBody({ maxSize: 16 * 1024, onError: callbackTooLarge }), async (c) => {
    const token = c.req.param('token');
    const throttled = tooMany(c, token);
    if (throttled) return throttled;
    const lang = languageOf(c, token);
    const offer = findCallbackOffer(db, deps, token);
    if (offer.state === 'requested') return callbackAlreadyPage(c, lang);
    if (offer.state !== 'offered') return callbackClosedPage(c, lang);
    const parsed = parseCallbackRequest(await readForm(c), lang.language.texts);
    if (!parsed.ok) return c.render(callbackPage(lang, token, offer, parsed.values, parsed.errors), { status: 422 });
    db.transaction((tx) => createCallbackRequest(tx, deps, { ...offer, contact: parsed.contact }));
    const t = lang.language.texts.callbackQuestion;
    return c.render(lang.render(message(t.doneTitle, t.done(parsed.contact.method, deps.config.CALLBACK_SLA_HOURS))));
  });

  app.get('/:token', (c) => {
    const token = c.req.param('token');
    const loaded = load(token);
    const lang = pageLanguage(c, deps.config, loaded.language);
    if (loaded.state !== 'open') return closedLinkPage(c, lang, loaded.state);
    if (loaded.kind === 'no-show') return renderAs(c, loaded.organisation, lang.render(noShowPage(lang, token, loaded.journey.name, loaded.touchpoints, loaded.faces), true));
    const items = itemsOf(lang, loaded.invitation, loaded.touchpoints, loaded.organisation);
    return renderAs(c, loaded.organisation, lang.render(page(lang, token, loaded.journey.name, loaded.touchpoints, items, loaded.faces, {}, {}, consentFor(lang, loaded.invitation.organisationId, { 'panel-email': loaded.email ?? '' }, {})), true));
  });

  app.post(
    '/:token',
    limitBody({
      maxSize: 64 * 1024,
      onError: (c) => {
        const lang = languageOf(c, c.req.param('token') ?? '');
        return c.render(lang.render(message(lang.language.texts.survey.tooLargeTitle, lang.language.texts.survey.errors.comment)), { status: 413 });
      },
    }),
    async (c) => {
      const token = c.req.param('token');
      const throttled = tooMany(c, token);
      if (throttled) return throttled;
      const loaded = load(token);
      const lang = pageLanguage(c, deps.config, loaded.language);
      if (loaded.state !== 'open') return closedLinkPage(c, lang, loaded.state);
      const body = await readForm(c);
      if (loaded.kind === 'no-show') {
        const answered = parseNoShowSurvey(body, lang.language.texts);
        if (!answered.ok) return renderAs(c, loaded.organisation, lang.render(noShowPage(lang, token, loaded.journey.name, loaded.touchpoints, loaded.faces, answered.values, answered.errors), true), 422);
        const stored = await runInGroupCommit(db.$client, () => submitNoShowResponse(db, clock, token, answered.answers));
        if (stored.state !== 'stored') return closedLinkPage(c, lang, stored.state);
        return thanksPage(c, lang, [], loaded.organisation);
      }
      const items = itemsOf(lang, loaded.invitation, loaded.touchpoints, loaded.organisation);
      const parsed = parseSurvey(body, loaded.touchpoints.map((touchpoint) => touchpoint.slug), lang.language, items);
      const consent = parseConsent(body, lang.language.texts);
      if (!parsed.ok || !consent.ok) {
        const values = { ...(parsed.ok ? {} : parsed.values), ...(consent.ok ? {} : consent.values) };
        const errors = { ...(parsed.ok ? {} : parsed.errors), ...(consent.ok ? {} : consent.errors) };
        if (consent.ok) Object.assign(values, parseConsentValues(body));
        return renderAs(c, loaded.organisation, lang.render(page(lang, token, loaded.journey.name, loaded.touchpoints, items, loaded.faces, values, errors, consentFor(lang, loaded.invitation.organisationId, values, errors)), true), 422);
      }
      const given = consent.consent;
      // Answered only once durable; submissions arriving together share one commit (src/db/group-commit.ts).
      const outcome = await runInGroupCommit(db.$client, () =>
        storeResponse(db, clock, loaded.invitation, loaded.touchpoints, parsed.answers, (tx, stored) => {
          if (given) signUp(tx, deps, { ...stored, organisationId: loaded.invitation.organisationId, contact: given.contact, language: lang.language, shownTextHash: given.shownTextHash });
        }),
      );
      if (outcome.state !== 'stored') return closedLinkPage(c, lang, outcome.state);
      if (given) deps.onMailQueued?.();
      const extra = given ? [lang.language.texts.panel.consent.thanksExtra] : [];
      // The address is erased from the invitation now; this page is the one moment it can be offered, pre-filled.
      const offer = callbackOfferFor(db, deps, {
        responseId: outcome.responseId,
        journeyId: loaded.invitation.journeyId,
        organisationId: loaded.invitation.organisationId,
        grade: parsed.answers.grade,
        feelings: parsed.answers.steps.map((step) => step.feeling),
        answered: parsed.answers.items?.filter((item) => item.code === ANSWERED_ITEM).map((item) => item.value),
        addressHash: loaded.invitation.addressHash,
      });
      if (offer.state === 'offered') return c.render(callbackPage(lang, token, offer, { 'callback-email': loaded.email ?? '' }, {}, extra));
      return thanksPage(c, lang, extra, loaded.organisation);
    },
  );

  return app;
}
