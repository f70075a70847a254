/**
 * Issue 18 (#7): reconciliation reads the Zaken API to the end — more pages than the old limit of
 * 50 (the test server pages /zaken by 2, so 110 zaken in one week are 55 pages) — asks one window
 * of days at a time, invites every zaak once, and says so clearly when a list cannot be read to its end.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shiftDay } from '../../src/calendar';
import { invitations, zgwNotifications, zgwSubscriptions } from '../../src/db/schema';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { saveMapping } from '../../src/zgw/mappings';
import { processDueNotifications, type ZgwDeps } from '../../src/zgw/processor';
import { RECONCILE_WINDOW_DAYS, reconcileSubscription, reconcileWindows } from '../../src/zgw/reconcile';
import { addSubscription, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { MAX_LIST_PAGES } from '../../src/zgw/zgw-client';
import { mailTemplates } from '../../views/mail';
import { TestSmtpServer } from '../helpers/smtp';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { decodeHtml } from '../helpers/html-text';
import { formatDateTime, nl } from '../../src/texts';
import { ZgwTestServer } from '../helpers/zgw-server';

let smtp: TestSmtpServer;
let zgw: ZgwTestServer;
let ctx: TestContext;
let transport: MailTransport;
let deps: ZgwDeps;

beforeAll(async () => {
  [smtp, zgw] = await Promise.all([new TestSmtpServer().start(), new ZgwTestServer().start()]);
});
afterAll(async () => {
  await Promise.all([smtp?.stop(), zgw?.stop()]);
});
beforeEach(() => {
  ctx = createTestContext({ SMTP_URL: smtp.url });
  transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  deps = { clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 2_000 };
  zgw.reset(true);
  zgw.now = () => ctx.clock.now();
  addSubscription(
    ctx.db,
    TEST_DATA_KEY,
    ctx.clock,
    subscriptionInputSchema.parse({
      name: 'Open Zaak',
      auth: 'Token notificaties-0123456789-abcdef',
      ...zgw.apiFields(),
    }),
  );
});
afterEach(() => transport.close());

/** The text of /admin/zgw as an administrator reads it. */
async function adminPageText(): Promise<string> {
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const admin = await createStaff(ctx.db, ctx.clock, 'admin', `beheer${Math.random().toString(36).slice(2)}@gemeente.test`);
  const { cookie } = await login(ctx.app, admin.email);
  return decodeHtml(await (await asStaff(ctx.app, cookie!)('/admin/zgw')).text());
}

const subscription = () => ctx.db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.name, 'Open Zaak')).get()!;
const zakenListCalls = () => zgw.requests.filter((request) => request.path === '/zaken/api/v1/zaken');

/** `count` closed zaken of one mapped zaaktype, each with its own initiator address, closed on the given days in turn. */
function closedZaken(count: number, days: string[]) {
  const zaaktype = zgw.zaaktype({ identificatie: 'PASPOORT' });
  saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
  return Array.from({ length: count }, (_, index) =>
    zgw.zaak({
      zaaktype,
      identificatie: `ZAAK-2026-${String(index + 1).padStart(10, '0')}`,
      startdatum: '2026-10-01',
      einddatum: days[index % days.length]!,
      email: `inwoner${index + 1}@example.nl`,
    }),
  );
}

async function processAll() {
  for (let round = 0; round < 100; round++) {
    const report = await processDueNotifications(ctx.db, deps, 50);
    if (report.invited + report.done + report.skipped + report.retrying + report.failed === 0) return;
  }
}

describe('reconcileWindows', () => {
  it('cuts a period into consecutive windows of at most a week, covering every day once', () => {
    expect(reconcileWindows('2026-11-15', '2026-11-20')).toEqual([{ since: '2026-11-15', until: '2026-11-20' }]);
    expect(reconcileWindows('2026-11-01', '2026-11-20')).toEqual([
      { since: '2026-11-01', until: '2026-11-07' },
      { since: '2026-11-08', until: '2026-11-14' },
      { since: '2026-11-15', until: '2026-11-20' },
    ]);
    const year = reconcileWindows('2025-11-20', '2026-11-20');
    expect(year[0]!.since).toBe('2025-11-20');
    expect(year.at(-1)!.until).toBe('2026-11-20');
    for (const [index, window] of year.entries()) {
      if (index > 0) expect(window.since).toBe(shiftDay(year[index - 1]!.until, 1));
      expect(window.until <= shiftDay(window.since, RECONCILE_WINDOW_DAYS - 1)).toBe(true);
    }
  });
});

