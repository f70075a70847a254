/**
 * /readyz: 200 only when the database takes a committed write, every migration in the journal is
 * applied, no queued mail is stuck past its next attempt and every background job (the outbox
 * worker among them) makes its rounds; otherwise 503 naming each failing check. /healthz stays a plain "alive".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { openDb, type Db } from '../../src/db/client';
import { HEARTBEAT_KEY } from '../../src/health/readiness';
import { startJobs, type Jobs } from '../../src/jobs';
import { startOutboxWorker, type OutboxWorker } from '../../src/jobs/outbox';
import type { JobStatus } from '../../src/jobs/poller';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { OUTBOX_OVERDUE_MS } from '../../src/mail/retry';
import { createMailTransport } from '../../src/mail/transport';
import { mailTemplates } from '../../views/mail';
import { TestSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext, TestClock, TEST_DATA_KEY } from '../helpers/test-context';

interface ReadyBody {
  status: 'ready' | 'not-ready';
  failing: string[];
  checks: Record<string, { ok: boolean; detail: string; [key: string]: unknown }>;
}

async function readyz(app: { request: (path: string) => Response | Promise<Response> }) {
  const response = await app.request('/readyz');
  return { status: response.status, body: (await response.json()) as ReadyBody, response };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The app on a database file (a second connection can lock it), optionally with a real outbox worker or with the jobs given. */
function appOnFile(options: { worker?: (db: Db, clock: TestClock, config: Config) => OutboxWorker; jobs?: (db: Db, clock: TestClock, config: Config) => Pick<Jobs, 'statuses'> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'meethuis-readyz-'));
  dirs.push(dir);
  const path = join(dir, 'meethuis.db');
  const config = loadConfig({ DATABASE_PATH: path, PUBLIC_URL: 'http://meethuis.test' });
  const db = openDb(path);
  const clock = new TestClock();
  loadDemoJourneysIfEmpty(db, clock);
  const worker = options.worker?.(db, clock, config);
  const jobs = options.jobs?.(db, clock, config) ?? (worker && { statuses: () => [worker.status()] });
  const app = createApp({ db, config, clock, addressHashKey: 'test-address-hash-key-with-enough-length', dataKey: TEST_DATA_KEY, mailbox: true, jobs });
  return { path, db, clock, app, worker };
}

