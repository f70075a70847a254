/**
 * A bounce changes what meethuis knows about a mail. The mail is found by the tag in the address
 * the bounce was delivered to (src/mail/bounce-tag.ts), never by what the bounce's body says; the
 * body only tells hard from soft (src/mail/bounce-classifier.ts). Both ways in — the SMTP listener
 * and the IMAP mailbox reader — call handleBounce.
 */
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { invitations, outbox } from '../db/schema';
import { eraseInvitationAddress } from '../invitations/invitations';
import { classifyBounce, readBounceMail } from './bounce-classifier';
import { readBounceTag } from './bounce-tag';

export interface BounceDeps {
  clock: Clock;
  /** The server's secret key (src/secrets.ts): the tags' MACs are keyed with it. */
  addressHashKey: string;
}

export interface BounceOutcome {
  status: 'hard' | 'soft' | 'ignored';
  outboxId?: number;
  invitationId?: number;
  /** Why it was ignored, or where the kind was read (dsn, qmail, text), or that it was recorded before. */
  reason?: string;
}

/**
 * Records a bounce on its outbox row, in one transaction. A hard bounce of an invitation or its
 * reminder makes an open invitation undeliverable, cancels its queued reminder and erases its
 * address (the keyed hash stays, as after an answer); other mails are only marked. A soft bounce
 * is recorded only: the remote side retries, the reminder stays. A bounce without a valid tag, for
 * an unknown mail, or that is no bounce (an out-of-office reply) changes nothing, and neither does
 * a second bounce for the same mail — except a hard one after a soft one.
 */
export async function handleBounce(db: Db, deps: BounceDeps, message: { raw: Buffer; recipients: string[] }): Promise<BounceOutcome> {
  const outboxId = message.recipients.map((address) => readBounceTag(deps.addressHashKey, address)).find((id) => id !== undefined);
  if (outboxId === undefined) return { status: 'ignored', reason: 'no-valid-tag' };
  const classification = classifyBounce(await readBounceMail(message.raw));
  const now = deps.clock.now();
  return db.transaction((tx): BounceOutcome => {
    const mail = tx.select().from(outbox).where(eq(outbox.id, outboxId)).get();
    if (!mail) return { status: 'ignored', reason: 'unknown-mail' };
    const invitationId = mail.invitationId ?? undefined;
    if (classification.kind === 'ignored') return { status: 'ignored', outboxId, invitationId, reason: classification.reason };
    if (mail.bounceKind === 'hard' || (mail.bounceKind === 'soft' && classification.kind === 'soft')) {
      return { status: classification.kind, outboxId, invitationId, reason: 'already-recorded' };
    }
    tx.update(outbox).set({ bouncedAt: now, bounceKind: classification.kind, bounceStatus: classification.status.slice(0, 20) }).where(eq(outbox.id, outboxId)).run();
    if (classification.kind === 'hard' && invitationId !== undefined) {
      // Only an open invitation: one answered (the link was forwarded) or expired keeps its status.
      tx.update(invitations).set({ status: 'undeliverable' }).where(and(eq(invitations.id, invitationId), eq(invitations.status, 'open'))).run();
      eraseInvitationAddress(tx, [invitationId]);
    }
    return { status: classification.kind, outboxId, invitationId, reason: classification.reason };
  });
}
