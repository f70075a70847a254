/**
 * ZGW notifications (issue 8) against real parts: the app in-process with a migrated SQLite
 * database, a ZGW test server on a real port (Zaken, Catalogi and Klantinteracties endpoints with
 * the standards' payload shapes, checking every JWT), and a real SMTP server receiving the mails.
 * A notification in Open Notificaties' exact format leads to one survey mail; everything the
 * case system can do wrong ends in a recorded, retried or skipped state, never in a crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { dayOf } from '../../src/calendar';
import { loadConfig } from '../../src/config';
import { openDb } from '../../src/db/client';
import { auditLog, invitations, optOuts, zgwCases, zgwNotifications, zgwSubscriptions } from '../../src/db/schema';
import { startOutboxWorker } from '../../src/jobs/outbox';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { loadSecrets } from '../../src/secrets';
import { nl } from '../../src/texts';
import { addressHash } from '../../src/tokens';
import { JWT_BACKDATE_SECONDS, JWT_LIFETIME_SECONDS, signZgwJwt } from '../../src/zgw/jwt';
import { pruneCaseRecords, pseudonymiseClosedCases } from '../../src/zgw/cases';
import { saveMapping } from '../../src/zgw/mappings';
import { dedupeKeyOf } from '../../src/zgw/notification';
import { MAX_ZGW_ATTEMPTS, processDueNotifications, zgwRetryDelayMs, type ZgwDeps } from '../../src/zgw/processor';
import { reconcileSubscription } from '../../src/zgw/reconcile';
import { addSubscription, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { startZgwWorker } from '../../src/jobs/zgw';
import { spawnCli } from '../helpers/cli';
import { surveyLink, TestSmtpServer } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, TestClock, type TestContext } from '../helpers/test-context';
import { CLIENT_ID, CLIENT_SECRET, klantcontactNotification, statusNotification, ZgwTestServer } from '../helpers/zgw-server';
import { mailTemplates } from '../../views/mail';

const AUTH = 'Token notificaties-0123456789-abcdef';
const WEBHOOK = '/api/v1/zgw/notificaties';

let smtp: TestSmtpServer;
let zgw: ZgwTestServer;

beforeAll(async () => {
  [smtp, zgw] = await Promise.all([new TestSmtpServer().start(), new ZgwTestServer().start()]);
});
afterAll(async () => {
  await Promise.all([smtp?.stop(), zgw?.stop()]);
});

let ctx: TestContext;
let transport: MailTransport;
let deps: ZgwDeps;
let subscriptionId: number;
let counter = 0;

function subscribe(overrides: Record<string, string | undefined> = {}) {
  const input = subscriptionInputSchema.parse({
    name: `Open Zaak ${++counter}`,
    auth: AUTH,
    ...zgw.apiFields(),
    ...overrides,
  });
  return addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, input).subscription.id;
}

beforeEach(() => {
  ctx = createTestContext({ SMTP_URL: smtp.url });
  transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  deps = { clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 1_000 };
  smtp.received.length = 0;
  smtp.mode = 'accept';
  zgw.reset(true);
  zgw.now = () => ctx.clock.now();
  subscriptionId = subscribe();
});
afterEach(() => transport.close());

const notify = (body: unknown, auth: string | null = AUTH, contentType = 'application/json') =>
  ctx.app.request(WEBHOOK, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...(auth === null ? {} : { Authorization: auth }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const processInbox = () => processDueNotifications(ctx.db, deps);
const deliver = () => deliverDueMails(ctx.db, transport, ctx);
const inbox = () => ctx.db.select().from(zgwNotifications).all();
const invitationRows = () => ctx.db.select().from(invitations).all();

let mailCounter = 0;
const newEmail = () => `inwoner${++mailCounter}.${Date.now()}@example.nl`;

/** A mapped zaaktype with its statustypes, and a zaak at its end status (notification not yet sent). */
function closedZaak(options: { email?: string | null; mapped?: boolean; identificatie?: string; kanaal?: string; einddatum?: string | null; startdatum?: string } = {}) {
  const zaaktype = zgw.zaaktype({ identificatie: options.identificatie ?? `PASPOORT-${++counter}` });
  if (options.mapped !== false) saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
  const eind = zgw.statustype(zaaktype, { eind: true });
  const tussen = zgw.statustype(zaaktype, { eind: false });
  const email = options.email === undefined ? newEmail() : options.email;
  const zaak = zgw.zaak({
    zaaktype,
    identificatie: `ZAAK-2026-${String(++counter).padStart(10, '0')}`,
    startdatum: options.startdatum ?? '2026-11-02',
    einddatum: options.einddatum === undefined ? '2026-11-20' : options.einddatum,
    communicatiekanaalNaam: options.kanaal ?? 'Balie',
    email,
  });
  return { zaaktype, eind, tussen, zaak, email, status: zgw.status(zaak, eind) };
}

