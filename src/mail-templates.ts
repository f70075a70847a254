/**
 * The mail templates domain code renders through. Domain modules never import views: the
 * composition roots (createApp, and openRuntime for the server and the CLI) pass the real
 * renderers of views/mail/index.ts in as `mail` on the dependencies; this module holds only
 * their shapes. It sits beside the features, not in src/mail/, because invitations and the
 * panel use it while the outbox (src/mail/) reads panel state: one direction each.
 */

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
  surveyUrl: string;
  optOutUrl: string;
  privacyUrl: string;
  /** The public page "Dit deden we met uw feedback" (/verbeteringen). */
  improvementsUrl: string;
  expiresAt: Date;
}

export interface PanelMailContent {
  subject: string;
  organisation: string;
  paragraphs: string[];
  actions: { label: string; url: string }[];
  /** Every panel mail carries the one-click withdrawal link. */
  withdrawUrl: string;
  privacyUrl: string;
}

export type SurveyMailRenderer = (content: SurveyMailContent) => RenderedMail;
export type PanelMailRenderer = (content: PanelMailContent) => RenderedMail;

export interface MailTemplates {
  /** Survey invitations and reminders (journey and no-show). */
  survey: SurveyMailRenderer;
  /** Consent panel mails: confirmation, study invitation, reminder, renewal. */
  panel: PanelMailRenderer;
}
