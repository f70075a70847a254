import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { answers } from './survey';
import { createdAt, id, timestamp } from './columns';
import { organisationId } from './organisations';

/**
 * Themes in the citizens' words (issue 16). The comments are read by an indexer (src/insight/theme-index.ts)
 * that keeps these counts up to date behind a watermark; none of them holds a comment's text. Counts
 * are documents: a comment counts each of its terms (a stem, or two stems for a phrase) once. A
 * comment is negative when its feeling is −1 or −2.
 *
 * Comments per day and step, negative apart, and the sum of their term counts (the totals of the
 * log-odds).
 */
export const themeCommentCounts = sqliteTable(
  'theme_comment_counts',
  {
    journeyId: integer('journey_id').notNull(),
    day: text('day').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    negative: integer('negative', { mode: 'boolean' }).notNull(),
    comments: integer('comments').notNull(),
    terms: integer('terms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.day, t.touchpointId, t.negative] })],
);

/**
 * Comments per day that mention a term, keyed term first: a period's count of a term is one short
 * range of this index (at most a row per day), so a period reads only the terms it needs instead of
 * every row of every day (~20 per comment, most of them the long tail of words and phrases used once).
 * The index covers the count, so no read touches the table. Only negative comments are kept per step:
 * the themes compare them with the whole journey (below); written only by the indexer.
 */
export const themeNegativeTermDays = sqliteTable(
  'theme_negative_term_days',
  {
    journeyId: integer('journey_id').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    term: text('term').notNull(),
    day: text('day').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [index('theme_negative_term_days_lookup').on(t.journeyId, t.touchpointId, t.term, t.day, t.comments)],
);

/** The same for all the journey's comments (every step and feeling): the "rest" of the log-odds. */
export const themeJourneyTermDays = sqliteTable(
  'theme_journey_term_days',
  {
    journeyId: integer('journey_id').notNull(),
    term: text('term').notNull(),
    day: text('day').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [index('theme_journey_term_days_lookup').on(t.journeyId, t.term, t.day, t.comments)],
);

/**
 * Every term a step's negative comments ever used, with how many of them mentioned it in all: a term
 * below the minimum group size in all time cannot reach it in a period, so a period looks up only the
 * terms at or above it (a few thousand per journey, instead of the long tail).
 */
export const themeNegativeTerms = sqliteTable(
  'theme_negative_terms',
  {
    journeyId: integer('journey_id').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    term: text('term').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.touchpointId, t.term] }), index('theme_negative_terms_frequent').on(t.journeyId, t.comments, t.touchpointId, t.term)],
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
export const themeCodes = sqliteTable(
  'theme_codes',
  {
  id: id(),
  organisationId: organisationId(),
  // Unique per organisation.
  name: text('name').notNull(),
  // As the manager wrote them ("wachten", "lang wachten"); matched through their stems.
  entries: text('entries', { mode: 'json' }).$type<string[]>().notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('theme_codes_organisation_name').on(t.organisationId, t.name)],
);
export type ThemeCode = typeof themeCodes.$inferSelect;

/**
 * Comments per day and step that match a code (a comment matching two of its words counts once): kept
 * by the indexer for new comments and recounted from the comment index when a code is saved.
 */
export const themeCodeCounts = sqliteTable(
  'theme_code_counts',
  {
    codeId: integer('code_id')
      .notNull()
      .references(() => themeCodes.id, { onDelete: 'cascade' }),
    journeyId: integer('journey_id').notNull(),
    day: text('day').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.codeId, t.journeyId, t.day, t.touchpointId] })],
);
