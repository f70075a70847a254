import { createHmac } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, Store } from '../db/client';
import { inList } from '../db/in-list';
import {
  answers,
  HOSTING_ORGANISATION_ID,
  itemAnswers,
  appointments,
  callbackLinks,
  callbackRequests,
  events,
  invitations,
  journeys,
  noShowResponses,
  optOuts,
  outbox,
  panelConsents,
  panelLinks,
  panelMembers,
  responses,
  studies,
  studyParticipants,
  touchpoints,
  type Appointment,
  type Invitation,
  type OutboxMail,
  type PanelMember,
} from '../db/schema';
import { endMembership, readContact, type PanelContact } from '../panel/panel';
import { type CallbackContact, eraseCallbackContact, readCallbackContact } from '../callbacks/requests';
import { normaliseAddress } from '../tokens';
import { anonymisedInvitation, erasedAppointmentReference, minimiseEvents, parsePayload, storedPayload } from './anonymise';
import { findSubject } from './subject-search';

/**
 * Data-subject requests (AVG art. 15 and 17): everything meethuis holds about one e-mail
 * address, as a summary, as JSON, or erased. Shared by /admin/privacy/verzoek and the CLI.
 *
 * Which rows are about the address: src/privacy/subject-search.ts.
 *
 * Erasure follows the retention choices (src/privacy/retention.ts): responses and answers are
 * deleted; invitations and appointments stay only as anonymous rows for the response funnel and
 * the no-show patterns (address, hash, references and segment erased); the dashboard roll-ups,
 * anonymous daily sums, stay. What remains of the address is at most its keyed hash in
 * `opt_outs`, which an opt-out needs to be honoured.
 */

export interface SubjectDeps {
  addressHashKey: string;
  dataKey: string;
  clock: Clock;
  /** Whose request: only this organisation's rows are found, exported and erased (default: the hosting organisation). */
  organisationId?: number;
}

/**
 * How audit lines name a request without the address: a keyed hash of it, separate from the
 * opt-out hash (another domain) and shortened. The same address gives the same reference, so
 * an admin can see that a search, an export and an erasure were about one request.
 */
export function requestReference(addressHashKey: string, email: string): string {
  return `verzoek:${createHmac('sha256', addressHashKey).update(`subject-request\u0000${normaliseAddress(email)}`, 'utf8').digest('hex').slice(0, 16)}`;
}

type NoShowAnswer = typeof noShowResponses.$inferSelect;
type Response = typeof responses.$inferSelect;
type Answer = typeof answers.$inferSelect;
type Consent = typeof panelConsents.$inferSelect;
type Participant = typeof studyParticipants.$inferSelect;

export interface SubjectInvitation {
  id: number;
  kind: Invitation['kind'];
  journey: string;
  status: Invitation['status'];
  suppressedReason: Invitation['suppressedReason'];
  caseReference: string | null;
  /** Whether the address itself is still on the invitation (until it is answered, expires or opts out). */
  addressHeld: boolean;
  segment: Invitation['segment'];
  channel: Invitation['channel'];
  createdAt: string;
  expiresAt: string;
  mailedAt: string | null;
  answeredAt: string | null;
}

