import { Resolver } from 'node:dns/promises';
import { dmarc, spf } from 'mailauth';
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { messageIdFor } from '../invitations/invitations';
import { dkimAligned, dkimPublicKey, mailFromDomain, type DkimSigning } from './dkim';
import { smtpOptions, type SmtpTimeouts } from './transport';
import type { CheckItem, MailSetupReport } from '../mail-setup';
import type { JobRun } from '../job-runs';

export type { CheckItem, CheckStatus, MailSetupReport } from '../mail-setup';

/** The resolver shape mailauth uses: TXT answers as lists of strings (one record = its strings). */
export type DnsResolver = (name: string, type: string) => Promise<string[][] | string[]>;

/** The system's DNS, with short timeouts: the admin page waits for it. */
export function systemResolver(): DnsResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  return (name, type) => resolver.resolve(name, type) as Promise<string[][] | string[]>;
}

export interface MailSetupDeps {
  config: Pick<Config, 'MAIL_FROM' | 'SMTP_URL' | 'MAIL_BOUNCE_ADDRESS' | 'BOUNCE_SMTP_PORT' | 'BOUNCE_IMAP_URL'>;
  dkim?: DkimSigning;
  /** The bounce mailbox's last round (job run BOUNCE_MAILBOX_JOB), when it has made one. */
  bounceMailboxRun?: JobRun;
  resolver: DnsResolver;
  smtpTimeouts?: Partial<SmtpTimeouts>;
}

// RFC 2606 / 6761 names never resolve on the internet: no lookup needed to know the answer.
const reserved = /(^|\.)(localhost|test|example|invalid|local)$/;
// TEST-NET-1 (RFC 5737) sends no mail: how SPF treats it shows the record's "all" rule.
const UNKNOWN_SENDER_IP = '192.0.2.1';

const notFound = (error: unknown) => ['ENOTFOUND', 'ENODATA'].includes((error as NodeJS.ErrnoException).code ?? '');
const txtStrings = (answer: string[][] | string[]) => answer.map((record) => (Array.isArray(record) ? record.join('') : record));

/** SPF of the sending domain: one parseable `v=spf1` record that does not let everyone send. */
export async function checkSpf(domain: string, resolver: DnsResolver): Promise<CheckItem> {
  const base = { part: 'spf', domain } as const;
  if (reserved.test(domain)) return { ...base, status: 'error', reason: 'reserved-domain' };
  let records: string[];
  try {
    records = txtStrings(await resolver(domain, 'TXT')).filter((record) => /^v=spf1(\s|$)/i.test(record.trim()));
  } catch (error) {
    if (!notFound(error)) return { ...base, status: 'warning', reason: 'dns-failed', detail: (error as Error).message };
    records = [];
  }
  if (records.length === 0) return { ...base, status: 'error', reason: 'missing' };
  if (records.length > 1) return { ...base, status: 'error', reason: 'multiple', record: records.join(' | ') };
  const record = records[0]!;
  const result = await spf({ sender: `check@${domain}`, ip: UNKNOWN_SENDER_IP, helo: 'meethuis.invalid', mta: 'meethuis', resolver });
  const outcome = result.status.result;
  if (outcome === 'permerror') return { ...base, status: 'error', reason: 'invalid', record, detail: String(result.status.comment ?? '') };
  if (outcome === 'temperror') return { ...base, status: 'warning', reason: 'dns-failed', record, detail: String(result.status.comment ?? '') };
  if (outcome === 'pass') return { ...base, status: 'error', reason: 'allows-all', record };
  if (outcome === 'fail') return { ...base, status: 'ok', reason: 'fail', record };
  if (outcome === 'softfail') return { ...base, status: 'ok', reason: 'softfail', record };
  return { ...base, status: 'warning', reason: 'neutral', record };
}

/** The `tag=value` pairs of a DKIM key record. */
function dkimTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) tags.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}

