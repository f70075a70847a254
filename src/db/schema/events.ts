import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { apiKeys } from './api-keys';
import { invitations } from './invitations';

export const eventOutcomes = ['accepted', 'suppressed'] as const;

export const events = sqliteTable(
  'events',
  {
    id: id(),
    apiKeyId: foreignId('api_key_id', () => apiKeys.id),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at').notNull(),
    receivedAt: timestamp('received_at').notNull(),
    // The payload without the citizen's address: the address lives only on the invitation.
    payload: text('payload', { mode: 'json' }).notNull(),
    // Keyed hash of the whole event as first received (address included), to tell a resent
    // event from a different one reusing its id. Null for events recorded before it existed.
    payloadHash: text('payload_hash'),
    outcome: text('outcome', { enum: eventOutcomes }).notNull(),
    reason: text('reason'),
    invitationId: integer('invitation_id').references(() => invitations.id),
  },
  (t) => [uniqueIndex('events_key_event').on(t.apiKeyId, t.eventId)],
);
