import { and, count, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailKinds, outbox } from '../db/schema';
import type { MailKind } from './mailbox-query';

export interface MailboxFilter {
  kind?: MailKind;
  /** Part of the recipient's address or of the subject, case-insensitive. */
  search?: string;
  /** Only the mails sent in this organisation's name (staff see their own organisation's mail). */
  organisationId?: number;
}

/**
 * When a mail reached the mailbox: sent, or queued when not sent yet. The list is ordered by it
 * and shows it, not the row order: the demo's history is queued today with dates months back.
 */
const mailboxTime = sql<Date>`coalesce(${outbox.sentAt}, ${outbox.createdAt})`.mapWith(outbox.createdAt);

/**
 * The mails of the embedded mailbox that match `filter`. The demo's own settled mails (transport
 * 'demo', bodies already gone) were never delivered here, so they are left out.
 */
function inMailbox(filter: MailboxFilter): SQL | undefined {
  const search = filter.search?.toLowerCase();
  return and(
    or(isNull(outbox.transport), sql`${outbox.transport} <> 'demo'`),
    filter.kind ? eq(outbox.kind, filter.kind) : undefined,
    filter.organisationId === undefined ? undefined : eq(outbox.organisationId, filter.organisationId),
    search ? or(sql`instr(lower(${outbox.toAddress}), ${search}) > 0`, sql`instr(lower(${outbox.subject}), ${search}) > 0`) : undefined,
  );
}

/** The mails of the embedded mailbox, newest first (see mailboxTime), `limit` from `offset`. */
export function listMailbox(db: Db, limit = 200, filter: MailboxFilter = {}, offset = 0) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      at: mailboxTime,
    })
    .from(outbox)
    .where(inMailbox(filter))
    .orderBy(desc(mailboxTime), desc(outbox.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export type MailboxRow = ReturnType<typeof listMailbox>[number];

export function countMailbox(db: Db, filter: MailboxFilter = {}): number {
  return db.select({ n: count() }).from(outbox).where(inMailbox(filter)).get()?.n ?? 0;
}

/** The kinds of mail in the mailbox, in the order of mailKinds: the filter offers only these. */
export function mailboxKinds(db: Db, organisationId?: number): MailKind[] {
  const present = new Set(db.selectDistinct({ kind: outbox.kind }).from(outbox).where(inMailbox({ organisationId })).all().map((row) => row.kind));
  return mailKinds.filter((kind) => present.has(kind));
}

/** When a single mail reached the mailbox, as the list shows it. */
export const mailTime = (mail: { sentAt: Date | null; createdAt: Date }) => mail.sentAt ?? mail.createdAt;

/** A mail by id; with an organisation, only when it was sent in that organisation's name. */
export function findMail(db: Db, id: number, organisationId?: number) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), organisationId === undefined ? undefined : eq(outbox.organisationId, organisationId)))
    .get();
}

/**
 * Every link in a mail's plain text with its label: the text before it on its line ("Privacy: URL")
 * or, for a link on a line of its own, the line above it ("Bevestig uw aanmelding:").
 */
export function mailLinks(textBody: string): { label: string; url: string }[] {
  const lines = textBody.split('\n');
  return lines.flatMap((line, index) =>
    [...line.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => {
      const before = line.slice(0, match.index).trim() || (lines[index - 1] ?? '').trim();
      return { label: before.replace(/:$/, '').trim(), url: match[0] };
    }),
  );
}
