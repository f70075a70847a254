/**
 * What the KCC does with a request: take it, record attempts, close it. Closing erases the contact
 * details in the same transaction and, when the setting is on, queues the one recovery mail
 * ("Bent u goed geholpen?") to the address taken from those details just before they go.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { audit, type AuditEntry } from '../audit/audit-log';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { callbackAttempts, callbackLinks, callbackRequests, improvementActions, invitations, outbox, responses, type CallbackOutcome } from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import { citizenLanguages } from '../languages/language-files';
import type { MailTemplates } from '../mail-templates';
import { maskPersonalData } from '../mask';
import { organisationNameFor } from '../organisations/organisations';
import { getSetting } from '../settings';
import { citizenLanguage } from '../texts/citizen';
import { generateToken, hashToken } from '../tokens';
import { readCallbackContact, recoveryAddressOf } from './requests';
import { findCallback, type CallbackRow } from './work-list';

export type Changer = Pick<AuditEntry, 'actor' | 'origin'>;

export interface HandlingDeps {
  db: Db;
  dataKey: string;
  config: Pick<Config, 'PUBLIC_URL' | 'ORGANISATION_NAME' | 'MAIL_FROM' | 'LANGUAGES_DIR'>;
  mail: Pick<MailTemplates, 'callback'>;
}

/** Assigns an open or taken request to `userId`; false when it is closed or unknown. */
export function takeCallback(db: Db, now: Date, id: number, userId: number, by: Changer): boolean {
  return db.transaction((tx) => {
    const updated = tx
      .update(callbackRequests)
      .set({ status: 'taken', assignedTo: userId, assignedAt: now })
      .where(and(eq(callbackRequests.id, id), ne(callbackRequests.status, 'closed')))
      .run();
    if (updated.changes === 0) return false;
    audit(tx, now, { ...by, action: 'callback.taken', object: `callback:${id}`, result: 'success' });
    return true;
  });
}

/** One attempt to reach the citizen; the request becomes taken by whoever tried. */
export function recordAttempt(db: Db, now: Date, id: number, userId: number, reached: boolean, by: Changer): boolean {
  return db.transaction((tx) => {
    const request = tx.select().from(callbackRequests).where(eq(callbackRequests.id, id)).get();
    if (!request || request.status === 'closed') return false;
    tx.insert(callbackAttempts).values({ requestId: id, at: now, by: userId, reached }).run();
    tx.update(callbackRequests)
      .set({
        attempts: request.attempts + 1,
        lastAttemptAt: now,
        reachedAt: reached ? (request.reachedAt ?? now) : request.reachedAt,
        status: 'taken',
        assignedTo: request.assignedTo ?? userId,
        assignedAt: request.assignedAt ?? now,
      })
      .where(eq(callbackRequests.id, id))
      .run();
    audit(tx, now, { ...by, action: 'callback.attempt', object: `callback:${id}`, result: 'success', details: { reached } });
    return true;
  });
}

export interface CloseInput {
  outcome: CallbackOutcome;
  note?: string;
  /** An improvement action of the request's journey; its step is remembered with the request. */
  actionId?: number;
}

/**
 * The language of the invitation whose survey led to the request: the citizen's language for the
 * recovery mail and page. Undefined (so Dutch) once that response is gone.
 */
export function requestLanguage(db: Db, requestId: number): string | undefined {
  return db
    .select({ language: invitations.language })
    .from(callbackRequests)
    .innerJoin(responses, eq(responses.id, callbackRequests.responseId))
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .where(eq(callbackRequests.id, requestId))
    .get()?.language;
}

export type CloseResult = { ok: true; mailed: boolean } | { ok: false; error: 'closed' | 'unreachable-too-early' | 'action' };

/** Whether "geen contact mogelijk" may be chosen: only after the configured number of attempts. */
export const mayCloseUnreachable = (request: Pick<CallbackRow, 'attempts'>, maxAttempts: number) => request.attempts >= maxAttempts;

/**
 * Closes a request: the outcome, a masked note and the linked action are kept; the contact details
 * are erased at once. With the setting on and an e-mail address among the details, one recovery
 * mail is queued with a link whose token only the mail knows (its hash is kept).
 */
