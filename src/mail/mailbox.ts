import { desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';

/**
 * The mails of the embedded mailbox, newest first by the time they were sent (or queued, when not sent yet), not by
 * their row order: the demo's history is queued today with dates months back. The demo's own
 * settled mails (transport 'demo', bodies already gone) were never delivered here, so they are left out.
 */
export function listMailbox(db: Db, limit = 200) {
  return db
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      dueAt: outbox.dueAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(or(isNull(outbox.transport), sql`${outbox.transport} <> 'demo'`))
    .orderBy(desc(sql`coalesce(${outbox.sentAt}, ${outbox.createdAt})`), desc(outbox.id))
    .limit(limit)
    .all();
}

export function findMail(db: Db, id: number) {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
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
