// The results of the mail set-up check (src/mail/setup-check.ts), apart so that the texts that
// explain them (src/texts/mail-check.ts) and the views need not import the mail feature.

export type CheckStatus = 'ok' | 'warning' | 'error';

export type CheckItem =
  | { part: 'spf'; status: CheckStatus; domain: string; reason: 'reserved-domain' | 'missing' | 'multiple' | 'invalid' | 'dns-failed' | 'allows-all' | 'neutral' | 'softfail' | 'fail'; record?: string; detail?: string }
  | { part: 'dkim'; status: CheckStatus; domain: string; reason: 'not-configured' | 'reserved-domain' | 'missing' | 'revoked' | 'mismatch' | 'dns-failed' | 'not-aligned' | 'ok'; name?: string; record?: string; expected?: string; detail?: string }
  | { part: 'dmarc'; status: CheckStatus; domain: string; reason: 'reserved-domain' | 'missing' | 'dns-failed' | 'monitor-only' | 'not-aligned' | 'ok'; record?: string; policy?: string; detail?: string }
  | { part: 'smtp'; status: CheckStatus; reason: 'mailbox' | 'ok' | 'failed'; detail?: string }
  | { part: 'bounces'; status: CheckStatus; reason: 'not-configured' | 'no-receiver' | 'no-tag' | 'mailbox-failed' | 'mailbox-not-read' | 'ok'; address?: string; port?: number; lastRead?: string; detail?: string };

export interface MailSetupReport {
  /** The sending domain: MAIL_FROM's. */
  domain: string;
  items: CheckItem[];
}
