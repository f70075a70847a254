import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, foreignId, id, timestamp } from './columns';

export const journeyTypes = [
  'feitelijk',
  'ervaring',
  'relatie',
  'transactioneel',
  'emotioneel',
  'symbolisch-moment',
] as const;

export const channels = [
  'web',
  'telefoon',
  'balie',
  'post',
  'e-mail',
  'chat',
  'video',
  'huisbezoek',
  'overig',
] as const;

export const journeys = sqliteTable('journeys', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  type: text('type', { enum: journeyTypes }).notNull(),
  lifeEvent: text('life_event'),
  description: text('description'),
  // Off by default: the public page /resultaten shows this journey's aggregates per quarter only when set.
  publicResults: integer('public_results', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
});

// A case type triggers at most one journey, so the event API can pick the journey unambiguously.
export const journeyCaseTypes = sqliteTable('journey_case_types', {
  caseType: text('case_type').primaryKey(),
  journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
});

export const touchpoints = sqliteTable(
  'touchpoints',
  {
    id: id(),
    journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    channel: text('channel', { enum: channels }).notNull(),
    position: integer('position').notNull(),
    serviceNorm: text('service_norm'),
    momentOfTruth: integer('moment_of_truth', { mode: 'boolean' }).notNull().default(false),
    askedByDefault: integer('asked_by_default', { mode: 'boolean' }).notNull().default(true),
    // The Dutch feeling question as the citizen reads it; null means the standard wording with the
    // name. Other languages are in touchpoint_questions.
    question: text('question'),
    // A touchpoint with answers is archived, never deleted, so history stays true.
    archivedAt: timestamp('archived_at'),
  },
  (t) => [uniqueIndex('touchpoints_journey_slug').on(t.journeyId, t.slug)],
);

export type Journey = typeof journeys.$inferSelect;
export type Touchpoint = typeof touchpoints.$inferSelect;
