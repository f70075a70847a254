/*
 * Consent panel membership: signing up (in the survey's transaction), confirming, withdrawing
 * and renewing, each through a link from a panel mail; every mail carries its own withdrawal link.
 * Contact details are encrypted at rest and kept apart from answers.
 */
import { and, eq, sql } from 'drizzle-orm';
import { addDays, type Clock } from '../clock';
import type { Config } from '../config';
import { type ConsentText, consentText } from '../consent-text';
import type { Db, Store, Tx } from '../db/client';
import { HOSTING_ORGANISATION_ID, mailErased, outbox, panelConsents, panelConsentTexts, panelLinks, type PanelMember, panelMembers } from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import { organisationNameFor } from '../organisations/organisations';
import { citizenLanguages } from '../languages/language-files';
import type { MailTemplates } from '../mail-templates';
import { decryptSecret, encryptSecret } from '../secrets';
import { citizenLanguage, type CitizenLanguage } from '../texts/citizen';
import { generateToken, hashToken } from '../tokens';

export interface PanelDeps {
  clock: Clock;
  config: Pick<
    Config,
    | 'PUBLIC_URL'
    | 'MAIL_FROM'
    | 'ORGANISATION_NAME'
    | 'REMINDER_AFTER_DAYS'
    | 'PANEL_MAX_CONTACTS_PER_YEAR'
    | 'PANEL_MIN_DAYS_BETWEEN_CONTACTS'
    | 'PANEL_CONSENT_MONTHS'
    | 'PANEL_CONFIRM_DAYS'
    | 'LANGUAGES_DIR'
  >;
  /** Encrypts the members' contact details at rest. */
  dataKey: string;
  /** The panel mail template, passed in so this module does not depend on views. */
  mail: Pick<MailTemplates, 'panel'>;
}

export interface PanelContact {
  email: string;
  name: string | null;
  phone: string | null;
  preferredContact: 'e-mail' | 'telefoon' | null;
}

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

/** Keeps the exact wording of a consent text by its hash, once; the proof shows it back. */
export function rememberConsentText(db: Store, text: ConsentText, now: Date): void {
  db.insert(panelConsentTexts).values({ hash: text.hash, version: text.version, text: text.text, firstShownAt: now }).onConflictDoNothing().run();
}

/** The consent text in the name of the organisation whose panel it is (whose survey asked, whose researchers will call). */
export function consentTextFor(db: Store, deps: Pick<PanelDeps, 'config'>, organisationId: number, language: CitizenLanguage): ConsentText {
  return consentText({ ...deps.config, ORGANISATION_NAME: organisationNameFor(db, deps.config, organisationId) }, language);
}

/** The member's language (the survey's at sign-up), for the panel mails and pages; Dutch when that language is gone. */
export function memberLanguage(deps: Pick<PanelDeps, 'config'>, member: Pick<PanelMember, 'language'>): CitizenLanguage {
  return citizenLanguage(citizenLanguages(deps.config.LANGUAGES_DIR), member.language);
}

export function readContact(deps: Pick<PanelDeps, 'dataKey'>, member: Pick<PanelMember, 'contact'>): PanelContact | null {
  return member.contact ? (JSON.parse(decryptSecret(deps.dataKey, member.contact)) as PanelContact) : null;
}

export function newLink(tx: Store, memberId: number, purpose: 'confirm' | 'withdraw' | 'study' | 'renew', now: Date, participantId?: number) {
  const token = generateToken();
  tx.insert(panelLinks).values({ tokenHash: hashToken(token), memberId, purpose, participantId: participantId ?? null, createdAt: now }).run();
  return token;
}

export type PanelMailKind = 'panel-confirmation' | 'panel-invitation' | 'panel-reminder' | 'panel-renewal';

