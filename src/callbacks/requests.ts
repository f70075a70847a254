/*
 * Call-back requests from the survey: the citizen's explicit yes after the question was offered.
 * The contact details are encrypted with the data key and kept apart from the answers; they go
 * when the request is closed (the KCC's side) and at the latest after RETENTION_CALLBACK_DAYS.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db, Store, Tx } from '../db/client';
import { answers, type CallbackMethod, type CallbackReason, callbackRequests, HOSTING_ORGANISATION_ID, itemAnswers, responses } from '../db/schema';
import { ANSWERED_ITEM } from '../items/item-bank';
import { findInvitationByToken } from '../invitations/invitations';
import { decryptSecret, encryptSecret } from '../secrets';
import { getSetting } from '../settings';
import { shouldOfferCallback } from './offer';
import { addWorkingHours } from './service-norm';

export const bestTimes = ['ochtend', 'middag', 'maakt-niet-uit'] as const;
export type BestTime = (typeof bestTimes)[number];

export interface CallbackContact {
  method: CallbackMethod;
  email?: string;
  phone?: string;
  bestTime?: BestTime;
}

export interface CallbackDeps {
  clock: Clock;
  config: Pick<Config, 'CALLBACK_SLA_HOURS' | 'CALLBACK_GRADE_THRESHOLD'>;
  /** Encrypts the contact details at rest. */
  dataKey: string;
}

export interface NewCallbackRequest {
  responseId: number;
  journeyId: number;
  reason: CallbackReason;
  contact: CallbackContact;
  /** The invitation's keyed address hash: finds the request for a data-subject request. */
  addressHash: string | null;
  /** The organisation of the invitation behind the survey: only its staff see the request (default: the hosting organisation). */
  organisationId?: number;
}

/** The question stays open this long after the survey was sent: the follow-up page, not a later way in. */
export const CALLBACK_OFFER_HOURS = 24;

/**
 * Stores a request with its due time (CALLBACK_SLA_HOURS working hours on). One per response:
 * a second post stores nothing and returns the first request's id.
 */
export function createCallbackRequest(tx: Tx, deps: CallbackDeps, request: NewCallbackRequest): number {
  const now = deps.clock.now();
  const inserted = tx
    .insert(callbackRequests)
    .values({
      responseId: request.responseId,
      journeyId: request.journeyId,
      reason: request.reason,
      contact: encryptSecret(deps.dataKey, JSON.stringify(request.contact)),
      addressHash: request.addressHash,
      organisationId: request.organisationId ?? HOSTING_ORGANISATION_ID,
      createdAt: now,
      dueAt: addWorkingHours(now, deps.config.CALLBACK_SLA_HOURS),
    })
    .onConflictDoNothing({ target: callbackRequests.responseId })
    .returning({ id: callbackRequests.id })
    .get();
  if (inserted) return inserted.id;
  return tx.select({ id: callbackRequests.id }).from(callbackRequests).where(eq(callbackRequests.responseId, request.responseId)).get()!.id;
}

/** The decrypted contact details, or null once they were erased. */
export function readCallbackContact(deps: Pick<CallbackDeps, 'dataKey'>, row: { contact: string | null }): CallbackContact | null {
  return row.contact ? (JSON.parse(decryptSecret(deps.dataKey, row.contact)) as CallbackContact) : null;
}

/** Where the recovery question may be mailed: an address the citizen gave, whichever way they chose to be contacted. */
export const recoveryAddressOf = (contact: CallbackContact | null): string | undefined => contact?.email?.trim() || undefined;

/** Erases the contact details of a request (on closing, by retention, on a data-subject request); the rest stays, anonymous. */
export function eraseCallbackContact(tx: Store, id: number, now: Date): void {
  tx.update(callbackRequests).set({ contact: null, erasedAt: now }).where(and(eq(callbackRequests.id, id), isNull(callbackRequests.erasedAt))).run();
}

export type CallbackOffer =
  | { state: 'offered'; reason: CallbackReason; responseId: number; journeyId: number; addressHash: string | null; organisationId?: number }
  /** The citizen already asked: the first request stands. */
  | { state: 'requested'; requestId: number }
  | { state: 'none' };

/**
 * Whether the survey behind this link offers the call-back question now: answered within the
 * last CALLBACK_OFFER_HOURS, and the stored answers (or the setting) call for it. Decided from
 * what was stored, so a forged post after happy answers finds nothing to accept.
 */
export function findCallbackOffer(db: Db, deps: Pick<CallbackDeps, 'clock' | 'config'>, token: string): CallbackOffer {
  const now = deps.clock.now();
  const found = findInvitationByToken(db, token, now);
  if (found.state !== 'answered') return { state: 'none' };
  const { invitation } = found;
  if (!invitation.answeredAt || now.getTime() - invitation.answeredAt.getTime() > CALLBACK_OFFER_HOURS * 3_600_000) return { state: 'none' };
  const response = db.select({ id: responses.id, grade: responses.grade, journeyId: responses.journeyId }).from(responses).where(eq(responses.invitationId, invitation.id)).get();
  if (!response) return { state: 'none' };
  const existing = db.select({ id: callbackRequests.id }).from(callbackRequests).where(eq(callbackRequests.responseId, response.id)).get();
  if (existing) return { state: 'requested', requestId: existing.id };
  const feelings = db.select({ feeling: answers.feeling }).from(answers).where(eq(answers.responseId, response.id)).all();
  const answered = db
    .select({ value: itemAnswers.value })
    .from(itemAnswers)
    .where(and(eq(itemAnswers.responseId, response.id), eq(itemAnswers.itemCode, ANSWERED_ITEM)))
    .all();
  return callbackOfferFor(db, deps, {
    responseId: response.id,
    journeyId: response.journeyId,
    organisationId: invitation.organisationId,
    grade: response.grade,
    feelings: feelings.map((row) => row.feeling),
    answered: answered.map((row) => row.value),
    addressHash: invitation.addressHash,
  });
}

/**
 * The offer for a response without a call-back request yet: right after a submission from what
 * was just stored (nothing to look up again), or from findCallbackOffer.
 */
export function callbackOfferFor(
  db: Db,
  deps: Pick<CallbackDeps, 'config'>,
  stored: { responseId: number; journeyId: number; organisationId: number; grade: number; feelings: (number | null)[]; answered?: (number | null)[]; addressHash: string | null },
): CallbackOffer {
  const reason = shouldOfferCallback({
    grade: stored.grade,
    feelings: stored.feelings,
    answered: stored.answered,
    offerToAll: getSetting(db, 'callbackOfferToAll', stored.organisationId),
    gradeThreshold: deps.config.CALLBACK_GRADE_THRESHOLD,
  });
  if (!reason) return { state: 'none' };
  return { state: 'offered', reason, responseId: stored.responseId, journeyId: stored.journeyId, addressHash: stored.addressHash, organisationId: stored.organisationId };
}