/** The selector's key record exists and carries our public key; the signing domain aligns with From. */
export async function checkDkim(fromDomain: string, dkim: DkimSigning | undefined, resolver: DnsResolver): Promise<CheckItem> {
  if (!dkim) return { part: 'dkim', domain: fromDomain, status: 'warning', reason: 'not-configured' };
  const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`;
  const expected = dkimPublicKey(dkim.privateKey);
  const base = { part: 'dkim', domain: dkim.domainName, name, expected } as const;
  if (reserved.test(dkim.domainName)) return { ...base, status: 'error', reason: 'reserved-domain' };
  let records: string[];
  try {
    records = txtStrings(await resolver(name, 'TXT')).filter((record) => dkimTags(record).has('p'));
  } catch (error) {
    if (!notFound(error)) return { ...base, status: 'warning', reason: 'dns-failed', detail: (error as Error).message };
    records = [];
  }
  const record = records[0];
  if (record === undefined) return { ...base, status: 'error', reason: 'missing' };
  const published = dkimTags(record).get('p');
  if (!published) return { ...base, status: 'error', reason: 'revoked', record };
  if (published !== expected) return { ...base, status: 'error', reason: 'mismatch', record };
  if (!dkimAligned(dkim.domainName, fromDomain)) return { ...base, status: 'warning', reason: 'not-aligned', record };
  return { ...base, status: 'ok', reason: 'ok', record };
}

/** DMARC of the sending domain: present, with a policy that protects, and our DKIM signature aligned. */
export async function checkDmarc(fromDomain: string, dkim: DkimSigning | undefined, resolver: DnsResolver): Promise<CheckItem> {
  const base = { part: 'dmarc', domain: fromDomain } as const;
  if (reserved.test(fromDomain)) return { ...base, status: 'error', reason: 'reserved-domain' };
  const result = await dmarc({ headerFrom: fromDomain, dkimDomains: dkim ? [{ domain: dkim.domainName }] : [], spfDomains: [], resolver });
  if (!result || result.status.result === 'none') return { ...base, status: 'error', reason: 'missing' };
  if (result.status.result === 'temperror') return { ...base, status: 'warning', reason: 'dns-failed', detail: (result as { error?: string }).error };
  const record = (result as { rr?: string }).rr;
  const policy = ((result as { policy?: string }).policy ?? 'none').toLowerCase();
  if (policy === 'none') return { ...base, status: 'warning', reason: 'monitor-only', record, policy };
  if (dkim && result.status.result !== 'pass') return { ...base, status: 'warning', reason: 'not-aligned', record, policy };
  return { ...base, status: 'ok', reason: 'ok', record, policy };
}

/** Connects and logs in with SMTP_URL, with the sending timeouts, and says what failed. */
export async function checkSmtp(smtpUrl: string | undefined, timeouts?: Partial<SmtpTimeouts>): Promise<CheckItem> {
  if (!smtpUrl) return { part: 'smtp', status: 'warning', reason: 'mailbox' };
  const transporter = nodemailer.createTransport(smtpOptions(smtpUrl, timeouts));
  try {
    await transporter.verify();
    return { part: 'smtp', status: 'ok', reason: 'ok' };
  } catch (error) {
    return { part: 'smtp', status: 'error', reason: 'failed', detail: (error as Error).message };
  } finally {
    transporter.close();
  }
}

/** Every check, at the same time: SPF, DKIM, DMARC and the SMTP connection. */
export async function checkMailSetup(deps: MailSetupDeps): Promise<MailSetupReport> {
  const domain = mailFromDomain(deps.config.MAIL_FROM) ?? '';
  const items = await Promise.all([
    checkSpf(domain, deps.resolver),
    checkDkim(domain, deps.dkim, deps.resolver),
    checkDmarc(domain, deps.dkim, deps.resolver),
    checkSmtp(deps.config.SMTP_URL, deps.smtpTimeouts),
    checkBounces(deps.config, deps.bounceMailboxRun),
  ]);
  return { domain, items };
}

/**
 * Whether bounces can reach meethuis: the tagged envelope sender (MAIL_BOUNCE_ADDRESS) and a way in
 * (the listener, or the mailbox, whose last round must have worked). Without a tag every bounce is
 * ignored, so a mailbox alone is an error.
 */
export function checkBounces(config: Pick<Config, 'MAIL_BOUNCE_ADDRESS' | 'BOUNCE_SMTP_PORT' | 'BOUNCE_IMAP_URL'>, lastRound?: JobRun): CheckItem {
  const address = config.MAIL_BOUNCE_ADDRESS;
  if (!address) {
    return config.BOUNCE_IMAP_URL || config.BOUNCE_SMTP_PORT !== undefined
      ? { part: 'bounces', status: 'error', reason: 'no-tag' }
      : { part: 'bounces', status: 'warning', reason: 'not-configured' };
  }
  if (config.BOUNCE_IMAP_URL) {
    if (!lastRound) return { part: 'bounces', status: 'warning', reason: 'mailbox-not-read', address };
    if (lastRound.error) return { part: 'bounces', status: 'error', reason: 'mailbox-failed', address, lastRead: lastRound.finishedAt, detail: lastRound.error };
    return { part: 'bounces', status: 'ok', reason: 'ok', address, lastRead: lastRound.finishedAt, ...(config.BOUNCE_SMTP_PORT !== undefined && { port: config.BOUNCE_SMTP_PORT }) };
  }
  if (config.BOUNCE_SMTP_PORT !== undefined) return { part: 'bounces', status: 'ok', reason: 'ok', address, port: config.BOUNCE_SMTP_PORT };
  return { part: 'bounces', status: 'warning', reason: 'no-receiver', address };
}

/**
 * Queues a test mail through the outbox, so it goes out exactly as survey mails do (signed,
 * retried, visible on /admin/uitgaande-mail and in the embedded mailbox). Returns its outbox id.
 */
export function queueTestMail(db: Db, config: Pick<Config, 'MAIL_FROM'>, now: Date, to: string, text: { subject: string; body: string }): number {
  return db
    .insert(outbox)
    .values({
      kind: 'setup-test',
      toAddress: to,
      subject: text.subject,
      textBody: text.body,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Meethuis-Test': 'mail-setup-check' },
      messageId: messageIdFor(config.MAIL_FROM),
      dueAt: now,
      createdAt: now,
    })
    .returning({ id: outbox.id })
    .get().id;
}
