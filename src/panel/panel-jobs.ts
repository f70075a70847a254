/** The panel's scheduled upkeep, and the outbox's question whether a queued panel mail should still go. */
import { and, eq, lte, sql } from 'drizzle-orm';
import { addDays } from '../clock';
import type { Db } from '../db/client';
import { panelMembers, studyParticipants } from '../db/schema';
import { organisationNameFor } from '../organisations/organisations';
import { endMembership, memberLanguage, newLink, type PanelDeps, queuePanelMail, readContact } from './membership';

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
    for (const member of renewals) {
      const contact = readContact(deps, member);
      if (!contact) continue;
      const language = memberLanguage(deps, member);
      const t = language.texts.panel.mail;
      const renewUrl = `${deps.config.PUBLIC_URL}/burgerpanel/verlengen/${newLink(tx, member.id, 'renew', now)}`;
      queuePanelMail(tx, deps, {
        kind: 'panel-renewal',
        memberId: member.id,
        to: contact.email,
        language,
        subject: t.renewalSubject(organisationNameFor(tx, deps.config, member.organisationId)),
        paragraphs: [t.renewalIntro(language.texts.date(member.consentExpiresAt!))],
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
