/**
 * Bounces read from an IMAP mailbox (BOUNCE_IMAP_URL) against a real IMAP server the test starts:
 * every unseen message reaches the handler with its exact bytes and the addresses it was delivered
 * to (from the header only); handled ones leave the inbox, ignored ones stay there read, a
 * message the handler fails on stays unread for the next round; wrong credentials say so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli-group';
import { ConfigError, loadConfig } from '../../src/config';
import { lastJobRuns } from '../../src/job-runs';
import { readBouncesCommand } from '../../src/mail/cli-commands';
import { deliveryRecipients, PROCESSED_FOLDER, readBounceMailbox, type BounceHandler, type BounceMessage } from '../../src/mail/bounce-mailbox';
import { IMAP_PLUGINS, startImapServer, type TestImapServer } from '../helpers/imap';
import { createTestContext } from '../helpers/test-context';

const crlf = (lines: string[]) => lines.join('\r\n');

/** A standard DSN (RFC 3464): user unknown, delivered to the tagged bounce address. */
const hardBounce = crlf([
  'Return-Path: <>',
  'Delivered-To: bounces+abc@gemeente.test',
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>',
  'To: bounces+abc@gemeente.test',
  'Subject: Undelivered Mail Returned to Sender',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="grens"',
  '',
  '--grens',
  'Content-Type: text/plain',
  '',
  'Delivered-To: not-a-header@example.nl',
  '--grens',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.nl',
  '',
  'Final-Recipient: rfc822; jan@example.nl',
  'Action: failed',
  'Status: 5.1.1',
  '--grens--',
  '',
]);

/** Delivered by a server that only adds X-Original-To (Postfix), to a group without addresses. */
const softBounce = crlf([
  'X-Original-To: bounces+def@gemeente.test',
  'From: postmaster@example.nl',
  'To: undisclosed-recipients:;',
  'Subject: Delivery delayed: mailbox full',
  '',
  'Status: 4.2.2 jan@example.nl',
  '',
]);

/** An out-of-office reply: not a bounce at all. */
const outOfOffice = crlf([
  'Delivered-To: bounces+ghi@gemeente.test',
  'From: Piet <piet@example.nl>',
  'To: "Gemeente, meethuis" <bounces+ghi@gemeente.test>, onderzoek@gemeente.test',
  'Cc: BOUNCES+GHI@gemeente.test',
  'Subject: Afwezig',
  'Auto-Submitted: auto-replied',
  '',
  'Ik ben tot maandag afwezig.',
  '',
]);

/** What a handler decides from the message, as handleBounce would (by the DSN's status). */
const classify = (raw: string): 'hard' | 'soft' | 'ignored' => (/Status: 5\./.test(raw) ? 'hard' : /Status: 4\./.test(raw) ? 'soft' : 'ignored');

function recordingHandler(options: { failOn?: string } = {}) {
  const calls: BounceMessage[] = [];
  const handle: BounceHandler = async (message) => {
    calls.push(message);
    const raw = message.raw.toString('utf8');
    if (options.failOn && raw.includes(options.failOn)) throw new Error('database is locked');
    return { status: classify(raw) };
  };
  return { calls, handle };
}

