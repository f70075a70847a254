/**
 * The admin side of organisations (issue 24): every admin page, query and command is scoped to
 * the admin's own organisation. Two organisations, an admin each, and a distinctive word planted
 * in each one's users, keys, subscriptions, products and audit entries: no admin page shows the
 * other's word; the other's ids give the 404 page and change nothing; the installation-wide pages
 * are the hosting organisation's only; a partner's ZGW subscription and CSV import land in the partner.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client';
import { createApiKey } from '../../src/api-keys/api-keys';
import { apiKeys, appointments, invitations, settings, users, zgwMappings, zgwNotifications, zgwSubscriptions } from '../../src/db/schema';
import { importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';
import { getSetting } from '../../src/settings';
import { nl } from '../../src/texts';
import { saveMapping } from '../../src/zgw/mappings';
import { processDueNotifications } from '../../src/zgw/processor';
import { addSubscription, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { mailTemplates } from '../../views/mail';
import { onTodaysCalendar } from '../helpers/calendar-shift';
import { spawnCli } from '../helpers/cli';
import { unescapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, TestClock } from '../helpers/test-context';
import { statusNotification, ZgwTestServer } from '../helpers/zgw-server';

const HOSTING_AUTH = 'Token gastheer-notificaties-0123456789';
const PARTNER_AUTH = 'Token buurdorp-notificaties-0123456789';

let zgw: ZgwTestServer;
beforeAll(async () => {
  zgw = await new ZgwTestServer().start();
});
afterAll(() => zgw?.stop());

const partnerJourney = {
  slug: 'buurdorp-paspoort',
  name: 'Paspoort in Buurdorp',
  type: 'feitelijk' as const,
  caseTypes: ['reisdocument'],
  touchpoints: [
    { slug: 'afspraak-maken', name: 'Afspraak maken', channel: 'web' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'balie', name: 'Aan de balie', channel: 'balie' as const, momentOfTruth: true, askedByDefault: true },
  ],
};

const CSV_HEADER = 'referentie,product,locatie,kanaal,geboekt_op,start,status';

const subscriptionInput = (name: string, auth: string) => subscriptionInputSchema.parse({ name, auth, ...zgw.apiFields() });

/**
 * Two organisations with an admin each. The hosting organisation's data carries "Eikenhout", the
 * partner's "Wilgenlaan": in user addresses, key names, subscription names and products.
 */
async function twoOrganisations() {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const partner = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
  const journey = importJourney(ctx.db, partnerJourney, ctx.clock, partner.id);

  const hostAdmin = await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@gastheer.test');
  const partnerAdmin = await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@buurdorp.test', partner.id);
  const hostManager = await createStaff(ctx.db, ctx.clock, 'manager', 'eikenhout@gastheer.test');
  const partnerManager = await createStaff(ctx.db, ctx.clock, 'manager', 'wilgenlaan@buurdorp.test', partner.id);
  const hostKey = createApiKey(ctx.db, 'Zaaksysteem Eikenhout', ctx.clock);
  const partnerKey = createApiKey(ctx.db, 'Zaaksysteem Wilgenlaan', ctx.clock, partner.id);
  const hostSubscription = addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, subscriptionInput('Open Zaak Eikenhout', HOSTING_AUTH)).subscription;
  const partnerSubscription = addSubscription(ctx.db, TEST_DATA_KEY, ctx.clock, subscriptionInput('Open Zaak Wilgenlaan', PARTNER_AUTH), partner.id).subscription;
  saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Eikenhout onderwerp', journey: 'paspoort-aanvragen' });
  saveMapping(ctx.db, ctx.clock, { kind: 'onderwerp', value: 'Wilgenlaan onderwerp', journey: partnerJourney.slug }, partner.id);

  const host = asStaff(ctx.app, (await login(ctx.app, hostAdmin.email)).cookie!);
  const other = asStaff(ctx.app, (await login(ctx.app, partnerAdmin.email)).cookie!);
  // Something of each in the audit log, by each organisation's admin.
  expect((await host('/admin/api-keys', { method: 'POST', body: new URLSearchParams({ name: 'Eikenhout koppeling' }) })).status).toBe(200);
  expect((await other('/admin/api-keys', { method: 'POST', body: new URLSearchParams({ name: 'Wilgenlaan koppeling' }) })).status).toBe(200);
  return { ctx, partner, journey, hostAdmin, partnerAdmin, hostManager, partnerManager, hostKey, partnerKey, hostSubscription, partnerSubscription, host, other };
}

