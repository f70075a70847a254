import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

// Timestamps are stored as milliseconds since the epoch; drizzle maps them to Date.
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);