export interface SubjectData {
  address: string;
  invitations: SubjectInvitation[];
  mails: (Pick<OutboxMail, 'id' | 'kind' | 'status' | 'subject' | 'toAddress'> & { createdAt: string; sentAt: string | null; bodyHeld: boolean })[];
  optOut: { createdAt: string } | null;
  appointments: (Pick<Appointment, 'id' | 'reference' | 'product' | 'location' | 'channel'> & { startsAt: string } & Pick<Appointment, 'status' | 'segment'>)[];
  noShowAnswers: (Pick<NoShowAnswer, 'id' | 'invitationId' | 'appointmentId' | 'reason' | 'comment' | 'bookingFeeling'> & { submittedAt: string })[];
  responses: (Pick<Response, 'id' | 'invitationId'> & { journey: string } & Pick<Response, 'grade' | 'effort' | 'segment' | 'channel'> & {
    submittedAt: string;
    answers: ({ touchpoint: string } & Pick<Answer, 'feeling' | 'comment'> & { answeredAt: string })[];
    /** The answers to the item bank's questions (docs/item-bank.md): the code, the step if asked at one, the value. */
    items: { code: string; touchpoint: string | null; value: number | null }[];
  })[];
  panel: {
    id: number;
    status: PanelMember['status'];
    journey: string;
    contact: PanelContact | null;
    createdAt: string;
    confirmedAt: string | null;
    consentExpiresAt: string | null;
    endedAt: string | null;
    consents: (Pick<Consent, 'event'> & { at: string } & Pick<Consent, 'by' | 'textVersion' | 'textHash'>)[];
    studies: { study: string; status: Participant['status']; invitedAt: string; answeredAt: string | null }[];
  }[];
  /** Call-back requests: the contact details while held, and what stays after (timing, outcome). */
  callbacks: (Pick<typeof callbackRequests.$inferSelect, 'id' | 'status' | 'reason' | 'attempts' | 'outcome' | 'recoveryScore'> & {
    journey: string;
    contact: CallbackContact | null;
    createdAt: string;
    dueAt: string;
    closedAt: string | null;
    erasedAt: string | null;
  })[];
  events: { id: number; type: string; receivedAt: string; payload: unknown }[];
}

