import { and, asc, eq, lte } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { statementsPerConnection } from '../db/prepared';
import { outbox, type OutboxMail } from '../db/schema';
import { renderDueSurveyMail } from '../invitations/invitations';
import type { SurveyMailDeps } from '../invitations/survey-mail';
import { panelMailStillWanted } from '../panel/panel';
import { maskPersonalData } from '../mask';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from './retry';
import type { MailTransport } from './transport';

/** The clock, and for a mail rendered only when it is sent (a survey reminder) its templates and the public addresses. */
export interface OutboxDeps extends SurveyMailDeps {
  clock: Clock;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

/**
 * The queries the worker runs for every mail, prepared once per connection: building them through
 * drizzle for each mail costs more CPU than sending the mail (see bench/load.ts).
 */
const statementsFor = statementsPerConnection((sqlite) => ({
    invitation: sqlite.prepare<[number], { status: string; addressHash: string }>('SELECT status, address_hash AS addressHash FROM invitations WHERE id = ?'),
    optedOut: sqlite.prepare<[string], number>('SELECT 1 FROM opt_outs WHERE address_hash = ?').pluck(),
    // Once a real server has the mail (erase = 1), the personal link need not stay in our database;
    // nor the address of a call-back recovery mail, the last trace of a closed request's contact details.
    // A mail rendered as it was sent keeps those bodies only in the embedded mailbox (erase = 0), to be
    // read there, unless it was erased meanwhile (its link token gone); the token is needed no more.
    markSent: sqlite.prepare<{
      id: number;
      attempts: number;
      sentAt: number;
      transport: string;
      response: string;
      erase: number;
      textBody: string | null;
      htmlBody: string | null;
    }>(
      `UPDATE outbox SET status = 'sent', attempts = @attempts, sent_at = @sentAt, transport = @transport, smtp_response = @response, last_error = NULL,
         text_body = CASE WHEN @erase THEN NULL WHEN link_token IS NOT NULL THEN @textBody ELSE text_body END,
         html_body = CASE WHEN @erase THEN NULL WHEN link_token IS NOT NULL THEN @htmlBody ELSE html_body END,
         link_token = NULL,
         headers = CASE WHEN @erase THEN '{}' ELSE headers END,
         to_address = CASE WHEN @erase AND kind = 'callback-recovery' THEN '' ELSE to_address END
       WHERE id = @id`,
    ),
    markMailed: sqlite.prepare<[number, number]>('UPDATE invitations SET mailed_at = ? WHERE id = ?'),
    // A round reads its mails before sending them: an answer or opt-out meanwhile closes the row.
    stillQueued: sqlite.prepare<[number], number>("SELECT 1 FROM outbox WHERE id = ? AND status = 'queued' AND to_address <> ''").pluck(),
}));

/** A reminder only goes to an open invitation; no mail goes to an address that opted out. */
function stillWanted(db: Db, mail: OutboxMail): boolean {
  // Panel mails: cancelled once the member withdrew or expired, a study reminder once answered.
  if (!panelMailStillWanted(db, mail)) return false;
  if (mail.invitationId === null) return true;
  const statements = statementsFor(db.$client);
  const invitation = statements.invitation.get(mail.invitationId);
  if (!invitation) return false;
  if (mail.kind === 'reminder' && invitation.status !== 'open') return false;
  return statements.optedOut.get(invitation.addressHash) === undefined;
}

/**
 * Mails handed to the transport at the same time: enough to keep every connection of the SMTP
 * pool (src/mail/transport.ts) busy while the next mail is checked and the last one is marked sent.
 * One at a time, a pooled transport uses a single connection and idles between mails.
 */
export const MAIL_CONCURRENCY = 8;

/** How long an accepted mail may wait to be marked sent, so that one commit marks several. */
export const MARK_EVERY_MS = 25;

/**
 * Mails per round. A round marks all its accepted mails before it ends, so a crash can leave at
 * most this many accepted but unmarked (each sent again with its Message-ID after the restart).
 */
export const MAIL_BATCH_SIZE = 25;

/**
 * Sends the mails that are due, up to MAIL_CONCURRENCY at once (each mail by itself: one mail is
 * never handed over twice). A mail is marked sent only after the server accepted it; if the
 * process dies in between, the mail is sent again after a restart with the same Message-ID (fixed
 * when it was queued), so the duplicate is recognisable (at-least-once delivery).
 */
export async function deliverDueMails(
  db: Db,
  transport: MailTransport,
  deps: OutboxDeps,
  batchSize = MAIL_BATCH_SIZE,
  /** Checked before each mail: a shutdown lets the mails in flight finish and sends no further one. */
  shouldStop: () => boolean = () => false,
): Promise<DeliveryReport> {
  const { clock } = deps;
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, cancelled: 0 };
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.dueAt, clock.now())))
    .orderBy(asc(outbox.dueAt), asc(outbox.id))
    .limit(batchSize)
    .all();

  // Accepted mails are marked sent together, at most MARK_EVERY_MS after their acceptance: one
  // commit (one fsync, which blocks the event loop) for the mails accepted meanwhile instead of one
  // each, while the lanes go on sending. Every mark is written after that mail's acceptance and
  // before deliverDueMails returns; a crash before it means a resend with the same Message-ID.
  let accepted: { mail: OutboxMail; response: string; sentAt: Date; settle: (error?: unknown) => void }[] = [];
  let markTimer: NodeJS.Timeout | undefined;
  const markAccepted = () => {
    clearTimeout(markTimer);
    markTimer = undefined;
    const batch = accepted;
    accepted = [];
    if (batch.length === 0) return;
    try {
      const statements = statementsFor(db.$client);
      db.transaction(() => {
        for (const { mail, response, sentAt } of batch) {
          statements.markSent.run({
            id: mail.id,
            attempts: mail.attempts + 1,
            sentAt: sentAt.getTime(),
            transport: transport.kind,
            response: response.slice(0, 500),
            erase: transport.kind === 'smtp' ? 1 : 0,
            textBody: mail.textBody,
            htmlBody: mail.htmlBody,
          });
          if (mail.kind === 'invitation' && mail.invitationId !== null) statements.markMailed.run(sentAt.getTime(), mail.invitationId);
        }
      });
    } catch (error) {
      for (const item of batch) item.settle(error);
      return;
    }
    for (const item of batch) item.settle();
  };
  const markSent = (mail: OutboxMail, response: string) =>
    new Promise<void>((resolve, reject) => {
      accepted.push({ mail, response, sentAt: clock.now(), settle: (error) => (error === undefined ? resolve() : reject(error)) });
      markTimer ??= setTimeout(markAccepted, MARK_EVERY_MS);
    });

  const recordFailure = (mail: OutboxMail, error: unknown) => {
    const attempts = mail.attempts + 1;
    const giveUp = attempts >= MAX_MAIL_ATTEMPTS;
    db.update(outbox)
      .set({
        attempts,
        status: giveUp ? 'failed' : 'queued',
        dueAt: new Date(clock.now().getTime() + retryDelayMs(attempts)),
        lastError: describeError(error),
      })
      // Not when the mail was closed while it was in flight: it must not be queued again.
      .where(and(eq(outbox.id, mail.id), eq(outbox.status, 'queued')))
      .run();
    if (giveUp) report.failed++;
    else report.retrying++;
  };

  const marks: Promise<void>[] = [];
  const markFailures: unknown[] = [];
  const deliver = async (mail: OutboxMail) => {
    if (statementsFor(db.$client).stillQueued.get(mail.id) === undefined) {
      // Closed since the round read it (answered, opted out, erased): it is left as it now is.
      report.cancelled++;
      return;
    }
    if (!stillWanted(db, mail)) {
      db.update(outbox).set({ status: 'cancelled' }).where(eq(outbox.id, mail.id)).run();
      report.cancelled++;
      return;
    }
    let sending: OutboxMail;
    let response: string;
    try {
      // Rendered only now that it is wanted and due: a reminder cancelled by an answer never is.
      sending = mail.linkToken === null ? mail : { ...mail, ...renderDueSurveyMail(db, deps, mail) };
      ({ response } = await transport.send(sending));
    } catch (error) {
      recordFailure(mail, error);
      return;
    }
    marks.push(
      markSent(sending, response)
        .then(
          () => void report.sent++,
          (error: unknown) => recordFailure(mail, error),
        )
        // Handled at once: a mark that fails while other mails are still in flight (the database
        // locked by another process) would otherwise be an unhandled rejection, which ends the
        // server. Its error ends the round, as any database error does.
        .catch((error: unknown) => void markFailures.push(error)),
    );
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
  markAccepted();
  await Promise.all(marks);
  const failure = lanes.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  if (markFailures.length > 0) throw markFailures[0];
  return report;
}

/** An SMTP error often quotes the recipient ("550 <jan@…>: unknown user"): stored masked. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code;
    return maskPersonalData(`${code ? `${code}: ` : ''}${error.message}`).slice(0, 500);
  }
  return maskPersonalData(String(error)).slice(0, 500);
}
