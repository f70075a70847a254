import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import { users } from './auth';
import { journeys, touchpoints } from './journeys';

/** Verbeteracties: the actieplan (who, what, when) agreed on a dip, and what citizens are told about it. */
export const actionStatuses = ['idee', 'gepland', 'bezig', 'klaar'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const improvementActions = sqliteTable(
  'improvement_actions',
  {
    id: id(),
    journeyId: foreignId('journey_id', () => journeys.id),
    touchpointId: foreignId('touchpoint_id', () => touchpoints.id),
    title: text('title').notNull(),
    // The organisation that owns the action (for a chain journey: any partner).
    organisationId: organisationId(),
    description: text('description'),
    owner: text('owner').notNull(),
    // Calendar days in Amsterdam time, 'YYYY-MM-DD', like the roll-ups.
    dueOn: text('due_on'),
    status: text('status', { enum: actionStatuses }).notNull().default('idee'),
    doneOn: text('done_on'),
    // What citizens read on /verbeteringen; shown only while publishedAt is set.
    publicSummary: text('public_summary'),
    publishedAt: timestamp('published_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('improvement_actions_journey').on(t.journeyId, t.touchpointId),
    index('improvement_actions_published').on(t.publishedAt),
  ],
);
export type ImprovementAction = typeof improvementActions.$inferSelect;
