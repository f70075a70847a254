/**
 * Queues the digest in the durable outbox, once per subscriber and period. Each mail is queued in
 * the same (immediate) transaction that remembers it in digest_deliveries: a crash leaves both or
 * neither, and two rounds, two processes or a restart never queue a period twice.
 */
import { and, eq } from 'drizzle-orm';
import { dayOf, dayRangeInstants } from '../calendar';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { digestDeliveries, outbox, type DigestFrequency } from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import { findOrganisation } from '../organisations/organisations';
import type { MailTemplates } from '../mail-templates';
import { buildDigest } from './digest';
import { lastCompletePeriod, type DigestPeriod } from './periods';
import { subscribersOf } from './subscriptions';

export interface DigestDeps {
  db: Db;
  config: Config;
  clock: Clock;
  mail: Pick<MailTemplates, 'digest'>;
}

export interface DigestSendReport {
  period: DigestPeriod;
  queued: number;
  /** Subscribers who already had this period's digest (and did not get it again). */
  alreadySent: number;
}

/** The printable page of exactly this period: /dashboard/samenvatting for its month or week. */
export function digestPagePath(period: DigestPeriod): string {
  return period.kind === 'custom'
    ? `/dashboard/samenvatting?periode=eigen&van=${period.from}&tot=${period.to}`
    : `/dashboard/samenvatting?over=${period.kind === 'week' ? 'week' : 'maand'}&begin=${period.from}`;
}

/**
 * Queues the digest of the last complete period of this frequency for its subscribers.
 * - `schedule`: only subscribers who chose it before the period ended, each once per period;
 * - `now` (the CLI): every current subscriber of the frequency, once per period — or again with `again`.
 */
export function queueDigests(deps: DigestDeps, frequency: DigestFrequency, options: { mode: 'schedule' | 'now'; again?: boolean }): DigestSendReport {
  const { db, config } = deps;
  const now = deps.clock.now();
  const today = dayOf(now);
  const period = lastCompletePeriod(frequency, today);
  const periodEnd = dayRangeInstants(period.from, period.to).end;
  const delivered = (userId: number) =>
    db.select({ userId: digestDeliveries.userId }).from(digestDeliveries).where(and(eq(digestDeliveries.userId, userId), eq(digestDeliveries.periodKey, period.key))).get() !== undefined;

  const subscribers = subscribersOf(db, frequency).filter((subscriber) => options.mode === 'now' || subscriber.since < periodEnd);
  const pending = options.again ? subscribers : subscribers.filter((subscriber) => !delivered(subscriber.userId));
  const report = { period, queued: 0, alreadySent: subscribers.length - pending.length };
  if (pending.length === 0) return report;

  const accountUrl = `${config.PUBLIC_URL}/account`;
  // Each subscriber gets their own organisation's digest: built and rendered once per organisation.
  const renderedFor = new Map<number, ReturnType<DigestDeps['mail']['digest']>>();
  const renderFor = (organisationId: number) => {
    let rendered = renderedFor.get(organisationId);
    if (!rendered) {
      rendered = deps.mail.digest({
        organisation: findOrganisation(db, organisationId)?.name ?? config.ORGANISATION_NAME,
        digest: buildDigest(db, period, { minGroupSize: config.MIN_GROUP_SIZE, today }, organisationId),
        pageUrl: `${config.PUBLIC_URL}${digestPagePath(period)}`,
        accountUrl,
        privacyUrl: `${config.PUBLIC_URL}/privacy`,
      });
      renderedFor.set(organisationId, rendered);
    }
    return rendered;
  };
  for (const subscriber of pending) {
    const rendered = renderFor(subscriber.organisationId);
    const queued = db.transaction((tx) => {
      // Checked again inside the write lock: another process may have queued it meanwhile.
      if (!options.again && delivered(subscriber.userId)) return false;
      const mail = tx
        .insert(outbox)
        .values({
          kind: 'digest',
          organisationId: subscriber.organisationId,
          toAddress: subscriber.email,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          headers: { 'List-Unsubscribe': `<${accountUrl}>`, 'Auto-Submitted': 'auto-generated' },
          messageId: messageIdFor(config.MAIL_FROM),
          dueAt: now,
          createdAt: now,
        })
        .returning({ id: outbox.id })
        .get();
      tx.insert(digestDeliveries)
        .values({ userId: subscriber.userId, periodKey: period.key, outboxId: mail.id, queuedAt: now })
        .onConflictDoUpdate({ target: [digestDeliveries.userId, digestDeliveries.periodKey], set: { outboxId: mail.id, queuedAt: now } })
        .run();
      return true;
    });
    if (queued) report.queued++;
    else report.alreadySent++;
  }
  return report;
}
