/**
 * Subscribing to the digest on /account: a plain POST form for the roles that may open the
 * dashboard; bad input answers 422 and changes nothing; a cross-site post is refused; every
 * change is audited. And the schedule: once per subscriber and period, after the period ends,
 * through rounds and a restart of the job.
 */
import { describe, expect, it } from 'vitest';
import { allows, findRule } from '../../src/auth/access';
import { roles } from '../../src/db/schema';
import { findSubscription, mayReceiveDigest } from '../../src/digest/subscriptions';
import { queueDigests } from '../../src/digest/send';
import { startDigestJob } from '../../src/jobs/digest';
import type { Poller } from '../../src/jobs/poller';
import { nl } from '../../src/texts';
import { mailTemplates } from '../../views/mail';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const a = nl.digest.account;

async function signedIn(ctx: TestContext, role: 'manager' | 'admin' | 'researcher', email = `${role}@gemeente.test`) {
  if (role === 'admin') allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const user = await createStaff(ctx.db, ctx.clock, role, email);
  const cookie = (await login(ctx.app, email)).cookie!;
  const request = asStaff(ctx.app, cookie);
  const choose = (frequency: string | undefined, headers: Record<string, string> = {}) =>
    request('/account/samenvatting', { method: 'POST', body: new URLSearchParams(frequency === undefined ? {} : { frequency }), headers });
  return { user, request, choose };
}

const digestMails = (ctx: TestContext) =>
  ctx.db.$client.prepare("SELECT to_address AS address, subject FROM outbox WHERE kind = 'digest' ORDER BY id").all() as { address: string; subject: string }[];