describe('/readyz', () => {
  const opened: Db[] = [];
  const workers: OutboxWorker[] = [];
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
  });

  it('answers 200 for anyone, without a login, when everything is in order; /healthz stays alive-only', async () => {
    const ctx = createTestContext();
    const { status, body, response } = await readyz(ctx.app);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.failing).toEqual([]);
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'migrations', 'outbox']);
    expect(body.checks.migrations).toMatchObject({ ok: true });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    // The write was real: a heartbeat row, updated on every probe.
    const heartbeat = () => ctx.db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(HEARTBEAT_KEY) as { value: string } | undefined;
    expect(JSON.parse(heartbeat()!.value)).toBe(ctx.clock.now().toISOString());
    ctx.clock.advanceMs(1000);
    await readyz(ctx.app);
    expect(JSON.parse(heartbeat()!.value)).toBe(ctx.clock.now().toISOString());
    expect((await ctx.app.request('/readyz', { method: 'HEAD' })).status).toBe(200);
    expect(await (await ctx.app.request('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('names the migrations check when a migration in the journal is not applied', async () => {
    const ctx = createTestContext();
    // drizzle's table: (id SERIAL, hash, created_at = the journal's "when"); take out the newest.
    const last = ctx.db.$client.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as {
      hash: string;
      created_at: number;
    };
    ctx.db.$client.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(last.created_at);
    const { status, body } = await readyz(ctx.app);
    expect(status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.failing).toEqual(['migrations']);
    expect(body.checks.migrations!.detail).toBe('1 migration(s) not applied');
    ctx.db.$client.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(last.hash, last.created_at);
    expect((await readyz(ctx.app)).status).toBe(200);
  });

  it('names the outbox when a queued mail is more than 15 minutes past its next attempt, not while it waits for a retry', async () => {
    const smtp = await new TestSmtpServer().start();
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    try {
      expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
      ctx.clock.advanceMs(OUTBOX_OVERDUE_MS - 60_000);
      expect((await readyz(ctx.app)).status).toBe(200);
      ctx.clock.advanceMs(2 * 60_000);
      const stuck = await readyz(ctx.app);
      expect(stuck.status).toBe(503);
      expect(stuck.body.failing).toEqual(['outbox']);
      expect(stuck.body.checks.outbox).toMatchObject({ ok: false, overdue: 1, oldestOverdueMinutes: 16 });

      // The SMTP server refuses: the mail is rescheduled with backoff — retrying is not stuck.
      smtp.mode = 'refuse-temporarily';
      expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ retrying: 1 });
      expect((await readyz(ctx.app)).status).toBe(200);
      smtp.mode = 'accept';
      ctx.clock.advanceMs(60 * 60_000);
      expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ sent: 1 });
      expect((await readyz(ctx.app)).status).toBe(200);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });

  it('names the database when another connection holds the write lock, answers within about a second, and recovers', async () => {
    const { path, db, app } = appOnFile();
    opened.push(db);
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      const locked = await readyz(app);
      const elapsed = performance.now() - started;
      expect(locked.status).toBe(503);
      expect(locked.body.failing).toEqual(['database']);
      expect(locked.body.checks.database).toMatchObject({ ok: false, code: 'SQLITE_BUSY' });
      expect(elapsed).toBeGreaterThan(900);
      expect(elapsed).toBeLessThan(3000);
      // The app's own patience is unchanged by the probe.
      expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
      other.exec('ROLLBACK');
      expect((await readyz(app)).status).toBe(200);
    } finally {
      other.close();
    }
  });

  it('checks the outbox worker: ready while it makes its rounds, not when it stopped or its timer died', async () => {
    const running = appOnFile({ worker: (db, clock, config) => startOutboxWorker(db, createMailTransport({ from: 'meethuis <noreply@meethuis.test>' }), { clock, config, mail: mailTemplates }, { intervalMs: 60_000 }) });
    opened.push(running.db);
    workers.push(running.worker!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fresh = await readyz(running.app);
    expect(fresh.status).toBe(200);
    expect(fresh.body.checks.outboxWorker).toMatchObject({ ok: true });

    // Rounds come every minute; ten missed ones mean the timer is gone.
    running.clock.advanceMs(11 * 60_000);
    const stale = await readyz(running.app);
    expect(stale.status).toBe(503);
    expect(stale.body.failing).toEqual(['outboxWorker']);
    expect(stale.body.checks.outboxWorker!.detail).toMatch(/no delivery round for 660 s/);

    await running.worker!.stop();
    const stopped = await readyz(running.app);
    expect(stopped.body.failing).toEqual(['outboxWorker']);
    expect(stopped.body.checks.outboxWorker!.detail).toBe('the outbox worker is stopped');
  });

  it('reports every job of src/jobs, each under its own name: ready while they make their rounds, named when stopped', async () => {
    let jobs!: Jobs;
    const running = appOnFile({
      jobs: (db, clock, config) => {
        const transport = createMailTransport({ from: config.MAIL_FROM });
        jobs = startJobs({ db, clock, config, addressHashKey: 'test-address-hash-key-with-enough-length', dataKey: TEST_DATA_KEY, mail: mailTemplates, transport, log: () => {} });
        return jobs;
      },
    });
    opened.push(running.db);
    try {
      const deadline = Date.now() + 5_000;
      while (jobs.statuses().some((job) => job.lastRoundFinishedAt === undefined) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const fresh = await readyz(running.app);
      expect(fresh.status).toBe(200);
      expect(Object.keys(fresh.body.checks).sort()).toEqual(['callbackAlertsWorker', 'database', 'digestWorker', 'expiryWorker', 'migrations', 'outbox', 'outboxWorker', 'retentionWorker', 'themesWorker', 'zgwWorker']);
      for (const name of ['outboxWorker', 'zgwWorker', 'expiryWorker', 'retentionWorker', 'themesWorker', 'digestWorker', 'callbackAlertsWorker']) expect(fresh.body.checks[name]).toMatchObject({ ok: true, lastRoundSecondsAgo: 0 });
    } finally {
      await jobs.stop();
    }
    const stopped = await readyz(running.app);
    expect(stopped.status).toBe(503);
    expect(stopped.body.failing).toEqual(['outboxWorker', 'zgwWorker', 'expiryWorker', 'retentionWorker', 'themesWorker', 'digestWorker', 'callbackAlertsWorker']);
    expect(stopped.body.checks.zgwWorker!.detail).toBe('the zgw worker is stopped');
    expect(stopped.body.checks.retentionWorker!.detail).toBe('the retention worker is stopped');
  });

  it('fails a job whose last round is too long ago for its interval, or whose round hangs; a failed round alone is not a failure', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    const ago = (ms: number) => new Date(now - ms);
    const job = (name: string, intervalMs: number, round: Partial<JobStatus>): JobStatus => ({ name, intervalMs, running: false, stopped: false, ...round });
    const statuses: JobStatus[] = [];
    const app = createApp({ db: ctx.db, config: ctx.config, clock: ctx.clock, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mailbox: true, jobs: { statuses: () => statuses } });
    const check = async (status: JobStatus) => {
      statuses.splice(0, statuses.length, status);
      return (await readyz(app)).body.checks[`${status.name}Worker`]!;
    };
    const minute = 60_000;

    // Every 5 s: at least a minute is allowed.
    expect(await check(job('zgw', 5_000, { lastRoundFinishedAt: ago(59_000) }))).toMatchObject({ ok: true, lastRoundSecondsAgo: 59 });
    expect(await check(job('zgw', 5_000, { lastRoundFinishedAt: ago(61_000) }))).toEqual({ ok: false, detail: 'no zgw round for 61 s' });
    expect(await check(job('zgw', 5_000, {}))).toEqual({ ok: false, detail: 'no zgw round yet' });
    // Every minute: ten missed rounds.
    expect(await check(job('expiry', minute, { lastRoundFinishedAt: ago(10 * minute) }))).toMatchObject({ ok: true });
    expect(await check(job('expiry', minute, { lastRoundFinishedAt: ago(10 * minute + 1_000) }))).toMatchObject({ ok: false, detail: 'no expiry round for 601 s' });
    // Hourly: one interval plus the 15 minutes a round may take, not ten hours.
    expect(await check(job('retention', 60 * minute, { lastRoundFinishedAt: ago(75 * minute) }))).toMatchObject({ ok: true });
    expect(await check(job('retention', 60 * minute, { lastRoundFinishedAt: ago(76 * minute) }))).toMatchObject({ ok: false, detail: 'no retention round for 4560 s' });

    // A round in progress: at most 15 minutes, or the job's interval when that is longer.
    expect(await check(job('zgw', 5_000, { running: true, lastRoundStartedAt: ago(14 * minute) }))).toEqual({ ok: true, detail: 'a zgw round is in progress' });
    expect(await check(job('zgw', 5_000, { running: true, lastRoundStartedAt: ago(16 * minute) }))).toEqual({ ok: false, detail: 'the zgw round in progress started 16 minutes ago' });
    expect(await check(job('retention', 60 * minute, { running: true, lastRoundStartedAt: ago(50 * minute) }))).toMatchObject({ ok: true });
    expect(await check(job('retention', 60 * minute, { running: true, lastRoundStartedAt: ago(61 * minute) }))).toMatchObject({ ok: false });

    // A failed round is retried at the next one: shown, but the job still makes its rounds.
    const failed = await check(job('expiry', minute, { lastRoundFinishedAt: ago(minute), lastError: 'SQLITE_BUSY: database is locked' }));
    expect(failed).toMatchObject({ ok: true, lastRoundFailed: true });
    expect(JSON.stringify(failed)).not.toContain('SQLITE_BUSY');
    expect(await check(job('expiry', minute, { stopped: true }))).toEqual({ ok: false, detail: 'the expiry worker is stopped' });
  });
});