export interface SubjectSummary {
  invitations: number;
  invitationsWithAddress: number;
  mails: number;
  optedOut: boolean;
  appointments: number;
  noShowAnswers: number;
  responses: number;
  answers: number;
  panelMembers: number;
  consents: number;
  callbacks: number;
  events: number;
  total: number;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Everything held about the address, readable (journey and touchpoint names, ISO dates). */
export function findSubjectData(db: Store, deps: Pick<SubjectDeps, 'addressHashKey' | 'dataKey' | 'organisationId'>, email: string): SubjectData {
  const found = findSubject(db, deps, email);
  const invitationRows = db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      journey: journeys.name,
      status: invitations.status,
      suppressedReason: invitations.suppressedReason,
      caseReference: invitations.caseReference,
      email: invitations.email,
      segment: invitations.segment,
      channel: invitations.channel,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      mailedAt: invitations.mailedAt,
      answeredAt: invitations.answeredAt,
    })
    .from(invitations)
    .innerJoin(journeys, eq(journeys.id, invitations.journeyId))
    .where(inList(invitations.id, found.invitationIds))
    .orderBy(invitations.id)
    .all();
  const mails = db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      status: outbox.status,
      subject: outbox.subject,
      toAddress: outbox.toAddress,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      textBody: outbox.textBody,
      htmlBody: outbox.htmlBody,
    })
    .from(outbox).where(inList(outbox.id, found.mailIds)).orderBy(outbox.id).all();
  // The opt-out holds installation-wide; it is shown when it came from this organisation's survey or from no survey at all.
  const optOut = db
    .select({ createdAt: optOuts.createdAt })
    .from(optOuts)
    .leftJoin(invitations, eq(invitations.id, optOuts.invitationId))
    .where(and(eq(optOuts.addressHash, found.hash), or(isNull(optOuts.invitationId), eq(invitations.organisationId, deps.organisationId ?? HOSTING_ORGANISATION_ID))))
    .get();
  const appointmentRows = db.select().from(appointments).where(inList(appointments.id, found.appointmentIds)).orderBy(appointments.id).all();
  const noShowRows = db.select().from(noShowResponses).where(inList(noShowResponses.invitationId, found.invitationIds)).orderBy(noShowResponses.id).all();
  const answerRows = db
    .select({ responseId: answers.responseId, touchpoint: touchpoints.name, feeling: answers.feeling, comment: answers.comment, answeredAt: answers.answeredAt })
    .from(answers)
    .innerJoin(touchpoints, eq(touchpoints.id, answers.touchpointId))
    .where(inList(answers.responseId, found.responseIds))
    .orderBy(answers.responseId, touchpoints.position)
    .all();
  const itemRows = db
    .select({ responseId: itemAnswers.responseId, code: itemAnswers.itemCode, touchpoint: touchpoints.name, value: itemAnswers.value })
    .from(itemAnswers)
    .leftJoin(touchpoints, eq(touchpoints.id, itemAnswers.touchpointId))
    .where(inList(itemAnswers.responseId, found.responseIds))
    .orderBy(itemAnswers.id)
    .all();
  const responseRows = db
    .select({ response: responses, journey: journeys.name })
    .from(responses)
    .innerJoin(journeys, eq(journeys.id, responses.journeyId))
    .where(inList(responses.id, found.responseIds))
    .orderBy(responses.id)
    .all();
  const memberRows = db
    .select({ member: panelMembers, journey: journeys.name })
    .from(panelMembers)
    .leftJoin(journeys, eq(journeys.id, panelMembers.journeyId))
    .where(inList(panelMembers.id, found.memberIds))
    .orderBy(panelMembers.id)
    .all();
  const eventRows = db
    .select({ id: events.id, type: events.type, receivedAt: events.receivedAt, payload: storedPayload })
    .from(events)
    .where(inList(events.id, found.eventIds))
    .orderBy(events.id)
    .all();

  return {
    address: found.address,
    invitations: invitationRows.map((row) => ({
      id: row.id,
      kind: row.kind,
      journey: row.journey,
      status: row.status,
      suppressedReason: row.suppressedReason,
      caseReference: row.caseReference || null,
      addressHeld: row.email !== null,
      segment: row.segment,
      channel: row.channel,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      mailedAt: iso(row.mailedAt),
      answeredAt: iso(row.answeredAt),
    })),
    mails: mails.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      subject: row.subject,
      toAddress: row.toAddress,
      createdAt: row.createdAt.toISOString(),
      sentAt: iso(row.sentAt),
      bodyHeld: row.textBody !== null || row.htmlBody !== null,
    })),
    optOut: optOut ? { createdAt: optOut.createdAt.toISOString() } : null,
    appointments: appointmentRows.map((row) => ({
      id: row.id,
      reference: row.reference,
      product: row.product,
      location: row.location,
      channel: row.channel,
      startsAt: row.startsAt.toISOString(),
      status: row.status,
      segment: row.segment,
    })),
    noShowAnswers: noShowRows.map((row) => ({
      id: row.id,
      invitationId: row.invitationId,
      appointmentId: row.appointmentId,
      reason: row.reason,
      comment: row.comment,
      bookingFeeling: row.bookingFeeling,
      submittedAt: row.submittedAt.toISOString(),
    })),
    responses: responseRows.map(({ response, journey }) => ({
      id: response.id,
      invitationId: response.invitationId,
      journey,
      grade: response.grade,
      effort: response.effort,
      segment: response.segment,
      channel: response.channel,
      submittedAt: response.submittedAt.toISOString(),
      answers: answerRows
        .filter((answer) => answer.responseId === response.id)
        .map((answer) => ({ touchpoint: answer.touchpoint, feeling: answer.feeling, comment: answer.comment, answeredAt: answer.answeredAt.toISOString() })),
      items: itemRows.filter((item) => item.responseId === response.id).map(({ code, touchpoint, value }) => ({ code, touchpoint, value })),
    })),
    panel: memberRows.map(({ member, journey }) => ({
      id: member.id,
      status: member.status,
      journey: journey ?? '',
      contact: readableContact(deps, member),
      createdAt: member.createdAt.toISOString(),
      confirmedAt: iso(member.confirmedAt),
      consentExpiresAt: iso(member.consentExpiresAt),
      endedAt: iso(member.endedAt),
      consents: db
        .select({ event: panelConsents.event, at: panelConsents.at, by: panelConsents.by, textVersion: panelConsents.textVersion, textHash: panelConsents.textHash })
        .from(panelConsents)
        .where(eq(panelConsents.memberId, member.id))
        .orderBy(panelConsents.at, panelConsents.id)
        .all()
        .map((consent) => ({ ...consent, at: consent.at.toISOString() })),
      studies: db
        .select({ study: studies.title, status: studyParticipants.status, invitedAt: studyParticipants.invitedAt, answeredAt: studyParticipants.answeredAt })
        .from(studyParticipants)
        .innerJoin(studies, eq(studies.id, studyParticipants.studyId))
        .where(eq(studyParticipants.memberId, member.id))
        .orderBy(studyParticipants.invitedAt, studyParticipants.id)
        .all()
        .map((study) => ({ ...study, invitedAt: study.invitedAt.toISOString(), answeredAt: iso(study.answeredAt) })),
    })),
    callbacks: db
      .select({ request: callbackRequests, journey: journeys.name })
      .from(callbackRequests)
      .innerJoin(journeys, eq(journeys.id, callbackRequests.journeyId))
      .where(inList(callbackRequests.id, found.callbackIds))
      .orderBy(callbackRequests.id)
      .all()
      .map(({ request, journey }) => ({
        id: request.id,
        journey,
        status: request.status,
        reason: request.reason,
        contact: readable(() => readCallbackContact(deps, request)),
        createdAt: request.createdAt.toISOString(),
        dueAt: request.dueAt.toISOString(),
        attempts: request.attempts,
        closedAt: iso(request.closedAt),
        outcome: request.outcome,
        recoveryScore: request.recoveryScore,
        erasedAt: iso(request.erasedAt),
      })),
    events: eventRows.map((row) => ({ id: row.id, type: row.type, receivedAt: row.receivedAt.toISOString(), payload: parsePayload(row.payload, null) })),
  };
}

