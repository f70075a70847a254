import { and, eq, gt, inArray, isNotNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Tx } from '../db/client';
import { inList } from '../db/in-list';
import { answers, appointments, itemAnswers, auditLog, callbackRequests, events, invitations, mailErased, noShowResponses, optOuts, outbox, panelMembers, responses, sessions } from '../db/schema';
import { anonymisedInvitation, erasedAppointmentReference, minimiseEvents, storedPayload } from './anonymise';
import type { RetentionRule } from './retention-policy';

/**
 * The purges, as steps of batches: each selects the next ids after the last batch's (only rows that
 * still need the change, so every batch is idempotent) and changes them. The runner gives each
 * batch its own transaction (src/privacy/retention.ts).
 */

export interface BatchContext {
  cutoff: Date;
  now: Date;
  /** Keyset: only rows with a larger id (the last batch's last id). */
  after: number;
  limit: number;
}

export interface BatchResult {
  /** Rows changed or deleted in this batch. */
  rows: number;
  /** Rows the batch looked at (a full batch means there may be more). */
  seen: number;
  last: number;
}

export type Step = (tx: Tx, context: BatchContext) => BatchResult;
type IdColumn = AnySQLiteColumn<{ data: number; notNull: true }>;

/** The next batch of ids of `id`'s table, in id order, among the rows `where` matches. */
function nextIds(tx: Tx, id: IdColumn, where: SQL | undefined, c: BatchContext): number[] {
  return tx
    .select({ id })
    .from(id.table)
    .where(and(gt(id, c.after), where))
    .orderBy(id)
    .limit(c.limit)
    .all()
    .map((row) => row.id);
}

/** A step that selects a batch of ids with `select` and applies `apply` to them. */
function idStep(select: (tx: Tx, context: BatchContext) => number[], apply: (tx: Tx, ids: number[], context: BatchContext) => void): Step {
  return (tx, context) => {
    const ids = select(tx, context);
    if (ids.length === 0) return { rows: 0, seen: 0, last: context.after };
    apply(tx, ids, context);
    return { rows: ids.length, seen: ids.length, last: ids[ids.length - 1]! };
  };
}

/** Invitations whose e-mail address is no longer needed: answered, expired, suppressed or opted out. */
const closedInvitation = (tx: Tx, now: Date) =>
  or(ne(invitations.status, 'open'), lte(invitations.expiresAt, now), inArray(invitations.addressHash, tx.select({ hash: optOuts.addressHash }).from(optOuts)));

/** A mail that still holds the address or the personal link. */
const mailHeld = or(ne(outbox.toAddress, ''), isNotNull(outbox.textBody), isNotNull(outbox.htmlBody), isNotNull(outbox.linkToken));

const endedPanelMember = inArray(panelMembers.status, ['withdrawn', 'expired']);

