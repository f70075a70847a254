/**
 * Faults, each ending in a retried, visible state that recovers on its own:
 * - the SMTP server refusing (4xx, 5xx), timing out (never greeting, never accepting the message)
 *   or down for a while — with the real outbox worker and the same pooled transport throughout;
 *   admins see it on /admin/uitgaande-mail (addresses masked) and can retry failed mail (audited);
 * - the database busy (another connection holding the write lock past busy_timeout) and the disk
 *   full (SQLITE_FULL through `PRAGMA max_page_count`): 503 with Retry-After — problem details for
 *   the API, a Dutch "probeer het later opnieuw" page for citizens — nothing stored half, and the
 *   same request succeeds once the database is available again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/api-keys';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDb, type Db } from '../src/db/client';
import { loadDemoJourneysIfEmpty } from '../src/journeys/demo-journeys';
import { maskAddress, maskErrorText } from '../src/mail/outbox-admin';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../src/mail/retry';
import { startOutboxWorker, type OutboxWorker } from '../src/jobs/outbox';
import { createMailTransport, type MailTransport, type SmtpTimeouts } from '../src/mail/transport';
import { nl } from '../src/texts';
import { projectRoot } from './helpers/child-server';
import { consistencyProblems } from './helpers/consistency';
import { unescapeHtml } from './helpers/html-text';
import { pause, SURVEY_ANSWERS } from './helpers/load';
import { TestSmtpServer } from './helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from './helpers/staff';
import { caseClosedEvent, createTestContext, tableCounts, TestClock, TEST_DATA_KEY, type TestContext } from './helpers/test-context';
import { surveyPathOf } from './helpers/survey-link';

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}


describe('SMTP faults, with the real outbox worker and one pooled transport', () => {
  let smtp: TestSmtpServer;
  let ctx: TestContext;
  let transport: MailTransport;
  let worker: OutboxWorker;
  let admin: (path: string, init?: RequestInit) => Promise<Response>;

  const mails = () =>
    ctx.db.$client.prepare(`SELECT id, status, attempts, last_error AS lastError, message_id AS messageId FROM outbox WHERE kind = 'invitation' ORDER BY id`).all() as {
      id: number;
      status: string;
      attempts: number;
      lastError: string | null;
      messageId: string;
    }[];
  const outboxPage = async () => {
    const response = await admin('/admin/uitgaande-mail');
    expect(response.status).toBe(200);
    return unescapeHtml(await response.text());
  };
  /** The number in a row of the counts table. */
  const countOnPage = (html: string, key: string) => Number(new RegExp(`data-count="${key}"[^>]*>\\s*(\\d+)`).exec(html)?.[1]);

  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
    ctx = createTestContext({ SMTP_URL: smtp.url });
    startWorker({ connectionMs: 3000, greetingMs: 3000, socketMs: 5000 });
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    await createStaff(ctx.db, ctx.clock, 'admin');
    await signIn();
  });
  /** The real worker with its own pooled transport to the test SMTP server. */
  function startWorker(timeouts: SmtpTimeouts) {
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM, timeouts });
    worker = startOutboxWorker(ctx.db, transport, ctx, { intervalMs: 50, onError: (error) => console.error('outbox round failed', error) });
  }
  /** (Again, after the clock moved past the session's lifetime.) */
  async function signIn() {
    const { cookie } = await login(ctx.app, 'admin@gemeente.test');
    const as = asStaff(ctx.app, cookie!);
    admin = async (path, init) => as(path, init);
  }
  afterEach(async () => {
    await worker.stop();
    transport.close();
    await smtp.stop().catch(() => {});
  });

  it('refusing for now (451): retried with backoff, shown to admins with the address masked, delivered once it accepts', async () => {
    smtp.mode = 'refuse-temporarily';
    const events = [caseClosedEvent(), caseClosedEvent()];
    for (const event of events) expect((await ctx.postEvent(event)).status).toBe(202);
    await until(() => mails().every((mail) => mail.attempts === 1), 'the first attempts');
    // Backoff: no second attempt before its time, however often the worker looks.
    await pause(300);
    expect(mails().map((mail) => [mail.status, mail.attempts])).toEqual([
      ['queued', 1],
      ['queued', 1],
    ]);
    expect(mails()[0]!.lastError).toMatch(/^451/);

    const page = await outboxPage();
    expect(countOnPage(page, 'retrying')).toBe(2);
    expect(countOnPage(page, 'sent')).toBe(0);
    expect(page).toContain('451');
    for (const event of events) {
      const address = (event.citizen as { email: string }).email;
      expect(page).not.toContain(address);
      expect(page).toContain(`${address[0]}•••@example.nl`);
    }
    expect(page).not.toMatch(/\/s\/[\w-]{20,}/);
    // Retrying is not stuck: the instance stays ready.
    expect((await ctx.app.request('/readyz')).status).toBe(200);

    smtp.mode = 'accept';
    ctx.clock.advanceMs(retryDelayMs(1));
    await smtp.waitFor(2);
    await until(() => mails().every((mail) => mail.status === 'sent'), 'both marked sent');
    expect(mails().map((mail) => [mail.attempts, mail.lastError])).toEqual([
      [2, null],
      [2, null],
    ]);
    const after = await outboxPage();
    expect(countOnPage(after, 'sent')).toBe(2);
    expect(after).toContain(nl.outboxAdmin.noProblems);
  });

  it('refusing for good (550): failed after the last attempt and shown; "retry failed now" is audited, sends what is still wanted', async () => {
    smtp.mode = 'refuse-permanently';
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await until(() => mails().every((mail) => mail.attempts === attempt), `attempt ${attempt}`);
      ctx.clock.advanceMs(retryDelayMs(attempt));
    }
    await pause(200);
    expect(mails().map((mail) => mail.status)).toEqual(['failed', 'failed']);
    expect(smtp.received).toHaveLength(0);
    await signIn();

    const page = await outboxPage();
    expect(countOnPage(page, 'failed')).toBe(2);
    expect(page).toContain('550');
    expect(page).toContain(nl.outboxAdmin.retryButton);
    expect(unescapeHtml(await (await admin('/admin')).text())).toContain(nl.outboxAdmin.overviewHint(0, 2));

    // One of the two invitations expired meanwhile: its mail is not wanted any more.
    const [first, second] = mails();
    ctx.db.$client.prepare(`UPDATE invitations SET status = 'expired' WHERE id = (SELECT invitation_id FROM outbox WHERE id = ?)`).run(second!.id);
    smtp.mode = 'accept';
    const retried = await admin('/admin/uitgaande-mail/opnieuw', { method: 'POST' });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('Location')).toBe('/admin/uitgaande-mail?opnieuw=1&geannuleerd=1');
    await smtp.waitFor(1);
    await until(() => mails()[0]!.status === 'sent', 'the retried mail to be sent');
    expect(mails().map((mail) => mail.status)).toEqual(['sent', 'cancelled']);
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([first!.messageId]);
    expect(unescapeHtml(await (await admin(retried.headers.get('Location')!)).text())).toContain(nl.outboxAdmin.retried(1, 1));

    const audits = ctx.db.$client.prepare(`SELECT actor, result, details FROM audit_log WHERE action = 'outbox.failed-retried'`).all() as { actor: string; result: string; details: string }[];
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: 'admin@gemeente.test', result: 'success' });
    expect(JSON.parse(audits[0]!.details)).toEqual({ requeued: 1, cancelled: 1 });
    // Nothing failed any more: the button is gone, a second post changes nothing.
    expect(await outboxPage()).toContain(nl.outboxAdmin.retryNone);
    expect((await admin('/admin/uitgaande-mail/opnieuw', { method: 'POST' })).headers.get('Location')).toBe('/admin/uitgaande-mail?opnieuw=0&geannuleerd=0');
  });

  it('down for a while: connection refused, retried by the same pooled transport, all delivered once it is back', async () => {
    for (let i = 0; i < 2; i++) expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    await smtp.waitFor(2);
    await smtp.stop();
    for (let i = 0; i < 3; i++) expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    await until(() => mails().filter((mail) => mail.status === 'queued').every((mail) => mail.attempts === 1), 'the first failed attempts');
    ctx.clock.advanceMs(retryDelayMs(1));
    await until(() => mails().filter((mail) => mail.status === 'queued').every((mail) => mail.attempts === 2), 'the second failed attempts');
    expect(mails().filter((mail) => mail.status === 'queued')).toHaveLength(3);
    expect(mails()[4]!.lastError).toMatch(/ECONNREFUSED/);
    expect(countOnPage(await outboxPage(), 'retrying')).toBe(3);

    await smtp.restart();
    ctx.clock.advanceMs(retryDelayMs(2));
    await smtp.waitFor(5);
    await until(() => mails().every((mail) => mail.status === 'sent'), 'all marked sent');
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(5);
  });

  it('timing out: a server that never greets and one that never accepts the message free the worker; the mail goes out later', async () => {
    // Short timeouts, so a hanging server costs this test a second or two, not the production 10–20 s.
    await worker.stop();
    transport.close();
    startWorker({ connectionMs: 1000, greetingMs: 1000, socketMs: 1500 });
    // A silent server on the SMTP port: accepts the connection, never says hello.
    await smtp.stop();
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(smtp.port, '127.0.0.1', resolve));
    try {
      expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
      await until(() => mails()[0]!.attempts === 1, 'the greeting timeout', 5000);
      expect(mails()[0]).toMatchObject({ status: 'queued' });
      expect(mails()[0]!.lastError).toMatch(/greeting|timeout/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    await smtp.restart();
    ctx.clock.advanceMs(retryDelayMs(1));
    await smtp.waitFor(1);
    await until(() => mails()[0]!.status === 'sent', 'the mail to be sent');

    // A server that takes the message but never answers it: the socket timeout gives up on it.
    smtp.acceptDelayMs = 4000;
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    await until(() => mails()[1]!.attempts === 1, 'the socket timeout', 5000);
    expect(mails()[1]!.status).toBe('queued');
    expect(mails()[1]!.lastError).toMatch(/timeout/i);
    smtp.acceptDelayMs = 0;
    ctx.clock.advanceMs(retryDelayMs(1));
    await until(() => mails()[1]!.status === 'sent', 'the mail to be sent after the timeout');
    // The slow server did accept the first copy in the end: the same mail twice, recognisably.
    await smtp.waitFor(3, 8000);
    expect(smtp.received.slice(1).map((mail) => mail.messageId)).toEqual([mails()[1]!.messageId, mails()[1]!.messageId]);
  });
});