type Setup = Awaited<ReturnType<typeof twoOrganisations>>;
const text = async (response: Response | Promise<Response>) => unescapeHtml(await (await response).text()).toLowerCase();

const ADMIN_PAGES = ['/admin', '/admin/users', '/admin/api-keys', '/admin/audit-log', '/admin/zgw', '/admin/appointments', '/admin/privacy'];
const INSTALLATION_PAGES = ['/admin/mail', '/admin/uitgaande-mail'];

describe("an admin sees only the own organisation's data", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await twoOrganisations();
    const file = [CSV_HEADER, '"W-1",wilgenlaan-product,Dorpshuis,web,2026-10-01T08:00:00Z,2026-11-02T08:30:00Z,verschenen'].join('\n');
    const form = new FormData();
    form.set('bestand', new File([file], 'afspraken.csv', { type: 'text/csv' }));
    expect((await s.other('/admin/appointments/import', { method: 'POST', body: form })).status).toBe(200);
    const booked = {
      id: 'afspraak-1',
      type: 'appointment.booked',
      occurredAt: s.ctx.clock.now().toISOString(),
      appointment: { reference: 'E-1', product: 'eikenhout-product', startsAt: new Date(s.ctx.clock.now().getTime() + 86_400_000).toISOString() },
    };
    expect((await s.ctx.postEvent(booked)).status).toBe(202);
  });

  it("no admin page shows the other organisation's users, keys, subscriptions, mappings, products or audit entries", async () => {
    for (const [as, own, foreign] of [
      [s.host, 'eikenhout', 'wilgenlaan'],
      [s.other, 'wilgenlaan', 'eikenhout'],
    ] as const) {
      let seenOwn = 0;
      for (const path of ADMIN_PAGES) {
        const response = await as(path);
        expect(response.status, path).toBe(200);
        const body = await text(response);
        expect(body, `${foreign} on ${path}`).not.toContain(foreign);
        if (body.includes(own)) seenOwn++;
      }
      // users, keys, audit log, ZGW and appointments each show the own word: the scan could fail.
      expect(seenOwn, own).toBeGreaterThanOrEqual(5);
    }
    const partnerUsers = await text(s.other('/admin/users'));
    expect(partnerUsers).toContain('wilgenlaan@buurdorp.test');
    expect(partnerUsers).not.toContain('beheer@gastheer.test');
    const partnerAudit = await text(s.other('/admin/audit-log'));
    expect(partnerAudit).toContain('beheer@buurdorp.test');
    expect(partnerAudit).not.toContain('beheer@gastheer.test');
  });

  it("the staff header names the signed-in user's organisation; citizens' pages keep the installation's name", async () => {
    const hostingName = s.ctx.config.ORGANISATION_NAME.toLowerCase();
    const partnerPage = await text(s.other('/admin/users'));
    expect(partnerPage).toContain('<p class="mh-site-name">gemeente buurdorp</p>');
    expect(partnerPage).not.toContain(`<p class="mh-site-name">${hostingName}</p>`);
    expect(await text(s.host('/admin/users'))).toContain(`<p class="mh-site-name">${hostingName}</p>`);
    expect(await text(s.other('/privacy'))).toContain(`<p class="mh-site-name">${hostingName}</p>`);
  });

  it("the appointment CSV import of a partner's admin lands in the partner organisation", () => {
    const rows = s.ctx.db.select({ reference: appointments.reference, organisationId: appointments.organisationId, product: appointments.product }).from(appointments).all();
    expect(rows).toContainEqual({ reference: 'W-1', organisationId: s.partner.id, product: 'wilgenlaan-product' });
    expect(rows).toContainEqual({ reference: 'E-1', organisationId: 1, product: 'eikenhout-product' });
  });
});

