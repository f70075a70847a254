import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { invitations } from './invitations';
import { journeys, touchpoints } from './journeys';

export const responses = sqliteTable('responses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  invitationId: integer('invitation_id')
    .notNull()
    .unique()
    .references(() => invitations.id),
  journeyId: integer('journey_id')
    .notNull()
    .references(() => journeys.id),
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
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
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