describe('reconciling more zaken than 50 pages', () => {
  it('considers every zaak of every window, invites each once, and none again on a second run', { timeout: 120_000 }, async () => {
    // 110 zaken in the last week (55 pages of 2, past the old limit of 50) and 20 in the two weeks before.
    const lastWeek = ['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    const zaken = [...closedZaken(110, lastWeek), ...closedZakenEarlier(20)];
    const report = await reconcileSubscription(ctx.db, deps, subscription(), { since: '2026-11-01', until: '2026-11-20' });
    expect(report).toEqual({ subscription: 'Open Zaak', closed: 130, alreadyInvited: 0, queued: 130 });
    // One listing per window, each followed to its last page.
    const firstPages = zakenListCalls().filter((request) => !request.query.page);
    expect(firstPages.map((request) => [request.query.einddatum__gt, request.query.einddatum__lt])).toEqual([
      ['2026-10-31', '2026-11-08'],
      ['2026-11-07', '2026-11-15'],
      ['2026-11-14', '2026-11-21'],
    ]);
    expect(zakenListCalls().filter((request) => request.query.einddatum__gt === '2026-11-14').length).toBe(55);

    await processAll();
    const rows = ctx.db.select().from(invitations).all();
    expect(rows).toHaveLength(130);
    expect(new Set(rows.map((row) => row.email)).size).toBe(130);
    expect(ctx.db.select().from(zgwNotifications).all().map((row) => row.resourceUrl).sort()).toEqual([...zaken].sort());

    zgw.reset();
    expect(await reconcileSubscription(ctx.db, deps, subscription(), { since: '2026-11-01', until: '2026-11-20' })).toEqual({
      subscription: 'Open Zaak',
      closed: 130,
      alreadyInvited: 130,
      queued: 0,
    });
    await processAll();
    expect(ctx.db.select().from(invitations).all()).toHaveLength(130);
    expect(await adminPageText()).toContain(nl.zgw.reconcileLast('Open Zaak', formatDateTime(ctx.clock.now()), 0));
  });

  it(`reports a window longer than ${MAX_LIST_PAGES} pages as an error naming it, and queues nothing`, { timeout: 120_000 }, async () => {
    closedZaken(MAX_LIST_PAGES * 2 + 1, ['2026-11-19']);
    closedZakenEarlier(3);
    const report = await reconcileSubscription(ctx.db, deps, subscription(), { since: '2026-11-01', until: '2026-11-20' });
    expect(report.error).toContain(`more than ${MAX_LIST_PAGES} pages`);
    expect(report.error).toContain('2026-11-15 … 2026-11-20');
    expect(report).toMatchObject({ queued: 0 });
    expect(ctx.db.select().from(zgwNotifications).all()).toHaveLength(0);
    // The administrator sees that the last reconciliation did not finish, and why.
    expect(await adminPageText()).toContain(nl.zgw.reconcileFailed('Open Zaak', formatDateTime(ctx.clock.now()), report.error!));
  });
});

/** Closed in the two weeks before the last one (other windows). */
function closedZakenEarlier(count: number) {
  const zaaktype = zgw.zaaktype({ identificatie: 'RIJBEWIJS' });
  saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
  const days = ['2026-11-01', '2026-11-07', '2026-11-08', '2026-11-14'];
  return Array.from({ length: count }, (_, index) =>
    zgw.zaak({ zaaktype, identificatie: `ZAAK-2026-E${index + 1}`, startdatum: '2026-10-01', einddatum: days[index % days.length]!, email: `eerder${index + 1}@example.nl` }),
  );
}
