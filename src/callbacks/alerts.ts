/**
 * KCC staff who subscribed get a mail when new requests of their organisation arrived: at most one an hour each, counting
 * the requests since their last mail (or since they subscribed). Queued through the outbox in the
 * transaction that moves lastMailedAt, so two rounds never mail the same hour twice.
 */
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { callbackAlertSubscriptions, callbackRequests, outbox, users } from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import type { MailTemplates } from '../mail-templates';
import { organisationNameFor } from '../organisations/organisations';

export const ALERT_INTERVAL_MS = 60 * 60_000;

export interface AlertDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'ORGANISATION_NAME' | 'MAIL_FROM'>;
  mail: Pick<MailTemplates, 'callback'>;
}

export const isSubscribedToAlerts = (db: Db, userId: number): boolean =>
  db.select({ userId: callbackAlertSubscriptions.userId }).from(callbackAlertSubscriptions).where(eq(callbackAlertSubscriptions.userId, userId)).get() !== undefined;

export function setAlertSubscription(db: Db, now: Date, userId: number, on: boolean): void {
  if (on) db.insert(callbackAlertSubscriptions).values({ userId, createdAt: now }).onConflictDoNothing().run();
  else db.delete(callbackAlertSubscriptions).where(eq(callbackAlertSubscriptions.userId, userId)).run();
}

/** Queues the alert for every subscriber with new requests whose last alert is an hour old; returns how many were queued. */
export function queueCallbackAlerts(deps: AlertDeps, now: Date): number {
  const { db, config } = deps;
  const subscribers = db
    .select({ userId: users.id, email: users.email, organisationId: users.organisationId, since: sql<number>`coalesce(${callbackAlertSubscriptions.lastMailedAt}, ${callbackAlertSubscriptions.createdAt})`, lastMailedAt: callbackAlertSubscriptions.lastMailedAt })
    .from(callbackAlertSubscriptions)
    .innerJoin(users, eq(users.id, callbackAlertSubscriptions.userId))
    // Only those who may still open the work list.
    .where(and(isNull(users.disabledAt), inArray(users.role, ['kcc', 'manager'])))
    .all();
  let queued = 0;
  for (const subscriber of subscribers) {
    if (subscriber.lastMailedAt && now.getTime() - subscriber.lastMailedAt.getTime() < ALERT_INTERVAL_MS) continue;
    const sent = db.transaction((tx) => {
      const fresh = tx.select({ lastMailedAt: callbackAlertSubscriptions.lastMailedAt }).from(callbackAlertSubscriptions).where(eq(callbackAlertSubscriptions.userId, subscriber.userId)).get();
      if (!fresh || (fresh.lastMailedAt && now.getTime() - fresh.lastMailedAt.getTime() < ALERT_INTERVAL_MS)) return false;
      const count = tx
        .select({ n: sql<number>`count(*)` })
        .from(callbackRequests)
        // Only the subscriber's own organisation's requests.
        .where(and(gt(callbackRequests.createdAt, new Date(subscriber.since)), eq(callbackRequests.organisationId, subscriber.organisationId)))
        .get()!.n;
      if (count === 0) return false;
      const url = `${config.PUBLIC_URL}/dashboard/terugbellen`;
      const rendered = deps.mail.callback({ kind: 'alert', organisation: organisationNameFor(tx, config, subscriber.organisationId), url, privacyUrl: `${config.PUBLIC_URL}/privacy`, count });
      tx.insert(outbox)
        .values({
          kind: 'callback-alert',
          organisationId: subscriber.organisationId,
          toAddress: subscriber.email,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          headers: { 'List-Unsubscribe': `<${url}>`, 'Auto-Submitted': 'auto-generated' },
          messageId: messageIdFor(config.MAIL_FROM),
          dueAt: now,
          createdAt: now,
        })
        .run();
      tx.update(callbackAlertSubscriptions).set({ lastMailedAt: now }).where(eq(callbackAlertSubscriptions.userId, subscriber.userId)).run();
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
