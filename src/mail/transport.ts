import nodemailer from 'nodemailer';
import type { OutboxMail } from '../db/schema';

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
export function createMailTransport(options: { smtpUrl?: string; from: string }): MailTransport {
  const transporter = options.smtpUrl
    ? nodemailer.createTransport({
        url: options.smtpUrl,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    kind: options.smtpUrl ? 'smtp' : 'mailbox',
    async send(mail) {
      const info = await transporter.sendMail({
        from: options.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody ?? '',
        html: mail.htmlBody ?? undefined,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      return { response: typeof info.response === 'string' ? info.response : 'stored in mailbox' };
    },
    close() {
      transporter.close();
    },
  };
}
