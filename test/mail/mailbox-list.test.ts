/**
 * The embedded mailbox lists what was delivered to it, newest first by the time it was sent (or
 * queued, when not sent yet), and leaves out the demo's settled history (never delivered, bodies gone).
 */
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { listMailbox } from '../../src/mail/mailbox';
import { createTestContext } from '../helpers/test-context';

describe('listMailbox', () => {
  it('orders by sent (or queued) time, not by row order, and hides the demo history', () => {
    const ctx = createTestContext();
    const at = (iso: string) => new Date(iso);
    const mail = (subject: string, fields: Partial<typeof outbox.$inferInsert>) => ({
      kind: 'invitation' as const,
      toAddress: 'x@example.nl',
      subject,
      headers: {},
      messageId: `<${subject}@test>`,
      status: 'sent' as const,
      attempts: 1,
      dueAt: at('2026-11-01T10:00:00Z'),
      createdAt: at('2026-11-20T10:00:00Z'),
      ...fields,
    });
    ctx.db
      .insert(outbox)
      .values([
        mail('oud', { sentAt: at('2026-09-03T10:00:00Z'), transport: 'mailbox' }),
        mail('nieuw', { sentAt: at('2026-11-28T10:00:00Z'), transport: 'mailbox' }),
        mail('demo', { sentAt: at('2026-11-30T10:00:00Z'), transport: 'demo' }),
        mail('wachtend', { status: 'queued', attempts: 0, dueAt: at('2026-11-29T10:00:00Z') }),
        mail('midden', { sentAt: at('2026-09-07T10:00:00Z'), transport: 'mailbox' }),
      ])
      .run();
    expect(listMailbox(ctx.db).map((row) => row.subject)).toEqual(['nieuw', 'wachtend', 'midden', 'oud']);
  });
});
