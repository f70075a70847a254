/**
 * Issue 18: the webhook accepts every notification Open Notificaties really delivers — the shapes
 * in fixtures/real-notifications.json (copied from the conformance reference, each naming the
 * Open Zaak / Open Notificaties / Open Klant source it follows) — at the callback URL with and
 * without a trailing slash, including the CloudEvent variant of an abonnement with "send cloudevents".
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zgwNotifications } from '../../src/db/schema';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { saveMapping } from '../../src/zgw/mappings';
import { processDueNotifications, type ZgwDeps } from '../../src/zgw/processor';
import { addSubscription, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { nl } from '../../src/texts';
import { mailTemplates } from '../../views/mail';
import { decodeHtml } from '../helpers/html-text';
import { TestSmtpServer } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { ZgwTestServer } from '../helpers/zgw-server';

interface Fixture {
  source: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}
const fixtures = (JSON.parse(readFileSync(new URL('./fixtures/real-notifications.json', import.meta.url), 'utf8')) as { notifications: Record<string, Fixture> }).notifications;

const AUTH = 'Token 4f0c-notificaties-0123456789-abcdef';
const WEBHOOK = '/api/v1/zgw/notificaties';
const OPEN_ZAAK = 'https://openzaak.gemeente.nl';
const OPEN_KLANT = 'https://openklant.gemeente.nl';

let ctx: TestContext;

beforeEach(() => {
  ctx = createTestContext();
  // The hosts of the fixtures: nothing is fetched from them in these tests (no processing).
  const input = subscriptionInputSchema.parse({
    name: 'Open Zaak gemeente',
    auth: AUTH,
    zakenApi: `${OPEN_ZAAK}/zaken/api/v1`,
    catalogiApi: `${OPEN_ZAAK}/catalogi/api/v1`,
    klantinteractiesApi: `${OPEN_KLANT}/klantinteracties/api/v1`,
    clientId: 'meethuis',
    secret: 'een-gedeeld-geheim-van-voldoende-lengte',
    klantinteractiesToken: 'open-klant-token-0123456789',
  });
  addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, input);
});

/** Posts a fixture as Open Notificaties does: its own headers, the abonnement's auth (or none). */
const deliver = (fixture: Fixture, options: { path?: string; auth?: string | null; body?: unknown } = {}) => {
  const headers: Record<string, string> = { 'Content-Type': fixture.headers['Content-Type']! };
  const auth = options.auth === undefined ? AUTH : options.auth;
  if (auth !== null) headers.Authorization = auth;
  return ctx.app.request(options.path ?? WEBHOOK, { method: 'POST', headers, body: JSON.stringify(options.body ?? fixture.body) });
};
const inbox = () => ctx.db.select().from(zgwNotifications).all();