describe('the webhook POST /api/v1/zgw/notificaties', () => {
  it('answers 401 without Authorization and 403 with a wrong one, storing nothing (also for the test channel)', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    const message = statusNotification(zaak, status, zaaktype);
    for (const [auth, expected] of [
      [null, 401],
      ['', 401],
      ['Token fout-0123456789-abcdef', 403],
      [`${AUTH}x`, 403],
      [AUTH.slice(0, -1), 403],
      [AUTH.toLowerCase(), 403],
    ] as const) {
      const response = await notify(message, auth);
      expect(response.status, `auth ${JSON.stringify(auth)}`).toBe(expected);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    }
    // Open Notificaties' CallbackURLAuthValidator: the test message without auth must get 401 or 403.
    const test = { kanaal: 'test', hoofdObject: 'http://some.hoofdobject.nl/', resource: 'some_resource', resourceUrl: 'http://some.resource.nl/', actie: 'create', aanmaakdatum: '2019-01-01T12:00:00Z', kenmerken: {} };
    expect((await notify(test, null)).status).toBe(401);
    expect(inbox()).toHaveLength(0);
    expect(zgw.requests).toHaveLength(0);
  });

  it('answers the test message of Open Notificaties with 204 and stores nothing', async () => {
    const test = { kanaal: 'test', hoofdObject: 'http://some.hoofdobject.nl/', resource: 'some_resource', resourceUrl: 'http://some.resource.nl/', actie: 'create', aanmaakdatum: '2019-01-01T12:00:00Z', kenmerken: {} };
    const response = await notify(test);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(inbox()).toHaveLength(0);
  });

  it('answers invalid bodies with 400 problem details naming the fields, storing nothing', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    const valid = statusNotification(zaak, status, zaaktype);
    const cases: [unknown, string[]][] = [
      [{ ...valid, kanaal: undefined }, ['kanaal']],
      [{ ...valid, resourceUrl: 'geen-url', hoofdObject: 'ftp://zaken.test/1' }, ['resourceUrl', 'hoofdObject']],
      [{ ...valid, aanmaakdatum: 'gisteren' }, ['aanmaakdatum']],
      [{ ...valid, kanaal: 'x'.repeat(51) }, ['kanaal']],
      [{ ...valid, kenmerken: { zaaktype: { genest: true } } }, ['kenmerken.zaaktype']],
      [[valid], ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const response = await notify(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = (await response.json()) as { title: string; errors: { field: string }[] };
      expect(problem.title).toBe('Invalid notification');
      for (const field of fields) expect(problem.errors.map((error) => error.field)).toContain(field);
    }
    const malformed = await notify('{"kanaal": "zaken",');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { title: string }).title).toBe('Malformed JSON');
    expect((await notify('x'.repeat(70 * 1024))).status).toBe(413);
    expect(inbox()).toHaveLength(0);
  });

  it('stores a valid message durably and answers 204 before asking any ZGW API; repeats count up, stored once', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    const message = statusNotification(zaak, status, zaaktype);
    const response = await notify(message);
    expect(response.status).toBe(204);
    expect(zgw.requests).toHaveLength(0);
    const [row] = inbox();
    expect(row).toMatchObject({ subscriptionId, status: 'pending', kanaal: 'zaken', resource: 'status', actie: 'create', resourceUrl: status, hoofdObject: zaak, deliveries: 1, attempts: 0 });
    expect(row!.kenmerken).toMatchObject({ zaaktype });
    expect(row!.dedupeKey).toBe(dedupeKeyOf(message));

    // At-least-once delivery: the same message again (also with another aanmaakdatum on a re-send).
    expect((await notify(message)).status).toBe(204);
    expect((await notify({ ...message, aanmaakdatum: '2026-11-20T14:05:00.123456+00:00' })).status).toBe(204);
    expect(inbox()).toHaveLength(1);
    expect(inbox()[0]!.deliveries).toBe(3);
  });

  it('keeps messages meethuis does not act on as skipped ("not relevant"), without calling any API', async () => {
    const { zaak, zaaktype } = closedZaak();
    const message = { ...statusNotification(zaak, zaak, zaaktype), resource: 'zaak', actie: 'update' };
    expect((await notify(message)).status).toBe(204);
    expect(inbox()[0]).toMatchObject({ status: 'skipped', skipReason: 'not-relevant' });
    await processInbox();
    expect(zgw.requests).toHaveLength(0);
  });

  it('refuses the Authorization value of a revoked subscription', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    ctx.db.update(zgwSubscriptions).set({ revokedAt: ctx.clock.now() }).where(eq(zgwSubscriptions.id, subscriptionId)).run();
    expect((await notify(statusNotification(zaak, status, zaaktype))).status).toBe(403);
    expect(inbox()).toHaveLength(0);
  });
});