export function closeCallback(deps: HandlingDeps, now: Date, id: number, input: CloseInput, maxAttempts: number, by: Changer): CloseResult {
  const { db, config } = deps;
  return db.transaction((tx) => {
    const request = tx.select().from(callbackRequests).where(eq(callbackRequests.id, id)).get();
    if (!request || request.status === 'closed') return { ok: false, error: 'closed' } as const;
    const recoveryMailOn = getSetting(db, 'callbackRecoveryMail', request.organisationId);
    if (input.outcome === 'unreachable' && !mayCloseUnreachable(request, maxAttempts)) return { ok: false, error: 'unreachable-too-early' } as const;
    const action =
      input.actionId === undefined
        ? undefined
        : tx.select().from(improvementActions).where(and(eq(improvementActions.id, input.actionId), eq(improvementActions.journeyId, request.journeyId))).get();
    if (input.actionId !== undefined && !action) return { ok: false, error: 'action' } as const;

    const address = recoveryAddressOf(readCallbackContact(deps, request));
    const note = input.note?.trim() ? maskPersonalData(input.note.trim()).slice(0, 1000) : null;
    const mailed = recoveryMailOn && address !== undefined;
    tx.update(callbackRequests)
      .set({
        status: 'closed',
        outcome: input.outcome,
        closedAt: now,
        note,
        actionId: action?.id ?? null,
        touchpointId: action?.touchpointId ?? request.touchpointId,
        assignedTo: request.assignedTo ?? by.actor.userId,
        assignedAt: request.assignedAt ?? now,
        contact: null,
        erasedAt: now,
        recoveryMailedAt: mailed ? now : null,
      })
      .where(eq(callbackRequests.id, id))
      .run();
    if (mailed) {
      const token = generateToken();
      tx.insert(callbackLinks).values({ tokenHash: hashToken(token), requestId: id, createdAt: now }).run();
      const privacyUrl = `${config.PUBLIC_URL}/privacy`;
      const rendered = deps.mail.callback({
        kind: 'recovery',
        organisation: organisationNameFor(tx, config, request.organisationId),
        url: `${config.PUBLIC_URL}/terugbellen/beoordelen/${token}`,
        privacyUrl,
        language: citizenLanguage(citizenLanguages(config.LANGUAGES_DIR), requestLanguage(db, id)),
      });
      tx.insert(outbox)
        .values({
          kind: 'callback-recovery',
          organisationId: request.organisationId,
          toAddress: address,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          headers: { 'Auto-Submitted': 'auto-generated' },
          messageId: messageIdFor(config.MAIL_FROM),
          dueAt: now,
          createdAt: now,
        })
        .run();
    }
    audit(tx, now, { ...by, action: 'callback.closed', object: `callback:${id}`, result: 'success', details: { outcome: input.outcome, recoveryMail: mailed } });
    return { ok: true, mailed } as const;
  });
}

export type RecoveryLinkState = { state: 'unknown' } | { state: 'answered' | 'open'; requestId: number };

/** What the recovery link leads to: nothing, an answer already given, or the question (with the request, for its language). */
export function recoveryLinkState(db: Db, token: string): RecoveryLinkState {
  const link = db.select().from(callbackLinks).where(eq(callbackLinks.tokenHash, hashToken(token))).get();
  const request = link && findCallback(db, link.requestId);
  if (!request) return { state: 'unknown' };
  return { state: request.recoveryScore === null ? 'open' : 'answered', requestId: request.id };
}

/** Stores the recovery score once: a second answer (a double post, a forwarded mail) changes nothing. */
export function recordRecoveryScore(db: Db, now: Date, token: string, score: number): 'stored' | 'answered' | 'unknown' {
  const link = db.select().from(callbackLinks).where(eq(callbackLinks.tokenHash, hashToken(token))).get();
  if (!link) return 'unknown';
  const updated = db
    .update(callbackRequests)
    .set({ recoveryScore: score, recoveryAnsweredAt: now })
    .where(and(eq(callbackRequests.id, link.requestId), isNull(callbackRequests.recoveryScore)))
    .run();
  return updated.changes === 1 ? 'stored' : 'answered';
}
