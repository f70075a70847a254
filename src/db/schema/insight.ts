import { blob, primaryKey, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * Daily roll-ups for the key drivers ("Wat bepaalt het cijfer?"), maintained in the same
 * transaction as every response, like the heart monitor's. One row per journey, segment pair
 * ('', '' is everyone), day and channel holds the pairwise moments of the rapportcijfer and the
 * step feelings — per pair of variables n, Σx, Σy, Σx², Σy², Σxy over the responses that gave
 * both — as one packed blob (src/heartmonitor/pairwise-moments.ts), so a response costs one
 * statement per segment pair instead of one per pair of steps.
 */
export const driverRollups = sqliteTable(
  'driver_rollups',
  {
    journeyId: integer('journey_id').notNull(),
    segmentKey: text('segment_key').notNull(),
    segmentValue: text('segment_value').notNull(),
    day: text('day').notNull(),
    channel: text('channel').notNull(),
    moments: blob('moments', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.segmentKey, t.segmentValue, t.day, t.channel] })],
);