describe("another organisation's ids give the 404 page and change nothing", () => {
  it('users, API keys, ZGW subscriptions and mappings of the hosting organisation are unknown to a partner admin', async () => {
    const s = await twoOrganisations();
    const notFound = async (path: string, body?: Record<string, string>) => {
      const response = await s.other(path, body ? { method: 'POST', body: new URLSearchParams(body) } : {});
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain(nl.errors.notFoundTitle);
    };
    for (const action of ['disable', 'role', 'reset-second-factor', 'password-link']) {
      await notFound(`/admin/users/${s.hostManager.id}`, { action, role: 'admin' });
    }
    expect(s.ctx.db.select().from(users).where(eq(users.id, s.hostManager.id)).get()).toMatchObject({ role: 'manager', disabledAt: null });
    expect(await text(s.other(`/admin/users?melding=rol&gebruiker=${s.hostManager.id}`))).not.toContain('eikenhout');

    await notFound(`/admin/api-keys/${s.hostKey.id}/revoke`, {});
    expect(s.ctx.db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, s.hostKey.id)).get()).toEqual({ revokedAt: null });
    expect(await text(s.other(`/admin/api-keys?melding=ingetrokken&sleutel=${s.hostKey.id}`))).not.toContain('eikenhout');

    await notFound(`/admin/zgw/abonnementen/${s.hostSubscription.id}/intrekken`, {});
    expect(s.ctx.db.select({ revokedAt: zgwSubscriptions.revokedAt }).from(zgwSubscriptions).where(eq(zgwSubscriptions.id, s.hostSubscription.id)).get()).toEqual({ revokedAt: null });
    const hostMapping = s.ctx.db.select().from(zgwMappings).where(eq(zgwMappings.organisationId, 1)).get()!;
    await notFound(`/admin/zgw/koppelingen/${hostMapping.id}/verwijderen`, {});
    expect(s.ctx.db.select().from(zgwMappings).where(eq(zgwMappings.id, hostMapping.id)).get()).toBeDefined();

    // Mapping to a journey of the hosting organisation: no such journey for the partner.
    const mapped = await s.other('/admin/zgw/koppelingen', { method: 'POST', body: new URLSearchParams({ soort: 'onderwerp', sleutel: 'Verhuizen', doel: 'verhuizing-doorgeven' }) });
    expect(mapped.status).toBe(422);
    expect(s.ctx.db.select().from(zgwMappings).all()).toHaveLength(2);
    // The same onderwerp as the hosting organisation's maps to the partner's own journey, leaving the host's alone.
    const own = await s.other('/admin/zgw/koppelingen', { method: 'POST', body: new URLSearchParams({ soort: 'onderwerp', sleutel: 'Eikenhout onderwerp', doel: partnerJourney.slug }) });
    expect(own.status).toBe(303);
    expect(s.ctx.db.select().from(zgwMappings).where(eq(zgwMappings.id, hostMapping.id)).get()).toMatchObject({ journeyId: hostMapping.journeyId, organisationId: 1 });
  });

  it("a partner admin's new users and keys belong to the partner; the last admin guard counts within the organisation", async () => {
    const s = await twoOrganisations();
    const created = await s.other('/admin/users', { method: 'POST', body: new URLSearchParams({ email: 'nieuw@buurdorp.test', role: 'researcher' }) });
    expect(created.status).toBe(200);
    expect(s.ctx.db.select({ organisationId: users.organisationId }).from(users).where(eq(users.email, 'nieuw@buurdorp.test')).get()).toEqual({ organisationId: s.partner.id });
    expect(s.ctx.db.select({ organisationId: apiKeys.organisationId }).from(apiKeys).where(eq(apiKeys.name, 'Wilgenlaan koppeling')).get()).toEqual({ organisationId: s.partner.id });
    // An organisation's last active admin keeps the role, though the hosting organisation has admins too.
    const other = await createStaff(s.ctx.db, s.ctx.clock, 'admin', 'tweede@buurdorp.test', s.partner.id);
    const signedIn = asStaff(s.ctx.app, (await login(s.ctx.app, other.email)).cookie!);
    expect((await signedIn(`/admin/users/${s.partnerAdmin.id}`, { method: 'POST', body: new URLSearchParams({ action: 'disable' }) })).status).toBe(303);
    const last = await signedIn(`/admin/users/${other.id}`, { method: 'POST', body: new URLSearchParams({ action: 'role', role: 'manager' }) });
    expect(last.status).toBe(422);
    expect(await text(last)).toContain(nl.admin.users.guardLastAdmin.toLowerCase());
  });
});