describe('what admins see of a failure', () => {
  it('masks the address and other personal data an SMTP server quotes back', () => {
    expect(maskAddress('jan.jansen@example.nl')).toBe('j•••@example.nl');
    expect(maskAddress('geen-adres')).toBe('•••');
    const masked = maskErrorText('550 5.1.1 <jan.jansen@example.nl>: Recipient address rejected; call 06-12345678');
    expect(masked).not.toContain('jan.jansen');
    expect(masked).not.toContain('12345678');
    expect(masked).toMatch(/^550 5\.1\.1 <\[e-mailadres\]>: Recipient address rejected/);
  });
});

describe('database faults', () => {
  const dirs: string[] = [];
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The app on a database file, so a second connection can lock it and its size can be capped. */
  function fileContext() {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-faults-'));
    dirs.push(dir);
    const path = join(dir, 'meethuis.db');
    const config = loadConfig({ DATABASE_PATH: path, PUBLIC_URL: 'http://meethuis.test' });
    const db = openDb(path);
    open.push(db);
    const clock = new TestClock();
    loadDemoJourneysIfEmpty(db, clock);
    const { key } = createApiKey(db, 'test', clock);
    const app = createApp({ db, config, clock, addressHashKey: 'test-address-hash-key-with-enough-length', dataKey: TEST_DATA_KEY, mailbox: true });
    const postEvent = (body: unknown) =>
      app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    /** The survey path of an accepted event, from its queued mail. */
    const surveyPath = (invitationId: number) => surveyPathOf(db, invitationId);
    return { path, db, app, postEvent, surveyPath };
  }

  it('busy: another connection holds the write lock past busy_timeout → 503 with Retry-After, nothing stored, and it works again afterwards', async () => {
    const ctx = fileContext();
    const accepted = (await (await ctx.postEvent(caseClosedEvent())).json()) as { invitationId: number };
    const survey = ctx.surveyPath(accepted.invitationId);
    // This connection waits 200 ms for the lock instead of 5 s, so the test is quick; the behaviour is the same.
    ctx.db.$client.pragma('busy_timeout = 200');
    const other = new Database(ctx.path);
    const event = caseClosedEvent();
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('lock-holder', '1', 0)`).run();
      const before = tableCounts(ctx.db);

      const busy = await ctx.postEvent(event);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('Content-Type')).toBe('application/problem+json');
      expect(busy.headers.get('Retry-After')).toBe('5');
      expect(await busy.json()).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringMatching(/busy.*nothing was stored/) });

      const page = await ctx.app.request(survey, { method: 'POST', body: new URLSearchParams(SURVEY_ANSWERS) });
      expect(page.status).toBe(503);
      expect(page.headers.get('Retry-After')).toBe('5');
      const html = unescapeHtml(await page.text());
      expect(html).toContain(nl.errors.unavailableTitle);
      expect(html).toContain(nl.errors.unavailableBody);
      expect(html).not.toContain('SQLITE');
      expect(tableCounts(ctx.db)).toEqual(before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // The lock is gone: the same event is new (it was never stored), the survey is stored.
    expect(await (await ctx.postEvent(event)).json()).toMatchObject({ status: 'accepted' });
    expect((await ctx.app.request(survey, { method: 'POST', body: new URLSearchParams(SURVEY_ANSWERS) })).status).toBe(200);
    expect(consistencyProblems(ctx.db.$client)).toEqual([]);
  });

  it('busy for less than busy_timeout: the request waits for the lock and succeeds (write transactions begin IMMEDIATE)', async () => {
    const ctx = fileContext();
    ctx.db.$client.pragma('busy_timeout = 3000');
    // The key was just used: the next request only writes inside the ingest transaction.
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    // Another process (as the CLI would be) takes the write lock and holds it for 400 ms.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE');
         db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('lock-holder', '1', 0)").run();
         console.log('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);`,
        ctx.path,
      ],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const started = performance.now();
    const response = await ctx.postEvent(caseClosedEvent());
    const waited = performance.now() - started;
    await exited;
    expect(response.status).toBe(202);
    expect(waited).toBeGreaterThan(200);
    expect(consistencyProblems(ctx.db.$client)).toEqual([]);
  });

  it('disk full (SQLITE_FULL): 503 with Retry-After, the event not stored half, accepted once there is room again', async () => {
    const ctx = fileContext();
    // The database may not grow: the free room in its pages fills up, then writes fail.
    const pages = ctx.db.$client.pragma('page_count', { simple: true }) as number;
    ctx.db.$client.pragma(`max_page_count = ${pages}`);
    let refused: { event: ReturnType<typeof caseClosedEvent>; response: Response } | undefined;
    for (let i = 0; i < 500 && !refused; i++) {
      const event = caseClosedEvent();
      const response = await ctx.postEvent(event);
      if (response.status !== 202) refused = { event, response };
    }
    expect(refused, 'the database never filled up').toBeDefined();
    const { event, response } = refused!;
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('300');
    expect(await response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/full/) });
    expect(ctx.db.$client.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?').get(event.id)).toEqual({ n: 0 });
    expect(consistencyProblems(ctx.db.$client)).toEqual([]);

    ctx.db.$client.pragma('max_page_count = 1000000');
    expect(await (await ctx.postEvent(event)).json()).toMatchObject({ status: 'accepted' });
    expect(consistencyProblems(ctx.db.$client)).toEqual([]);
  });
});
