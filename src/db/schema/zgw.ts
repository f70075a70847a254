import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import { invitations } from './invitations';
import { journeys, touchpoints } from './journeys';

/**
 * ZGW (Zaakgericht Werken): a notification service (Open Notificaties) that calls our webhook,
 * and the ZGW APIs we then read. The Authorization value the service sends is kept only as its
 * SHA-256; the JWT secret (and Open Klant's token) are encrypted with the data key and never shown again.
 */
export const zgwSubscriptions = sqliteTable('zgw_subscriptions', {
  id: id(),
  name: text('name').notNull(),
  organisationId: organisationId(),
  authHash: text('auth_hash').notNull(),
  // Base URLs without a trailing slash, e.g. https://zaken.example.nl/zaken/api/v1
  zakenApi: text('zaken_api').notNull(),
  catalogiApi: text('catalogi_api').notNull(),
  klantinteractiesApi: text('klantinteracties_api'),
  clientId: text('client_id').notNull(),
  // AES-256-GCM with the data key; erased (null) when the subscription is revoked.
  secret: text('secret'),
  klantinteractiesToken: text('klantinteracties_token'),
  createdAt: timestamp('created_at').notNull(),
  revokedAt: timestamp('revoked_at'),
});

/**
 * zaaktype (by URL or identificatie) or Open Klant onderwerp → journey (and optionally one touchpoint).
 * Per organisation: two organisations may map the same identificatie or onderwerp to their own journeys.
 */
export const zgwMappingKinds = ['zaaktype-url', 'zaaktype-identificatie', 'onderwerp'] as const;
export type ZgwMappingKind = (typeof zgwMappingKinds)[number];

export const zgwMappings = sqliteTable(
  'zgw_mappings',
  {
    id: id(),
    organisationId: organisationId(),
    kind: text('kind', { enum: zgwMappingKinds }).notNull(),
    // Normalised: a URL without trailing slash; an onderwerp trimmed, in lower case.
    key: text('key').notNull(),
    journeyId: foreignId('journey_id', () => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('zgw_mappings_organisation_kind_key').on(t.organisationId, t.kind, t.key)],
);

export const zgwNotificationStatuses = ['pending', 'done', 'skipped', 'failed'] as const;
export type ZgwNotificationStatus = (typeof zgwNotificationStatuses)[number];
export const zgwNotificationSources = ['notification', 'reconcile'] as const;
export const zgwOutcomes = ['invited', 'suppressed', 'already-invited'] as const;
export type ZgwOutcome = (typeof zgwOutcomes)[number];

/**
 * The durable inbox: every valid message the webhook received (answered 204 once stored), and
 * the zaken reconciliation found. Processed from here with retries; what became of each is kept.
 */
export const zgwNotifications = sqliteTable(
  'zgw_notifications',
  {
    id: id(),
    subscriptionId: foreignId('subscription_id', () => zgwSubscriptions.id),
    // kanaal|resource|resourceUrl|actie (and aanmaakdatum for updates): a repeated delivery hits this index.
    dedupeKey: text('dedupe_key').notNull().unique(),
    source: text('source', { enum: zgwNotificationSources }).notNull(),
    kanaal: text('kanaal').notNull(),
    resource: text('resource').notNull(),
    actie: text('actie').notNull(),
    resourceUrl: text('resource_url').notNull(),
    hoofdObject: text('hoofd_object').notNull(),
    aanmaakdatum: timestamp('aanmaakdatum').notNull(),
    kenmerken: text('kenmerken', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    receivedAt: timestamp('received_at').notNull(),
    // How often the same message arrived (at-least-once delivery); processed once.
    deliveries: integer('deliveries').notNull().default(1),
    status: text('status', { enum: zgwNotificationStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lastError: text('last_error'),
    skipReason: text('skip_reason'),
    // What the reason is about, e.g. the unmapped zaaktype; never an address.
    detail: text('detail'),
    outcome: text('outcome', { enum: zgwOutcomes }),
    // The zaak identificatie (or contact number) once known.
    caseReference: text('case_reference'),
    invitationId: integer('invitation_id').references(() => invitations.id),
    processedAt: timestamp('processed_at'),
  },
  (t) => [index('zgw_notifications_due').on(t.status, t.nextAttemptAt), index('zgw_notifications_received').on(t.receivedAt)],
);

/** A zaak (or Open Klant contact) that led to an invitation: the same one never invites twice. */
export const zgwCases = sqliteTable('zgw_cases', {
  id: id(),
  objectUrl: text('object_url').notNull().unique(),
  kind: text('kind', { enum: ['zaak', 'klantcontact'] }).notNull(),
  reference: text('reference').notNull(),
  subscriptionId: foreignId('subscription_id', () => zgwSubscriptions.id),
  notificationId: integer('notification_id').references(() => zgwNotifications.id),
  invitationId: foreignId('invitation_id', () => invitations.id),
  createdAt: timestamp('created_at').notNull(),
});

export type ZgwSubscription = typeof zgwSubscriptions.$inferSelect;
export type ZgwMapping = typeof zgwMappings.$inferSelect;
export type ZgwNotification = typeof zgwNotifications.$inferSelect;
