import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, foreignId, id, timestamp } from './columns';
import { organisationId, organisations } from './organisations';

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

export const journeys = sqliteTable(
  'journeys',
  {
  id: id(),
  // The organisation that defines the journey (for a chain journey: the one that coordinates it).
  organisationId: organisationId(),
  // Unique per organisation: organisations that share a definition (same slug and steps) can be compared.
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  type: text('type', { enum: journeyTypes }).notNull(),
  lifeEvent: text('life_event'),
  description: text('description'),
  // Off by default: the public page /resultaten shows this journey's aggregates per quarter only when set.
  publicResults: integer('public_results', { mode: 'boolean' }).notNull().default(false),
  // A chain journey (ketenreis): its steps are owned by several organisations, its partners.
  chain: integer('chain', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('journeys_organisation_slug').on(t.organisationId, t.slug)],
);

// A case type triggers at most one journey per organisation, so the event API can pick the journey
// unambiguously from the key's organisation and the case type. A chain journey lists each partner's.
export const journeyCaseTypes = sqliteTable(
  'journey_case_types',
  {
    organisationId: organisationId(),
    caseType: text('case_type').notNull(),
    journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.caseType] })],
);

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
    // Chain journeys: the organisation that owns this step; null means the journey's own organisation.
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id),
  },
  (t) => [uniqueIndex('touchpoints_journey_slug').on(t.journeyId, t.slug)],
);

export type Journey = typeof journeys.$inferSelect;
export type Touchpoint = typeof touchpoints.$inferSelect;
