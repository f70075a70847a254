import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { organisationId } from './organisations';

/** Each organisation's own settings (second factor, call-back options, faces); a missing row means the default. */
export const settings = sqliteTable(
  'settings',
  {
    organisationId: organisationId(),
    key: text('key').notNull(),
    value: text('value', { mode: 'json' }).notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);