describe('the installation-wide pages are for the hosting organisation only', () => {
  it("a partner admin gets the 404 page for mail set-up, outgoing mail and retention runs, and no links to them", async () => {
    const s = await twoOrganisations();
    for (const path of INSTALLATION_PAGES) {
      // (The mail set-up check asks DNS: its page is opened by the hosting admin in test/mail.)
      if (path !== '/admin/mail') expect((await s.host(path)).status, path).toBe(200);
      const response = await s.other(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain(nl.errors.notFoundTitle);
    }
    // The embedded mailbox shows each organisation's admins its own mail only: the hosting organisation's first mail is not the partner's.
    expect((await s.ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const hostMail = s.ctx.db.$client.prepare('SELECT min(id) AS id FROM outbox WHERE organisation_id = 1').get() as { id: number };
    expect((await s.host(`/mailbox/${hostMail.id}`)).status).toBe(200);
    for (const path of [`/mailbox/${hostMail.id}`, `/mailbox/${hostMail.id}/html`]) expect((await s.other(path)).status, path).toBe(404);
    expect((await s.other('/mailbox')).status).toBe(200);
    const before = s.ctx.db.select().from(settings).all();
    for (const path of ['/admin/mail/testmail', '/admin/uitgaande-mail/opnieuw', '/admin/privacy/opschonen']) {
      const response = await s.other(path, { method: 'POST', body: new URLSearchParams({ requireSecondFactorForAdmins: 'on', callbackOfferToAll: 'on', to: 'x@buurdorp.test' }) });
      expect(response.status, path).toBe(404);
    }
    expect(s.ctx.db.select().from(settings).all()).toEqual(before);
    expect(getSetting(s.ctx.db, 'callbackOfferToAll')).toBe(false);

    const home = await text(s.other('/admin'));
    for (const path of INSTALLATION_PAGES) expect(home, path).not.toContain(`href="${path}"`);
    expect(home).toContain('href="/admin/users"');
    const privacy = await text(s.other('/admin/privacy'));
    expect(privacy).not.toContain('action="/admin/privacy/opschonen"');
    const hostHome = await text(s.host('/admin'));
    for (const path of ['/admin/settings', '/admin/mail', '/admin/uitgaande-mail']) expect(hostHome, path).toContain(`href="${path}"`);
    expect(await text(s.host('/admin/privacy'))).toContain('action="/admin/privacy/opschonen"');
  });

  it("settings are each organisation's own: a partner admin changes the partner's, which the hosting organisation does not follow", async () => {
    const s = await twoOrganisations();
    expect(await text(s.other('/admin'))).toContain('href="/admin/settings"');
    expect((await s.other('/admin/settings')).status).toBe(200);
    const saved = await s.other('/admin/settings', { method: 'POST', body: new URLSearchParams({ callbackOfferToAll: 'on' }) });
    expect(saved.status).toBe(303);
    expect(getSetting(s.ctx.db, 'callbackOfferToAll', s.partner.id)).toBe(true);
    expect(getSetting(s.ctx.db, 'callbackOfferToAll')).toBe(false);
    expect(await text(s.host('/admin/settings'))).not.toMatch(/name="callbackoffertoall"[^>]*checked/);
    expect(await text(s.other('/admin/settings'))).toMatch(/name="callbackoffertoall"[^>]*checked|checked[^>]*name="callbackoffertoall"/);
  });
});

describe("a ZGW notification of a partner's subscription", () => {
  it("triggers the partner's journey, in the partner's name; the hosting organisation's subscription does not reach the partner's mapping", async () => {
    const s = await twoOrganisations();
    zgw.reset(true);
    zgw.now = () => s.ctx.clock.now();
    const zaaktype = zgw.zaaktype({ identificatie: 'BUURDORP-PASPOORT' });
    saveMapping(s.ctx.db, s.ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: partnerJourney.slug }, s.partner.id);
    const eind = zgw.statustype(zaaktype, { eind: true });
    const zaak = (identificatie: string) => {
      const url = zgw.zaak({ zaaktype, identificatie, startdatum: '2026-11-02', einddatum: '2026-11-20', communicatiekanaalNaam: 'Balie', email: `${identificatie.toLowerCase()}@example.nl` });
      return statusNotification(url, zgw.status(url, eind), zaaktype);
    };
    const notify = (auth: string, body: unknown) =>
      s.ctx.app.request('/api/v1/zgw/notificaties', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: auth }, body: JSON.stringify(body) });

    expect((await notify(PARTNER_AUTH, zaak('ZAAK-B-1'))).status).toBe(204);
    expect((await notify(HOSTING_AUTH, zaak('ZAAK-H-1'))).status).toBe(204);
    const deps = { clock: s.ctx.clock, config: s.ctx.config, addressHashKey: s.ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 1_000 };
    const report = await processDueNotifications(s.ctx.db, deps);
    expect(report).toMatchObject({ invited: 1, skipped: 1 });

    const made = s.ctx.db.select().from(invitations).where(eq(invitations.caseReference, 'ZAAK-B-1')).all();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ organisationId: s.partner.id, journeyId: s.journey.journeyId });
    const hostNotification = s.ctx.db.select().from(zgwNotifications).where(eq(zgwNotifications.subscriptionId, s.hostSubscription.id)).get()!;
    expect(hostNotification).toMatchObject({ status: 'skipped', skipReason: 'unmapped' });

    // Each admin's notification list holds only its own subscriptions' notifications.
    expect(await text(s.other('/admin/zgw'))).toContain('zaak-b-1');
    expect(await text(s.other('/admin/zgw'))).not.toContain('zaak-h-1');
    expect(await text(s.host('/admin/zgw'))).not.toContain('zaak-b-1');
    const requeue = await s.other(`/admin/zgw/notificaties/${hostNotification.id}/opnieuw`, { method: 'POST', body: new URLSearchParams() });
    expect(requeue.status).toBe(404);
    expect(s.ctx.db.select({ status: zgwNotifications.status }).from(zgwNotifications).where(eq(zgwNotifications.id, hostNotification.id)).get()).toEqual({ status: 'skipped' });
  });
});