const auditActions = (ctx: TestContext) =>
  (ctx.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'digest.subscription-changed' ORDER BY id").all() as { details: string }[]).map((row) => JSON.parse(row.details));

describe('the digest choice on /account', () => {
  it('who may subscribe is who may open the dashboard and the printable digest', () => {
    for (const role of roles) {
      expect(allows(findRule('GET', '/dashboard/samenvatting')!.audience, role), role).toBe(mayReceiveDigest(role));
      expect(allows(findRule('GET', '/dashboard')!.audience, role), role).toBe(mayReceiveDigest(role));
      expect(allows(findRule('POST', '/account/samenvatting')!.audience, role), role).toBe(mayReceiveDigest(role));
    }
  });

  it('shows the choice, stores monthly, weekly and off, audits each change, and says so', async () => {
    const ctx = createTestContext();
    const { user, request, choose } = await signedIn(ctx, 'manager');
    const page = await (await request('/account')).text();
    expect(page).toContain('action="/account/samenvatting"');
    expect(page).toContain(a.status.uit);
    // Monthly first and recommended; the form shows the real state (off) until a choice is made.
    expect(page.indexOf('id="frequency-month"')).toBeLessThan(page.indexOf('id="frequency-week"'));
    expect(page).toMatch(/id="frequency-uit" name="frequency" value="uit" checked/);

    const monthly = await choose('month');
    expect(monthly.status).toBe(200);
    const saved = await monthly.text();
    expect(saved).toContain(a.saved);
    expect(saved).toContain(a.status.month);
    expect(saved).toMatch(/id="frequency-month" name="frequency" value="month" checked/);
    expect(findSubscription(ctx.db, user.id)).toMatchObject({ frequency: 'month' });

    expect((await choose('week')).status).toBe(200);
    expect(findSubscription(ctx.db, user.id)).toMatchObject({ frequency: 'week' });
    // The same choice again changes nothing and is not audited twice.
    expect((await choose('week')).status).toBe(200);
    expect((await choose('uit')).status).toBe(200);
    expect(findSubscription(ctx.db, user.id)).toBeUndefined();
    expect(auditActions(ctx)).toEqual([{ frequency: 'month' }, { frequency: 'week' }, { frequency: 'uit' }]);
  });

  it('refuses a choice that is not on the form, or none, with 422 and the error at the field; nothing changes', async () => {
    const ctx = createTestContext();
    const { user, choose } = await signedIn(ctx, 'admin', 'beheer@gemeente.test');
    await choose('month');
    for (const bad of ['daily', '', undefined, 'MONTH', 'month\u0000']) {
      const response = await choose(bad);
      expect(response.status, String(bad)).toBe(422);
      const html = await response.text();
      expect(html).toContain(a.required);
      expect(html).toContain('<title>Fout: ');
      expect(html).toMatch(/href="#frequency-month"/);
      expect(findSubscription(ctx.db, user.id)).toMatchObject({ frequency: 'month' });
    }
    expect(auditActions(ctx)).toEqual([{ frequency: 'month' }]);
  });

  it('refuses a cross-site post (403) and changes nothing', async () => {
    const ctx = createTestContext();
    const { user, choose } = await signedIn(ctx, 'manager');
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }] as Record<string, string>[]) {
      const response = await choose('week', headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain(nl.errors.crossSite);
    }
    expect(findSubscription(ctx.db, user.id)).toBeUndefined();
    expect((await choose('week', { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://meethuis.test' })).status).toBe(200);
  });

  it('is not offered to a researcher, who cannot post it either', async () => {
    const ctx = createTestContext();
    const { user, request, choose } = await signedIn(ctx, 'researcher');
    expect(await (await request('/account')).text()).not.toContain('/account/samenvatting');
    expect((await choose('month')).status).toBe(403);
    expect(findSubscription(ctx.db, user.id)).toBeUndefined();
    expect((await request('/dashboard/samenvatting')).status).toBe(403);
  });
});

describe('the digest schedule', () => {
  /** Resolves after the job's next round has finished. */
  async function nextRound(job: Poller, wake = true) {
    // The test clock stands still between rounds: a new round is a new Date object.
    const before = job.status().lastRoundFinishedAt;
    if (wake) job.wake();
    const deadline = Date.now() + 5_000;
    while (job.status().lastRoundFinishedAt === before || job.status().running) {
      if (Date.now() > deadline) throw new Error('no round');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(job.status().lastError).toBeUndefined();
  }

  it('queues each subscriber one digest after the month ends: not before, not twice over rounds or a restart', async () => {
    const ctx = createTestContext();
    const start = () => startDigestJob({ db: ctx.db, config: ctx.config, clock: ctx.clock, mail: mailTemplates }, { intervalMs: 3_600_000, log: () => {}, onError: (error) => { throw error; } });
    const monthly = await signedIn(ctx, 'manager');
    const weekly = await signedIn(ctx, 'admin', 'beheer@gemeente.test');
    const gone = await signedIn(ctx, 'manager', 'weg@gemeente.test');
    await monthly.choose('month');
    await weekly.choose('week');
    await gone.choose('month');
    ctx.db.$client.prepare("UPDATE users SET disabled_at = 1 WHERE email = 'weg@gemeente.test'").run();

    // 20 November: October and week 46 ended before they subscribed, so nothing yet.
    let job = start();
    await nextRound(job, false);
    expect(digestMails(ctx)).toEqual([]);

    // Sunday 22 November, 23:59 in Amsterdam: week 47 has not ended yet.
    ctx.clock.advanceMs(Date.parse('2026-11-22T22:59:00Z') - ctx.clock.now().getTime());
    await nextRound(job);
    expect(digestMails(ctx)).toEqual([]);
    // Monday 00:01: week 47 is over — the weekly subscriber gets it, once.
    ctx.clock.advanceMs(2 * 60_000);
    await nextRound(job);
    await nextRound(job);
    expect(digestMails(ctx)).toEqual([{ address: 'beheer@gemeente.test', subject: nl.digest.subject(nl.digest.week(47, '16 november 2026', '22 november 2026')) }]);

    // 30 November, 23:30 in Amsterdam (22:30 UTC): week 48 is over, November is not.
    ctx.clock.advanceMs(Date.parse('2026-11-30T22:30:00Z') - ctx.clock.now().getTime());
    await nextRound(job);
    expect(digestMails(ctx).map((mail) => mail.address)).toEqual(['beheer@gemeente.test', 'beheer@gemeente.test']);
    // 1 December, 00:30 in Amsterdam: still 30 November in UTC, but November has ended here.
    ctx.clock.advanceMs(Date.parse('2026-11-30T23:30:00Z') - ctx.clock.now().getTime());
    await nextRound(job);
    await nextRound(job);
    expect(digestMails(ctx).map((mail) => mail.address)).toEqual(['beheer@gemeente.test', 'beheer@gemeente.test', 'manager@gemeente.test']);
    expect(digestMails(ctx)[2]!.subject).toBe(nl.digest.subject('november 2026'));

    // A restart: the new job remembers nothing in memory, but the deliveries are in the database.
    await job.stop();
    job = start();
    await nextRound(job, false);
    await nextRound(job);
    await job.stop();
    expect(digestMails(ctx)).toHaveLength(3);
    expect(ctx.db.$client.prepare('SELECT period_key FROM digest_deliveries ORDER BY period_key').pluck().all()).toEqual(['2026-11', '2026-W47', '2026-W48']);
  });

  it('remembers the period in the transaction that queues the mail: when remembering fails, no mail is left queued', async () => {
    const ctx = createTestContext();
    const { choose } = await signedIn(ctx, 'manager');
    await choose('month');
    ctx.clock.advanceDays(15);
    const deps = { db: ctx.db, config: ctx.config, clock: ctx.clock, mail: mailTemplates };
    // A crash between the two writes, as SQLite sees it: the second write fails.
    ctx.db.$client.exec("CREATE TEMP TRIGGER fail_delivery BEFORE INSERT ON digest_deliveries BEGIN SELECT RAISE(ABORT, 'crash'); END");
    expect(() => queueDigests(deps, 'month', { mode: 'schedule' })).toThrow('crash');
    expect(digestMails(ctx)).toEqual([]);
    ctx.db.$client.exec('DROP TRIGGER fail_delivery');
    expect(queueDigests(deps, 'month', { mode: 'schedule' })).toMatchObject({ queued: 1 });
    expect(queueDigests(deps, 'month', { mode: 'schedule' })).toMatchObject({ queued: 0, alreadySent: 1 });
    expect(digestMails(ctx)).toHaveLength(1);
  });
});
