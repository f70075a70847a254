import { ImapFlow } from 'imapflow';
import addressparser, { type Address } from 'nodemailer/lib/addressparser';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { recordJobRun } from '../job-runs';

/** A mail from the bounce mailbox, as the bounce handler gets it. */
export interface BounceMessage {
  /** The whole message as the server keeps it. */
  raw: Buffer;
  /** Addresses the mail was delivered to, most trustworthy first (see deliveryRecipients). */
  recipients: string[];
}

/** Classifies a bounce and marks its invitation (src/mail/bounces.ts); throws when it could not. */
export type BounceHandler = (message: BounceMessage) => Promise<{ status: 'hard' | 'soft' | 'ignored' }>;

export interface BounceMailboxReport {
  read: number;
  hard: number;
  soft: number;
  ignored: number;
  /** Messages whose handler threw: left unread, so the next round tries them again. */
  failed: number;
}

/** Handled bounces are moved here, so the mailbox shows what is still to look at. */
export const PROCESSED_FOLDER = 'meethuis-verwerkt';
export const BOUNCE_MAILBOX_JOB = 'bounce-mailbox';
/** Whole messages are held in memory per batch: a bounce with its original attached is small, spam may not be. */
const BATCH_SIZE = 20;
/** Headers the receiving server adds on delivery come first; To and Cc are what the sender wrote. */
const RECIPIENT_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to', 'to', 'cc'];
const MAX_HEADER_BYTES = 256 * 1024;

interface MailboxTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** imap://user:pass@host:143/INBOX or imaps://…:993/…; user and password URL-encoded, the path names the mailbox. */
export function parseBounceMailboxUrl(url: string): MailboxTarget {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  if (!secure && parsed.protocol !== 'imap:') throw new Error('BOUNCE_IMAP_URL must start with imap:// or imaps://');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/**
 * The addresses a message was delivered to, read from its header only (the body of a bounce is
 * whatever a remote server wrote): Delivered-To, X-Original-To and Envelope-To as the receiving
 * server added them, then To and Cc. Each address once, in that order.
 */
export function deliveryRecipients(raw: Buffer): string[] {
  const head = raw.subarray(0, headerEnd(raw)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const field = /^([!-9;-~]+):(.*)$/.exec(line);
    if (!field) continue;
    const name = field[1]!.toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), field[2]!.trim()]);
  }
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const name of RECIPIENT_HEADERS) {
    for (const value of fields.get(name) ?? []) {
      for (const address of mailboxesOf(addressparser(value, { flatten: true }))) {
        const key = address.toLowerCase();
        if (!address.includes('@') || seen.has(key)) continue;
        seen.add(key);
        recipients.push(address);
      }
    }
  }
  return recipients;
}

function headerEnd(raw: Buffer): number {
  const limit = Math.min(raw.length, MAX_HEADER_BYTES);
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((index) => index >= 0 && index < limit);
  return ends.length ? Math.min(...ends) : limit;
}

const mailboxesOf = (addresses: Address[]): string[] => addresses.flatMap((entry) => (entry.group ? mailboxesOf(entry.group) : [entry.address]));

/**
 * One round over the bounce mailbox: every message not yet \Seen is given to `handle` with its
 * whole source; then it is flagged \Seen, and a hard or soft bounce is moved to PROCESSED_FOLDER
 * (created when missing; when that is not allowed it stays \Seen where it is). An ignored message
 * stays \Seen in place for an admin to look at. A message whose handler throws stays unseen and
 * comes again next round. Nothing of a message (content or address) is logged or put in an error.
 * With `dryRun` no message is flagged or moved (the handler given should then only classify).
 */