/** The contact details, or null when they are erased or cannot be read (another data key). */
function readable<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function readableContact(deps: Pick<SubjectDeps, 'dataKey'>, member: Pick<PanelMember, 'contact'>): PanelContact | null {
  return readable(() => readContact(deps, member));
}

export function summarise(data: SubjectData): SubjectSummary {
  const counts = {
    invitations: data.invitations.length,
    invitationsWithAddress: data.invitations.filter((invitation) => invitation.addressHeld).length,
    mails: data.mails.length,
    optedOut: data.optOut !== null,
    appointments: data.appointments.length,
    noShowAnswers: data.noShowAnswers.length,
    responses: data.responses.length,
    answers: data.responses.reduce((total, response) => total + response.answers.length + response.items.length, 0),
    panelMembers: data.panel.length,
    consents: data.panel.reduce((total, member) => total + member.consents.length, 0),
    callbacks: data.callbacks.length,
    events: data.events.length,
  };
  const total =
    counts.invitations + counts.mails + (counts.optedOut ? 1 : 0) + counts.appointments + counts.noShowAnswers + counts.responses + counts.answers + counts.panelMembers + counts.callbacks + counts.events;
  return { ...counts, total };
}

/** The JSON an admin hands to the citizen (art. 15): what is held, and what is not. */
export function subjectExport(db: Db, deps: SubjectDeps & { organisation: string }, email: string) {
  const data = findSubjectData(db, deps, email);
  return {
    format: 'meethuis-subject-export/1',
    organisation: deps.organisation,
    generatedAt: deps.clock.now().toISOString(),
    ...data,
    notes: [
      'Survey links and opt-out links are kept only as a one-way hash; they are not part of this export.',
      'Daily dashboard totals (counts and sums per day, without any link to a person) are anonymous and not included.',
      'Open-text answers were masked for personal data (e-mail addresses, phone numbers, BSN, IBAN) before they were stored.',
    ],
  };
}