const servers: TestImapServer[] = [];
async function server(raws: string[], options?: { plugins?: string[] }) {
  const started = await startImapServer(raws, options);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

const subjects = (messages: { raw: string; flags: string[] }[] | undefined) =>
  (messages ?? []).map((message) => ({ subject: /^Subject: (.*)$/m.exec(message.raw)?.[1]?.trim(), seen: message.flags.includes('\\Seen') }));

describe('readBounceMailbox', () => {
  it('gives each unseen message to the handler with its bytes and delivery addresses, moves the handled ones and leaves the ignored one read', async () => {
    const imap = await server([hardBounce, softBounce, outOfOffice]);
    const { calls, handle } = recordingHandler();

    expect(await readBounceMailbox(imap.url, handle)).toEqual({ read: 3, hard: 1, soft: 1, ignored: 1, failed: 0 });

    expect(calls.map((call) => call.raw.toString('utf8'))).toEqual([hardBounce, softBounce, outOfOffice]);
    expect(calls.map((call) => call.recipients)).toEqual([
      ['bounces+abc@gemeente.test'],
      ['bounces+def@gemeente.test'],
      ['bounces+ghi@gemeente.test', 'onderzoek@gemeente.test'],
    ]);
    expect(subjects(imap.messages('INBOX'))).toEqual([{ subject: 'Afwezig', seen: true }]);
    expect(subjects(imap.messages(PROCESSED_FOLDER))).toEqual([
      { subject: 'Undelivered Mail Returned to Sender', seen: true },
      { subject: 'Delivery delayed: mailbox full', seen: true },
    ]);

    // A second round finds nothing new.
    expect(await readBounceMailbox(imap.url, handle)).toEqual({ read: 0, hard: 0, soft: 0, ignored: 0, failed: 0 });
    expect(calls).toHaveLength(3);
  });

  it('moves by COPY on a server without MOVE', async () => {
    const imap = await server([hardBounce], { plugins: IMAP_PLUGINS.filter((plugin) => plugin !== 'MOVE') });
    await readBounceMailbox(imap.url, recordingHandler().handle);
    expect(subjects(imap.messages('INBOX'))).toEqual([]);
    expect(subjects(imap.messages(PROCESSED_FOLDER))).toEqual([{ subject: 'Undelivered Mail Returned to Sender', seen: true }]);
  });

  it('leaves handled messages read in the inbox when the server does not let it create the folder', async () => {
    const imap = await server([hardBounce, outOfOffice]);
    imap.refuseCreate();
    const { calls, handle } = recordingHandler();
    expect(await readBounceMailbox(imap.url, handle)).toMatchObject({ read: 2, hard: 1, ignored: 1 });
    expect(imap.messages(PROCESSED_FOLDER)).toBeUndefined();
    expect(subjects(imap.messages('INBOX'))).toEqual([
      { subject: 'Undelivered Mail Returned to Sender', seen: true },
      { subject: 'Afwezig', seen: true },
    ]);
    expect((await readBounceMailbox(imap.url, handle)).read).toBe(0);
    expect(calls).toHaveLength(2);
  });

  it('a message the handler fails on stays unread and comes again next round; the others are handled', async () => {
    const imap = await server([hardBounce, softBounce, outOfOffice]);
    const failing = recordingHandler({ failOn: 'mailbox full' });
    expect(await readBounceMailbox(imap.url, failing.handle)).toEqual({ read: 3, hard: 1, soft: 0, ignored: 1, failed: 1 });
    expect(subjects(imap.messages('INBOX'))).toEqual([
      { subject: 'Delivery delayed: mailbox full', seen: false },
      { subject: 'Afwezig', seen: true },
    ]);

    const next = recordingHandler();
    expect(await readBounceMailbox(imap.url, next.handle)).toEqual({ read: 1, hard: 0, soft: 1, ignored: 0, failed: 0 });
    expect(next.calls.map((call) => call.recipients)).toEqual([['bounces+def@gemeente.test']]);
    expect(subjects(imap.messages('INBOX'))).toEqual([{ subject: 'Afwezig', seen: true }]);
  });

  it('reads the mailbox the URL names, and says so when it does not exist', async () => {
    const imap = await server([hardBounce]);
    const { calls, handle } = recordingHandler();
    await expect(readBounceMailbox(imap.url.replace(/INBOX$/, 'Bounces'), handle)).rejects.toThrow(/bounce mailbox "Bounces" at 127\.0\.0\.1:\d+ failed/);
    expect(calls).toEqual([]);
    expect(subjects(imap.messages('INBOX'))).toEqual([{ subject: 'Undelivered Mail Returned to Sender', seen: false }]);
    // Without a path: INBOX.
    expect((await readBounceMailbox(imap.url.replace(/\/INBOX$/, ''), handle)).read).toBe(1);
  });

  it('a wrong password or an unreachable server is a clear error that does not repeat the password', async () => {
    const imap = await server([hardBounce]);
    const { calls, handle } = recordingHandler();
    const wrong = imap.url.replace('geheim%20wachtwoord', 'verkeerd');
    const refused = await readBounceMailbox(wrong, handle).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/bounce mailbox at 127\.0\.0\.1:\d+ refused the login: check the user and password in BOUNCE_IMAP_URL/);
    expect((refused as Error).message).not.toContain('verkeerd');

    await imap.close();
    servers.splice(0);
    await expect(readBounceMailbox(imap.url, handle, { timeoutMs: 2_000 })).rejects.toThrow(
      new RegExp(`Could not connect to the bounce mailbox at 127\\.0\\.0\\.1:${imap.port} \\(ECONNREFUSED\\)`),
    );
    expect(calls).toEqual([]);
  });
});

