import { and, desc, eq, gt, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invitations, type bounceKinds, mailKinds, mailStatuses, outbox } from '../db/schema';
import { maskPersonalData } from '../mask';

type MailKind = (typeof mailKinds)[number];
type MailStatus = (typeof mailStatuses)[number];

export interface OutboxProblem {
  id: number;
  kind: MailKind;
  status: MailStatus;
  /** The address masked: first letter and domain only. */
  to: string;
  attempts: number;
  /** For a queued mail: its next attempt. */
  nextAttemptAt: Date | null;
  /** The server's or the network's answer, with addresses and other personal data masked. */
  lastError: string;
  /** A bounce came back for it (src/mail/bounces.ts): hard or soft, with its status code. */
  bounce: { kind: (typeof bounceKinds)[number]; status: string } | null;
}

export interface OutboxOverview {
  counts: Record<MailStatus, number>;
  /** Sent mails a bounce came back for. */
  bounced: Record<(typeof bounceKinds)[number], number>;
  /** Queued and due now: waiting for the worker. */
  dueNow: number;
  /** Queued for later (reminders, renewals) and not retrying: waiting as planned. */
  planned: number;
  /** Queued after at least one failed attempt. */
  retrying: number;
  /** The longest a due mail has been waiting (since its due time), if any is waiting. */
  oldestDueAt: Date | null;
  /** The next moment a mail is handed to the SMTP server: the earliest due time of a queued mail. */
  nextAttemptAt: Date | null;
  /** Mails that failed, are being retried or bounced, newest first. */
  problems: OutboxProblem[];
}

/** "j•••@example.nl": enough to see a domain that bounces everything, not who it was. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}

/** An error text without the addresses an SMTP server likes to quote back ("550 <jan@…>: unknown user"). */
export function maskErrorText(text: string): string {
  return maskPersonalData(text).slice(0, 300);
}

/** The outbox as an admin sees it: counts, what is waiting and since when, and what fails. Never a body or an address. */
export function outboxOverview(db: Db, now: Date, problemLimit = 20): OutboxOverview {
  const counts = Object.fromEntries(mailStatuses.map((status) => [status, 0])) as Record<MailStatus, number>;
  for (const row of db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all()) {
    counts[row.status] = row.n;
  }
  const bounced = { hard: 0, soft: 0 };
  for (const row of db.select({ kind: outbox.bounceKind, n: sql<number>`count(*)` }).from(outbox).where(isNotNull(outbox.bounceKind)).groupBy(outbox.bounceKind).all()) {
    if (row.kind) bounced[row.kind] = row.n;
  }
  const queued = db
    .select({
      dueNow: sql<number>`coalesce(sum(${outbox.dueAt} <= ${now.getTime()}), 0)`,
      planned: sql<number>`coalesce(sum(${outbox.dueAt} > ${now.getTime()} AND ${outbox.attempts} = 0), 0)`,
      retrying: sql<number>`coalesce(sum(${outbox.attempts} > 0), 0)`,
      oldestDueAt: sql<number | null>`min(CASE WHEN ${outbox.dueAt} <= ${now.getTime()} THEN ${outbox.dueAt} END)`,
    })
    .from(outbox)
    .where(eq(outbox.status, 'queued'))
    .get();
  // The next hand-over: a due mail now, otherwise the earliest planned or retried one.
  const next = db
    .select({ dueAt: outbox.dueAt })
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), gt(outbox.dueAt, now)))
    .orderBy(outbox.dueAt)
    .limit(1)
    .get();
  const problems = db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      status: outbox.status,
      toAddress: outbox.toAddress,
      attempts: outbox.attempts,
      dueAt: outbox.dueAt,
      lastError: outbox.lastError,
      bounceKind: outbox.bounceKind,
      bounceStatus: outbox.bounceStatus,
    })
    .from(outbox)
    .where(or(and(inArray(outbox.status, ['queued', 'failed']), isNotNull(outbox.lastError)), isNotNull(outbox.bounceKind)))
    .orderBy(desc(outbox.id))
    .limit(problemLimit)
    .all();
  const dueNow = Number(queued?.dueNow ?? 0);
  return {
    counts,
    bounced,
    dueNow,
    planned: Number(queued?.planned ?? 0),
    retrying: Number(queued?.retrying ?? 0),
    oldestDueAt: queued?.oldestDueAt != null ? new Date(Number(queued.oldestDueAt)) : null,
    nextAttemptAt: dueNow > 0 ? now : (next?.dueAt ?? null),
    problems: problems.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      to: maskAddress(row.toAddress),
      attempts: row.attempts,
      nextAttemptAt: row.status === 'queued' ? row.dueAt : null,
      lastError: maskErrorText(row.lastError ?? ''),
      bounce: row.bounceKind ? { kind: row.bounceKind, status: row.bounceStatus ?? '' } : null,
    })),
  };
}

/** For the admin overview: mails waiting to be sent (due now, or retrying) and mails that failed. */
export function outboxBacklog(db: Db, now: Date): { waiting: number; failed: number } {
  const row = db
    .select({
      waiting: sql<number>`coalesce(sum(${outbox.status} = 'queued' AND (${outbox.dueAt} <= ${now.getTime()} OR ${outbox.attempts} > 0)), 0)`,
      failed: sql<number>`coalesce(sum(${outbox.status} = 'failed'), 0)`,
    })
    .from(outbox)
    .where(inArray(outbox.status, ['queued', 'failed']))
    .get();
  return { waiting: Number(row?.waiting ?? 0), failed: Number(row?.failed ?? 0) };
}

/**
 * "Retry failed now": every failed mail goes back in the queue, due now, with a fresh series of
 * attempts (the previous error stays visible until the next attempt). A failed survey mail whose
 * invitation is no longer open (answered, expired) is cancelled instead; the worker cancels mail
 * to addresses that opted out meanwhile.
 */
export function retryFailedMails(db: Db, now: Date): { requeued: number; cancelled: number } {
  return db.transaction((tx) => {
    const cancelled = tx
      .update(outbox)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(outbox.status, 'failed'),
          inArray(outbox.invitationId, tx.select({ id: invitations.id }).from(invitations).where(ne(invitations.status, 'open'))),
        ),
      )
      .run().changes;
    const requeued = tx.update(outbox).set({ status: 'queued', attempts: 0, dueAt: now }).where(eq(outbox.status, 'failed')).run().changes;
    return { requeued, cancelled };
  });
}