export async function readBounceMailbox(
  url: string,
  handle: BounceHandler,
  options: { timeoutMs?: number; signal?: AbortSignal; dryRun?: boolean } = {},
): Promise<BounceMailboxReport> {
  const target = parseBounceMailboxUrl(url);
  const where = `${target.host}:${target.port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  // Failures reach us as rejected commands; an 'error' event without a listener would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw new Error(
      isAuthenticationFailure(error)
        ? `The bounce mailbox at ${where} refused the login: check the user and password in BOUNCE_IMAP_URL`
        : `Could not connect to the bounce mailbox at ${where} (${describe(error)}): check the host, port and imap/imaps in BOUNCE_IMAP_URL`,
    );
  }
  try {
    return await readMessages(client, target.mailbox, handle, options);
  } catch (error) {
    throw new Error(`Reading the bounce mailbox "${target.mailbox}" at ${where} failed (${describe(error)})`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function readMessages(
  client: ImapFlow,
  mailbox: string,
  handle: BounceHandler,
  { signal, dryRun = false }: { signal?: AbortSignal; dryRun?: boolean },
): Promise<BounceMailboxReport> {
  const report: BounceMailboxReport = { read: 0, hard: 0, soft: 0, ignored: 0, failed: 0 };
  const lock = await client.getMailboxLock(mailbox, { readOnly: dryRun });
  try {
    const unseen = (await client.search({ seen: false }, { uid: true })) || [];
    let folder: Promise<string | undefined> | undefined;
    for (let start = 0; start < unseen.length && !signal?.aborted; start += BATCH_SIZE) {
      const messages = await client.fetchAll(unseen.slice(start, start + BATCH_SIZE), { uid: true, source: true }, { uid: true });
      const handled: number[] = [];
      const ignored: number[] = [];
      for (const message of messages) {
        if (!message.source) continue;
        report.read++;
        try {
          const { status } = await handle({ raw: message.source, recipients: deliveryRecipients(message.source) });
          report[status]++;
          (status === 'ignored' ? ignored : handled).push(message.uid);
        } catch {
          report.failed++;
        }
      }
      if (dryRun) continue;
      // Flagged per batch: a crash before this hands a message to the handler again, which marks it again.
      if (handled.length + ignored.length > 0) await client.messageFlagsAdd([...handled, ...ignored], ['\\Seen'], { uid: true });
      if (handled.length === 0) continue;
      folder ??= processedFolder(client);
      const path = await folder;
      if (path) await client.messageMove(handled, path, { uid: true }).catch(() => undefined);
    }
  } finally {
    lock.release();
  }
  return report;
}

/** The folder for handled bounces, created when missing; undefined when the server does not allow it. */
async function processedFolder(client: ImapFlow): Promise<string | undefined> {
  const existing = (await client.list()).find((box) => box.name === PROCESSED_FOLDER);
  if (existing) return existing.path;
  return client.mailboxCreate(PROCESSED_FOLDER).then(
    (created) => created.path,
    () => undefined,
  );
}

const isAuthenticationFailure = (error: unknown) => (error as { authenticationFailed?: boolean } | undefined)?.authenticationFailed === true;

/** A code or short message of an IMAP or network error: never the message being read. */
function describe(error: unknown): string {
  const { code, responseText } = (error ?? {}) as { code?: unknown; responseText?: unknown };
  if (typeof code === 'string') return code;
  if (typeof responseText === 'string' && responseText) return responseText.slice(0, 200);
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}

/**
 * A round as a job run (src/job-runs.ts): kept under BOUNCE_MAILBOX_JOB with its counts, so the
 * admin sees when the mailbox was last read and why it failed. Throws what the round threw, and
 * when a handler failed, so the poller's status (and /readyz) shows it too.
 */
export async function readBounceMailboxAsJob(
  deps: { db: Db; clock: Clock; url: string },
  handle: BounceHandler,
  options: { trigger: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<BounceMailboxReport> {
  const startedAt = deps.clock.now();
  const started = performance.now();
  let report: BounceMailboxReport | undefined;
  let error: string | null = null;
  try {
    report = await readBounceMailbox(deps.url, handle, options);
    if (report.failed > 0) error = `${report.failed} message(s) could not be handled; they stay unread and are tried again next round`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const finishedAt = deps.clock.now();
  recordJobRun(
    deps.db,
    BOUNCE_MAILBOX_JOB,
    {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      rows: report?.read ?? 0,
      durationMs: Math.round(performance.now() - started),
      complete: error === null,
      error,
      trigger: options.trigger,
    },
    finishedAt,
  );
  if (error !== null) throw new Error(error);
  return report!;
}
