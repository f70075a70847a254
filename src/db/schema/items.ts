import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, foreignId, id, timestamp } from './columns';
import { journeys, touchpoints } from './journeys';
import { responses } from './survey';

/**
 * The scales an item can have (src/items/item-bank.ts gives their codes and labels):
 * ja-deels-nee (3 ja, 2 deels, 1 nee), eens-1-5 (1 helemaal oneens … 5 helemaal eens),
 * cijfer-1-10, and keuze (an administrator's single-choice question, codes 1…k in option order).
 */
export const itemScales = ['ja-deels-nee', 'eens-1-5', 'cijfer-1-10', 'keuze'] as const;
export type ItemScale = (typeof itemScales)[number];

/** Texts of an item or an option by lower-cased language code; Dutch ("nl") is always there. */
export type ItemTexts = { nl: string } & Record<string, string>;

/**
 * An administrator's own closed question for one journey. Never changed once made, so every
 * answer keeps the meaning it was given under; a different question gets a new code.
 */
export const customItems = sqliteTable('custom_items', {
  id: id(),
  code: text('code').notNull().unique(),
  journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
  scale: text('scale', { enum: ['keuze', 'eens-1-5'] }).notNull(),
  texts: text('texts', { mode: 'json' }).$type<ItemTexts>().notNull(),
  // keuze only: the options in order; an answer's value is the option's position, 1-based.
  options: text('options', { mode: 'json' }).$type<ItemTexts[]>().notNull(),
  createdAt: createdAt(),
});

/**
 * The items a journey asks, from the bank or its own: at journey level (touchpoint null, asked
 * once) or at one touchpoint. Removing one marks it, so exports still know when it was asked.
 */
export const journeyItems = sqliteTable(
  'journey_items',
  {
    id: id(),
    journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
    itemCode: text('item_code').notNull(),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    addedAt: timestamp('added_at').notNull(),
    removedAt: timestamp('removed_at'),
  },
  (t) => [index('journey_items_journey').on(t.journeyId, t.removedAt)],
);

/**
 * One answer to an item. value: the scale's code (src/items/item-bank.ts); null when the citizen
 * chose "Weet ik niet / niet van toepassing". Journey, mode, segment and period come from the response.
 */
export const itemAnswers = sqliteTable(
  'item_answers',
  {
    id: id(),
    responseId: foreignId('response_id', () => responses.id, { onDelete: 'cascade' }),
    journeyId: foreignId('journey_id', () => journeys.id),
    itemCode: text('item_code').notNull(),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id),
    value: integer('value'),
    answeredAt: timestamp('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('item_answers_response_item').on(t.responseId, t.itemCode, t.touchpointId),
    // Covering: the dashboard's counts per item, step and value read this index alone (src/items/item-figures.ts).
    index('item_answers_journey_time_values').on(t.journeyId, t.answeredAt, t.itemCode, t.touchpointId, t.value, t.responseId),
  ],
);

export type CustomItem = typeof customItems.$inferSelect;
export type JourneyItem = typeof journeyItems.$inferSelect;
export type ItemAnswer = typeof itemAnswers.$inferSelect;
/** An item as an invitation was sent with it: its code and, at touchpoint level, the touchpoint. */
export interface AskedItem {
  code: string;
  touchpointId: number | null;
}