describe('processing a zaak at its end status', () => {
  it('status → statustype (eindstatus) → zaak with Accept-Crs → rollen of the initiator → exactly one survey mail', async () => {
    const { zaak, status, zaaktype, eind, email } = closedZaak({ kanaal: 'Telefoon', startdatum: '2026-11-02' });
    expect((await notify(statusNotification(zaak, status, zaaktype))).status).toBe(204);

    const report = await processInbox();
    expect(report).toMatchObject({ invited: 1, skipped: 0, retrying: 0 });
    expect(zgw.authFailures).toEqual([]);
    // The order of the standard's recipe, each request with a verified JWT of the subscription's client.
    expect(zgw.requests.map((request) => request.path)).toEqual([
      new URL(status).pathname,
      new URL(eind).pathname,
      new URL(zaak).pathname,
      '/zaken/api/v1/rollen',
    ]);
    expect(zgw.requests[2]!.acceptCrs).toBe('EPSG:4326');
    expect(zgw.requests[3]!.query).toEqual({ zaak, omschrijvingGeneriek: 'initiator' });
    for (const request of zgw.requests) {
      const now = Math.floor(ctx.clock.now().getTime() / 1000);
      expect(request.claims).toMatchObject({ iss: CLIENT_ID, client_id: CLIENT_ID, user_id: 'meethuis', iat: now - JWT_BACKDATE_SECONDS, exp: now + JWT_LIFETIME_SECONDS });
    }

    const [invitation] = invitationRows();
    expect(invitation).toMatchObject({ kind: 'journey', status: 'open', email, channel: 'telefoon', leadTimeDays: 18, caseReference: expect.stringMatching(/^ZAAK-2026-/) });
    expect(invitation!.caseClosedAt.toISOString()).toBe('2026-11-20T14:03:00.000Z');
    expect(inbox()[0]).toMatchObject({ status: 'done', outcome: 'invited', invitationId: invitation!.id, caseReference: invitation!.caseReference, attempts: 1 });
    expect(ctx.db.select().from(zgwCases).all()).toMatchObject([{ objectUrl: zaak, kind: 'zaak', invitationId: invitation!.id }]);

    expect((await deliver()).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(email);
    // The link works: the survey of the mapped journey (three default steps).
    const page = await ctx.app.request(new URL(surveyLink(mail)).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(nl.survey.title('Paspoort of ID-kaart aanvragen').replace(/"/g, '&quot;'));
    // Nothing else is due: no second mail however often the inbox is processed.
    await processInbox();
    expect((await deliver()).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('a repeated notification and a second end status of the same zaak lead to one invitation and one mail', async () => {
    const { zaak, status, zaaktype, eind } = closedZaak();
    const message = statusNotification(zaak, status, zaaktype);
    await notify(message);
    await notify(message);
    await processInbox();
    await notify(message); // a late repeat, after processing
    // The end status set again (a correction): another status resource for the same zaak.
    const again = zgw.status(zaak, eind, '2026-11-20T15:00:00Z');
    await notify(statusNotification(zaak, again, zaaktype, '2026-11-20T15:00:01Z'));
    await processInbox();
    await processInbox();

    expect(invitationRows()).toHaveLength(1);
    const rows = inbox();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'done', outcome: 'invited', deliveries: 3 });
    expect(rows[1]).toMatchObject({ status: 'done', outcome: 'already-invited', invitationId: rows[0]!.invitationId });
    await deliver();
    expect(smtp.received).toHaveLength(1);
  });

  it('skips a status that is not the end status, records the reason, and sends nothing', async () => {
    const { zaak, zaaktype, tussen } = closedZaak({ einddatum: null });
    const status = zgw.status(zaak, tussen);
    await notify(statusNotification(zaak, status, zaaktype));
    expect(await processInbox()).toMatchObject({ skipped: 1, invited: 0 });
    expect(inbox()[0]).toMatchObject({ status: 'skipped', skipReason: 'not-final', detail: 'In behandeling' });
    // The zaak itself is not even read.
    expect(zgw.requests.map((request) => request.path)).toEqual([new URL(status).pathname, new URL(tussen).pathname]);
    expect(invitationRows()).toHaveLength(0);
  });

  it('skips an unmapped zaaktype, naming it; after mapping its identificatie the admin re-processes it into one mail', async () => {
    const { zaak, status, zaaktype } = closedZaak({ mapped: false, identificatie: 'B1026' });
    await notify(statusNotification(zaak, status, zaaktype));
    await processInbox();
    const [row] = inbox();
    expect(row).toMatchObject({ status: 'skipped', skipReason: 'unmapped', detail: zaaktype, caseReference: expect.stringMatching(/^ZAAK-/) });
    expect(invitationRows()).toHaveLength(0);

    // Mapped by identificatie (all versions): the zaaktype is then read from the Catalogi API.
    saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: 'B1026', journey: 'verhuizing-doorgeven' });
    const admin = await adminSession();
    const retried = await admin(`/admin/zgw/notificaties/${row!.id}/opnieuw`, { method: 'POST', body: new URLSearchParams() });
    expect(retried.status).toBe(303);
    expect(ctx.db.select().from(auditLog).where(eq(auditLog.action, 'zgw.notification-requeued')).all()).toHaveLength(1);
    zgw.reset();
    await processInbox();
    expect(zgw.requests.map((request) => request.path)).toContain(new URL(zaaktype).pathname);
    expect(inbox()[0]).toMatchObject({ status: 'done', outcome: 'invited' });
    const [invitation] = invitationRows();
    const journey = ctx.db.$client.prepare('SELECT slug FROM journeys WHERE id = ?').get(invitation!.journeyId) as { slug: string };
    expect(journey.slug).toBe('verhuizing-doorgeven');
    await deliver();
    expect(smtp.received).toHaveLength(1);
  });

  it('records a zaak whose initiator has no e-mail address (none, empty, or invalid) as not invitable, once, without mail', async () => {
    const zaken = [null, '', 'geen-adres'].map((email) => closedZaak({ email }));
    for (const { zaak, status, zaaktype } of zaken) await notify(statusNotification(zaak, status, zaaktype));
    expect(await processInbox()).toMatchObject({ done: 3, invited: 0 });
    for (const row of inbox()) expect(row).toMatchObject({ status: 'done', outcome: 'suppressed', detail: 'no-address' });
    const rows = invitationRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ status: 'suppressed', suppressedReason: 'no-address', delivery: 'none', email: null, tokenHash: null });
    // Remembered as handled zaken, so reconciliation does not count them twice.
    expect(ctx.db.select().from(zgwCases).all().map((row) => row.invitationId).sort()).toEqual(rows.map((row) => row.id).sort());
    await deliver();
    expect(smtp.received).toHaveLength(0);
  });

  it('goes through the same opt-out and fatigue rules as a case.closed event', async () => {
    const optedOut = closedZaak();
    const hash = addressHash(ctx.addressHashKey, optedOut.email!);
    ctx.db.insert(optOuts).values({ addressHash: hash, createdAt: ctx.clock.now() }).run();
    await notify(statusNotification(optedOut.zaak, optedOut.status, optedOut.zaaktype));
    // The same citizen as a recent event: fatigue.
    const event = await ctx.postEvent({
      id: 'evt-zgw-1',
      type: 'case.closed',
      occurredAt: '2026-11-19T10:00:00Z',
      case: { reference: 'Z-1', caseType: 'paspoort-aanvragen' },
      citizen: { email: 'vaker@example.nl' },
    });
    expect(event.status).toBe(202);
    const tired = closedZaak({ email: 'vaker@example.nl' });
    await notify(statusNotification(tired.zaak, tired.status, tired.zaaktype));
    await processInbox();
    const rows = inbox();
    expect(rows.map((row) => [row.outcome, row.detail])).toEqual([
      ['suppressed', 'opted-out'],
      ['suppressed', 'recently-invited'],
    ]);
    await deliver();
    expect(smtp.received).toHaveLength(1); // only the event's own mail
  });
});

describe('when the case system misbehaves', () => {
  it.each([
    [500, 'HTTP 500'],
    [404, 'HTTP 404'],
    [403, 'HTTP 403'],
    [503, 'HTTP 503'],
  ])('an answer %i is recorded and retried with backoff; once the API recovers, one mail', async (code, message) => {
    const { zaak, status, zaaktype } = closedZaak();
    await notify(statusNotification(zaak, status, zaaktype));
    zgw.fail('/zaken/api/v1/statussen', code, 2);

    expect(await processInbox()).toMatchObject({ retrying: 1 });
    let [row] = inbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toContain(message);
    expect(row!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(zgwRetryDelayMs(1));
    // Not due yet: nothing happens.
    expect(await processInbox()).toMatchObject({ retrying: 0, invited: 0 });

    ctx.clock.advanceMs(zgwRetryDelayMs(1));
    expect(await processInbox()).toMatchObject({ retrying: 1 });
    [row] = inbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(zgwRetryDelayMs(2));

    ctx.clock.advanceMs(zgwRetryDelayMs(2));
    expect(await processInbox()).toMatchObject({ invited: 1 });
    expect(inbox()[0]).toMatchObject({ status: 'done', outcome: 'invited', attempts: 3, lastError: null });
    await deliver();
    expect(smtp.received).toHaveLength(1);
  });

  it('a ZGW API that does not answer in time is recorded as such and retried; a refused connection too', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    await notify(statusNotification(zaak, status, zaaktype));
    zgw.hang('/catalogi/api/v1/statustypen');
    const started = Date.now();
    expect(await processInbox()).toMatchObject({ retrying: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(inbox()[0]!.lastError).toMatch(/^no answer within 1 s — GET http:\/\/127\.0\.0\.1:\d+\/catalogi\/api\/v1\/statustypen\//);

    // The whole API down (nothing listening): recorded, not thrown.
    const down = subscribe({ auth: 'Token tweede-abonnement-0123456789', zakenApi: 'http://127.0.0.1:9/zaken/api/v1' });
    const other = closedZaak();
    const downStatus = `http://127.0.0.1:9/zaken/api/v1/statussen/${other.status.split('/').at(-1)}`;
    await notify({ ...statusNotification('http://127.0.0.1:9/zaken/api/v1/zaken/1', downStatus, other.zaaktype) }, 'Token tweede-abonnement-0123456789');
    ctx.clock.advanceMs(zgwRetryDelayMs(1));
    const report = await processInbox();
    expect(report.retrying + report.invited).toBe(2);
    const row = inbox().find((candidate) => candidate.subscriptionId === down)!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|network error/);
  });

  it('gives up after MAX_ZGW_ATTEMPTS with the last error kept, visible to admins, and can be re-processed', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    await notify(statusNotification(zaak, status, zaaktype));
    zgw.fail('/zaken/api/v1/statussen', 500, MAX_ZGW_ATTEMPTS);
    for (let attempt = 1; attempt <= MAX_ZGW_ATTEMPTS; attempt++) {
      await processInbox();
      ctx.clock.advanceMs(zgwRetryDelayMs(attempt));
    }
    const [row] = inbox();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ZGW_ATTEMPTS });
    expect(row!.lastError).toContain('HTTP 500');
    const admin = await adminSession();
    const html = await (await admin('/admin/zgw?status=failed')).text();
    expect(html).toContain(nl.zgw.failed(MAX_ZGW_ATTEMPTS));
    expect(html).toContain('HTTP 500');

    await admin(`/admin/zgw/notificaties/${row!.id}/opnieuw`, { method: 'POST', body: new URLSearchParams() });
    expect(await processInbox()).toMatchObject({ invited: 1 });
  });

  it('answers in an unexpected shape are recorded and retried, not thrown', async () => {
    const { zaak, status, zaaktype, eind } = closedZaak();
    zgw.resources.set(eind, { url: eind, omschrijving: 'Afgehandeld' }); // no isEindstatus
    await notify(statusNotification(zaak, status, zaaktype));
    expect(await processInbox()).toMatchObject({ retrying: 1 });
    expect(inbox()[0]!.lastError).toBe('unexpected statustype (isEindstatus)');
  });

  it('never sends the token outside the subscription\'s APIs: a notification pointing elsewhere is skipped', async () => {
    const elsewhere = await new ZgwTestServer().start();
    try {
      const { zaak, zaaktype } = closedZaak();
      const foreign = `${elsewhere.zakenApi}/statussen/${crypto.randomUUID()}`;
      await notify(statusNotification(zaak, foreign, zaaktype));
      // And a status whose zaak lives on another host.
      const tricky = closedZaak();
      const forged = zgw.status(`${elsewhere.zakenApi}/zaken/${crypto.randomUUID()}`, tricky.eind);
      await notify(statusNotification(tricky.zaak, forged, tricky.zaaktype));
      await processInbox();
      expect(inbox().map((row) => row.skipReason)).toEqual(['foreign-url', 'foreign-url']);
      expect(elsewhere.requests).toHaveLength(0);
      expect(invitationRows()).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('the test server really checks the JWT: a wrong secret or client id gets 403, recorded and retried', async () => {
    const wrong = subscribe({ auth: 'Token verkeerd-geheim-0123456789', secret: 'een-ander-geheim-dan-afgesproken' });
    const { zaak, status, zaaktype } = closedZaak();
    await notify(statusNotification(zaak, status, zaaktype), 'Token verkeerd-geheim-0123456789');
    await processInbox();
    const row = inbox().find((candidate) => candidate.subscriptionId === wrong)!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('HTTP 403');
    expect(zgw.authFailures).toEqual([expect.stringContaining('bad signature')]);
    // A token from a clock an hour off is refused too.
    const stale = signZgwJwt(CLIENT_SECRET, { clientId: CLIENT_ID, userId: 'x', userRepresentation: 'x', issuedAt: new Date(ctx.clock.now().getTime() - 3_600_000) });
    const response = await fetch(status, { headers: { Authorization: `Bearer ${stale}` } });
    expect(response.status).toBe(403);
  });

  it('a revoked subscription\'s waiting notifications are skipped, its secret erased', async () => {
    const { zaak, status, zaaktype } = closedZaak();
    await notify(statusNotification(zaak, status, zaaktype));
    const admin = await adminSession();
    expect((await admin(`/admin/zgw/abonnementen/${subscriptionId}/intrekken`, { method: 'POST', body: new URLSearchParams() })).status).toBe(303);
    expect(ctx.db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.id, subscriptionId)).get()).toMatchObject({ secret: null, klantinteractiesToken: null });
    await processInbox();
    expect(inbox()[0]).toMatchObject({ status: 'skipped', skipReason: 'subscription-revoked' });
    expect(zgw.requests).toHaveLength(0);
  });
});

describe('Open Klant: a contact leads to a short contact survey', () => {
  it('klantcontacten / klantcontact / create with a mapped onderwerp → one mail about the step on the contact\'s channel', async () => {
    saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Verhuizing doorgeven', journey: 'verhuizing-doorgeven' });
    const email = newEmail();
    const contact = zgw.klantcontact({ onderwerp: '  verhuizing  Doorgeven ', kanaal: 'Telefoon', nummer: '0000123', email });
    expect((await notify(klantcontactNotification(contact))).status).toBe(204);
    expect(await processInbox()).toMatchObject({ invited: 1 });
    expect(zgw.authFailures).toEqual([]);
    expect(zgw.requests.every((request) => request.claims === 'token')).toBe(true);
    const [invitation] = invitationRows();
    expect(invitation).toMatchObject({ email, channel: 'telefoon', caseReference: 'KC-0000123', leadTimeDays: null });
    // One step: the phone step of the journey (adresonderzoek, channel telefoon).
    const steps = ctx.db.$client.prepare('SELECT slug FROM touchpoints WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(invitation!.touchpointIds)) as { slug: string }[];
    expect(steps.map((step) => step.slug)).toEqual(['adresonderzoek']);
    await notify(klantcontactNotification(contact));
    await processInbox();
    await deliver();
    expect(smtp.received).toHaveLength(1);
  });

  it('reads addresses from _expand.digitaleAdressen; an unmapped onderwerp is skipped, a contact without e-mail after the wait', async () => {
    saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Paspoort', journey: 'paspoort-aanvragen', touchpoint: 'balie' });
    const expanded = zgw.klantcontact({ onderwerp: 'Paspoort', kanaal: 'Balie', nummer: '1', email: newEmail() });
    const unmapped = zgw.klantcontact({ onderwerp: 'Parkeervergunning', kanaal: 'Telefoon', nummer: '2', email: newEmail() });
    const noAddress = zgw.klantcontact({ onderwerp: 'Paspoort', kanaal: 'Telefoon', nummer: '3', email: null });
    for (const contact of [expanded, unmapped, noAddress]) await notify(klantcontactNotification(contact));
    await processInbox();
    expect(inbox().map((row) => [row.status, row.outcome ?? row.skipReason, row.detail])).toEqual([
      ['done', 'invited', null],
      ['skipped', 'unmapped', 'Parkeervergunning'],
      ['pending', null, null],
    ]);
    // Expanded: no separate digitaleadressen requests at all (the third has only a phone number).
    expect(zgw.requests.filter((request) => request.path.includes('/digitaleadressen/'))).toHaveLength(0);
    ctx.clock.advanceMs(ctx.config.ZGW_ADDRESS_WAIT_MINUTES * 60_000);
    await processInbox();
    expect(inbox()[2]).toMatchObject({ status: 'done', outcome: 'suppressed', detail: 'no-address', caseReference: 'KC-3' });
  });

  it('a subscription without a Klantinteracties API skips Open Klant contacts with that reason', async () => {
    const auth = 'Token zonder-open-klant-0123456789';
    subscribe({ auth, klantinteractiesApi: undefined, klantinteractiesToken: undefined });
    saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Paspoort', journey: 'paspoort-aanvragen' });
    const contact = zgw.klantcontact({ onderwerp: 'Paspoort', kanaal: 'Balie', nummer: '9', email: newEmail() });
    await notify(klantcontactNotification(contact), auth);
    await processInbox();
    expect(inbox()[0]).toMatchObject({ status: 'skipped', skipReason: 'no-klantinteracties-api' });
  });
});

describe('reconciliation: lost notifications', () => {
  it('finds zaken closed in the period whose notification was lost, invites for them once, and never twice', async () => {
    const notified = closedZaak({ einddatum: '2026-11-18' });
    const lost = closedZaak({ einddatum: '2026-11-19' });
    const lostToo = closedZaak({ einddatum: '2026-11-20' });
    closedZaak({ einddatum: '2026-10-01' }); // before the period
    closedZaak({ einddatum: null }); // still open
    await notify(statusNotification(notified.zaak, notified.status, notified.zaaktype));
    await processInbox();
    expect(invitationRows()).toHaveLength(1);

    const subscription = ctx.db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.id, subscriptionId)).get()!;
    zgw.reset();
    const report = await reconcileSubscription(ctx.db, deps, subscription, { since: '2026-11-15', until: '2026-11-20' });
    expect(report).toMatchObject({ closed: 3, alreadyInvited: 1, queued: 2 });
    expect(report.error).toBeUndefined();
    // einddatum__gt / __lt (the filters of Zaken API 1.5), Accept-Crs, following `next` (page size 2).
    const listCalls = zgw.requests.filter((request) => request.path === '/zaken/api/v1/zaken');
    expect(listCalls[0]!.query).toMatchObject({ einddatum__gt: '2026-11-14', einddatum__lt: '2026-11-21' });
    expect(listCalls.length).toBeGreaterThanOrEqual(2);
    expect(listCalls.every((request) => request.acceptCrs === 'EPSG:4326')).toBe(true);

    expect(await processInbox()).toMatchObject({ invited: 2 });
    expect(invitationRows().map((row) => row.email).sort()).toEqual([notified.email, lost.email, lostToo.email].sort());
    // Again: nothing new; and the lost notification arriving late after all changes nothing.
    expect(await reconcileSubscription(ctx.db, deps, subscription, { since: '2026-11-15', until: '2026-11-20' })).toMatchObject({ closed: 3, alreadyInvited: 3, queued: 0 });
    await notify(statusNotification(lost.zaak, lost.status, lost.zaaktype));
    await processInbox();
    expect(invitationRows()).toHaveLength(3);
    expect(inbox().at(-1)).toMatchObject({ outcome: 'already-invited' });
    await deliver();
    expect(smtp.received).toHaveLength(3);
  });

  it('reports an unreadable Zaken API instead of throwing, and queues nothing', async () => {
    const subscription = ctx.db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.id, subscriptionId)).get()!;
    zgw.fail('/zaken/api/v1/zaken', 500);
    const report = await reconcileSubscription(ctx.db, deps, subscription, { since: '2026-11-15', until: '2026-11-20' });
    expect(report.error).toContain('HTTP 500');
    expect(inbox()).toHaveLength(0);
  });
});