describe('every real notification shape is accepted, at both forms of the callback URL', () => {
  for (const path of [WEBHOOK, `${WEBHOOK}/`]) {
    it(`answers Open Notificaties' two subscription checks at ${path}: 204 with auth, 401 without`, async () => {
      const check = fixtures.open_notificaties_subscription_check_with_auth!;
      const withAuth = await deliver(check, { path });
      expect(withAuth.status).toBe(204);
      const without = await deliver(check, { path, auth: null });
      expect(without.status).toBe(401);
      expect((await deliver(check, { path, auth: 'Token geen-abonnement-0123456789' })).status).toBe(403);
      expect(inbox()).toHaveLength(0);
    });

    it(`stores each Open Zaak and Open Klant message at ${path} with 204, acting only on status and klantcontact creates`, async () => {
      const expected: Record<string, { status: string; skipReason?: string | null }> = {
        zaken_status_create: { status: 'pending' },
        zaken_zaak_create: { status: 'skipped', skipReason: 'not-relevant' },
        zaken_zaak_partial_update: { status: 'skipped', skipReason: 'not-relevant' },
        zaken_resultaat_create: { status: 'skipped', skipReason: 'not-relevant' },
        klantcontacten_klantcontact_create: { status: 'pending' },
      };
      for (const [name, outcome] of Object.entries(expected)) {
        const fixture = fixtures[name]!;
        const response = await deliver(fixture, { path });
        expect(response.status, `${name}: ${await response.clone().text()}`).toBe(204);
        const row = inbox().find((candidate) => candidate.resource === fixture.body.resource && candidate.actie === fixture.body.actie && candidate.kanaal === fixture.body.kanaal);
        expect(row, name).toMatchObject({ ...outcome, resourceUrl: fixture.body.resourceUrl, hoofdObject: fixture.body.hoofdObject });
      }
      expect(inbox()).toHaveLength(Object.keys(expected).length);
      // The same status create with `source` (NOTIFICATIONS_SOURCE set) is the same message: counted, not stored again.
      expect((await deliver(fixtures.zaken_status_create_with_source!, { path })).status).toBe(204);
      expect(inbox()).toHaveLength(Object.keys(expected).length);
      expect(inbox().find((row) => row.resource === 'status')).toMatchObject({ deliveries: 2 });
      // Open Klant's kenmerken as ON forwards them (strings), and as Open Klant's own test shows them (booleans).
      const klantcontact = fixtures.klantcontacten_klantcontact_create!;
      const booleans = { ...klantcontact.body, kenmerken: { ...(klantcontact.body.kenmerken as object), indicatieContactGelukt: true, verdereActieOndernomen: false } };
      expect((await deliver(klantcontact, { path, body: booleans })).status).toBe(204);
      expect(inbox().find((row) => row.resource === 'klantcontact')).toMatchObject({ deliveries: 2, kenmerken: { indicatieContactGelukt: 'True', verdereActieOndernomen: 'False' } });
    });
  }

  it('reads the CloudEvent variant as the status create it was made from: stored once with the plain message', async () => {
    const cloudEvent = fixtures.cloudevent_variant_if_abonnement_send_cloudevents_true!;
    expect(cloudEvent.headers['Content-Type']).toBe('application/cloudevents+json');
    expect((await deliver(cloudEvent, { auth: null })).status).toBe(401);
    const response = await deliver(cloudEvent);
    expect(response.status).toBe(204);
    const plain = fixtures.zaken_status_create!.body;
    expect(inbox()).toMatchObject([
      {
        status: 'pending',
        kanaal: 'zaken',
        resource: 'status',
        actie: 'create',
        resourceUrl: plain.resourceUrl,
        hoofdObject: plain.hoofdObject,
        kenmerken: plain.kenmerken,
      },
    ]);
    // Both abonnementen (plain and CloudEvents) deliver the same event: processed once.
    expect((await deliver(fixtures.zaken_status_create!, { path: `${WEBHOOK}/` })).status).toBe(204);
    expect(inbox()).toHaveLength(1);
    expect(inbox()[0]!.deliveries).toBe(2);
  });

  it('answers a CloudEvent it cannot read with 400 naming the fields, storing nothing', async () => {
    const cloudEvent = fixtures.cloudevent_variant_if_abonnement_send_cloudevents_true!;
    const cases: [unknown, string][] = [
      [{ ...cloudEvent.body, type: 'status.create' }, 'type'],
      [{ ...cloudEvent.body, specversion: '0.3' }, 'specversion'],
      [{ ...cloudEvent.body, data: { ...(cloudEvent.body.data as object), hoofdObject: 'geen-url' } }, 'hoofdObject'],
    ];
    for (const [body, field] of cases) {
      const response = await deliver(cloudEvent, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = (await response.json()) as { title: string; errors: { field: string }[] };
      expect(problem.title).toBe('Invalid CloudEvent');
      expect(problem.errors.map((error) => error.field)).toContain(field);
    }
    expect(inbox()).toHaveLength(0);
  });
});

describe('a CloudEvent leads to the same survey as the plain notification', () => {
  let smtp: TestSmtpServer;
  let zgw: ZgwTestServer;
  let transport: MailTransport;
  beforeAll(async () => {
    [smtp, zgw] = await Promise.all([new TestSmtpServer().start(), new ZgwTestServer().start()]);
  });
  afterAll(async () => {
    await Promise.all([smtp?.stop(), zgw?.stop()]);
  });
  afterEach(() => transport?.close());

  it('nl.overheid.zaken.status.create for an end status → one invitation, with the status read from the Zaken API', async () => {
    ctx = createTestContext({ SMTP_URL: smtp.url });
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    zgw.now = () => ctx.clock.now();
    const auth = 'Token cloudevents-0123456789-abcdef';
    addSubscription(
      ctx.db,
      TEST_DATA_KEY,
      ctx.clock,
      subscriptionInputSchema.parse({
        name: 'Open Zaak (CloudEvents)',
        auth,
        ...zgw.apiFields(),
      }),
    );
    const zaaktype = zgw.zaaktype({ identificatie: 'PASPOORT' });
    saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-2026-0000000123', startdatum: '2026-11-02', einddatum: '2026-11-20', email: 'j.jansen@example.nl' });
    const status = zgw.status(zaak, zgw.statustype(zaaktype, { eind: true }));
    const template = fixtures.cloudevent_variant_if_abonnement_send_cloudevents_true!;
    const event = { ...template.body, subject: status.split('/').at(-1), data: { ...(template.body.data as object), zaaktype, hoofdObject: zaak } };
    const response = await ctx.app.request(WEBHOOK, { method: 'POST', headers: { 'Content-Type': 'application/cloudevents+json', Authorization: auth }, body: JSON.stringify(event) });
    expect(response.status).toBe(204);
    const deps: ZgwDeps = { clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 1_000 };
    expect(await processDueNotifications(ctx.db, deps)).toMatchObject({ invited: 1 });
    expect(zgw.requests.map((request) => request.path)).toContain(new URL(status).pathname);
    expect(inbox()).toMatchObject([{ resourceUrl: status, status: 'done', outcome: 'invited' }]);
    expect(zgw.authFailures).toEqual([]);
  });
});

describe('the admin page /admin/zgw says what the connection needs', () => {
  it('names the versions, the API key authorization, both callback URL forms, CloudEvents and the Open Klant token', async () => {
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const admin = await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@gemeente.test');
    const { cookie } = await login(ctx.app, admin.email);
    const response = await asStaff(ctx.app, cookie!)('/admin/zgw');
    expect(response.status).toBe(200);
    const text = decodeHtml(await response.text());
    for (const requirement of nl.zgw.requirements) expect(text).toContain(requirement);
    for (const needed of ['Open Zaak 1.10', 'Zaken API 1.4', 'Open Klant 2.18', 'NOTIFICATIONS_DISABLED=false', 'klantcontacten', '"API key"', 'CloudEvents', 'Token …', '…/notificaties/']) {
      expect(text).toContain(needed);
    }
  });
});