/** Per rule, its steps in order; each step walks one table in batches. */
export const retentionSteps: Record<RetentionRule, Step[]> = {
  // The address and case reference of a closed invitation; only the keyed address hash stays.
  'invitation-contact': [
    idStep(
      (tx, c) => nextIds(tx, invitations.id, and(or(isNotNull(invitations.email), ne(invitations.caseReference, '')), closedInvitation(tx, c.now)), c),
      (tx, ids) => tx.update(invitations).set({ email: null, caseReference: '' }).where(inList(invitations.id, ids)).run(),
    ),
    // Mails of those invitations that are no longer waiting: the address and the personal link.
    idStep(
      (tx, c) =>
        tx
          .select({ id: outbox.id })
          .from(outbox)
          .innerJoin(invitations, eq(invitations.id, outbox.invitationId))
          .where(and(gt(outbox.id, c.after), ne(outbox.status, 'queued'), mailHeld, closedInvitation(tx, c.now)))
          .orderBy(outbox.id)
          .limit(c.limit)
          .all()
          .map((row) => row.id),
      (tx, ids) => tx.update(outbox).set(mailErased).where(inList(outbox.id, ids)).run(),
    ),
  ],
  'event-payloads': [
    (tx, c) => {
      const rows = tx
        .select({ id: events.id, payload: storedPayload })
        .from(events)
        .where(and(gt(events.id, c.after), lte(events.receivedAt, c.cutoff), sql`json_extract(${events.payload}, '$.redacted') IS NULL`))
        .orderBy(events.id)
        .limit(c.limit)
        .all();
      minimiseEvents(tx, rows);
      return { rows: rows.length, seen: rows.length, last: rows.at(-1)?.id ?? c.after };
    },
  ],
  mail: [
    idStep(
      (tx, c) => nextIds(tx, outbox.id, and(ne(outbox.status, 'queued'), sql`coalesce(${outbox.sentAt}, ${outbox.createdAt}) <= ${c.cutoff.getTime()}`), c),
      (tx, ids) => tx.delete(outbox).where(inList(outbox.id, ids)).run(),
    ),
  ],
  // The comment text goes; the feeling (or reason) it belongs to stays until the response goes.
  comments: [
    idStep(
      (tx, c) => nextIds(tx, answers.id, and(isNotNull(answers.comment), lte(answers.answeredAt, c.cutoff)), c),
      (tx, ids) => tx.update(answers).set({ comment: null }).where(inList(answers.id, ids)).run(),
    ),
    idStep(
      (tx, c) => nextIds(tx, noShowResponses.id, and(isNotNull(noShowResponses.comment), lte(noShowResponses.submittedAt, c.cutoff)), c),
      (tx, ids) => tx.update(noShowResponses).set({ comment: null }).where(inList(noShowResponses.id, ids)).run(),
    ),
  ],
  // A response with its answers; a panel member signed up from it stays (without the link).
  responses: [
    idStep(
      (tx, c) => nextIds(tx, responses.id, lte(responses.submittedAt, c.cutoff), c),
      (tx, ids) => {
        tx.update(panelMembers).set({ responseId: null }).where(inList(panelMembers.responseId, ids)).run();
        tx.delete(answers).where(inList(answers.responseId, ids)).run();
        tx.delete(itemAnswers).where(inList(itemAnswers.responseId, ids)).run();
        tx.delete(responses).where(inList(responses.id, ids)).run();
      },
    ),
  ],
  'no-show-responses': [
    idStep(
      (tx, c) => nextIds(tx, noShowResponses.id, lte(noShowResponses.submittedAt, c.cutoff), c),
      (tx, ids) => tx.delete(noShowResponses).where(inList(noShowResponses.id, ids)).run(),
    ),
  ],
  // Old invitations keep only what the response funnel counts (journey, kind, status, dates).
  invitations: [
    idStep(
      (tx, c) =>
        nextIds(
          tx,
          invitations.id,
          and(
            lte(invitations.createdAt, c.cutoff),
            or(
              isNotNull(invitations.email),
              ne(invitations.addressHash, ''),
              ne(invitations.caseReference, ''),
              isNotNull(invitations.tokenHash),
              isNotNull(invitations.codeHash),
              ne(invitations.segment, anonymisedInvitation.segment),
            ),
          ),
          c,
        ),
      (tx, ids) => {
        tx.delete(outbox).where(inList(outbox.invitationId, ids)).run();
        tx.update(invitations).set(anonymisedInvitation).where(inList(invitations.id, ids)).run();
      },
    ),
  ],
  // Old appointments keep their pattern dimensions; the booking reference and address hash go.
  appointments: [
    idStep(
      (tx, c) =>
        nextIds(tx, appointments.id, and(lte(appointments.startsAt, c.cutoff), or(isNotNull(appointments.addressHash), ne(appointments.reference, erasedAppointmentReference))), c),
      (tx, ids) => tx.update(appointments).set({ addressHash: null, reference: erasedAppointmentReference }).where(inList(appointments.id, ids)).run(),
    ),
  ],
  events: [
    idStep(
      (tx, c) => nextIds(tx, events.id, lte(events.receivedAt, c.cutoff), c),
      (tx, ids) => tx.delete(events).where(inList(events.id, ids)).run(),
    ),
  ],
  // The panel erases contact details when a membership ends (src/panel); this is the safety net.
  'panel-contacts': [
    idStep(
      (tx, c) => nextIds(tx, panelMembers.id, and(endedPanelMember, isNotNull(panelMembers.contact)), c),
      (tx, ids) => tx.update(panelMembers).set({ contact: null }).where(inList(panelMembers.id, ids)).run(),
    ),
    idStep(
      (tx, c) =>
        tx
          .select({ id: outbox.id })
          .from(outbox)
          .innerJoin(panelMembers, eq(panelMembers.id, outbox.panelMemberId))
          .where(and(gt(outbox.id, c.after), endedPanelMember, mailHeld))
          .orderBy(outbox.id)
          .limit(c.limit)
          .all()
          .map((row) => row.id),
      (tx, ids) =>
        tx
          .update(outbox)
          .set({ ...mailErased, status: sql`CASE ${outbox.status} WHEN 'queued' THEN 'cancelled' ELSE ${outbox.status} END` })
          .where(inList(outbox.id, ids))
          .run(),
    ),
  ],
  // Closing a call-back request erases its contact details (src/callbacks); this catches the closed ones it missed and every request past the term.
  'callback-contacts': [
    idStep(
      (tx, c) => nextIds(tx, callbackRequests.id, and(isNotNull(callbackRequests.contact), or(lte(callbackRequests.createdAt, c.cutoff), eq(callbackRequests.status, 'closed'))), c),
      (tx, ids, c) => tx.update(callbackRequests).set({ contact: null, erasedAt: c.now }).where(inList(callbackRequests.id, ids)).run(),
    ),
  ],
  // Staff sessions past their end (they hold the network origin and browser of the login).
  sessions: [
    (tx, c) => {
      const ids = tx.select({ idHash: sessions.idHash }).from(sessions).where(lte(sessions.expiresAt, c.now)).limit(c.limit).all().map((row) => row.idHash);
      if (ids.length) tx.delete(sessions).where(inList(sessions.idHash, ids)).run();
      return { rows: ids.length, seen: ids.length, last: c.after };
    },
  ],
  'audit-log': [
    idStep(
      (tx, c) => nextIds(tx, auditLog.id, lte(auditLog.at, c.cutoff), c),
      (tx, ids) => tx.delete(auditLog).where(inList(auditLog.id, ids)).run(),
    ),
  ],
};