describe('privacy: after retention erased an invitation\'s address and case reference', () => {
  it('nothing leads from the zaak to the invitation any more, and the zaak is still never invited twice', async () => {
    const { zaak, status, zaaktype, email } = closedZaak({ einddatum: '2026-11-19' });
    const message = statusNotification(zaak, status, zaaktype);
    await notify(message);
    await processInbox();
    const [invitation] = invitationRows();
    // As src/privacy/retention.ts ('invitation-contact') and erasure on request leave an invitation.
    ctx.db.update(invitations).set({ email: null, caseReference: '' }).where(eq(invitations.id, invitation!.id)).run();
    expect(pseudonymiseClosedCases(ctx.db, ctx.addressHashKey)).toEqual({ cases: 1, notifications: 1 });
    const [record] = ctx.db.select().from(zgwCases).all();
    expect(record!.objectUrl).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(record).toMatchObject({ reference: '', notificationId: null });
    expect(record!.createdAt.getTime() % 86_400_000).toBe(0);
    expect(inbox()).toHaveLength(0);
    const zaakId = zaak.split('/').at(-1)!;
    const stored = JSON.stringify([ctx.db.$client.prepare('SELECT * FROM zgw_cases').all(), ctx.db.$client.prepare('SELECT * FROM zgw_notifications').all()]);
    expect(stored).not.toContain(zaakId);
    expect(stored).not.toContain(email!);

    // A late repeat and a reconciliation still find the zaak: no second invitation.
    await notify(message);
    await processInbox();
    expect(inbox()[0]).toMatchObject({ status: 'done', outcome: 'already-invited' });
    const subscription = ctx.db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.id, subscriptionId)).get()!;
    expect(await reconcileSubscription(ctx.db, deps, subscription, { since: '2026-11-15', until: '2026-11-20' })).toMatchObject({ closed: 1, alreadyInvited: 1, queued: 0 });
    expect(invitationRows()).toHaveLength(1);
    // That late repeat's link is forgotten at the next housekeeping too.
    expect(pseudonymiseClosedCases(ctx.db, ctx.addressHashKey)).toEqual({ cases: 0, notifications: 1 });
    expect(inbox()).toHaveLength(0);
  });
});

