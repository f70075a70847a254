import { eq, sql } from 'drizzle-orm';
import type { Store } from '../db/client';
import { appointments, events, type invitations } from '../db/schema';

/** What stays of a row once the person is gone from it: the same for the retention purges and an erasure on request. */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = (source: unknown, keys: string[]): Json | undefined => {
  if (!isObject(source)) return undefined;
  const picked: Json = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
};

/**
 * What stays of a processed event: its kind and the non-personal facts (case type, channel,
 * dates, products, which steps). The case and appointment references, the citizen and the
 * segment go. A whitelist, so a payload of a shape we do not know keeps only its type.
 */
export function minimiseEventPayload(payload: unknown): Json {
  const source = isObject(payload) ? payload : {};
  const kept: Json = { redacted: true };
  if (typeof source.type === 'string') kept.type = source.type;
  if (typeof source.occurredAt === 'string') kept.occurredAt = source.occurredAt;
  const theCase = pick(source.case, ['caseType', 'channel', 'openedAt']);
  if (theCase) kept.case = theCase;
  const appointment = pick(source.appointment, ['product', 'location', 'channel', 'bookedAt', 'startsAt', 'reminderSentAt']);
  if (appointment) kept.appointment = appointment;
  if (Array.isArray(source.touchpoints) && source.touchpoints.every((slug) => typeof slug === 'string')) kept.touchpoints = source.touchpoints;
  return kept;
}

/** An event's payload as the stored text, not drizzle's parse of it, which would throw on text that is not JSON. */
export const storedPayload = sql<string>`${events.payload}`;
export function parsePayload(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Replaces each event's payload (as selected with `storedPayload`) by what stays of it. */
export function minimiseEvents(store: Store, rows: { id: number; payload: string }[]): void {
  for (const row of rows) {
    store.update(events).set({ payload: minimiseEventPayload(parsePayload(row.payload, {})) }).where(eq(events.id, row.id)).run();
  }
}

/** What an invitation keeps once anonymised: only what the response funnel counts (journey, kind, status, dates). */
export const anonymisedInvitation = {
  email: null,
  addressHash: '',
  caseReference: '',
  tokenHash: null,
  codeHash: null,
  segment: {},
} satisfies Partial<typeof invitations.$inferInsert>;

/** The booking reference an anonymised appointment keeps: unique, and nothing of the original. */
export const erasedAppointmentReference = sql<string>`'verwijderd-' || ${appointments.id}`;

/** A mail without the address and the personal link (in its bodies, or kept to render them). */
