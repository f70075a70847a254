/**
 * The mail templates domain code renders through. Domain modules never import views: the
 * composition roots (createApp, and openRuntime for the server and the CLI) pass the real
 * renderers of views/mail/index.ts in as `mail` on the dependencies; this module holds only
 * their shapes. It sits beside the features, not in src/mail/, because invitations and the
 * panel use it while the outbox (src/mail/) reads panel state: one direction each.
 */
import type { DigestContent } from './digest/digest';
import type { CitizenLanguage } from './texts/citizen';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface SurveyMailContent {
  kind: 'invitation' | 'reminder';
  /** Which survey: the journey's steps, or "we hebben u gemist" after a missed appointment. */
  survey: 'journey' | 'no-show';
  organisation: string;
  journeyName: string;
  stepCount: number;
  /** The survey's estimated minutes, as its page says them. */
  minutes: number;
  surveyUrl: string;
  optOutUrl: string;
  privacyUrl: string;
  /** The public page "Dit deden we met uw feedback" (/verbeteringen). */
  improvementsUrl: string;
  expiresAt: Date;
  /** The invitation's language; Dutch when absent. */
  language?: CitizenLanguage;
}

export interface PanelMailContent {
  subject: string;
  organisation: string;
  paragraphs: string[];
  actions: { label: string; url: string }[];
  /** Every panel mail carries the one-click withdrawal link. */
  withdrawUrl: string;
  privacyUrl: string;
  /** The member's language (the survey's at sign-up). */
  language: CitizenLanguage;
}

/** The digest "Ongezouten feedback" for staff: the same content as /dashboard/samenvatting. */
export interface DigestMailContent {
  organisation: string;
  digest: DigestContent;
  /** The printable page of the same period. */
  pageUrl: string;
  /** Where the subscriber changes or stops the digest (/account). */
  accountUrl: string;
  privacyUrl: string;
}

/** Call-back requests: the citizen's one question after closing, or the KCC's alert of new requests (at `url`). */
export type CallbackMailContent =
  /** To the citizen, in the language of the survey the request came from (Dutch when absent). */
  | { kind: 'recovery'; organisation: string; url: string; privacyUrl: string; language?: CitizenLanguage }
  | { kind: 'alert'; organisation: string; url: string; privacyUrl: string; count: number };

export type SurveyMailRenderer = (content: SurveyMailContent) => RenderedMail;
export type PanelMailRenderer = (content: PanelMailContent) => RenderedMail;
export type DigestMailRenderer = (content: DigestMailContent) => RenderedMail;

export interface MailTemplates {
  /** Survey invitations and reminders (journey and no-show). */
  survey: SurveyMailRenderer;
  /** Consent panel mails: confirmation, study invitation, reminder, renewal. */
  panel: PanelMailRenderer;
  /** The staff digest (monthly or weekly). */
  digest: DigestMailRenderer;
  /** Call-back requests: recovery question and KCC alert. */
  callback: (content: CallbackMailContent) => RenderedMail;
}
