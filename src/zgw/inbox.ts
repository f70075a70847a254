import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { zgwCases, zgwNotifications, zgwSubscriptions, type ZgwNotification, type ZgwNotificationStatus } from '../db/schema';
import { aanmaakdatumOf, dedupeKeyOf, kindOf, type ZgwMessage } from './notification';

export type StoreResult = { stored: true; id: number } | { stored: false; id: number; repeat: true };

/**
 * Keeps a message in the durable inbox, once: a repeated delivery (at-least-once) only counts
 * `deliveries` up. Messages meethuis does not act on are kept as skipped, so the admin sees them.
 */
export function storeNotification(
  db: Db,
  input: { subscriptionId: number; message: ZgwMessage; now: Date; source?: 'notification' | 'reconcile'; dedupeKey?: string },
): StoreResult {
  const { message, now } = input;
  const dedupeKey = input.dedupeKey ?? dedupeKeyOf(message);
  const relevant = input.source === 'reconcile' || kindOf(message) !== undefined;
  return db.transaction((tx) => {
    const inserted = tx
      .insert(zgwNotifications)
      .values({
        subscriptionId: input.subscriptionId,
        dedupeKey,
        source: input.source ?? 'notification',
        kanaal: message.kanaal,
        resource: message.resource,
        actie: message.actie,
        resourceUrl: message.resourceUrl,
        hoofdObject: message.hoofdObject,
        aanmaakdatum: aanmaakdatumOf(message),
        kenmerken: message.kenmerken,
        receivedAt: now,
        status: relevant ? 'pending' : 'skipped',
        skipReason: relevant ? null : 'not-relevant',
        processedAt: relevant ? null : now,
        nextAttemptAt: now,
      })
      .onConflictDoNothing({ target: zgwNotifications.dedupeKey })
      .returning({ id: zgwNotifications.id })
      .get();
    if (inserted) return { stored: true, id: inserted.id };
    const existing = tx
      .update(zgwNotifications)
      .set({ deliveries: sql`${zgwNotifications.deliveries} + 1` })
      .where(eq(zgwNotifications.dedupeKey, dedupeKey))
      .returning({ id: zgwNotifications.id })
      .get()!;
    return { stored: false, id: existing.id, repeat: true };
  });
}

/** Notifications due for (another) attempt, oldest first. */
export function dueNotifications(db: Db, now: Date, limit: number): ZgwNotification[] {
  return db
    .select()
    .from(zgwNotifications)
    .where(and(eq(zgwNotifications.status, 'pending'), lte(zgwNotifications.nextAttemptAt, now)))
    .orderBy(asc(zgwNotifications.nextAttemptAt), asc(zgwNotifications.id))
    .limit(limit)
    .all();
}

/**
 * Takes a due notification for this worker by moving its next attempt past a lease: another
 * worker (the CLI beside the server) skips it meanwhile, and a crash leaves it due again later.
 */
export function claimNotification(db: Db, row: ZgwNotification, now: Date, leaseMs: number): boolean {
  return (
    db
      .update(zgwNotifications)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(and(eq(zgwNotifications.id, row.id), eq(zgwNotifications.status, 'pending'), lte(zgwNotifications.nextAttemptAt, now)))
      .run().changes === 1
  );
}

export function findNotification(db: Db, id: number): ZgwNotification | undefined {
  return db.select().from(zgwNotifications).where(eq(zgwNotifications.id, id)).get();
}

/** The newest notifications of an organisation's subscriptions, optionally of one status: what the admin page shows. */
export function recentNotifications(db: Db, options: { organisationId: number; status?: ZgwNotificationStatus; limit: number }): ZgwNotification[] {
  return db
    .select({ notification: zgwNotifications })
    .from(zgwNotifications)
    .innerJoin(zgwSubscriptions, eq(zgwSubscriptions.id, zgwNotifications.subscriptionId))
    .where(and(eq(zgwSubscriptions.organisationId, options.organisationId), options.status ? eq(zgwNotifications.status, options.status) : undefined))
    .orderBy(desc(zgwNotifications.receivedAt), desc(zgwNotifications.id))
    .limit(options.limit)
    .all()
    .map((row) => row.notification);
}

export function countByStatus(db: Db): Record<ZgwNotificationStatus, number> {
  const counts: Record<ZgwNotificationStatus, number> = { pending: 0, done: 0, skipped: 0, failed: 0 };
  for (const row of db.select({ status: zgwNotifications.status, n: sql<number>`count(*)` }).from(zgwNotifications).groupBy(zgwNotifications.status).all()) {
    counts[row.status] = row.n;
  }
  return counts;
}

/**
 * Processes a skipped or failed notification again (after a mapping was added, an API fixed):
 * a zaak already invited stays invited once.
 */
export function requeueNotification(db: Db, id: number, now: Date): boolean {
  return (
    db
      .update(zgwNotifications)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, skipReason: null, detail: null, outcome: null, processedAt: null })
      .where(and(eq(zgwNotifications.id, id), inArray(zgwNotifications.status, ['skipped', 'failed'])))
      .run().changes === 1
  );
}

/**
 * Forgets notifications handled before `before` (they hold no personal data, but there are many):
 * the zaken they invited for stay recorded, so a late repeat still finds the zaak invited.
 */
export function pruneNotifications(db: Db, before: Date): number {
  return db.transaction((tx) => {
    const old = tx
      .select({ id: zgwNotifications.id })
      .from(zgwNotifications)
      .where(and(inArray(zgwNotifications.status, ['done', 'skipped', 'failed']), lt(zgwNotifications.receivedAt, before)))
      .all()
      .map((row) => row.id);
    for (let i = 0; i < old.length; i += 500) {
      const chunk = old.slice(i, i + 500);
      tx.update(zgwCases).set({ notificationId: null }).where(inArray(zgwCases.notificationId, chunk)).run();
      tx.delete(zgwNotifications).where(inArray(zgwNotifications.id, chunk)).run();
    }
    return old.length;
  });
}
