/**
 * The bounce mailbox job: on the one poller, a round at the start and then every interval; each
 * round kept as a job run (by the injected clock) with its count or its error, so /readyz and the
 * admin see a mailbox that cannot be read. startJobs starts it only with BOUNCE_IMAP_URL and a handler.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkJob } from '../../src/health/readiness';
import { lastJobRuns } from '../../src/job-runs';
import { startJobs, type Jobs } from '../../src/jobs';
import { startBounceMailboxJob } from '../../src/jobs/bounce-mailbox';
import type { Poller } from '../../src/jobs/poller';
import type { BounceHandler, BounceMessage } from '../../src/mail/bounce-mailbox';
import { createMailTransport } from '../../src/mail/transport';
import { mailTemplates } from '../../views/mail';
import { startImapServer, type TestImapServer } from '../helpers/imap';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

const dsn = (tag: string, status: string) =>
  [`Delivered-To: bounces+${tag}@gemeente.test`, 'From: MAILER-DAEMON@mx.example.nl', `Subject: Undelivered (${tag})`, '', `Status: ${status}`, ''].join('\r\n');

function handler(options: { fail?: boolean } = {}) {
  const calls: BounceMessage[] = [];
  const handle: BounceHandler = async (message) => {
    calls.push(message);
    if (options.fail) throw new Error('database is locked');
    return { status: message.raw.includes('Status: 5.') ? 'hard' : 'soft' };
  };
  return { calls, handle };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the poller has finished one more round than it had when asked (without waking it). */
async function roundAfter(job: Poller, previous: Date | undefined) {
  await until(() => job.status().lastRoundFinishedAt !== previous && !job.status().running, 'the next round');
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function imapServer(raws: string[]): Promise<TestImapServer> {
  const imap = await startImapServer(raws);
  cleanups.push(() => imap.close());
  return imap;
}
function start(ctx: TestContext, url: string, handle: BounceHandler, errors: unknown[] = []) {
  const job = startBounceMailboxJob({ db: ctx.db, clock: ctx.clock, url }, handle, { intervalMs: 1_000, onError: (error) => errors.push(error) });
  cleanups.push(() => job.stop());
  return job;
}

describe('the bounce mailbox job', () => {
  it('reads the mailbox at the start and again on its interval, keeping each round as a job run', async () => {
    const ctx = createTestContext();
    const imap = await imapServer([dsn('abc', '5.1.1'), dsn('def', '4.2.2')]);
    const { calls, handle } = handler();
    const firstAt = ctx.clock.now();
    const job = start(ctx, imap.url, handle);

    await roundAfter(job, undefined);
    expect(calls.map((call) => call.recipients)).toEqual([['bounces+abc@gemeente.test'], ['bounces+def@gemeente.test']]);
    expect(lastJobRuns(ctx.db).get('bounce-mailbox')).toMatchObject({ startedAt: firstAt.toISOString(), rows: 2, complete: true, error: null, trigger: 'schedule' });

    // Before the next round (a second after the first) a new bounce arrives; that round comes by the schedule, unasked.
    ctx.clock.advanceMs(60_000);
    imap.deliver(dsn('ghi', '5.1.1'));
    await roundAfter(job, job.status().lastRoundFinishedAt);
    expect(calls[2]!.recipients).toEqual(['bounces+ghi@gemeente.test']);
    expect(lastJobRuns(ctx.db).get('bounce-mailbox')).toMatchObject({ startedAt: ctx.clock.now().toISOString(), rows: 1, complete: true });
    expect(job.status()).toMatchObject({ name: 'bounceMailbox', intervalMs: 1_000, lastError: undefined });
  });

  it('a mailbox it cannot reach is a failed round: recorded, reported, and on /readyz', async () => {
    const ctx = createTestContext();
    const errors: unknown[] = [];
    const job = start(ctx, 'imap://bounces:pw@127.0.0.1:1/INBOX', handler().handle, errors);
    await roundAfter(job, undefined);
    expect(String(errors[0])).toMatch(/Could not connect to the bounce mailbox at 127\.0\.0\.1:1/);
    expect(lastJobRuns(ctx.db).get('bounce-mailbox')).toMatchObject({ rows: 0, complete: false, error: expect.stringMatching(/^Could not connect to the bounce mailbox/) });
    expect(job.status().lastError).toMatch(/^Could not connect/);
    expect(checkJob(job.status(), ctx.clock.now())).toMatchObject({ ok: true, lastRoundFailed: true });
  });

  it('a handler that fails makes the round fail while the message waits unread for the next one', async () => {
    const ctx = createTestContext();
    const imap = await imapServer([dsn('abc', '5.1.1')]);
    const errors: unknown[] = [];
    const { calls, handle } = handler({ fail: true });
    const job = start(ctx, imap.url, handle, errors);
    await until(() => calls.length >= 2, 'the message to be tried again in the next round');
    await job.stop();
    expect(String(errors[0])).toMatch(/1 message\(s\) could not be handled; they stay unread/);
    expect(lastJobRuns(ctx.db).get('bounce-mailbox')).toMatchObject({ rows: 1, complete: false });
    expect(imap.messages('INBOX')!.map((message) => message.flags)).toEqual([[]]);
  });
});

describe('startJobs', () => {
  async function jobsWith(ctx: TestContext, bounceHandler?: BounceHandler): Promise<Jobs> {
    const transport = createMailTransport({ from: ctx.config.MAIL_FROM });
    const jobs = startJobs({ ...ctx, dataKey: TEST_DATA_KEY, mail: mailTemplates, transport, log: () => {}, bounceHandler });
    cleanups.push(() => jobs.stop());
    return jobs;
  }

  it('reads the bounce mailbox only when BOUNCE_IMAP_URL is set and a handler is given', async () => {
    const imap = await imapServer([dsn('abc', '5.1.1')]);
    const { calls, handle } = handler();

    const withoutUrl = await jobsWith(createTestContext(), handle);
    const withoutHandler = await jobsWith(createTestContext({ BOUNCE_IMAP_URL: imap.url }));
    expect(withoutUrl.statuses().map((status) => status.name)).not.toContain('bounceMailbox');
    expect(withoutHandler.statuses().map((status) => status.name)).not.toContain('bounceMailbox');

    const both = await jobsWith(createTestContext({ BOUNCE_IMAP_URL: imap.url }), handle);
    expect(both.statuses().find((status) => status.name === 'bounceMailbox')).toMatchObject({ intervalMs: 60_000 });
    await until(() => calls.length === 1, 'the bounce to be read');
    expect(calls[0]!.recipients).toEqual(['bounces+abc@gemeente.test']);
  });
});
