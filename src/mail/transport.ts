import nodemailer from 'nodemailer';
import type { OutboxMail } from '../db/schema';
import { bounceTag, taggedAddress } from './bounce-tag';
import type { DkimSigning } from './dkim';

export interface MailTransport {
  /** 'smtp' sends for real; 'mailbox' keeps mails for the embedded mailbox page. */
  readonly kind: 'smtp' | 'mailbox';
  send(mail: OutboxMail): Promise<{ response: string }>;
  close(): void;
}

/**
 * A pooled SMTP transport when SMTP_URL is set; otherwise nodemailer's JSON transport, which
 * builds and checks the message like a real send but delivers nothing: the outbox row is the mailbox.
 */
export interface SmtpTimeouts {
  /** To open the TCP connection. */
  connectionMs: number;
  /** For the server's greeting once connected (a server that accepts but never speaks). */
  greetingMs: number;
  /** Of silence on an open connection, e.g. a server that never answers DATA. */
  socketMs: number;
}

/**
 * A hanging SMTP server must not hold the outbox worker (or a shutdown) for minutes: nodemailer's
 * defaults are 2 min / 30 s / 10 min. A timed-out mail stays queued and is retried with backoff.
 */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 };

/** MAIL_BOUNCE_ADDRESS and the key of the tags: every mail's envelope sender names the mail (src/mail/bounce-tag.ts). */
export interface BounceEnvelope {
  address: string;
  key: string;
}

/** nodemailer's SMTP options with our timeouts: for sending, and for the set-up check's verify(). */
export function smtpOptions(smtpUrl: string, timeouts: Partial<SmtpTimeouts> = {}) {
  const chosen = { ...DEFAULT_SMTP_TIMEOUTS, ...timeouts };
  return {
    url: smtpUrl,
    connectionTimeout: chosen.connectionMs,
    greetingTimeout: chosen.greetingMs,
    socketTimeout: chosen.socketMs,
    dnsTimeout: chosen.connectionMs,
  };
}

/** With `dkim`, every mail is signed (DKIM_* settings, src/mail/dkim.ts). */
export function createMailTransport(options: { smtpUrl?: string; from: string; timeouts?: Partial<SmtpTimeouts>; dkim?: DkimSigning; bounce?: BounceEnvelope }): MailTransport {
  const transporter = options.smtpUrl
    ? nodemailer.createTransport({ ...smtpOptions(options.smtpUrl, options.timeouts), pool: true, maxConnections: 2, dkim: options.dkim })
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    kind: options.smtpUrl ? 'smtp' : 'mailbox',
    async send(mail) {
      // A survey mail in a partner organisation's name carries its own sender (src/invitations/survey-mail.ts).
      const { From: sender, ...headers } = mail.headers ?? {};
      const info = await transporter.sendMail({
        from: sender ?? options.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody ?? '',
        html: mail.htmlBody ?? undefined,
        messageId: mail.messageId,
        headers,
        // The From header stays; only the envelope sender, where bounces go, carries the mail's tag.
        envelope: options.bounce ? { from: taggedAddress(options.bounce.address, bounceTag(options.bounce.key, mail.id)), to: mail.toAddress } : undefined,
      });
      return { response: typeof info.response === 'string' ? info.response : 'stored in mailbox' };
    },
    close() {
      transporter.close();
    },
  };
}