describe('the worker\'s housekeeping', () => {
  it('reconciles the last days by itself, forgets old notifications and zaak records', async () => {
    const lost = closedZaak({ einddatum: '2026-11-19' });
    // An old, handled notification (over 90 days) and an old zaak record (over 400 days).
    const old = closedZaak({ mapped: false, einddatum: '2026-08-01' });
    await notify(statusNotification(old.zaak, old.status, old.zaaktype));
    await processInbox();
    ctx.db.update(zgwNotifications).set({ receivedAt: new Date('2026-08-01T00:00:00Z') }).run();
    const outbox = startOutboxWorker(ctx.db, transport, ctx, { intervalMs: 60_000 });
    const worker = startZgwWorker(ctx.db, deps, { intervalMs: 60_000, reconcileEveryMs: 24 * 60 * 60_000, onMailQueued: () => outbox.wake() });
    try {
      ctx.clock.advanceMs(61_000);
      worker.wake();
      const [mail] = await smtp.waitFor(1, 10_000);
      expect(JSON.stringify(mail!.to)).toContain(lost.email);
      expect(inbox()).toMatchObject([{ source: 'reconcile', resourceUrl: lost.zaak, status: 'done', outcome: 'invited' }]);
    } finally {
      await worker.stop();
      await outbox.stop();
    }
    ctx.db.update(zgwCases).set({ createdAt: new Date('2025-09-01T00:00:00Z') }).run();
    expect(pruneCaseRecords(ctx.db, ctx.clock.now())).toBe(1);
  });
});

