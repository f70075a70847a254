import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import { invitations } from './invitations';
import { journeys, touchpoints } from './journeys';

export const appointmentStatuses = ['booked', 'attended', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * One row per appointment (by its reference in the booking system), updated by later events or
 * import rows. The dimension columns the no-show patterns group by are computed once on write.
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: id(),
    reference: text('reference').notNull(),
    product: text('product').notNull(),
    organisationId: organisationId(),
    location: text('location').notNull(),
    channel: text('channel').notNull(),
    bookedAt: timestamp('booked_at'),
    startsAt: timestamp('starts_at').notNull(),
    reminderSentAt: timestamp('reminder_sent_at'),
    status: text('status', { enum: appointmentStatuses }).notNull(),
    // When the current status happened; an older event never overrides a newer outcome.
    statusAt: timestamp('status_at').notNull(),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    // Dutch calendar day, weekday (1 = Monday … 7) and hour of the appointment; lead-time band.
    day: text('day').notNull(),
    weekday: integer('weekday').notNull(),
    hour: integer('hour').notNull(),
    leadBand: text('lead_band').notNull(),
    reminded: integer('reminded', { mode: 'boolean' }).notNull(),
    // Keyed hash of the citizen's address when known (for the "we missed you" survey's fatigue checks).
    addressHash: text('address_hash'),
    source: text('source').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    // References are the booking system's: unique per organisation.
    uniqueIndex('appointments_organisation_reference').on(t.organisationId, t.reference),
    // Covers the pattern queries: one pass over one organisation's period with every dimension at hand.
    index('appointments_patterns').on(t.organisationId, t.day, t.product, t.location, t.channel, t.weekday, t.hour, t.leadBand, t.reminded, t.status),
  ],
);

/** Which journey and touchpoint a product's appointment belongs to ("paspoort" → passport journey, counter visit). */
export const appointmentProducts = sqliteTable(
  'appointment_products',
  {
    organisationId: organisationId(),
    product: text('product').notNull(),
    journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.product] })],
);

export type Appointment = typeof appointments.$inferSelect;

export const noShowReasons = ['vergeten', 'kon-niet', 'opgelost', 'afzeggen-onduidelijk', 'te-ver-weg', 'anders'] as const;
export type NoShowReason = (typeof noShowReasons)[number];

/** Answers to "we hebben u gemist": why the citizen did not come, and how booking felt. */
export const noShowResponses = sqliteTable(
  'no_show_responses',
  {
    id: id(),
    invitationId: foreignId('invitation_id', () => invitations.id).unique(),
    appointmentId: foreignId('appointment_id', () => appointments.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: noShowReasons }).notNull(),
    comment: text('comment'),
    // −2 … +2, null for "niet van toepassing".
    bookingFeeling: integer('booking_feeling'),
    submittedAt: timestamp('submitted_at').notNull(),
  },
  (t) => [index('no_show_responses_appointment').on(t.appointmentId)],
);
