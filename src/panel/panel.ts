import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { addDays, type Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/client';
import {
  answers,
  journeys,
  outbox,
  panelConsents,
  panelConsentTexts,
  panelLinks,
  panelMembers,
  studies,
  studyParticipants,
  touchpoints,
  type PanelMember,
} from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import type { MailTemplates } from '../mail-templates';
import { decryptSecret, encryptSecret } from '../secrets';
import { formatDate, nl } from '../texts';
import { generateToken, hashToken } from '../tokens';
import { consentText, type ConsentText } from '../consent-text';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Store = Db | Tx;

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

export function readContact(deps: Pick<PanelDeps, 'dataKey'>, member: Pick<PanelMember, 'contact'>): PanelContact | null {
  return member.contact ? (JSON.parse(decryptSecret(deps.dataKey, member.contact)) as PanelContact) : null;
}

function newLink(tx: Store, memberId: number, purpose: 'confirm' | 'withdraw' | 'study' | 'renew', now: Date, participantId?: number) {
  const token = generateToken();
  tx.insert(panelLinks).values({ tokenHash: hashToken(token), memberId, purpose, participantId: participantId ?? null, createdAt: now }).run();
  return token;
}

type PanelMailKind = 'panel-confirmation' | 'panel-invitation' | 'panel-reminder' | 'panel-renewal';

/** Queues a panel mail in the caller's transaction; each one carries its own one-click withdrawal link. */
function queuePanelMail(
  tx: Store,
  deps: PanelDeps,
  mail: { kind: PanelMailKind; memberId: number; participantId?: number; to: string; subject: string; paragraphs: string[]; actions: { label: string; url: string }[]; dueAt?: Date },
) {
  const { config } = deps;
  const now = deps.clock.now();
  const withdrawUrl = `${config.PUBLIC_URL}/burgerpanel/afmelden/${newLink(tx, mail.memberId, 'withdraw', now)}`;
  const rendered = deps.mail.panel({
    subject: mail.subject,
    organisation: config.ORGANISATION_NAME,
    paragraphs: mail.paragraphs,
    actions: mail.actions,
    withdrawUrl,
    privacyUrl: `${config.PUBLIC_URL}/privacy`,
  });
  tx.insert(outbox)
    .values({
      kind: mail.kind,
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
  /** The hash of the consent text the citizen was shown (from the form); must be a text we showed. */
  shownTextHash: string | undefined;
}

/**
 * Records a consent from the survey, in the survey's own transaction: a pending member with
 * encrypted contact details, the proof (text version + hash, time, response) and the
 * confirmation mail. Membership starts only when the citizen clicks the link in that mail.
 */
export function signUp(tx: Tx, deps: PanelDeps, request: SignUp): number {
  const now = deps.clock.now();
  const current = consentText(deps.config);
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
      createdAt: now,
      confirmBefore: addDays(now, deps.config.PANEL_CONFIRM_DAYS),
    })
    .returning({ id: panelMembers.id })
    .get();
  tx.insert(panelConsents)
    .values({ memberId: member.id, event: 'given', textVersion: proof.version, textHash: proof.hash, responseId: request.responseId, at: now, by: 'citizen' })
    .run();
  const t = nl.panel.mail;
  const confirmUrl = `${deps.config.PUBLIC_URL}/burgerpanel/bevestigen/${newLink(tx, member.id, 'confirm', now)}`;
  queuePanelMail(tx, deps, {
    kind: 'panel-confirmation',
    memberId: member.id,
    to: request.contact.email,
    subject: t.confirmSubject(deps.config.ORGANISATION_NAME),
    paragraphs: [t.confirmIntro(deps.config.ORGANISATION_NAME), t.confirmValid(deps.config.PANEL_CONFIRM_DAYS)],
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
  tx.update(outbox).set({ toAddress: '', textBody: null, htmlBody: null }).where(eq(outbox.panelMemberId, memberId)).run();
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

export function renewConsent(db: Db, deps: PanelDeps, token: string): { state: 'renewed'; until: Date } | { state: 'unknown' | 'ended' } {
  return db.transaction((tx) => {
    const found = findLink(tx, token);
    if (!found || found.link.purpose !== 'renew') return { state: 'unknown' };
    if (found.member.status !== 'active') return { state: 'ended' };
    const now = deps.clock.now();
    const text = consentText(deps.config);
    rememberConsentText(tx, text, now);
    const until = addMonths(now, deps.config.PANEL_CONSENT_MONTHS);
    tx.update(panelMembers).set({ consentExpiresAt: until, renewalMailedAt: null }).where(eq(panelMembers.id, found.member.id)).run();
    tx.insert(panelConsents).values({ memberId: found.member.id, event: 'renewed', textVersion: text.version, textHash: text.hash, at: now, by: 'citizen' }).run();
    tx.delete(panelLinks).where(eq(panelLinks.tokenHash, found.link.tokenHash)).run();
    return { state: 'renewed', until };
  });
}

const RENEWAL_NOTICE_DAYS = 30;
const STUDY_ANSWER_DAYS = 14;

/**
 * The scheduled panel job: unconfirmed sign-ups past their window and consents past their end
 * are erased; renewal mails go out 30 days before the end; unanswered study invitations become
 * "no answer" after 14 days.
 */
export function runPanelJobs(db: Db, deps: PanelDeps): { expiredUnconfirmed: number; expiredConsents: number; renewalsQueued: number } {
  const now = deps.clock.now();
  return db.transaction((tx) => {
    const unconfirmed = tx
      .select({ id: panelMembers.id })
      .from(panelMembers)
      .where(and(eq(panelMembers.status, 'pending'), lte(panelMembers.confirmBefore, now)))
      .all();
    for (const member of unconfirmed) endMembership(tx, deps, member.id, 'expired', 'system');
    const ended = tx
      .select({ id: panelMembers.id })
      .from(panelMembers)
      .where(and(eq(panelMembers.status, 'active'), lte(panelMembers.consentExpiresAt, now)))
      .all();
    for (const member of ended) endMembership(tx, deps, member.id, 'expired', 'system');
    const renewals = tx
      .select()
      .from(panelMembers)
      .where(and(eq(panelMembers.status, 'active'), sql`${panelMembers.renewalMailedAt} IS NULL`, lte(panelMembers.consentExpiresAt, addDays(now, RENEWAL_NOTICE_DAYS))))
      .all();
    const t = nl.panel.mail;
    for (const member of renewals) {
      const contact = readContact(deps, member);
      if (!contact) continue;
      const renewUrl = `${deps.config.PUBLIC_URL}/burgerpanel/verlengen/${newLink(tx, member.id, 'renew', now)}`;
      queuePanelMail(tx, deps, {
        kind: 'panel-renewal',
        memberId: member.id,
        to: contact.email,
        subject: t.renewalSubject(deps.config.ORGANISATION_NAME),
        paragraphs: [t.renewalIntro(formatDate(member.consentExpiresAt!))],
        actions: [{ label: t.renewalAction, url: renewUrl }],
      });
      tx.update(panelMembers).set({ renewalMailedAt: now }).where(eq(panelMembers.id, member.id)).run();
    }
    tx.update(studyParticipants)
      .set({ status: 'no-answer' })
      .where(and(eq(studyParticipants.status, 'invited'), lte(studyParticipants.invitedAt, addDays(now, -STUDY_ANSWER_DAYS))))
      .run();
    return { expiredUnconfirmed: unconfirmed.length, expiredConsents: ended.length, renewalsQueued: renewals.length };
  });
}

// ---------------------------------------------------------------- contact caps

export type ContactBlock = { kind: 'inactive' } | { kind: 'cap'; from: Date } | { kind: 'recent'; from: Date };

/** Why this member may not be invited now, or null if they may: at most N contacts per 12 months, none within M days of the last. */
export function contactBlock(db: Store, deps: Pick<PanelDeps, 'config'>, member: Pick<PanelMember, 'id' | 'status'>, now: Date): ContactBlock | null {
  if (member.status !== 'active') return { kind: 'inactive' };
  const { PANEL_MAX_CONTACTS_PER_YEAR: max, PANEL_MIN_DAYS_BETWEEN_CONTACTS: minDays } = deps.config;
  const yearAgo = addMonths(now, -12);
  const contacts = db
    .select({ at: studyParticipants.invitedAt })
    .from(studyParticipants)
    .where(and(eq(studyParticipants.memberId, member.id), gt(studyParticipants.invitedAt, yearAgo)))
    .orderBy(asc(studyParticipants.invitedAt))
    .all();
  if (contacts.length >= max) return { kind: 'cap', from: addMonths(contacts[contacts.length - max]!.at, 12) };
  const last = contacts.at(-1);
  if (last && last.at > addDays(now, -minDays)) return { kind: 'recent', from: addDays(last.at, minDays) };
  return null;
}

export function describeBlock(block: ContactBlock, config: PanelDeps['config']): string {
  const b = nl.panel.staff.blocked;
  if (block.kind === 'inactive') return b.inactive;
  if (block.kind === 'cap') return b.cap(config.PANEL_MAX_CONTACTS_PER_YEAR, formatDate(block.from));
  return b.recent(config.PANEL_MIN_DAYS_BETWEEN_CONTACTS, formatDate(block.from));
}

// ---------------------------------------------------------------- researcher search

export interface MemberFilter {
  journeyId?: number;
  touchpointId?: number;
  feeling?: 'negative' | 'neutral' | 'positive';
  segmentKey?: string;
  segmentValue?: string;
  consentFrom?: Date;
  consentTo?: Date;
  lastContactBefore?: Date;
}

function filterConditions(filter: MemberFilter): SQL[] {
  const conditions: SQL[] = [eq(panelMembers.status, 'active')];
  if (filter.journeyId) conditions.push(eq(panelMembers.journeyId, filter.journeyId));
  if (filter.touchpointId || filter.feeling) {
    const feeling = filter.feeling === 'negative' ? sql`a.feeling < 0` : filter.feeling === 'positive' ? sql`a.feeling > 0` : filter.feeling === 'neutral' ? sql`a.feeling = 0` : sql`1 = 1`;
    const touchpoint = filter.touchpointId ? sql`a.touchpoint_id = ${filter.touchpointId}` : sql`1 = 1`;
    conditions.push(sql`EXISTS (SELECT 1 FROM answers a WHERE a.response_id = ${panelMembers.responseId} AND ${touchpoint} AND ${feeling})`);
  }
  if (filter.segmentKey && filter.segmentValue !== undefined) {
    const path = `$."${filter.segmentKey.replace(/["\\]/g, '')}"`;
    conditions.push(sql`EXISTS (SELECT 1 FROM responses r WHERE r.id = ${panelMembers.responseId} AND json_extract(r.segment, ${path}) = ${filter.segmentValue})`);
  }
  if (filter.consentFrom) conditions.push(sql`${panelMembers.confirmedAt} >= ${filter.consentFrom.getTime()}`);
  if (filter.consentTo) conditions.push(sql`${panelMembers.confirmedAt} < ${addDays(filter.consentTo, 1).getTime()}`);
  if (filter.lastContactBefore) conditions.push(sql`(${panelMembers.lastContactAt} IS NULL OR ${panelMembers.lastContactAt} < ${filter.lastContactBefore.getTime()})`);
  return conditions;
}

export function countMembers(db: Db, filter: MemberFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(panelMembers).where(and(...filterConditions(filter))).get()!.n;
}

export interface MemberRow {
  id: number;
  journeyName: string;
  experience: { touchpoint: string; feeling: number | null }[];
  consentSince: Date | null;
  lastContactAt: Date | null;
  block: ContactBlock | null;
}

/** Active members matching the filter, pseudonymous: journey experience, never contact details. */
export function listMembers(db: Db, deps: Pick<PanelDeps, 'config' | 'clock'>, filter: MemberFilter, limit = 50): MemberRow[] {
  const rows = db
    .select({ member: panelMembers, journeyName: journeys.name })
    .from(panelMembers)
    .innerJoin(journeys, eq(journeys.id, panelMembers.journeyId))
    .where(and(...filterConditions(filter)))
    .orderBy(desc(panelMembers.confirmedAt), desc(panelMembers.id))
    .limit(limit)
    .all();
  const now = deps.clock.now();
  return rows.map(({ member, journeyName }) => ({
    id: member.id,
    journeyName,
    experience: memberExperience(db, member.responseId),
    consentSince: member.confirmedAt,
    lastContactAt: member.lastContactAt,
    block: contactBlock(db, deps, member, now),
  }));
}

/** How each touchpoint of the member's own response felt: their journey experience, nothing else. */
export function memberExperience(db: Store, responseId: number | null) {
  if (responseId === null) return [];
  return db
    .select({ touchpoint: touchpoints.name, feeling: answers.feeling })
    .from(answers)
    .innerJoin(touchpoints, eq(touchpoints.id, answers.touchpointId))
    .where(eq(answers.responseId, responseId))
    .orderBy(asc(touchpoints.position))
    .all();
}

export function findMember(db: Store, id: number) {
  return db.select().from(panelMembers).where(eq(panelMembers.id, id)).get();
}

/** The consent proof: every event with, where a text was shown, that exact text (by its hash). */
export function consentProof(db: Db, memberId: number) {
  return db
    .select({ event: panelConsents.event, at: panelConsents.at, by: panelConsents.by, responseId: panelConsents.responseId, version: panelConsents.textVersion, hash: panelConsents.textHash, text: panelConsentTexts.text })
    .from(panelConsents)
    .leftJoin(panelConsentTexts, eq(panelConsentTexts.hash, panelConsents.textHash))
    .where(eq(panelConsents.memberId, memberId))
    .orderBy(asc(panelConsents.at), asc(panelConsents.id))
    .all();
}

// ---------------------------------------------------------------- studies

export function createStudy(db: Db, now: Date, study: { title: string; purpose: string; journeyId: number | null; invitationText: string; createdBy: number | null }) {
  return db.insert(studies).values({ ...study, createdAt: now }).returning().get();
}

export function listStudies(db: Db) {
  return db.select().from(studies).orderBy(desc(studies.createdAt), desc(studies.id)).all();
}

export function findStudy(db: Db, id: number) {
  return db.select().from(studies).where(eq(studies.id, id)).get();
}

export function studyParticipantsOf(db: Db, studyId: number) {
  return db.select().from(studyParticipants).where(eq(studyParticipants.studyId, studyId)).orderBy(asc(studyParticipants.id)).all();
}

export interface InviteOutcome {
  invited: number[];
  skipped: { memberId: number; reason: string }[];
}

/**
 * Invites members to a study: the caps are checked again inside the transaction, per member,
 * so nothing is ever sent past them. Each invitation queues the mail with "ja"/"nee" links and
 * at most one reminder.
 */
export function inviteToStudy(db: Db, deps: PanelDeps, studyId: number, memberIds: number[]): InviteOutcome {
  return db.transaction((tx) => {
    const study = tx.select().from(studies).where(eq(studies.id, studyId)).get();
    if (!study) return { invited: [], skipped: memberIds.map((memberId) => ({ memberId, reason: 'unknown study' })) };
    const now = deps.clock.now();
    const outcome: InviteOutcome = { invited: [], skipped: [] };
    const t = nl.panel.mail;
    for (const memberId of [...new Set(memberIds)]) {
      const member = tx.select().from(panelMembers).where(eq(panelMembers.id, memberId)).get();
      if (!member) continue;
      const already = tx.select({ id: studyParticipants.id }).from(studyParticipants).where(and(eq(studyParticipants.studyId, studyId), eq(studyParticipants.memberId, memberId))).get();
      if (already) {
        outcome.skipped.push({ memberId, reason: nl.panel.staff.blocked.alreadyInStudy });
        continue;
      }
      const block = contactBlock(tx, deps, member, now);
      const contact = readContact(deps, member);
      if (block || !contact) {
        outcome.skipped.push({ memberId, reason: describeBlock(block ?? { kind: 'inactive' }, deps.config) });
        continue;
      }
      const participant = tx.insert(studyParticipants).values({ studyId, memberId, status: 'invited', invitedAt: now }).returning({ id: studyParticipants.id }).get();
      tx.update(panelMembers).set({ lastContactAt: now }).where(eq(panelMembers.id, memberId)).run();
      const answerUrl = `${deps.config.PUBLIC_URL}/burgerpanel/onderzoek/${newLink(tx, memberId, 'study', now, participant.id)}`;
      const mail = (kind: 'panel-invitation' | 'panel-reminder', dueAt: Date) =>
        queuePanelMail(tx, deps, {
          kind,
          memberId,
          participantId: participant.id,
          to: contact.email,
          subject: (kind === 'panel-invitation' ? t.invitationSubject : t.reminderSubject)(study.title, deps.config.ORGANISATION_NAME),
          paragraphs: [study.invitationText, t.invitationNote],
          actions: [
            { label: t.invitationActionYes, url: `${answerUrl}?antwoord=ja` },
            { label: t.invitationActionNo, url: `${answerUrl}?antwoord=nee` },
          ],
          dueAt,
        });
      mail('panel-invitation', now);
      mail('panel-reminder', addDays(now, deps.config.REMINDER_AFTER_DAYS));
      outcome.invited.push(memberId);
    }
    return outcome;
  });
}

export function studyForLink(db: Db, token: string) {
  const found = findLink(db, token);
  if (!found || found.link.purpose !== 'study' || found.link.participantId === null) return undefined;
  const participant = db.select().from(studyParticipants).where(eq(studyParticipants.id, found.link.participantId)).get();
  if (!participant) return undefined;
  const study = db.select().from(studies).where(eq(studies.id, participant.studyId)).get()!;
  return { ...found, participant, study };
}

/** "ja, ik doe mee" / "nee, dank u": only an open invitation can be answered. */
export function answerStudy(db: Db, deps: PanelDeps, token: string, accept: boolean): 'accepted' | 'declined' | 'closed' | 'unknown' {
  return db.transaction((tx) => {
    const found = findLink(tx, token);
    if (!found || found.link.purpose !== 'study' || found.link.participantId === null) return 'unknown';
    if (found.member.status !== 'active') return 'closed';
    const updated = tx
      .update(studyParticipants)
      .set({ status: accept ? 'accepted' : 'declined', answeredAt: deps.clock.now() })
      .where(and(eq(studyParticipants.id, found.link.participantId), inArray(studyParticipants.status, ['invited', 'no-answer'])))
      .returning({ id: studyParticipants.id })
      .all();
    if (updated.length === 0) return 'closed';
    tx.update(outbox).set({ status: 'cancelled' }).where(and(eq(outbox.panelParticipantId, found.link.participantId), eq(outbox.status, 'queued'))).run();
    return accept ? 'accepted' : 'declined';
  });
}

export function markInterviewed(db: Db, studyId: number, participantId: number): boolean {
  const updated = db
    .update(studyParticipants)
    .set({ status: 'interviewed' })
    .where(and(eq(studyParticipants.id, participantId), eq(studyParticipants.studyId, studyId), eq(studyParticipants.status, 'accepted')))
    .returning({ id: studyParticipants.id })
    .all();
  return updated.length > 0;
}

/** Accepted (and interviewed) participants with their contact details, for the audited CSV export. */
export function acceptedParticipants(db: Db, deps: Pick<PanelDeps, 'dataKey'>, studyId: number) {
  return db
    .select({ participant: studyParticipants, member: panelMembers })
    .from(studyParticipants)
    .innerJoin(panelMembers, eq(panelMembers.id, studyParticipants.memberId))
    .where(and(eq(studyParticipants.studyId, studyId), inArray(studyParticipants.status, ['accepted', 'interviewed']), isNotNull(panelMembers.contact)))
    .orderBy(asc(studyParticipants.id))
    .all()
    .map(({ participant, member }) => ({ memberId: member.id, status: participant.status, answeredAt: participant.answeredAt, contact: readContact(deps, member)! }));
}

/** Whether a queued panel mail should still go: the member must still be in, a reminder only while unanswered. */
export function panelMailStillWanted(db: Db, mail: { kind: string; panelMemberId: number | null; panelParticipantId: number | null }): boolean {
  if (mail.panelMemberId === null) return true;
  const member = db.select({ status: panelMembers.status, contact: panelMembers.contact }).from(panelMembers).where(eq(panelMembers.id, mail.panelMemberId)).get();
  if (!member || member.contact === null) return false;
  if (mail.kind === 'panel-confirmation') return member.status === 'pending';
  if (member.status !== 'active') return false;
  if (mail.kind === 'panel-reminder' && mail.panelParticipantId !== null) {
    const participant = db.select({ status: studyParticipants.status }).from(studyParticipants).where(eq(studyParticipants.id, mail.panelParticipantId)).get();
    return participant?.status === 'invited';
  }
  return true;
}