describe('the worker, wired as src/server.ts wires it', () => {
  it('the webhook wakes the ZGW worker, which wakes the outbox worker: one real mail without polling', async () => {
    const config = loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'http://meethuis.test', SMTP_URL: smtp.url });
    const db = ctx.db;
    const outbox = startOutboxWorker(db, transport, ctx, { intervalMs: 60_000 });
    const worker = startZgwWorker(db, deps, { intervalMs: 60_000, onMailQueued: () => outbox.wake() });
    const app = createApp({ db, config, clock: ctx.clock, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mailbox: false, onZgwNotification: () => worker.wake(), onMailQueued: () => outbox.wake() });
    try {
      const { zaak, status, zaaktype, email } = closedZaak();
      const response = await app.request(WEBHOOK, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: AUTH }, body: JSON.stringify(statusNotification(zaak, status, zaaktype)) });
      expect(response.status).toBe(204);
      const [mail] = await smtp.waitFor(1, 10_000);
      expect(JSON.stringify(mail!.to)).toContain(email);
    } finally {
      await worker.stop();
      await outbox.stop();
    }
  });
});

async function adminSession() {
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const admin = await createStaff(ctx.db, ctx.clock, 'admin', `beheer${++counter}@gemeente.test`);
  const { cookie } = await login(ctx.app, admin.email);
  return asStaff(ctx.app, cookie!);
}

