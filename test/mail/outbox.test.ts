import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../src/mail/retry';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { expireInvitations } from '../../src/invitations/invitations';
import { surveyLink, TestSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const outboxRows = (ctx: TestContext) =>
  ctx.db.$client.prepare('SELECT kind, status, attempts, last_error, text_body FROM outbox ORDER BY id').all() as {
    kind: string;
    status: string;
    attempts: number;
    last_error: string | null;
    text_body: string | null;
  }[];

describe('the durable outbox against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let ctx: TestContext;
  let transport: MailTransport;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.mode = 'accept';
    ctx = createTestContext({ SMTP_URL: smtp.url });
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  });
  afterEach(() => transport.close());

  const deliver = () => deliverDueMails(ctx.db, transport, ctx);

  it('keeps a refused mail queued, retries it with backoff and delivers it once the server accepts', async () => {
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    smtp.mode = 'refuse-temporarily';

    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    expect(outboxRows(ctx)[0]).toMatchObject({ kind: 'invitation', status: 'queued', attempts: 1 });
    expect(outboxRows(ctx)[0]!.last_error).toMatch(/451/);

    // Not due again before its backoff has passed.
    smtp.mode = 'accept';
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 0 });
    ctx.clock.advanceMs(retryDelayMs(1));
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);

    // Sent is final: more rounds never send it again.
    ctx.clock.advanceMs(60 * 60 * 1000);
    await deliver();
    expect(smtp.received).toHaveLength(1);
    // Once a real server has the mail, its personal link is no longer kept in the database.
    expect(outboxRows(ctx)[0]).toMatchObject({ status: 'sent', attempts: 2, last_error: null, text_body: null });
  });

  it('survives the server being down for a while and sends everything when it is back', async () => {
    for (let i = 0; i < 3; i++) expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    await smtp.stop();
    transport.close();
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });

    for (let round = 1; round <= 3; round++) {
      expect(await deliver()).toMatchObject({ sent: 0, retrying: 3 });
      ctx.clock.advanceMs(retryDelayMs(round));
    }
    expect(outboxRows(ctx).filter((row) => row.kind === 'invitation').map((row) => row.attempts)).toEqual([3, 3, 3]);
    expect(outboxRows(ctx)[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);

    await smtp.restart();
    expect(await deliver()).toMatchObject({ sent: 3 });
    await smtp.waitFor(3);
    const addresses = smtp.received.map((mail) => (mail.to as { value: { address: string }[] }).value[0]!.address);
    expect(new Set(addresses).size).toBe(3);
  });

  it('gives up after the last attempt and shows the mail as failed', async () => {
    await ctx.postEvent(caseClosedEvent());
    smtp.mode = 'refuse-permanently';
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await deliver();
      ctx.clock.advanceMs(retryDelayMs(attempt));
    }
    expect(outboxRows(ctx)[0]).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(outboxRows(ctx)[0]!.last_error).toMatch(/550/);
    smtp.mode = 'accept';
    ctx.clock.advanceDays(1);
    await deliver();
    expect(smtp.received).toHaveLength(0);
  });

  it('sends one reminder after 5 days to an unanswered invitation, with the same link', async () => {
    await ctx.postEvent(caseClosedEvent());
    await deliver();
    ctx.clock.advanceDays(4.9);
    expect(await deliver()).toMatchObject({ sent: 0 });
    ctx.clock.advanceDays(0.2);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const [invitation, reminder] = await smtp.waitFor(2);
    expect(reminder!.subject).toMatch(/^Herinnering/);
    expect(surveyLink(reminder!)).toBe(surveyLink(invitation!));
    ctx.clock.advanceDays(10);
    await deliver();
    expect(smtp.received).toHaveLength(2);
  });

  it('renders a reminder only as it sends it: refused, it stays without bodies and with its link; accepted, neither stays', async () => {
    await ctx.postEvent(caseClosedEvent());
    await deliver();
    const [invitation] = await smtp.waitFor(1);
    const reminderRow = () =>
      ctx.db.$client.prepare("SELECT status, attempts, text_body, html_body, link_token FROM outbox WHERE kind = 'reminder'").get() as Record<string, unknown>;
    const token = new URL(surveyLink(invitation!)).pathname.split('/').pop();

    ctx.clock.advanceDays(5);
    smtp.mode = 'refuse-temporarily';
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    expect(reminderRow()).toEqual({ status: 'queued', attempts: 1, text_body: null, html_body: null, link_token: token });

    smtp.mode = 'accept';
    ctx.clock.advanceMs(retryDelayMs(1));
    expect(await deliver()).toMatchObject({ sent: 1 });
    const [, reminder] = await smtp.waitFor(2);
    expect(surveyLink(reminder!)).toBe(surveyLink(invitation!));
    expect(reminderRow()).toEqual({ status: 'sent', attempts: 2, text_body: null, html_body: null, link_token: null });
  });

  it('counts a reminder that cannot be rendered as a failed attempt of that mail alone; the rest of the round is sent', async () => {
    await ctx.postEvent(caseClosedEvent());
    // A row no code writes: a reminder with a link but no invitation to render it from.
    ctx.db.$client
      .prepare(
        "INSERT INTO outbox (kind, to_address, subject, headers, message_id, status, attempts, due_at, created_at, link_token) VALUES ('reminder', 'jan@example.nl', 'Herinnering', '{}', '<orphan@meethuis.test>', 'queued', 0, ?, ?, ?)",
      )
      .run(ctx.clock.now().getTime(), ctx.clock.now().getTime(), 'x'.repeat(43));
    expect(await deliver()).toMatchObject({ sent: 1, retrying: 1 });
    await smtp.waitFor(1);
    const orphan = ctx.db.$client.prepare("SELECT status, attempts, last_error FROM outbox WHERE message_id = '<orphan@meethuis.test>'").get();
    expect(orphan).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/no invitation/) });
  });

  it('sends no reminder once the survey is answered, and expires unanswered invitations after 30 days', async () => {
    await ctx.postEvent(caseClosedEvent());
    await ctx.postEvent(caseClosedEvent());
    await deliver();
    const [first, second] = await smtp.waitFor(2);
    const answered = await ctx.app.request(new URL(surveyLink(first!)).pathname, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '1', 'feeling-balie': '2', 'feeling-ophalen': '0', grade: '8', effort: '6' }),
    });
    expect(answered.status).toBe(200);

    ctx.clock.advanceDays(6);
    expect(await deliver()).toMatchObject({ sent: 1 });
    await smtp.waitFor(3);
    expect(smtp.received[2]!.subject).toMatch(/^Herinnering/);
    expect(surveyLink(smtp.received[2]!)).toBe(surveyLink(second!));

    ctx.clock.advanceDays(25);
    expect(expireInvitations(ctx.db, ctx.clock)).toBe(1);
    const expired = await ctx.app.request(new URL(surveyLink(second!)).pathname);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('verlopen');
  });
});

