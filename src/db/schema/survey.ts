import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { invitations } from './invitations';
import { journeys, touchpoints } from './journeys';

/**
 * How a response was given: through the link of an e-mail or a letter by the citizen, or typed
 * by staff as the citizen said it on the phone or at the counter (/dashboard/afname).
 */
export const responseModes = ['email', 'letter', 'telefoon', 'balie'] as const;
export type ResponseMode = (typeof responseModes)[number];
/** Staff-assisted modes only. */
export const assistedModes = ['telefoon', 'balie'] as const satisfies readonly ResponseMode[];
export type AssistedMode = (typeof assistedModes)[number];
/**
 * The segment key the roll-ups count each response's mode under, so the dashboard's segment filter
 * and comparison work for it unchanged. Reserved: the event API refuses it as a segment key.
 */
export const MODE_SEGMENT_KEY = 'afname';

export const responses = sqliteTable('responses', {
  id: id(),
  invitationId: foreignId('invitation_id', () => invitations.id).unique(),
  journeyId: foreignId('journey_id', () => journeys.id),
  grade: integer('grade').notNull(),
  effort: integer('effort').notNull(),
  segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  channel: text('channel'),
  leadTimeDays: real('lead_time_days'),
  submittedAt: timestamp('submitted_at').notNull(),
  // The default only fills rows from before modes existed (the migration then marks letters); every insert sets it.
  mode: text('mode', { enum: responseModes }).notNull().default('email'),
});

export const answers = sqliteTable(
  'answers',
  {
    id: id(),
    responseId: foreignId('response_id', () => responses.id, { onDelete: 'cascade' }),
    journeyId: foreignId('journey_id', () => journeys.id),
    touchpointId: foreignId('touchpoint_id', () => touchpoints.id),
    // −2 (zeer negatief) … +2 (zeer positief); null when the citizen chose "niet van toepassing".
    feeling: integer('feeling'),
    comment: text('comment'),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    answeredAt: timestamp('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('answers_response_touchpoint').on(t.responseId, t.touchpointId),
    index('answers_touchpoint_time').on(t.touchpointId, t.answeredAt),
    index('answers_journey_time').on(t.journeyId, t.answeredAt),
    // The citizens' own words at a touchpoint, newest first, without scanning answers without text.
    index('answers_comments').on(t.touchpointId, t.answeredAt).where(sql`${t.comment} IS NOT NULL`),
  ],
);
