import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import type { AskedItem } from './items';
import { journeys } from './journeys';

// open: link mailed (or queued) and not yet answered; the mail's own state lives in the outbox.
// undeliverable: the invitation mail bounced hard (src/mail/bounces.ts).
export const invitationStatuses = ['open', 'answered', 'expired', 'suppressed', 'undeliverable'] as const;
// journey: the journey-step survey after a closed case; no-show: "we hebben u gemist" after a missed appointment.
export const invitationKinds = ['journey', 'no-show'] as const;
export type InvitationKind = (typeof invitationKinds)[number];
// email: the link is mailed; letter: the case system prints the link and a short code in its closing letter;
// none: the case system had no way to reach the citizen — kept (suppressed) only to count who is missing.
export const deliveries = ['email', 'letter', 'none'] as const;
export type Delivery = (typeof deliveries)[number];
export const suppressionReasons = ['opted-out', 'recently-invited', 'no-address'] as const;

export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    journeyId: foreignId('journey_id', () => journeys.id),
    kind: text('kind', { enum: invitationKinds }).notNull().default('journey'),
    // The organisation whose event made it: the invitation is sent in its name, its staff see it.
    organisationId: organisationId(),
    caseReference: text('case_reference').notNull(),
    appointmentId: integer('appointment_id'),
    // SHA-256 of the survey token; null for suppressed invitations, which get no link.
    tokenHash: text('token_hash').unique(),
    email: text('email'),
    delivery: text('delivery', { enum: deliveries }).notNull().default('email'),
    // Letters only: keyed hash (HMAC) of the short code; the code itself is never stored (src/invitations/letter-codes.ts).
    codeHash: text('code_hash').unique(),
    // Keyed hash (HMAC) of the normalised address (or of a letter's citizen.key), for fatigue and opt-out checks.
    addressHash: text('address_hash').notNull(),
    language: text('language').notNull().default('nl'),
    touchpointIds: text('touchpoint_ids', { mode: 'json' }).$type<number[]>().notNull(),
    // The items of the journey's item bank choice when the invitation was made (null before items
    // existed): the survey asks exactly these, however the journey changes meanwhile.
    items: text('items', { mode: 'json' }).$type<AskedItem[]>(),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    channel: text('channel'),
    leadTimeDays: real('lead_time_days'),
    caseClosedAt: timestamp('case_closed_at').notNull(),
    status: text('status', { enum: invitationStatuses }).notNull(),
    suppressedReason: text('suppressed_reason', { enum: suppressionReasons }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    answeredAt: timestamp('answered_at'),
    // When an SMTP server (or the mailbox) accepted the invitation mail, or a letter's link and code
    // went to the case system (in the event's answer): the "sent" of the response funnel.
    mailedAt: timestamp('mailed_at'),
  },
  (t) => [
    index('invitations_address_created').on(t.addressHash, t.createdAt),
    // Covers the response funnel (counts per status in a period) and its breakdown per segment and
    // channel ("Wie antwoordt, wie niet") without touching the table.
    index('invitations_journey_created').on(t.journeyId, t.createdAt, t.status, t.suppressedReason, t.mailedAt, t.channel, t.segment),
    index('invitations_status_expires').on(t.status, t.expiresAt),
  ],
);

export const optOuts = sqliteTable('opt_outs', {
  addressHash: text('address_hash').primaryKey(),
  createdAt: timestamp('created_at').notNull(),
  invitationId: integer('invitation_id').references(() => invitations.id),
});

export type Invitation = typeof invitations.$inferSelect;

/**
 * The response funnel rolled up per journey, UTC hour of creation, status and suppression reason.
 * Kept exact by triggers on `invitations` (migration 0008), so every path that writes invitations —
 * the app, the demo, retention, a bulk import — keeps it right. Hours, not days: every Amsterdam
 * day starts on a whole UTC hour, so any period of Dutch calendar days is a range of hours.
 */
export const invitationHourCounts = sqliteTable(
  'invitation_hour_counts',
  {
    journeyId: integer('journey_id').notNull(),
    hour: integer('hour').notNull(),
    status: text('status', { enum: invitationStatuses }).notNull(),
    // '' when not suppressed: part of the key, so never null.
    suppressedReason: text('suppressed_reason').notNull(),
    invitations: integer('invitations').notNull(),
    mailed: integer('mailed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.hour, t.status, t.suppressedReason] })],
);
