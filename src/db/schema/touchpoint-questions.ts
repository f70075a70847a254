import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { foreignId } from './columns';
import { touchpoints } from './journeys';

/**
 * A touchpoint's feeling question in a language other than Dutch (the Dutch one is
 * touchpoints.question): one row per language code ("en", "ar", "pt-br"), lower-cased. A citizen
 * whose language has no row here gets the Dutch question.
 */
export const touchpointQuestions = sqliteTable(
  'touchpoint_questions',
  {
    touchpointId: foreignId('touchpoint_id', () => touchpoints.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    question: text('question').notNull(),
  },
  (t) => [primaryKey({ columns: [t.touchpointId, t.language] })],
);

export type TouchpointQuestion = typeof touchpointQuestions.$inferSelect;