const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('the admin page /admin/zgw', () => {
  it('adds a subscription: errors per field (422, secrets never echoed), then stored with only a hash and an encrypted secret', async () => {
    const admin = await adminSession();
    const bad = await admin('/admin/zgw/abonnementen', form({ name: '', auth: 'te-kortgeheim', zakenApi: 'geen url', catalogiApi: 'ftp://x', clientId: 'meethuis', secret: '', klantinteractiesToken: 'abc' }));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    for (const message of [nl.zgw.errors.name, nl.zgw.errors.auth, nl.zgw.errors.url, nl.zgw.errors.secret, nl.zgw.errors.token]) expect(html).toContain(message.replace(/"/g, '&quot;'));
    expect(html).toContain('value="geen url"');
    expect(html).not.toContain('te-kortgeheim');
    expect(ctx.db.select().from(zgwSubscriptions).all()).toHaveLength(1);

    const good = await admin(
      '/admin/zgw/abonnementen',
      form({ name: 'Open Zaak acceptatie', auth: '', zakenApi: `${zgw.zakenApi}/`, catalogiApi: zgw.catalogiApi, clientId: CLIENT_ID, secret: CLIENT_SECRET, klantinteractiesApi: '', klantinteractiesToken: '' }),
    );
    expect(good.status).toBe(200);
    const shown = await good.text();
    const auth = /<textarea[^>]*id="zgw-autorisatie"[^>]*>([^<]+)<\/textarea>/.exec(shown)?.[1];
    expect(auth).toMatch(/^Token [\w-]{40,}$/);
    const stored = ctx.db.select().from(zgwSubscriptions).all().at(-1)!;
    expect(stored).toMatchObject({ name: 'Open Zaak acceptatie', zakenApi: zgw.zakenApi, klantinteractiesApi: null });
    const everything = JSON.stringify(ctx.db.$client.prepare('SELECT * FROM zgw_subscriptions').all()) + JSON.stringify(ctx.db.$client.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toContain(auth!);
    // The generated value works at the webhook, and the page never shows it (or the secret) again.
    const { zaak, status, zaaktype } = closedZaak();
    expect((await notify(statusNotification(zaak, status, zaaktype), auth!)).status).toBe(204);
    const page = await (await admin('/admin/zgw')).text();
    expect(page).toContain('Open Zaak acceptatie');
    expect(page).not.toContain(auth!);
    expect(page).not.toContain(CLIENT_SECRET);
    expect(page).toContain('http://meethuis.test/api/v1/zgw/notificaties');

    // The same Authorization value or name again is refused.
    const taken = await admin('/admin/zgw/abonnementen', form({ name: 'Nog een', auth: AUTH, zakenApi: zgw.zakenApi, catalogiApi: zgw.catalogiApi, clientId: 'x', secret: 'y' }));
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain(nl.zgw.errors.authTaken);
    expect(ctx.db.select().from(auditLog).where(eq(auditLog.action, 'zgw.subscription-added')).all()).toHaveLength(1);
  });

  it('maps and unmaps zaaktypen and onderwerpen with audit lines, and validates the form', async () => {
    const admin = await adminSession();
    const invalid = await admin('/admin/zgw/koppelingen', form({ soort: 'iets', sleutel: '', doel: 'bestaat-niet' }));
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    for (const message of [nl.zgw.mapErrors.kind, nl.zgw.mapErrors.key, nl.zgw.mapErrors.target]) expect(html).toContain(message);

    const zaaktype = `${zgw.catalogiApi}/zaaktypen/abc/`;
    const saved = await admin('/admin/zgw/koppelingen', form({ soort: 'zaaktype', sleutel: zaaktype, doel: 'paspoort-aanvragen' }));
    expect(saved.status).toBe(303);
    const onderwerp = await admin('/admin/zgw/koppelingen', form({ soort: 'onderwerp', sleutel: 'Paspoort', doel: 'paspoort-aanvragen/balie' }));
    expect(onderwerp.status).toBe(303);
    const page = await (await admin(onderwerp.headers.get('Location')!)).text();
    expect(page).toContain(nl.zgw.mappedNotice('paspoort').replace(/"/g, '&quot;'));
    expect(page).toContain(`${zgw.catalogiApi}/zaaktypen/abc<`);
    const rows = ctx.db.$client.prepare('SELECT kind, key, touchpoint_id FROM zgw_mappings ORDER BY kind').all() as { kind: string; key: string }[];
    expect(rows.map((row) => [row.kind, row.key])).toEqual([
      ['onderwerp', 'paspoort'],
      ['zaaktype-url', `${zgw.catalogiApi}/zaaktypen/abc`],
    ]);
    const id = (ctx.db.$client.prepare("SELECT id FROM zgw_mappings WHERE kind = 'onderwerp'").get() as { id: number }).id;
    expect((await admin(`/admin/zgw/koppelingen/${id}/verwijderen`, form({}))).status).toBe(303);
    expect((await admin('/admin/zgw/koppelingen/999999/verwijderen', form({}))).status).toBe(404);
    const actions = ctx.db.select().from(auditLog).all().map((row) => row.action).filter((action) => action.startsWith('zgw.'));
    expect(actions).toEqual(['zgw.mapping-saved', 'zgw.mapping-saved', 'zgw.mapping-deleted']);
  });

  it('lists the recent notifications with what became of each, filterable by status', async () => {
    const ok = closedZaak();
    const unmapped = closedZaak({ mapped: false });
    const noAddress = closedZaak({ email: null });
    for (const zaak of [ok, unmapped, noAddress]) await notify(statusNotification(zaak.zaak, zaak.status, zaak.zaaktype));
    await notify(statusNotification(ok.zaak, ok.status, ok.zaaktype));
    await processInbox();
    const admin = await adminSession();
    const html = await (await admin('/admin/zgw')).text();
    expect(html).toContain(nl.zgw.outcomes.invited);
    expect(html).toContain(nl.zgw.skipReasons.unmapped);
    expect(html).toContain(nl.zgw.outcomes.suppressed(nl.zgw.suppressedReasons['no-address']));
    expect(html).toContain(nl.zgw.deliveries(2));
    expect(html).toContain(nl.zgw.detail(unmapped.zaaktype));
    const skippedOnly = await (await admin('/admin/zgw?status=skipped')).text();
    expect(skippedOnly).not.toContain(nl.zgw.outcomes.invited);
    // The unmapped zaak only: the one without an address is done (recorded as not invitable).
    expect(skippedOnly.match(/data-status="skipped"/g)).toHaveLength(1);
    // Citizens' addresses are never on the page.
    expect(html).not.toContain(ok.email!);
  });

  it('starts a reconciliation from the page (validated date), whose results land in the inbox', async () => {
    const admin = await adminSession();
    const lost = closedZaak({ einddatum: '2026-11-19' });
    for (const vanaf of ['', 'gisteren', '2026-12-01', '2024-01-01']) {
      const response = await admin('/admin/zgw/nalopen', form({ vanaf }));
      expect(response.status, vanaf).toBe(422);
    }
    const started = await admin('/admin/zgw/nalopen', form({ vanaf: '2026-11-18' }));
    expect(started.status).toBe(303);
    for (let i = 0; i < 100 && inbox().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 100 && !ctx.db.select().from(auditLog).where(eq(auditLog.action, 'zgw.reconciled')).get(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inbox()).toMatchObject([{ source: 'reconcile', resourceUrl: lost.zaak, status: 'pending' }]);
    await processInbox();
    expect(invitationRows()).toHaveLength(1);
    expect(ctx.db.select().from(auditLog).where(eq(auditLog.action, 'zgw.reconciled')).get()).toMatchObject({ result: 'success' });
  });
});

// ── The CLI, as an operator runs it: a separate process on a database file ─────────────────


describe('CLI: npm run cli -- zgw …', () => {
  let dir: string;
  let databasePath: string;
  const cli = (...args: string[]) => spawnCli(databasePath, args);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meethuis-zgw-cli-'));
    databasePath = join(dir, 'data', 'meethuis.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('subscription add/list/revoke, map/unmap, and reconcile a lost notification into one invitation', { timeout: 240_000 }, async () => {
    const add = await cli(
      'zgw', 'subscription', 'add', '--name', 'Open Zaak', '--auth', AUTH, '--zaken-api', zgw.zakenApi, '--catalogi-api', zgw.catalogiApi,
      '--client-id', CLIENT_ID, '--secret', CLIENT_SECRET,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('http://meethuis.test/api/v1/zgw/notificaties');
    expect(add.stdout + add.stderr).not.toContain(CLIENT_SECRET);
    expect(add.stdout).not.toContain(AUTH);

    const badAdd = await cli('zgw', 'subscription', 'add', '--name', 'Fout', '--zaken-api', 'geen-url', '--catalogi-api', zgw.catalogiApi, '--client-id', 'x');
    expect(badAdd.code).toBe(2);
    expect(badAdd.stderr).toContain('--zaken-api');
    expect(badAdd.stderr).toContain('--secret');

    const generated = await cli('zgw', 'subscription', 'add', '--name', 'Tweede', '--zaken-api', zgw.zakenApi, '--catalogi-api', zgw.catalogiApi, '--client-id', CLIENT_ID, '--secret', CLIENT_SECRET);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Token [\w-]{40,}$/);

    const list = await cli('zgw', 'subscription', 'list');
    expect(list.stdout).toContain('Open Zaak\tactive');
    expect(list.stdout).not.toContain(CLIENT_SECRET);
    const revoke = await cli('zgw', 'subscription', 'revoke', '--name', 'Tweede');
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await cli('zgw', 'subscription', 'list')).stdout).toMatch(/Tweede\trevoked/);

    // Zaken in the ZGW test server, for the zaaktype mapped through the CLI.
    const zaaktype = zgw.zaaktype({ identificatie: 'CLI-1' });
    const eind = zgw.statustype(zaaktype, { eind: true });
    const today = dayOf(new Date());
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-CLI-1', startdatum: today, einddatum: today, email: 'cli-burger@example.nl' });
    zgw.status(zaak, eind);
    zgw.now = () => new Date();

    const unknownJourney = await cli('zgw', 'map', '--zaaktype', zaaktype, '--journey', 'bestaat-niet');
    expect(unknownJourney.code).toBe(2);
    expect(unknownJourney.stderr).toContain('bestaat-niet');
    const map = await cli('zgw', 'map', '--zaaktype', zaaktype, '--journey', 'paspoort-aanvragen');
    expect(map.code, map.stderr).toBe(0);
    const mapOnderwerp = await cli('zgw', 'map', '--onderwerp', 'Paspoort', '--journey', 'paspoort-aanvragen', '--touchpoint', 'balie');
    expect(mapOnderwerp.code, mapOnderwerp.stderr).toBe(0);
    const mappings = await cli('zgw', 'map', '--list');
    expect(mappings.stdout).toContain(`zaaktype-url\t${zaaktype}\tpaspoort-aanvragen\t-`);
    expect(mappings.stdout).toContain('onderwerp\tpaspoort\tpaspoort-aanvragen\tbalie');
    expect((await cli('zgw', 'unmap', '--onderwerp', 'PASPOORT')).code).toBe(0);
    expect((await cli('zgw', 'map', '--list')).stdout).not.toContain('onderwerp\t');

    expect((await cli('zgw', 'reconcile')).code).toBe(2);
    const reconcile = await cli('zgw', 'reconcile', '--since', today);
    expect(reconcile.code, reconcile.stderr).toBe(0);
    expect(reconcile.stdout).toContain('1 invited');
    const again = await cli('zgw', 'reconcile', '--since', today);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('1 already invited for; 0 to process');
    const notifications = await cli('zgw', 'notifications');
    expect(notifications.stdout).toContain('ZAAK-CLI-1');
    expect(notifications.stdout).toContain(nl.zgw.outcomes.invited);

    const db = openDb(databasePath);
    try {
      const rows = db.select().from(invitations).all();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'cli-burger@example.nl', caseReference: 'ZAAK-CLI-1' });
      expect(db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'invitation'").get()).toEqual({ n: 1 });
      // The CLI encrypted the secret with the data key kept beside the database.
      const stored = db.select().from(zgwSubscriptions).all()[0]!;
      expect(stored.secret).not.toContain(CLIENT_SECRET);
      expect(loadSecrets(databasePath, {}).dataKey).toBeTruthy();
      const actions = db.select().from(auditLog).all().map((row) => row.action);
      expect(actions).toEqual(expect.arrayContaining(['zgw.subscription-added', 'zgw.subscription-revoked', 'zgw.mapping-saved', 'zgw.mapping-deleted', 'zgw.reconciled']));
    } finally {
      db.$client.close();
    }
  });
});

// Keeps TestClock referenced for readers looking for how time moves in these tests.
void TestClock;
