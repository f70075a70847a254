/** Who sees call-back requests: kcc staff and managers; not researchers, not admins; kcc nothing of the panel or admin pages. */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { queueCallbackAlerts } from '../../src/callbacks/alerts';
import { outbox, type Role } from '../../src/db/schema';
import { decodeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { callbackRequestFor } from './kcc-fixtures';
import { hoursLater } from './time';

let ctx: TestContext;
let id: number;
const as = {} as Record<Role, ReturnType<typeof asStaff>>;

beforeAll(async () => {
  ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const now = ctx.clock.now();
  id = await callbackRequestFor(ctx, { at: hoursLater(now, -1), dueAt: hoursLater(now, 15) });
  for (const role of ['kcc', 'manager', 'researcher', 'admin'] as const) {
    const user = await createStaff(ctx.db, ctx.clock, role);
    as[role] = asStaff(ctx.app, (await login(ctx.app, user.email)).cookie!);
  }
});

describe('access per role', () => {
  it('kcc lands on the work list and may open requests, but nothing of the panel, admin or the other dashboards', async () => {
    const { response } = await login(ctx.app, 'kcc@gemeente.test');
    expect(response.headers.get('Location')).toBe('/dashboard/terugbellen');
    expect((await as.kcc('/dashboard/terugbellen')).status).toBe(200);
    expect((await as.kcc(`/dashboard/terugbellen/${id}`)).status).toBe(200);
    expect((await as.kcc('/account')).status).toBe(200);
    for (const path of ['/panel', '/panel/onderzoeken', '/admin', '/admin/users', '/dashboard', '/dashboard/verbeteracties', '/mailbox']) {
      expect((await as.kcc(path)).status, path).toBe(403);
    }
    expect((await as.kcc('/panel/leden/1/contact', { method: 'POST', body: new URLSearchParams() })).status).toBe(403);
  });

  it('managers see the work list and the link in both menus; researchers and admins do not', async () => {
    const manager = decodeHtml(await (await as.manager('/dashboard/verbeteracties')).text());
    expect(manager).toContain('Terugbellen (1 open)');
    expect((await as.manager(`/dashboard/terugbellen/${id}`)).status).toBe(200);
    for (const role of ['researcher', 'admin'] as const) {
      expect((await as[role]('/dashboard/terugbellen')).status, role).toBe(403);
      expect((await as[role](`/dashboard/terugbellen/${id}/contact`, { method: 'POST', body: new URLSearchParams() })).status, role).toBe(403);
    }
    expect(await (await as.admin('/dashboard')).text()).not.toContain('href="/dashboard/terugbellen"');
  });
});

describe('alert mails for new requests', () => {
  it('a subscriber gets at most one mail an hour, counting the requests since the last one', async () => {
    const subscribed = await as.kcc('/dashboard/terugbellen/melding', { method: 'POST', body: new URLSearchParams({ aan: 'ja' }) });
    expect(subscribed.status).toBe(303);
    expect(decodeHtml(await (await as.kcc('/dashboard/terugbellen')).text())).toContain('Stop de e-mails bij nieuwe verzoeken');
    const alerts = () => ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-alert')).all();
    const deps = { db: ctx.db, config: ctx.config, mail: (await import('../../views/mail')).mailTemplates };

    // Nothing new since subscribing.
    expect(queueCallbackAlerts(deps, ctx.clock.now())).toBe(0);
    ctx.clock.advanceMs(60_000);
    await callbackRequestFor(ctx, { at: ctx.clock.now(), dueAt: hoursLater(ctx.clock.now(), 16) });
    ctx.clock.advanceMs(60_000);
    expect(queueCallbackAlerts(deps, ctx.clock.now())).toBe(1);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({ toAddress: 'kcc@gemeente.test', subject: 'Nieuw terugbelverzoek' });

    // Two more within the hour: no second mail until the hour is over, then one counting both.
    for (const minutes of [10, 20]) {
      ctx.clock.advanceMs(minutes * 60_000);
      await callbackRequestFor(ctx, { at: ctx.clock.now(), dueAt: hoursLater(ctx.clock.now(), 16) });
      expect(queueCallbackAlerts(deps, ctx.clock.now())).toBe(0);
    }
    ctx.clock.advanceMs(35 * 60_000);
    expect(queueCallbackAlerts(deps, ctx.clock.now())).toBe(1);
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]!.subject).toBe('2 nieuwe terugbelverzoeken');

    // A fresh session: the test clock moved past the idle time of the first.
    const kcc = asStaff(ctx.app, (await login(ctx.app, 'kcc@gemeente.test')).cookie!);
    expect((await kcc('/dashboard/terugbellen/melding', { method: 'POST', body: new URLSearchParams({ aan: 'nee' }) })).headers.get('Location')).toBe('/dashboard/terugbellen?melding=uit');
    ctx.clock.advanceMs(2 * 3_600_000);
    await callbackRequestFor(ctx, { at: ctx.clock.now(), dueAt: hoursLater(ctx.clock.now(), 16) });
    expect(queueCallbackAlerts(deps, ctx.clock.now())).toBe(0);
  });
});
