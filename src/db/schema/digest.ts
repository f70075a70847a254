import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { foreignId, timestamp } from './columns';

/** How often a subscriber gets the digest "Ongezouten feedback": monthly is the default choice. */
export const digestFrequencies = ['month', 'week'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** Staff who asked for the digest; no row means no digest. */
export const digestSubscriptions = sqliteTable('digest_subscriptions', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  frequency: text('frequency', { enum: digestFrequencies }).notNull(),
  // When this frequency was chosen: the schedule sends the periods that end after it.
  since: timestamp('since').notNull(),
});

/**
 * Every digest queued, per user and period ('2026-10', '2026-W44'), written in the transaction that
 * queues the mail: the schedule and `digest send` never queue the same period twice for a user.
 */
export const digestDeliveries = sqliteTable(
  'digest_deliveries',
  {
    userId: foreignId('user_id', () => users.id, { onDelete: 'cascade' }),
    periodKey: text('period_key').notNull(),
    // No foreign key: sent mails leave the outbox after RETENTION_MAIL_DAYS, the memory stays.
    outboxId: integer('outbox_id'),
    queuedAt: timestamp('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.periodKey] })],
);
