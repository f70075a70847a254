/** Studies: researchers invite members (within the contact caps), members answer by link, accepted ones are exported. */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { addDays } from '../clock';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, outbox, panelMembers, studies, studyParticipants } from '../db/schema';
import { organisationNameFor } from '../organisations/organisations';
import { nl } from '../texts';
import { contactBlock, describeBlock } from './member-search';
import { findLink, memberLanguage, newLink, type PanelDeps, queuePanelMail, readContact } from './membership';

/** A study of an organisation (default: the hosting organisation): it can invite only that organisation's members. */
export function createStudy(
  db: Db,
  now: Date,
  study: { title: string; purpose: string; journeyId: number | null; invitationText: string; createdBy: number | null; organisationId?: number },
) {
  return db.insert(studies).values({ ...study, organisationId: study.organisationId ?? HOSTING_ORGANISATION_ID, createdAt: now }).returning().get();
}

export function listStudies(db: Db, organisationId: number = HOSTING_ORGANISATION_ID) {
  return db.select().from(studies).where(eq(studies.organisationId, organisationId)).orderBy(desc(studies.createdAt), desc(studies.id)).all();
}

/** A study by id; with an organisation, undefined when the study is another organisation's. */
export function findStudy(db: Db, id: number, organisationId?: number) {
  return db
    .select()
    .from(studies)
    .where(and(eq(studies.id, id), organisationId === undefined ? undefined : eq(studies.organisationId, organisationId)))
    .get();
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
 * at most one reminder, in the member's language around the researchers' own invitation text.
 */
export function inviteToStudy(db: Db, deps: PanelDeps, studyId: number, memberIds: number[]): InviteOutcome {
  return db.transaction((tx) => {
    const study = tx.select().from(studies).where(eq(studies.id, studyId)).get();
    if (!study) return { invited: [], skipped: memberIds.map((memberId) => ({ memberId, reason: 'unknown study' })) };
    const now = deps.clock.now();
    const organisation = organisationNameFor(tx, deps.config, study.organisationId);
    const outcome: InviteOutcome = { invited: [], skipped: [] };
    for (const memberId of [...new Set(memberIds)]) {
      // Only the study's own organisation's panel: another organisation's member is not there to invite.
      const member = tx
        .select()
        .from(panelMembers)
        .where(and(eq(panelMembers.id, memberId), eq(panelMembers.organisationId, study.organisationId)))
        .get();
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
      const language = memberLanguage(deps, member);
      const t = language.texts.panel.mail;
      const answerUrl = `${deps.config.PUBLIC_URL}/burgerpanel/onderzoek/${newLink(tx, memberId, 'study', now, participant.id)}`;
      const mail = (kind: 'panel-invitation' | 'panel-reminder', dueAt: Date) =>
        queuePanelMail(tx, deps, {
          kind,
          memberId,
          participantId: participant.id,
          to: contact.email,
          language,
          subject: (kind === 'panel-invitation' ? t.invitationSubject : t.reminderSubject)(study.title, organisation),
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
