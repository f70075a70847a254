/**
 * Open Klant as it really is (issue 18): a citizen's own e-mail address sits on the partij, the
 * betrokkene and its addresses are registered after the klantcontact (and so after the
 * notification), only `Authorization: Token …` is accepted, `referentienummer` replaced `nummer`.
 * Against the ZGW test server shaped as Open Zaak 1.30 / Open Klant 2.18, a migrated SQLite
 * database and a real SMTP server.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invitations, zgwNotifications, zgwSubscriptions } from '../../src/db/schema';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { encryptSecret } from '../../src/secrets';
import { nl } from '../../src/texts';
import { signZgwJwt } from '../../src/zgw/jwt';
import { saveMapping } from '../../src/zgw/mappings';
import { processDueNotifications, type ZgwDeps } from '../../src/zgw/processor';
import { addSubscription, hashAuth, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { mailTemplates } from '../../views/mail';
import { TestSmtpServer } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { CLIENT_ID, CLIENT_SECRET, klantcontactNotification, OPEN_KLANT_TOKEN, statusNotification, ZgwTestServer } from '../helpers/zgw-server';

const AUTH = 'Token notificaties-open-klant-0123456789';
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

const subscriptionFields = () => ({
  name: 'Open Zaak en Open Klant',
  auth: AUTH,
  ...zgw.apiFields(),
});

beforeEach(() => {
  ctx = createTestContext({ SMTP_URL: smtp.url });
  transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  deps = { clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 1_000 };
  smtp.received.length = 0;
  smtp.mode = 'accept';
  zgw.reset(true);
  zgw.now = () => ctx.clock.now();
  addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, subscriptionInputSchema.parse(subscriptionFields()));
  saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Verhuizing doorgeven', journey: 'verhuizing-doorgeven' });
});
afterEach(() => transport.close());

const notify = (body: unknown, auth = AUTH) =>
  ctx.app.request(WEBHOOK, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: auth }, body: JSON.stringify(body) });
const processInbox = () => processDueNotifications(ctx.db, deps);
const inbox = () => ctx.db.select().from(zgwNotifications).all();
const invitationRows = () => ctx.db.select().from(invitations).all();
const recipients = () => smtp.received.map((mail) => (mail.to && 'text' in mail.to ? mail.to.text : ''));
const openKlantRequests = () => zgw.requests.filter((request) => request.path.startsWith('/klantinteracties/'));

describe('Open Klant: where the e-mail address is', () => {
  it('a real-shaped klantcontact whose address sits on the partij → exactly one mail, to the voorkeursDigitaalAdres, referenced by referentienummer', async () => {
    // The partij's standaard adres is another one than its voorkeur: the voorkeur wins.
    const partij = zgw.partij({ emails: ['jan.werk@example.nl', 'jan.jansen@example.nl'], standaard: 0, voorkeur: 1 });
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', referentienummer: '0000123', partij, email: null });
    expect((await notify(klantcontactNotification(contact))).status).toBe(204);

    expect(await processInbox()).toMatchObject({ invited: 1 });
    expect(zgw.authFailures).toEqual([]);
    expect(openKlantRequests().every((request) => request.claims === 'token')).toBe(true);
    expect(zgw.requests.find((request) => request.path === '/klantinteracties/api/v1/digitaleadressen')?.query).toEqual({ verstrektDoorPartij__url: partij });
    const [invitation] = invitationRows();
    expect(invitation).toMatchObject({ email: 'jan.jansen@example.nl', caseReference: 'KC-0000123', channel: 'telefoon' });

    await notify(klantcontactNotification(contact)); // a repeat
    await processInbox();
    expect((await deliverDueMails(ctx.db, transport, ctx)).sent).toBe(1);
    expect(recipients()).toEqual(['jan.jansen@example.nl']);
  });

  it('without a voorkeur the partij\'s standaard adres; the betrokkene\'s own address for this contact comes before both', async () => {
    const partij = zgw.partij({ emails: ['eerste@example.nl', 'standaard@example.nl'], standaard: 1 });
    const viaPartij = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'balie', referentienummer: '1', partij, email: null });
    const own = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'balie', referentienummer: '2', partij: zgw.partij({ emails: ['partij@example.nl'], voorkeur: 0 }), email: 'eigen@example.nl' });
    for (const contact of [viaPartij, own]) await notify(klantcontactNotification(contact));
    expect(await processInbox()).toMatchObject({ invited: 2 });
    expect(invitationRows().map((row) => [row.caseReference, row.email])).toEqual([
      ['KC-1', 'standaard@example.nl'],
      ['KC-2', 'eigen@example.nl'],
    ]);
  });

  it('a contact mapped by its hoofdOnderwerpType (a zaaktype URL) before its free-text onderwerp', async () => {
    const zaaktype = zgw.zaaktype({ identificatie: 'PASPOORT' });
    saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'balie', referentienummer: '7', hoofdOnderwerpType: zaaktype, email: 'burger@example.nl' });
    await notify(klantcontactNotification(contact, zaaktype));
    expect(await processInbox()).toMatchObject({ invited: 1 });
    const journey = ctx.db.$client.prepare('SELECT slug FROM journeys WHERE id = ?').get(invitationRows()[0]!.journeyId) as { slug: string };
    expect(journey.slug).toBe('paspoort-aanvragen');
  });

  it('a zaak whose initiator has no contactpersoonRol e-mail but is an Open Klant partij → the partij\'s address', async () => {
    const zaaktype = zgw.zaaktype({ identificatie: 'PARKEREN' });
    saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
    const partij = zgw.partij({ emails: ['partij.burger@example.nl'], voorkeur: 0 });
    // communicatiekanaal as a Referentielijsten URL outside the subscription's APIs: never called.
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-2026-0000000501', einddatum: '2026-11-20', email: undefined, betrokkene: partij, communicatiekanaal: 'https://referentielijsten.example.nl/api/v1/communicatiekanalen/1' });
    const status = zgw.status(zaak, zgw.statustype(zaaktype, { eind: true }));
    const message = statusNotification(zaak, status, zaaktype);
    expect(message.kenmerken['zaaktype.catalogus']).toMatch(/\/catalogi\/api\/v1\/catalogussen\//);
    await notify(message);
    expect(await processInbox()).toMatchObject({ invited: 1 });
    expect(invitationRows()[0]).toMatchObject({ email: 'partij.burger@example.nl', channel: null });
  });
});

describe('Open Klant: the betrokkene and the address come after the notification', () => {
  it('registered 30 s after the notification → no mail at first, then exactly one', async () => {
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', referentienummer: '0000456', betrokkene: false });
    await notify(klantcontactNotification(contact));
    expect(await processInbox()).toMatchObject({ retrying: 1, invited: 0, skipped: 0 });
    const [waiting] = inbox();
    // Waiting is not an attempt: the error budget (MAX_ZGW_ATTEMPTS) stays whole.
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, caseReference: 'KC-0000456' });
    expect(waiting!.lastError).toContain('Open Klant heeft (nog) geen e-mailadres');
    expect(waiting!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(30_000);

    ctx.clock.advanceMs(30_000);
    zgw.addBetrokkene(contact, { partij: zgw.partij({ emails: ['laat@example.nl'], voorkeur: 0 }) });
    expect(await processInbox()).toMatchObject({ invited: 1 });
    expect(inbox()[0]).toMatchObject({ status: 'done', outcome: 'invited', attempts: 1, lastError: null });
    await processInbox();
    expect((await deliverDueMails(ctx.db, transport, ctx)).sent).toBe(1);
    expect(recipients()).toEqual(['laat@example.nl']);
  });

  it('no address within ZGW_ADDRESS_WAIT_MINUTES → recorded as not invitable at the end of the window, and no mail', async () => {
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', referentienummer: '9', email: null });
    await notify(klantcontactNotification(contact));
    const received = inbox()[0]!.receivedAt.getTime();
    const until = received + ctx.config.ZGW_ADDRESS_WAIT_MINUTES * 60_000;
    let looks = 0;
    while (inbox()[0]!.status === 'pending' && looks < 50) {
      ctx.clock.advanceMs(Math.max(0, inbox()[0]!.nextAttemptAt.getTime() - ctx.clock.now().getTime()));
      await processInbox();
      looks++;
    }
    const [row] = inbox();
    expect(row).toMatchObject({ status: 'done', outcome: 'suppressed', detail: 'no-address', caseReference: 'KC-9' });
    expect(row!.processedAt!.getTime()).toBe(until);
    // Each look after as long as it has waited so far: at 0, 30 s, 1, 2, 4, 8, 16, 32 minutes, then the end of the hour.
    expect(looks).toBe(9);
    expect(invitationRows()).toMatchObject([{ status: 'suppressed', suppressedReason: 'no-address', email: null }]);
    await deliverDueMails(ctx.db, transport, ctx);
    expect(smtp.received).toHaveLength(0);
  });
  it('a day-long window (more looks than MAX_ZGW_ATTEMPTS): an Open Klant error late in it is retried, not final', async () => {
    ctx = createTestContext({ SMTP_URL: smtp.url, ZGW_ADDRESS_WAIT_MINUTES: '1440' });
    deps = { ...deps, clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey };
    zgw.now = () => ctx.clock.now();
    addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, subscriptionInputSchema.parse(subscriptionFields()));
    saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Verhuizing doorgeven', journey: 'verhuizing-doorgeven' });
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', referentienummer: '21', betrokkene: false });
    await notify(klantcontactNotification(contact));
    const next = async () => {
      ctx.clock.advanceMs(Math.max(0, inbox()[0]!.nextAttemptAt.getTime() - ctx.clock.now().getTime()));
      return processInbox();
    };
    for (let look = 0; look < 25; look++) await next();
    expect(inbox()[0]).toMatchObject({ status: 'pending', attempts: 0 });
    zgw.fail('/klantinteracties/api/v1/klantcontacten', 503);
    expect(await next()).toMatchObject({ retrying: 1, failed: 0 });
    expect(inbox()[0]).toMatchObject({ status: 'pending', attempts: 1 });
    zgw.addBetrokkene(contact, { partij: zgw.partij({ emails: ['na-een-storing@example.nl'], voorkeur: 0 }) });
    expect(await next()).toMatchObject({ invited: 1 });
  });
});

describe('Open Klant accepts only its Token', () => {
  it('a Klantinteracties API without token is refused by the schema and by the admin form, with a clear message', async () => {
    const parsed = subscriptionInputSchema.safeParse({ ...subscriptionFields(), name: 'Zonder token', klantinteractiesToken: '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['klantinteractiesToken'], message: nl.zgw.errors.tokenRequired })]);

    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const admin = await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@gemeente.test');
    const { cookie } = await login(ctx.app, admin.email);
    const response = await asStaff(ctx.app, cookie!)('/admin/zgw/abonnementen', {
      method: 'POST',
      body: new URLSearchParams({ ...subscriptionFields(), name: 'Zonder token', auth: '', klantinteractiesToken: '' }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(nl.zgw.errors.tokenRequired);
    expect(ctx.db.select().from(zgwSubscriptions).all()).toHaveLength(1);
  });

  it('a subscription stored earlier without token fails at once, saying why, and never sends the ZGW JWT to Open Klant', async () => {
    const auth = 'Token oud-abonnement-zonder-token-0123';
    ctx.db
      .insert(zgwSubscriptions)
      .values({ name: 'Oud', authHash: hashAuth(auth), zakenApi: zgw.zakenApi, catalogiApi: zgw.catalogiApi, klantinteractiesApi: zgw.klantinteractiesApi, clientId: CLIENT_ID, secret: encryptSecret(TEST_DATA_KEY, CLIENT_SECRET), klantinteractiesToken: null, createdAt: ctx.clock.now() })
      .run();
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', referentienummer: '3', email: 'burger@example.nl' });
    await notify(klantcontactNotification(contact), auth);
    expect(await processInbox()).toMatchObject({ failed: 1, retrying: 0 });
    expect(inbox()[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: nl.zgw.errors.tokenMissing });
    expect(openKlantRequests()).toHaveLength(0);
  });

  it('the test server answers a Bearer JWT and a wrong token with Open Klant\'s 401', async () => {
    const jwt = signZgwJwt(CLIENT_SECRET, { clientId: CLIENT_ID, userId: 'x', userRepresentation: 'x', issuedAt: ctx.clock.now() });
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', email: null });
    for (const [authorization, code] of [
      [`Bearer ${jwt}`, 'not_authenticated'],
      ['Token verkeerd', 'authentication_failed'],
    ] as const) {
      const response = await fetch(contact, { headers: { Authorization: authorization } });
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Token');
      expect(await response.json()).toMatchObject({ status: 401, code });
    }
  });
});

describe('the test server tells the truth', () => {
  const jwt = () => `Bearer ${signZgwJwt(CLIENT_SECRET, { clientId: CLIENT_ID, userId: 'x', userRepresentation: 'x', issuedAt: ctx.clock.now() })}`;

  it('a filter typo is a 400 with Open Zaak\'s / Open Klant\'s problem body, not an unfiltered list', async () => {
    const zaaktype = zgw.zaaktype({ identificatie: 'X' });
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-1', email: 'a@example.nl' });
    const typo = await fetch(`${zgw.zakenApi}/rollen?zaak=${encodeURIComponent(zaak)}&omschrijvingGeneriek=initiator&omschrijving_generiek=initiator`, { headers: { Authorization: jwt() } });
    expect(typo.status).toBe(400);
    expect(typo.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await typo.json()).toMatchObject({
      code: 'invalid',
      status: 400,
      invalidParams: [{ name: 'nonFieldErrors', code: 'unknown-parameters', reason: 'Onbekende query parameters: omschrijving_generiek' }],
    });
    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', email: null });
    const klant = await fetch(`${zgw.klantinteractiesApi}/betrokkenen?hadKlantcontact=${encodeURIComponent(contact)}`, { headers: { Authorization: `Token ${OPEN_KLANT_TOKEN}` } });
    expect(klant.status).toBe(400);
    expect(((await klant.json()) as { invalidParams: { reason: string }[] }).invalidParams[0]!.reason).toBe('Onbekende query parameters: hadKlantcontact');
    // The right names work.
    expect((await fetch(`${zgw.zakenApi}/rollen?zaak=${encodeURIComponent(zaak)}&omschrijvingGeneriek=initiator`, { headers: { Authorization: jwt() } })).status).toBe(200);
  });

  it('a zaak comes with Content-Crs; a betrokkene\'s addresses never carry isStandaardAdres, and _expand is camelCase', async () => {
    const zaaktype = zgw.zaaktype({ identificatie: 'Y' });
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-2', email: 'b@example.nl' });
    const read = await fetch(zaak, { headers: { Authorization: jwt(), 'Accept-Crs': 'EPSG:4326' } });
    expect(read.headers.get('Content-Crs')).toBe('EPSG:4326');
    expect(((await read.json()) as { zaaktype: string }).zaaktype).toBe(zaaktype);
    const catalogus = ((await (await fetch(zaaktype, { headers: { Authorization: jwt() } })).json()) as { catalogus: string }).catalogus;
    expect(catalogus).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/catalogi\/api\/v1\/catalogussen\//);

    const contact = zgw.klantcontact({ onderwerp: 'Verhuizing doorgeven', kanaal: 'telefoon', email: 'c@example.nl' });
    const list = (await (
      await fetch(`${zgw.klantinteractiesApi}/betrokkenen?hadKlantcontact__url=${encodeURIComponent(contact)}&expand=digitaleAdressen`, { headers: { Authorization: `Token ${OPEN_KLANT_TOKEN}` } })
    ).json()) as { results: { _expand: { digitaleAdressen: { isStandaardAdres: boolean; verstrektDoorPartij: unknown }[] } }[] };
    const addresses = list.results[0]!._expand.digitaleAdressen;
    expect(addresses).toHaveLength(2);
    expect(addresses.every((address) => address.isStandaardAdres === false && address.verstrektDoorPartij === null)).toBe(true);
    expect(() => zgw.digitaalAdres({ betrokkene: contact, adres: 'd@example.nl', isStandaardAdres: true })).toThrow();
  });
});
