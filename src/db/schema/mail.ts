import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamp } from './columns';
import { organisationId } from './organisations';
import { invitations } from './invitations';

export const mailKinds = ['invitation', 'reminder', 'panel-confirmation', 'panel-invitation', 'panel-reminder', 'panel-renewal', 'digest', 'callback-recovery', 'callback-alert', 'setup-test'] as const;
export const mailStatuses = ['queued', 'sent', 'failed', 'cancelled'] as const;
// A bounce for a sent mail: hard (the address does not exist or refuses for good) or soft (delayed, mailbox full).
export const bounceKinds = ['hard', 'soft'] as const;

export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    kind: text('kind', { enum: mailKinds }).notNull(),
    // The organisation in whose name the mail goes out (its staff see it in the outgoing mail list).
    organisationId: organisationId(),
    invitationId: integer('invitation_id').references(() => invitations.id),
    // Panel mails: the member they go to (a withdrawn member's queued mails are cancelled).
    panelMemberId: integer('panel_member_id'),
    panelParticipantId: integer('panel_participant_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    // Bodies carry the personal link; they are erased once an SMTP server accepted the mail.
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    // The survey token of a mail rendered only when due (a reminder): as sensitive as the bodies it
    // stands in for, so it is erased wherever they are, and once the mail is sent.
    linkToken: text('link_token'),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    // Our own Message-ID, fixed at enqueue time so a resend after a crash is recognisable.
    messageId: text('message_id').notNull().unique(),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at').notNull(),
    lastError: text('last_error'),
    transport: text('transport'),
    smtpResponse: text('smtp_response'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
    // The first bounce for this mail (src/mail/bounces.ts); a hard bounce later replaces a soft one.
    bouncedAt: timestamp('bounced_at'),
    bounceKind: text('bounce_kind', { enum: bounceKinds }),
    // The enhanced status code ("5.1.1") or SMTP reply code the bounce gave.
    bounceStatus: text('bounce_status'),
  },
  (t) => [index('outbox_status_due').on(t.status, t.dueAt), index('outbox_invitation').on(t.invitationId)],
);

export type OutboxMail = typeof outbox.$inferSelect;
export type NewOutboxMail = typeof outbox.$inferInsert;

/** What an outbox row keeps once its personal data is erased; the headers go too (List-Unsubscribe carries the personal link). */
export const mailErased = { toAddress: '', textBody: null, htmlBody: null, linkToken: null, headers: {} } satisfies Partial<NewOutboxMail>;
