import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { invitations } from './invitations';
import { journeys, touchpoints } from './journeys';

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
