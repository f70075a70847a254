import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DAY_MS } from '../clock';
import type { Db, Tx } from '../db/client';
import { placeholdersFor, preparedPerConnection } from '../db/prepared';
import { events, HOSTING_ORGANISATION_ID } from '../db/schema';
import { createInvitation, findLetterSurvey, type InvitationDeps, type LetterSurvey } from '../invitations/invitations';
import { journeyForCaseType } from '../journeys/journey-cache';
import { touchpointsToAsk } from '../journeys/survey-steps';
import type { CaseClosedEvent } from './event-schema';

export type IngestResult =
  | { status: 'accepted'; invitationId: number; expiresAt: Date; survey?: LetterSurvey }
  | { status: 'suppressed'; reason: string }
  | {
      status: 'duplicate';
      /** A letter's link and code, the same as in the first answer: the case system may be retrying a lost answer. */
      survey?: LetterSurvey;
      original: { status: string; reason: string | null; receivedAt: Date };
      /** Absent when the first event was recorded before payloads were hashed. */
      payloadDiffers?: boolean;
      warning?: string;
    };

/** JSON with object keys sorted, so key order and spacing do not make two events differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of the validated event (trimmed, defaults filled in). Keyed like the address
 * hashes: the body holds the citizen's address, which a plain hash would let anyone with the
 * stored payload confirm by guessing.
 */
export function payloadHash(hashKey: string, event: object): string {
  return createHmac('sha256', hashKey).update(canonicalJson(event), 'utf8').digest('hex');
}

const eventQueries = preparedPerConnection((store) => ({
  seen: store
    .select({ outcome: events.outcome, reason: events.reason, receivedAt: events.receivedAt, payloadHash: events.payloadHash, invitationId: events.invitationId })
    .from(events)
    .where(and(eq(events.apiKeyId, sql.placeholder('apiKeyId')), eq(events.eventId, sql.placeholder('eventId'))))
    .prepare(),
  insert: store
    .insert(events)
    .values(placeholdersFor(events, ['apiKeyId', 'eventId', 'type', 'occurredAt', 'receivedAt', 'payload', 'payloadHash', 'outcome', 'reason', 'invitationId']))
    .prepare(),
}));

/**
 * The same event id from the same key was processed before: report what happened then, and
 * whether this body differs from the first (it is still not processed again); with the
 * invitation it made, for a letter's link and code.
 */
export function findDuplicate(
  tx: Tx,
  apiKeyId: number,
  eventId: string,
  hash: string,
): { duplicate: Extract<IngestResult, { status: 'duplicate' }>; invitationId: number | null } | undefined {
  const seen = eventQueries(tx).seen.get({ apiKeyId, eventId });
  if (!seen) return undefined;
  const original = { status: seen.outcome, reason: seen.reason, receivedAt: seen.receivedAt };
  const { invitationId } = seen;
  if (seen.payloadHash === null) return { duplicate: { status: 'duplicate', original }, invitationId };
  const payloadDiffers = seen.payloadHash !== hash;
  const duplicate = {
    status: 'duplicate' as const,
    original,
    payloadDiffers,
    ...(payloadDiffers && {
      warning: `Event id "${eventId}" was already received with a different payload; this one was not processed. Send a changed event under a new id.`,
    }),
  };
  return { duplicate, invitationId };
}

/** The event is valid but cannot be processed (HTTP 422): the message names what is wrong. */
export class UnprocessableEventError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes the event record with what became of it. The payload is kept without the citizen's
 * address and key: the address lives only on the invitation, where it can be erased; the key
 * only as its keyed hash.
 */
export function recordEvent(
  tx: Tx,
  apiKeyId: number,
  event: { id: string; type: string; occurredAt: string; citizen?: object },
  hash: string,
  receivedAt: Date,
  result: Pick<typeof events.$inferInsert, 'outcome' | 'reason' | 'invitationId'>,
): void {
  eventQueries(tx).insert.run({
    apiKeyId,
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
    receivedAt,
    payload: { ...event, citizen: event.citizen && { ...event.citizen, email: undefined, key: undefined } },
    payloadHash: hash,
    reason: null,
    invitationId: null,
    ...result,
  });
}

function leadTimeDays(event: CaseClosedEvent): number | null {
  if (!event.case.openedAt) return null;
  const ms = Date.parse(event.occurredAt) - Date.parse(event.case.openedAt);
  return ms >= 0 ? Math.round((ms / DAY_MS) * 100) / 100 : null;
}

/**
 * Processes a `case.closed` event exactly once per (API key, event id): the event record,
 * the invitation and its mails are written in one transaction, or nothing is.
 */
export function ingestCaseClosed(
  db: Db,
  deps: InvitationDeps,
  apiKeyId: number,
  event: CaseClosedEvent,
  organisationId: number = HOSTING_ORGANISATION_ID,
): IngestResult {
  return db.transaction((tx) => {
    const hash = payloadHash(deps.addressHashKey, event);
    const seen = findDuplicate(tx, apiKeyId, event.id, hash);
    if (seen) {
      const { duplicate, invitationId } = seen;
      const survey = invitationId ? findLetterSurvey(tx, deps, invitationId) : undefined;
      return survey ? { ...duplicate, survey } : duplicate;
    }

    // The key's organisation: its own case types, or its case types on a chain journey it takes part in.
    const found = journeyForCaseType(db, event.case.caseType, organisationId);
    if (!found) {
      throw new UnprocessableEventError('case.caseType', `Unknown caseType "${event.case.caseType}": no journey is triggered by it.`);
    }
    const asked = touchpointsToAsk(found.touchpoints, event.touchpoints);
    if (asked.length === 0) {
      throw new UnprocessableEventError(
        'touchpoints',
        `None of the touchpoints [${event.touchpoints?.join(', ') ?? ''}] belongs to journey "${found.journey.slug}" (it has: ${found.touchpoints.map((t) => t.slug).join(', ')}).`,
      );
    }

    const outcome = createInvitation(tx, deps, {
      journey: found.journey,
      organisationId,
      touchpoints: asked,
      caseReference: event.case.reference,
      // The schema requires the address unless the delivery is a letter or none.
      ...(event.delivery === 'letter' || event.delivery === 'none' ? { delivery: event.delivery, citizenKey: event.citizen.key } : { email: event.citizen.email! }),
      language: event.citizen.language,
      segment: event.segment,
      channel: event.case.channel ?? null,
      leadTimeDays: leadTimeDays(event),
      caseClosedAt: new Date(event.occurredAt),
    });
    recordEvent(tx, apiKeyId, event, hash, deps.clock.now(), {
      outcome: outcome.status,
      reason: outcome.status === 'suppressed' ? outcome.reason : null,
      invitationId: outcome.invitationId,
    });
    return outcome.status === 'accepted'
      ? { status: 'accepted', invitationId: outcome.invitationId, expiresAt: outcome.expiresAt, ...(outcome.survey && { survey: outcome.survey }) }
      : { status: 'suppressed', reason: outcome.reason };
  });
}
