import { dayOf } from '../calendar';
import type { Config } from '../config';
import type { InvitationKind, NewOutboxMail } from '../db/schema';
import { citizenLanguages } from '../languages/language-files';
import type { MailTemplates } from '../mail-templates';
import { citizenLanguage } from '../texts/citizen';

/** What rendering a survey mail takes besides its invitation: the templates and the public addresses. */
export interface SurveyMailDeps {
  // MAIL_FROM: the address a partner organisation's mail is sent from under its own name.
  config: Pick<Config, 'PUBLIC_URL' | 'ORGANISATION_NAME' | 'LANGUAGES_DIR'> & Partial<Pick<Config, 'MAIL_FROM'>>;
  mail: Pick<MailTemplates, 'survey'>;
}

/** The invitation a survey mail asks about, as the mail names it. */
export interface SurveyMailInvitation {
  survey: InvitationKind;
  journeyName: string;
  /**
   * The organisation in whose name it goes (the one whose event made the invitation, e.g. a chain
   * partner); the configured ORGANISATION_NAME, the hosting organisation, when not given.
   */
  organisationName?: string;
  stepCount: number;
  /** What the mail says the survey takes (surveyMinutes in src/items/item-bank.ts); 2 when not given. */
  minutes?: number;
  /** The language the case system gave; an unknown one falls back to Dutch. */
  language: string;
  expiresAt: Date;
}

export type SurveyMail = Pick<NewOutboxMail, 'subject' | 'textBody' | 'htmlBody' | 'headers'>;

export const autoSubmitted = { 'Auto-Submitted': 'auto-generated' };

function citizenLanguageOf(deps: SurveyMailDeps, code: string) {
  return citizenLanguage(citizenLanguages(deps.config.LANGUAGES_DIR), code);
}

/** The subject alone: survey mails are queued with it and rendered when due. */
export function surveyMailSubject(deps: SurveyMailDeps, kind: 'invitation' | 'reminder', invitation: SurveyMailInvitation): string {
  return cachedRendering(deps, kind, invitation).subject;
}

/**
 * Stands in for the token in a cached rendering: letters and digits only (nothing in HTML or
 * text escapes them) and as long as a real token (src/tokens.ts), so the mail reads the same.
 */
const TOKEN_SLOT = 'MeethuisTokenSlot0000000000000000000000000x';
const MAX_CACHED = 200;

/**
 * Survey mails differ per citizen only in the token of their links; a mail is otherwise the same
 * for everyone invited to a journey on the same day in the same language. Rendering the JSX each
 * time cost a few percent of every event's CPU (BENCHMARKS.md), so each distinct mail is rendered
 * once with a stand-in token, which is replaced by each citizen's own.
 */
const renderings = new WeakMap<SurveyMailDeps['mail'], Map<string, { subject: string; text: string; html: string }>>();

function cachedRendering(deps: SurveyMailDeps, kind: 'invitation' | 'reminder', invitation: SurveyMailInvitation) {
  const { config } = deps;
  let cache = renderings.get(deps.mail);
  if (!cache) renderings.set(deps.mail, (cache = new Map()));
  // The mail shows the expiry as a calendar day in Amsterdam (src/texts/citizen.ts), so the day is its key.
  const organisation = invitation.organisationName ?? config.ORGANISATION_NAME;
  const key = JSON.stringify([config.PUBLIC_URL, organisation, config.LANGUAGES_DIR, kind, invitation.survey, invitation.journeyName, invitation.stepCount, invitation.minutes ?? 2, invitation.language, dayOf(invitation.expiresAt)]);
  let rendered = cache.get(key);
  if (!rendered) {
    rendered = deps.mail.survey({
      kind,
      survey: invitation.survey,
      organisation,
      journeyName: invitation.journeyName,
      stepCount: invitation.stepCount,
      minutes: invitation.minutes ?? 2,
      surveyUrl: `${config.PUBLIC_URL}/s/${TOKEN_SLOT}`,
      optOutUrl: `${config.PUBLIC_URL}/afmelden/${TOKEN_SLOT}`,
      privacyUrl: `${config.PUBLIC_URL}/privacy`,
      improvementsUrl: `${config.PUBLIC_URL}/verbeteringen`,
      expiresAt: invitation.expiresAt,
      language: citizenLanguageOf(deps, invitation.language),
    });
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, rendered);
  }
  return rendered;
}

/**
 * A survey mail with the personal link of `token`, as it is sent: rendered when due
 * (renderDueSurveyMail), from the rendering of its journey, language, kind and day.
 */
export function renderSurveyMail(deps: SurveyMailDeps, kind: 'invitation' | 'reminder', invitation: SurveyMailInvitation, token: string): SurveyMail {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length !== TOKEN_SLOT.length) throw new Error('A survey token is 43 characters of base64url.');
  const rendered = cachedRendering(deps, kind, invitation);
  const optOutUrl = `${deps.config.PUBLIC_URL}/afmelden/${token}`;
  const sender: Record<string, string> = invitation.organisationName === undefined || !deps.config.MAIL_FROM ? {} : { From: senderIn(deps.config.MAIL_FROM, invitation.organisationName) };
  return {
    subject: rendered.subject,
    textBody: rendered.text.replaceAll(TOKEN_SLOT, token),
    htmlBody: rendered.html.replaceAll(TOKEN_SLOT, token),
    // RFC 8058 one-click unsubscribe: mail clients POST to the opt-out link.
    headers: { 'List-Unsubscribe': `<${optOutUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', ...autoSubmitted, ...sender },
  };
}

/**
 * The sender of a mail in another organisation's name: that name shown, the installation's own
 * address (MAIL_FROM's, so SPF, DKIM and bounces stay as they are). The transport uses it as From.
 */
export function senderIn(mailFrom: string, organisationName: string): string {
  const address = /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${organisationName.replace(/["\\\r\n]/g, '')}" <${address}>`;
}