describe('the outbox while another process holds the write lock', () => {
  it('fails the round, without an unhandled rejection that would end the server, when the marks cannot be written; the next round sends', async () => {
    const smtp = await new TestSmtpServer().start();
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-outbox-lock-'));
    const ctx = createTestContext({ SMTP_URL: smtp.url, DATABASE_PATH: join(dir, 'm.db') });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < 12; i++) expect((await ctx.postEvent(caseClosedEvent({ citizen: { email: `lock${i}@example.nl` } }))).status).toBe(202);
      // Slow acceptance keeps mails in flight after the first marks are due (MARK_EVERY_MS).
      smtp.acceptDelayMs = 60;
      // Another process (a CLI import, the demo) holds the write lock; no waiting for it here.
      const other = new Database(join(dir, 'm.db'));
      other.exec('BEGIN IMMEDIATE');
      other.prepare('DELETE FROM settings WHERE 0').run();
      ctx.db.$client.pragma('busy_timeout = 0');
      await expect(deliverDueMails(ctx.db, transport, ctx)).rejects.toThrow(/locked|busy/i);
      // Give any stray rejection the turns it needs to be reported.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
      other.exec('COMMIT');
      other.close();
      // Accepted but not marked: sent again with the same Message-ID (at least once, docs/operations.md).
      expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ sent: 12 });
      expect(outboxRows(ctx).filter((row) => row.kind === 'invitation').every((row) => row.status === 'sent')).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      transport.close();
      await smtp.stop();
      ctx.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