/** Queues a panel mail in the member's language in the caller's transaction; each one carries its own one-click withdrawal link. */
export function queuePanelMail(
  tx: Store,
  deps: PanelDeps,
  mail: {
    kind: PanelMailKind;
    memberId: number;
    participantId?: number;
    to: string;
    language: CitizenLanguage;
    subject: string;
    paragraphs: string[];
    actions: { label: string; url: string }[];
    dueAt?: Date;
  },
) {
  const { config } = deps;
  const now = deps.clock.now();
  const organisationId = tx.select({ organisationId: panelMembers.organisationId }).from(panelMembers).where(eq(panelMembers.id, mail.memberId)).get()!.organisationId;
  const withdrawUrl = `${config.PUBLIC_URL}/burgerpanel/afmelden/${newLink(tx, mail.memberId, 'withdraw', now)}`;
  const rendered = deps.mail.panel({
    subject: mail.subject,
    organisation: organisationNameFor(tx, config, organisationId),
    paragraphs: mail.paragraphs,
    actions: mail.actions,
    withdrawUrl,
    privacyUrl: `${config.PUBLIC_URL}/privacy`,
    language: mail.language,
  });
  tx.insert(outbox)
    .values({
      kind: mail.kind,
      organisationId,
      panelMemberId: mail.memberId,
      panelParticipantId: mail.participantId ?? null,
      toAddress: mail.to,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers: { 'List-Unsubscribe': `<${withdrawUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
      messageId: messageIdFor(config.MAIL_FROM),
      dueAt: mail.dueAt ?? now,
      createdAt: now,
    })
    .run();
}

export interface SignUp {
  responseId: number;
  journeyId: number;
  contact: PanelContact;
  /** The survey page's language: the consent text shown was in it, and the member's mails and pages will be. */
  language: CitizenLanguage;
  /** The hash of the consent text the citizen was shown (from the form); must be a text we showed. */
  shownTextHash: string | undefined;
  /** The organisation of the invitation behind the survey: the member is its panel's (default: the hosting organisation). */
  organisationId?: number;
}

/**
 * Records a consent from the survey, in the survey's own transaction: a pending member with
 * encrypted contact details, the proof (text version + hash, time, response) and the
 * confirmation mail. Membership starts only when the citizen clicks the link in that mail.
 */
export function signUp(tx: Tx, deps: PanelDeps, request: SignUp): number {
  const now = deps.clock.now();
  const current = consentTextFor(tx, deps, request.organisationId ?? HOSTING_ORGANISATION_ID, request.language);
  rememberConsentText(tx, current, now);
  const shown =
    request.shownTextHash && request.shownTextHash !== current.hash
      ? tx.select().from(panelConsentTexts).where(eq(panelConsentTexts.hash, request.shownTextHash)).get()
      : undefined;
  const proof = shown ? { version: shown.version, hash: shown.hash } : { version: current.version, hash: current.hash };
  const member = tx
    .insert(panelMembers)
    .values({
      status: 'pending',
      contact: encryptSecret(deps.dataKey, JSON.stringify(request.contact)),
      responseId: request.responseId,
      journeyId: request.journeyId,
      language: request.language.code,
      organisationId: request.organisationId ?? HOSTING_ORGANISATION_ID,
      createdAt: now,
      confirmBefore: addDays(now, deps.config.PANEL_CONFIRM_DAYS),
    })
    .returning({ id: panelMembers.id })
    .get();
  tx.insert(panelConsents)
    .values({ memberId: member.id, event: 'given', textVersion: proof.version, textHash: proof.hash, responseId: request.responseId, at: now, by: 'citizen' })
    .run();
  const t = request.language.texts.panel.mail;
  const organisation = organisationNameFor(tx, deps.config, request.organisationId ?? HOSTING_ORGANISATION_ID);
  const confirmUrl = `${deps.config.PUBLIC_URL}/burgerpanel/bevestigen/${newLink(tx, member.id, 'confirm', now)}`;
  queuePanelMail(tx, deps, {
    kind: 'panel-confirmation',
    memberId: member.id,
    to: request.contact.email,
    language: request.language,
    subject: t.confirmSubject(organisation),
    paragraphs: [t.confirmIntro(organisation), t.confirmValid(deps.config.PANEL_CONFIRM_DAYS)],
    actions: [{ label: t.confirmAction, url: confirmUrl }],
  });
  return member.id;
}

/** The member and purpose behind a link from a panel mail. */
export function findLink(db: Store, token: string) {
  if (token.length < 20 || token.length > 100) return undefined;
  const link = db.select().from(panelLinks).where(eq(panelLinks.tokenHash, hashToken(token))).get();
  if (!link) return undefined;
  const member = db.select().from(panelMembers).where(eq(panelMembers.id, link.memberId)).get()!;
  return { link, member };
}

export type ConfirmOutcome = { state: 'confirmed'; until: Date } | { state: 'unknown' | 'expired' | 'ended' };

/** The confirmation link: pending → active, consent runs PANEL_CONSENT_MONTHS from now. */
export function confirmMembership(db: Db, deps: PanelDeps, token: string): ConfirmOutcome {
  return db.transaction((tx) => {
    const found = findLink(tx, token);
    if (!found || found.link.purpose !== 'confirm') return { state: 'unknown' };
    const { member } = found;
    const now = deps.clock.now();
    if (member.status === 'active') return { state: 'confirmed', until: member.consentExpiresAt! };
    if (member.status !== 'pending') return { state: member.status === 'expired' ? 'expired' : 'ended' };
    if (member.confirmBefore <= now) {
      endMembership(tx, deps, member.id, 'expired', 'system');
      return { state: 'expired' };
    }
    const until = addMonths(now, deps.config.PANEL_CONSENT_MONTHS);
    tx.update(panelMembers).set({ status: 'active', confirmedAt: now, consentExpiresAt: until }).where(eq(panelMembers.id, member.id)).run();
    tx.insert(panelConsents).values({ memberId: member.id, event: 'confirmed', at: now, by: 'citizen' }).run();
    return { state: 'confirmed', until };
  });
}

/**
 * Ends a membership (withdrawal or expiry): erases the contact details at once, cancels every
 * mail still queued for the member and blanks the address and bodies of its past mails. The
 * anonymous response stays.
 */
export function endMembership(tx: Tx, deps: Pick<PanelDeps, 'clock'>, memberId: number, status: 'withdrawn' | 'expired', by: string): void {
  const now = deps.clock.now();
  tx.update(panelMembers).set({ status, contact: null, endedAt: now }).where(eq(panelMembers.id, memberId)).run();
  tx.insert(panelConsents).values({ memberId, event: status, at: now, by }).run();
  tx.update(outbox).set({ status: 'cancelled' }).where(and(eq(outbox.panelMemberId, memberId), eq(outbox.status, 'queued'))).run();
  tx.update(outbox).set(mailErased).where(eq(outbox.panelMemberId, memberId)).run();
  // Only withdrawal links keep working (to tell the citizen they are out); the rest are void.
  tx.delete(panelLinks).where(and(eq(panelLinks.memberId, memberId), sql`${panelLinks.purpose} <> 'withdraw'`)).run();
}

/** Withdrawal by the citizen's one-click link. */
export function withdrawByLink(db: Db, deps: PanelDeps, token: string): 'withdrawn' | 'unknown' {
  return db.transaction((tx) => {
    const found = findLink(tx, token);
    if (!found) return 'unknown';
    if (found.member.status === 'pending' || found.member.status === 'active') endMembership(tx, deps, found.member.id, 'withdrawn', 'citizen');
    return 'withdrawn';
  });
}

/** Withdrawal by a researcher on the citizen's request. */
export function withdrawMember(db: Db, deps: PanelDeps, memberId: number, by: string): boolean {
  return db.transaction((tx) => {
    const member = tx.select().from(panelMembers).where(eq(panelMembers.id, memberId)).get();
    if (!member || (member.status !== 'pending' && member.status !== 'active')) return false;
    endMembership(tx, deps, memberId, 'withdrawn', by);
    return true;
  });
}

/** The renewal link: the consent runs on, proven by the text shown on the renewal page (in `language`). */
export function renewConsent(db: Db, deps: PanelDeps, token: string, language: CitizenLanguage): { state: 'renewed'; until: Date } | { state: 'unknown' | 'ended' } {
  return db.transaction((tx) => {
    const found = findLink(tx, token);
    if (!found || found.link.purpose !== 'renew') return { state: 'unknown' };
    if (found.member.status !== 'active') return { state: 'ended' };
    const now = deps.clock.now();
    const text = consentTextFor(tx, deps, found.member.organisationId, language);
    rememberConsentText(tx, text, now);
    const until = addMonths(now, deps.config.PANEL_CONSENT_MONTHS);
    tx.update(panelMembers).set({ consentExpiresAt: until, renewalMailedAt: null }).where(eq(panelMembers.id, found.member.id)).run();
    tx.insert(panelConsents).values({ memberId: found.member.id, event: 'renewed', textVersion: text.version, textHash: text.hash, at: now, by: 'citizen' }).run();
    tx.delete(panelLinks).where(eq(panelLinks.tokenHash, found.link.tokenHash)).run();
    return { state: 'renewed', until };
  });
}
