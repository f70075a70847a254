import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamp } from './columns';
import { users } from './auth';

export const auditResults = ['success', 'failure', 'denied'] as const;

/** BIO log line: who (actor) did what (action) to what (object), with what result, from where, when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at').notNull(),
    action: text('action').notNull(),
    object: text('object'),
    result: text('result', { enum: auditResults }).notNull(),
    origin: text('origin'),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    // The actor as they were known then (an e-mail, "cli", "system"): survives user deletion.
    actor: text('actor').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action_at').on(t.action, t.at)],
);
