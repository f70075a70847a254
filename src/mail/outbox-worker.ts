import { and, asc, eq, lte } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { invitations, optOuts, outbox, type OutboxMail } from '../db/schema';
import { panelMailStillWanted } from '../panel/panel';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from './retry';
import type { MailTransport } from './transport';

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

/** A reminder only goes to an open invitation; no mail goes to an address that opted out. */
function stillWanted(db: Db, mail: OutboxMail): boolean {
  // Panel mails: cancelled once the member withdrew or expired, a study reminder once answered.
  if (!panelMailStillWanted(db, mail)) return false;
  if (mail.invitationId === null) return true;
  const invitation = db
    .select({ status: invitations.status, addressHash: invitations.addressHash })
    .from(invitations)
    .where(eq(invitations.id, mail.invitationId))
    .get();
  if (!invitation) return false;
  if (mail.kind === 'reminder' && invitation.status !== 'open') return false;
  return !db.select().from(optOuts).where(eq(optOuts.addressHash, invitation.addressHash)).get();
}

/**
 * Mails handed to the transport at the same time: enough to keep every connection of the SMTP
 * pool (src/mail/transport.ts) busy while the next mail is checked and the last one is marked sent.
 * One at a time, a pooled transport uses a single connection and idles between mails.
 */
export const MAIL_CONCURRENCY = 4;

/**
 * Sends the mails that are due, up to MAIL_CONCURRENCY at once (each mail by itself: one mail is
 * never handed over twice). A mail is marked sent only after the server accepted it; if the
 * process dies in between, the mail is sent again after a restart with the same Message-ID (fixed
 * when it was queued), so the duplicate is recognisable (at-least-once delivery).
 */
export async function deliverDueMails(
  db: Db,
  transport: MailTransport,
  clock: Clock,
  batchSize = 25,
  /** Checked before each mail: a shutdown lets the mails in flight finish and sends no further one. */
  shouldStop: () => boolean = () => false,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, cancelled: 0 };
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.dueAt, clock.now())))
    .orderBy(asc(outbox.dueAt), asc(outbox.id))
    .limit(batchSize)
    .all();

  const deliver = async (mail: OutboxMail) => {
    if (!stillWanted(db, mail)) {
      db.update(outbox).set({ status: 'cancelled' }).where(eq(outbox.id, mail.id)).run();
      report.cancelled++;
      return;
    }
    try {
      const { response } = await transport.send(mail);
      const sentAt = clock.now();
      db.transaction((tx) => {
        tx.update(outbox)
          .set({
            status: 'sent',
            attempts: mail.attempts + 1,
            sentAt,
            transport: transport.kind,
            smtpResponse: response.slice(0, 500),
            lastError: null,
            // Once a real server has the mail, the personal link need not stay in our database.
            ...(transport.kind === 'smtp' ? { textBody: null, htmlBody: null } : {}),
          })
          .where(eq(outbox.id, mail.id))
          .run();
        if (mail.kind === 'invitation' && mail.invitationId !== null) {
          tx.update(invitations).set({ mailedAt: sentAt }).where(eq(invitations.id, mail.invitationId)).run();
        }
      });
      report.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= MAX_MAIL_ATTEMPTS;
      db.update(outbox)
        .set({
          attempts,
          status: giveUp ? 'failed' : 'queued',
          dueAt: new Date(clock.now().getTime() + retryDelayMs(attempts)),
          lastError: describeError(error),
        })
        .where(eq(outbox.id, mail.id))
        .run();
      if (giveUp) report.failed++;
      else report.retrying++;
    }
  };

  // Lanes take the next mail in order; after an unexpected error (the database, not SMTP) no lane
  // takes another, the mails in flight finish, and the error ends the round.
  let next = 0;
  let broken = false;
  const lane = async () => {
    while (next < due.length && !broken && !shouldStop()) {
      const mail = due[next++]!;
      try {
        await deliver(mail);
      } catch (error) {
        broken = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(MAIL_CONCURRENCY, due.length) }, lane));
  const failure = lanes.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return report;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code;
    return `${code ? `${code}: ` : ''}${error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

export interface OutboxWorkerStatus {
  /** When the last delivery round began and ended (by the worker's clock); undefined before the first. */
  lastRoundStartedAt?: Date;
  lastRoundFinishedAt?: Date;
  /** Whether a round is in progress now. */
  running: boolean;
  stopped: boolean;
  intervalMs: number;
}

export interface OutboxWorker {
  /** Ask for a delivery round soon (after a new mail was queued). */
  wake(): void;
  /** Stops polling and waits for the mail in flight to finish; no further mail is handed to the transport. */
  stop(): Promise<void>;
  /** For /readyz: whether the worker still makes its rounds. */
  status(): OutboxWorkerStatus;
}

/** Polls the outbox; one round at a time, so a mail is never handed to the transport twice at once. */
export function startOutboxWorker(
  db: Db,
  transport: MailTransport,
  clock: Clock,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastRoundStartedAt: Date | undefined;
  let lastRoundFinishedAt: Date | undefined;

  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          lastRoundStartedAt = clock.now();
          const report = await deliverDueMails(db, transport, clock, 25, () => stopped);
          // A full batch sent means more may be waiting right now.
          if (report.sent + report.cancelled >= 25) again = true;
        } while (again && !stopped);
      } catch (error) {
        options.onError?.(error);
      } finally {
        lastRoundFinishedAt = clock.now();
        running = undefined;
      }
    })();
  };

  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  round();
  return {
    wake: () => setImmediate(round),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    status: () => ({ lastRoundStartedAt, lastRoundFinishedAt, running: running !== undefined, stopped, intervalMs: options.intervalMs }),
  };
}