export interface ErasureReport {
  invitationsAnonymised: number;
  mailsDeleted: number;
  responsesDeleted: number;
  answersDeleted: number;
  noShowAnswersDeleted: number;
  appointmentsAnonymised: number;
  panelMembersErased: number;
  callbacksErased: number;
  eventsMinimised: number;
  /** Whether an opt-out (the keyed hash only) is kept for the address after this erasure. */
  optedOut: boolean;
}

/**
 * Erases everything held about the address, in one transaction. With `optOut` the address is
 * also opted out (only its keyed hash is kept, so no new surveys are sent); an opt-out that
 * existed before is always kept — it is what the citizen asked for.
 */
export function eraseSubject(db: Db, deps: SubjectDeps, email: string, options: { optOut: boolean }): ErasureReport {
  return db.transaction((tx) => {
    const found = findSubject(tx, deps, email);
    const now = deps.clock.now();

    if (options.optOut) tx.insert(optOuts).values({ addressHash: found.hash, createdAt: now, invitationId: null }).onConflictDoNothing().run();
    // Panel: a running membership ends as a withdrawal (contact erased, queued mail cancelled, links void).
    let panelMembersErased = 0;
    for (const memberId of found.memberIds) {
      const member = tx.select({ status: panelMembers.status }).from(panelMembers).where(eq(panelMembers.id, memberId)).get();
      if (member?.status === 'pending' || member?.status === 'active') endMembership(tx, deps, memberId, 'withdrawn', 'privacy-request');
      tx.update(panelMembers).set({ contact: null, responseId: null }).where(eq(panelMembers.id, memberId)).run();
      tx.delete(panelLinks).where(eq(panelLinks.memberId, memberId)).run();
      tx.update(panelConsents).set({ responseId: null }).where(eq(panelConsents.memberId, memberId)).run();
      panelMembersErased++;
    }
    // Call-back requests: contact details, the link to the address and response, the note and the recovery link go; the anonymous timing and outcome stay.
    for (const id of found.callbackIds) eraseCallbackContact(tx, id, now);
    tx.update(callbackRequests).set({ addressHash: null, responseId: null, note: null }).where(inList(callbackRequests.id, found.callbackIds)).run();
    tx.delete(callbackLinks).where(inList(callbackLinks.requestId, found.callbackIds)).run();
    const mailsDeleted = tx.delete(outbox).where(inList(outbox.id, found.mailIds)).run().changes;
    tx.update(panelMembers).set({ responseId: null }).where(inList(panelMembers.responseId, found.responseIds)).run();
    const answersDeleted =
      tx.delete(answers).where(inList(answers.responseId, found.responseIds)).run().changes +
      tx.delete(itemAnswers).where(inList(itemAnswers.responseId, found.responseIds)).run().changes;
    const responsesDeleted = tx.delete(responses).where(inList(responses.id, found.responseIds)).run().changes;
    const noShowAnswersDeleted = tx.delete(noShowResponses).where(inList(noShowResponses.invitationId, found.invitationIds)).run().changes;
    const invitationsAnonymised = tx.update(invitations).set(anonymisedInvitation).where(inList(invitations.id, found.invitationIds)).run().changes;
    const appointmentsAnonymised = tx
      .update(appointments)
      .set({ addressHash: null, reference: erasedAppointmentReference, segment: {} })
      .where(inList(appointments.id, found.appointmentIds))
      .run().changes;
    minimiseEvents(tx, tx.select({ id: events.id, payload: storedPayload }).from(events).where(inList(events.id, found.eventIds)).all());
    const optedOut = tx.select({ hash: optOuts.addressHash }).from(optOuts).where(eq(optOuts.addressHash, found.hash)).get() !== undefined;
    return {
      invitationsAnonymised,
      mailsDeleted,
      responsesDeleted,
      answersDeleted,
      noShowAnswersDeleted,
      appointmentsAnonymised,
      panelMembersErased,
      callbacksErased: found.callbackIds.length,
      eventsMinimised: found.eventIds.length,
      optedOut,
    };
  });
}
