import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { answers } from './survey';
import { createdAt, id, timestamp } from './columns';

/**
 * Themes in the citizens' words (issue 16). The comments are read by an indexer (src/insight/theme-index.ts)
 * that keeps these counts up to date behind a watermark; none of them holds a comment's text.
 *
 * Document frequencies per day: how many comments at a step on a day contain a term (a stem, or two
 * stems for a phrase), apart for negative comments (feeling −1 or −2) and the rest. The term '' counts
 * the comments themselves.
 */
export const themeTermCounts = sqliteTable(
  'theme_term_counts',
  {
    journeyId: integer('journey_id').notNull(),
    day: text('day').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    negative: integer('negative', { mode: 'boolean' }).notNull(),
    term: text('term').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.day, t.touchpointId, t.negative, t.term] })],
);

/**
 * Which comment holds which term: the codebook counts (a comment matching two words of one code counts
 * once), the comments that mention a theme, and filtered themes read it. Goes with the answer
 * (cascade); the indexer drops the rows of a comment that retention has cleared.
 */
export const commentTerms = sqliteTable(
  'comment_terms',
  {
    answerId: integer('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.term] }), index('comment_terms_term').on(t.term, t.answerId)],
);

/** How often each term was written in each form: a theme is shown in its most frequent form ("wachten" for "wacht"). */
export const themeTermForms = sqliteTable(
  'theme_term_forms',
  {
    term: text('term').notNull(),
    form: text('form').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.form] })],
);

/** The indexer's progress: answers up to this id are counted; `pruneCursor` walks comment_terms for cleared comments. */
export const themeIndexState = sqliteTable('theme_index_state', {
  id: integer('id').primaryKey(),
  lastAnswerId: integer('last_answer_id').notNull(),
  pruneCursor: integer('prune_cursor').notNull(),
});

/** How a theme's share moved against the previous period (src/insight/theme-finder.ts). */
export const themeTrends = ['rising', 'falling', 'steady', 'unknown'] as const;
export type ThemeTrend = (typeof themeTrends)[number];

/** The codebook: a named theme managers keep, with the words and phrases that stand for it. */
export const themeCodes = sqliteTable('theme_codes', {
  id: id(),
  name: text('name').notNull().unique(),
  // As the manager wrote them ("wachten", "lang wachten"); matched through their stems.
  entries: text('entries', { mode: 'json' }).$type<string[]>().notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
});
export type ThemeCode = typeof themeCodes.$inferSelect;
