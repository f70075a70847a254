import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { organisationId } from './organisations';

export const apiKeys = sqliteTable('api_keys', {
  id: id(),
  name: text('name').notNull(),
  // Events sent with this key are this organisation's: its case types, its invitations.
  organisationId: organisationId(),
  // SHA-256 of the key: keys are long random values, so a fast hash is enough.
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at'),
  revokedAt: timestamp('revoked_at'),
});
