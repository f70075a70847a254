import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { improvementActions } from './actions';
import { users } from './auth';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import { journeys, touchpoints } from './journeys';
import { responses } from './survey';

/** Why the survey offered the question: a low grade, a step felt negatively, or offered to everyone (setting). */
// question-not-answered: "nee" or "deels" on "Is uw vraag beantwoord?" (MH-BEANTWOORD).
export const callbackReasons = ['low-grade', 'negative-step', 'question-not-answered', 'offered-to-all'] as const;
export type CallbackReason = (typeof callbackReasons)[number];

export const callbackStatuses = ['open', 'taken', 'closed'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];

/** How a request was closed: solved, explained, referred to a department, or no contact after the attempts. */
export const callbackOutcomes = ['solved', 'explained', 'referred', 'unreachable'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

export const callbackMethods = ['phone', 'email'] as const;
export type CallbackMethod = (typeof callbackMethods)[number];

/**
 * Terugbelverzoeken: a citizen asked in the survey to be contacted about their experience. The
 * contact details live here only, encrypted with the data key, apart from the answers; they are
 * erased (null) when the request is closed and at the latest after RETENTION_CALLBACK_DAYS. What
 * stays is anonymous: journey, timing, attempts, outcome, recovery score.
 */
export const callbackRequests = sqliteTable(
  'callback_requests',
  {
    id: id(),
    // One request per response: a form posted twice stores one.
    responseId: integer('response_id')
      .unique()
      .references(() => responses.id, { onDelete: 'set null' }),
    journeyId: foreignId('journey_id', () => journeys.id),
    reason: text('reason', { enum: callbackReasons }).notNull(),
    // The invitation's organisation: its contact centre calls back.
    organisationId: organisationId(),
    status: text('status', { enum: callbackStatuses }).notNull().default('open'),
    // AES-256-GCM of JSON {method, email?, phone?, bestTime?}; null once erased.
    contact: text('contact'),
    // The keyed hash of the invitation's address (as on invitations): finds the request for a data-subject request after erasure of the rest.
    addressHash: text('address_hash'),
    createdAt: timestamp('created_at').notNull(),
    // createdAt plus CALLBACK_SLA_HOURS working hours (Dutch working days).
    dueAt: timestamp('due_at').notNull(),
    assignedTo: integer('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at'),
    reachedAt: timestamp('reached_at'),
    closedAt: timestamp('closed_at'),
    outcome: text('outcome', { enum: callbackOutcomes }),
    // A short staff note, masked of personal data when saved.
    note: text('note'),
    // The step the request is about when the KCC links it to an improvement action.
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id),
    actionId: integer('action_id').references(() => improvementActions.id, { onDelete: 'set null' }),
    // "Bent u goed geholpen?" after closing: mailed once, answered 1–5 once.
    recoveryMailedAt: timestamp('recovery_mailed_at'),
    recoveryScore: integer('recovery_score'),
    recoveryAnsweredAt: timestamp('recovery_answered_at'),
    // When the contact details were erased (closing or retention).
    erasedAt: timestamp('erased_at'),
  },
  (t) => [index('callback_requests_status_due').on(t.status, t.dueAt), index('callback_requests_journey_time').on(t.journeyId, t.createdAt)],
);

/** Every attempt to reach the citizen: when, by whom, reached or not. */
export const callbackAttempts = sqliteTable(
  'callback_attempts',
  {
    id: id(),
    requestId: foreignId('request_id', () => callbackRequests.id, { onDelete: 'cascade' }),
    at: timestamp('at').notNull(),
    by: integer('by').references(() => users.id, { onDelete: 'set null' }),
    reached: integer('reached', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('callback_attempts_request').on(t.requestId)],
);

/** The link in the recovery mail ("Bent u goed geholpen?"); only the hash of its token is kept. */
export const callbackLinks = sqliteTable('callback_links', {
  tokenHash: text('token_hash').primaryKey(),
  requestId: foreignId('request_id', () => callbackRequests.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
});

/** KCC staff who want a mail when new requests arrive (at most one an hour). */
export const callbackAlertSubscriptions = sqliteTable('callback_alert_subscriptions', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastMailedAt: timestamp('last_mailed_at'),
  createdAt: timestamp('created_at').notNull(),
});
