import { sql } from 'drizzle-orm';
import { integer, type ReferenceConfig } from 'drizzle-orm/sqlite-core';

// Timestamps are stored as milliseconds since the epoch; drizzle maps them to Date.
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

/** The surrogate key most tables have. */
export const id = () => integer('id').primaryKey({ autoIncrement: true });

/** A required foreign key to another table's id, e.g. `foreignId('journey_id', () => journeys.id)`. */
export const foreignId = (name: string, ref: ReferenceConfig['ref'], actions?: ReferenceConfig['actions']) =>
  integer(name).notNull().references(ref, actions);
