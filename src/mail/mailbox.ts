import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';

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
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}

export function findMail(db: Db, id: number) {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}
