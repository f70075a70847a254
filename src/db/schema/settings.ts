import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
