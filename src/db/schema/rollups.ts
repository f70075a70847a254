import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Daily roll-ups of feelings, maintained in the same transaction as every response, so the
 * dashboard reads thousands of rows instead of a million. Each answer is counted once under
 * segment ('', '') — everyone — and once under each of its segment key/value pairs.
 */
export const feelingRollups = sqliteTable(
  'feeling_rollups',
  {
    journeyId: integer('journey_id').notNull(),
    segmentKey: text('segment_key').notNull(),
    segmentValue: text('segment_value').notNull(),
    day: text('day').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    channel: text('channel').notNull(),
    // All answers, "niet van toepassing" included; n, sum and sumSquares only over feelings given.
    answers: integer('answers').notNull(),
    n: integer('n').notNull(),
    sum: integer('sum').notNull(),
    sumSquares: integer('sum_squares').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.segmentKey, t.segmentValue, t.day, t.touchpointId, t.channel] })],
);

/** The segment values and channels seen per journey: the choices of the dashboard's filters. */
export const journeyDimensions = sqliteTable(
  'journey_dimensions',
  {
    journeyId: integer('journey_id').notNull(),
    // 'channel', or the segment key
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    isChannel: integer('is_channel', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.isChannel, t.dimension, t.value] })],
);

/**
 * Daily roll-ups per response: rapportcijfer, effort, and the feeling pooled over the response's
 * answers, by lead-time band too (the process link). Kept apart from the per-touchpoint roll-ups
 * so those do not multiply by six bands.
 */
export const responseRollups = sqliteTable(
  'response_rollups',
  {
    journeyId: integer('journey_id').notNull(),
    segmentKey: text('segment_key').notNull(),
    segmentValue: text('segment_value').notNull(),
    day: text('day').notNull(),
    channel: text('channel').notNull(),
    leadBand: text('lead_band').notNull(),
    n: integer('n').notNull(),
    gradeSum: integer('grade_sum').notNull(),
    gradeSumSquares: integer('grade_sum_squares').notNull(),
    gradeAtLeastSeven: integer('grade_at_least_seven').notNull(),
    effortSum: integer('effort_sum').notNull(),
    effortSumSquares: integer('effort_sum_squares').notNull(),
    feelingN: integer('feeling_n').notNull(),
    feelingSum: integer('feeling_sum').notNull(),
    feelingSumSquares: integer('feeling_sum_squares').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.segmentKey, t.segmentValue, t.day, t.channel, t.leadBand] })],
);