// Each CLI run is a process of its own on a database file, as an operator runs it.
describe('CLI: appointments import and zgw map with --organisation', { timeout: 180_000 }, () => {
  it("imports into the named organisation; maps only to that organisation's journeys; an unknown slug is wrong use", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-admin-scoping-'));
    try {
      const databasePath = join(dir, 'data', 'meethuis.db');
      const cli = (...args: string[]) => spawnCli(databasePath, args);
      const created = await cli('organisation', 'create', '--name', 'Gemeente Buurdorp', '--slug', 'buurdorp');
      expect(created.code, created.stderr).toBe(0);
      const csv = join(dir, 'afspraken.csv');
      const content = [CSV_HEADER, 'W-1,wilgenlaan-product,Dorpshuis,web,2026-10-01T08:00:00Z,2026-11-02T08:30:00Z,verschenen'].join('\n');
      writeFileSync(csv, onTodaysCalendar(content, new TestClock().now()));

      const imported = await cli('appointments', 'import', csv, '--organisation', 'buurdorp');
      expect(imported.code, imported.stderr).toBe(0);
      const unknown = await cli('appointments', 'import', csv, '--organisation', 'nergensdorp');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('No organisation with slug "nergensdorp"');
      // The demo journeys are the hosting organisation's: not a target for Buurdorp's mapping.
      const mapped = await cli('zgw', 'map', '--onderwerp', 'Verhuizen', '--journey', 'verhuizing-doorgeven', '--organisation', 'buurdorp');
      expect(mapped.code).toBe(2);

      const db = openDb(databasePath);
      try {
        const rows = db.$client.prepare('SELECT a.reference, o.slug FROM appointments a JOIN organisations o ON o.id = a.organisation_id').all();
        expect(rows).toEqual([{ reference: 'W-1', slug: 'buurdorp' }]);
        expect(db.select().from(zgwMappings).all()).toEqual([]);
      } finally {
        db.$client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