describe('npm run cli -- mail bounces', () => {
  it('reads the mailbox once and prints the counts; a dry run changes nothing and keeps no run', async () => {
    const imap = await server([hardBounce, softBounce, outOfOffice]);
    const ctx = createTestContext({ BOUNCE_IMAP_URL: imap.url });
    const { calls, handle } = recordingHandler();
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);

    await readBouncesCommand(ctx, handle, { dryRun: true, clock: ctx.clock, print });
    expect(calls).toHaveLength(3);
    expect(lines).toEqual(['Bounce mailbox: 3 new message(s): 1 hard bounce(s), 1 soft, 1 not a bounce.', 'Dry run: nothing was marked read, moved or recorded.']);
    expect(subjects(imap.messages('INBOX')).map((message) => message.seen)).toEqual([false, false, false]);
    expect(lastJobRuns(ctx.db).has('bounce-mailbox')).toBe(false);

    lines.length = 0;
    await readBouncesCommand(ctx, handle, { dryRun: false, clock: ctx.clock, print });
    expect(lines).toEqual(['Bounce mailbox: 3 new message(s): 1 hard bounce(s), 1 soft, 1 not a bounce.']);
    expect(subjects(imap.messages('INBOX'))).toEqual([{ subject: 'Afwezig', seen: true }]);
    expect(lastJobRuns(ctx.db).get('bounce-mailbox')).toMatchObject({ rows: 3, complete: true, trigger: 'cli', startedAt: ctx.clock.now().toISOString() });
    expect(lines.join('\n')).not.toMatch(/@/);
  });

  it('without BOUNCE_IMAP_URL says what to set', async () => {
    const ctx = createTestContext();
    await expect(readBouncesCommand(ctx, recordingHandler().handle, { dryRun: false })).rejects.toThrow(CliUsageError);
    await expect(readBouncesCommand(ctx, recordingHandler().handle, { dryRun: false })).rejects.toThrow(/set BOUNCE_IMAP_URL/);
  });
});

describe('deliveryRecipients', () => {
  it('reads the delivery headers first, then To and Cc, each address once, never the body', () => {
    const raw = Buffer.from(
      crlf([
        'To: Iemand <iemand@gemeente.test>',
        'Delivered-To: bounces+one@gemeente.test',
        'Envelope-To: bounces+two@gemeente.test,',
        ' bounces+three@gemeente.test',
        'delivered-to: BOUNCES+ONE@gemeente.test',
        'Cc: Lijst: a@gemeente.test, b@gemeente.test;',
        '',
        'Delivered-To: body@example.nl',
      ]),
    );
    expect(deliveryRecipients(raw)).toEqual([
      'bounces+one@gemeente.test',
      'bounces+two@gemeente.test',
      'bounces+three@gemeente.test',
      'iemand@gemeente.test',
      'a@gemeente.test',
      'b@gemeente.test',
    ]);
    expect(deliveryRecipients(Buffer.from('Subject: geen adres\n\nTo: x@example.nl\n'))).toEqual([]);
  });
});

describe('BOUNCE_IMAP_URL', () => {
  const load = (url: string) => loadConfig({ BOUNCE_IMAP_URL: url });

  it('takes imap:// and imaps:// URLs with a user; empty means no bounce mailbox', () => {
    expect(load('imaps://bounces%40gemeente.nl:p%2Fw@mail.gemeente.nl:993/INBOX').BOUNCE_IMAP_URL).toBe('imaps://bounces%40gemeente.nl:p%2Fw@mail.gemeente.nl:993/INBOX');
    expect(load('imap://bounces:pw@localhost/Bounces').BOUNCE_IMAP_URL).toBe('imap://bounces:pw@localhost/Bounces');
    expect(load('').BOUNCE_IMAP_URL).toBeUndefined();
  });

  it('refuses another scheme and a URL without a user, naming the setting', () => {
    for (const [url, message] of [
      ['https://bounces:pw@mail.gemeente.nl', 'BOUNCE_IMAP_URL: must be an imap:// or imaps:// URL'],
      ['geen url', 'BOUNCE_IMAP_URL: must be an imap:// or imaps:// URL'],
      ['imaps://mail.gemeente.nl:993/INBOX', 'BOUNCE_IMAP_URL: must name the mailbox user'],
    ]) {
      expect(() => load(url!), url).toThrow(ConfigError);
      expect(() => load(url!), url).toThrow(message);
    }
    // The message names the setting, never the password in it.
    expect(() => load('ftp://bounces:secret-pw@mail.gemeente.nl')).toThrow(/^(?![\s\S]*secret-pw)[\s\S]*BOUNCE_IMAP_URL/);
  });
});
