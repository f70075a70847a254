/**
 * The issue's "Done means" for ZGW, tried as a new admin would in Chromium: sign in, add a
 * subscription through the form (errors first, then the generated Authorization value shown once),
 * map a zaaktype to a journey, and then a notification in Open Notificaties' exact format, sent to
 * the real HTTP server, leads to one survey mail through a real SMTP server; the notification and
 * what became of it appear on the page. axe (WCAG 2.1 A/AA) on every state, no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { nl } from '../../src/texts';
import { startZgwWorker, type ZgwWorker } from '../../src/jobs/zgw';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, pathOf, submitting, type WatchedPage } from '../helpers/watched-page';
import { CLIENT_ID, CLIENT_SECRET, statusNotification, ZgwTestServer } from '../helpers/zgw-server';
import { mailTemplates } from '../../views/mail';

const e2e = useBrowserAndServer({ smtp: true, staff: 'admin' });
let zgw: ZgwTestServer;
let worker: ZgwWorker;
const t = nl.zgw;

beforeAll(async () => {
  zgw = await new ZgwTestServer().start();
  zgw.now = () => e2e.server.clock.now();
  // The ZGW worker as src/server.ts starts it, polling (the helper's app has no wake hook).
  const config = loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: e2e.server.url, SMTP_URL: e2e.smtp.url });
  worker = startZgwWorker(
    e2e.server.db,
    { clock: e2e.server.clock, config, addressHashKey: 'test-address-hash-key-with-enough-length', dataKey: 'test-data-key-with-at-least-32-characters', mail: mailTemplates, timeoutMs: 2_000 },
    { intervalMs: 200, onMailQueued: () => e2e.server.worker.wake() },
  );
});

afterAll(async () => {
  await worker?.stop();
  await zgw?.stop();
});

describe('the ZGW admin page in the browser', () => {
  it('subscription and mapping through the forms, then an Open Notificaties message → one mail, shown on the page', { timeout: 180_000 }, async () => {
    const watched: WatchedPage = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/admin`);
    await page.getByRole('link', { name: t.title }).first().click();
    await page.waitForURL(`${e2e.server.url}/admin/zgw`);
    expect(await page.locator('h1').textContent()).toBe(t.title);
    expect(await page.locator('#webhook-url').textContent()).toBe(`${e2e.server.url}/api/v1/zgw/notificaties`);
    await expectNoAxeViolations(page, '/admin/zgw, empty');

    // 1. A subscription with mistakes: the form comes back with an error per field.
    const f = t.fields;
    await page.getByLabel(f.name, { exact: true }).fill('Open Zaak productie');
    await page.getByLabel(f.zakenApi, { exact: true }).fill('open-zaak.gemeente.nl/zaken');
    await page.getByLabel(f.catalogiApi, { exact: true }).fill(zgw.catalogiApi);
    await page.getByLabel(f.clientId, { exact: true }).fill(CLIENT_ID);
    expect(await submitting(page, () => page.getByRole('button', { name: t.add }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#foutoverzicht li').allTextContents()).toEqual([t.errors.url, t.errors.secret]);
    expect(await page.getByLabel(f.name, { exact: true }).inputValue()).toBe('Open Zaak productie');
    await expectNoAxeViolations(page, '/admin/zgw, subscription form with errors');

    // 2. Corrected, without an Authorization value of its own: one is generated and shown once.
    await page.getByLabel(f.zakenApi, { exact: true }).fill(zgw.zakenApi);
    await page.getByLabel(f.secret, { exact: true }).fill(CLIENT_SECRET);
    expect(await submitting(page, () => page.getByRole('button', { name: t.add }).click())).toBe(200);
    const auth = await page.locator('textarea#zgw-autorisatie').inputValue();
    expect(auth).toMatch(/^Token [\w-]{40,}$/);
    await expectNoAxeViolations(page, 'subscription added, Authorization shown once');
    await page.getByRole('link', { name: t.backToZgw }).click();
    await page.waitForURL(`${e2e.server.url}/admin/zgw`);
    expect(await page.content()).not.toContain(auth);
    expect(await page.locator('#abonnementen-tabel tbody tr').count()).toBe(1);

    // 3. A zaaktype mapped to the passport journey.
    const zaaktype = zgw.zaaktype({ identificatie: 'PASPOORT' });
    await page.getByLabel(t.mapKind, { exact: true }).selectOption('zaaktype');
    await page.getByLabel(t.mapKey, { exact: true }).fill(zaaktype);
    await page.getByLabel(t.mapTarget, { exact: true }).selectOption('paspoort-aanvragen');
    expect(await submitting(page, () => page.getByRole('button', { name: t.saveMapping }).click())).toBe(303);
    expect(pathOf(page)).toMatch(/^\/admin\/zgw\?melding=gekoppeld/);
    expect(await page.locator('#koppelingen-tabel tbody tr th').textContent()).toBe(zaaktype);
    await expectNoAxeViolations(page, '/admin/zgw with a subscription and a mapping');

    // 4. Open Notificaties' subscription check, then a real notification of an end status.
    const test = { kanaal: 'test', hoofdObject: 'http://some.hoofdobject.nl/', resource: 'some_resource', resourceUrl: 'http://some.resource.nl/', actie: 'create', aanmaakdatum: '2019-01-01T12:00:00Z', kenmerken: {} };
    const post = (body: unknown, authorization?: string) =>
      fetch(`${e2e.server.url}/api/v1/zgw/notificaties`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) }, body: JSON.stringify(body) });
    expect((await post(test, auth)).status).toBe(204);
    expect((await post(test)).status).toBe(401);
    const eind = zgw.statustype(zaaktype, { eind: true });
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-2026-0000000042', startdatum: '2026-11-02', einddatum: '2026-11-20', email: 'j.jansen@example.nl', communicatiekanaalNaam: 'Balie' });
    const status = zgw.status(zaak, eind);
    const notification = statusNotification(zaak, status, zaaktype);
    expect((await post(notification, auth)).status).toBe(204);
    expect((await post(notification, auth)).status).toBe(204); // delivered twice

    const [mail] = await e2e.smtp.waitFor(1, 20_000);
    expect(JSON.stringify(mail!.to)).toContain('j.jansen@example.nl');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(e2e.smtp.received).toHaveLength(1);
    expect(zgw.authFailures).toEqual([]);

    await page.goto(`${e2e.server.url}/admin/zgw`);
    const row = page.locator('#notificaties-tabel tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-result]').textContent()).toBe(t.outcomes.invited);
    expect(await row.textContent()).toContain('ZAAK-2026-0000000042');
    expect(await row.textContent()).toContain(t.deliveries(2));
    await expectNoAxeViolations(page, '/admin/zgw with a processed notification');

    // 5. A zaaktype nobody mapped: skipped, with the reason and a way to process it again.
    const other = zgw.zaaktype({ identificatie: 'ONBEKEND' });
    const otherZaak = zgw.zaak({ zaaktype: other, identificatie: 'ZAAK-2026-0000000043', einddatum: '2026-11-20', email: 'p.pietersen@example.nl' });
    expect((await post(statusNotification(otherZaak, zgw.status(otherZaak, zgw.statustype(other, { eind: true })), other), auth)).status).toBe(204);
    await expect.poll(() => e2e.server.db.$client.prepare("SELECT count(*) AS n FROM zgw_notifications WHERE status = 'skipped'").get(), { timeout: 10_000 }).toEqual({ n: 1 });
    await page.goto(`${e2e.server.url}/admin/zgw?status=skipped`);
    expect(await page.locator('#notificaties-tabel [data-result]').textContent()).toContain(t.skipReasons.unmapped);
    expect(await page.getByRole('button', { name: t.retry }).count()).toBe(1);
    await expectNoAxeViolations(page, '/admin/zgw filtered on skipped');

    // 6. Revoking the subscription: its Authorization value is refused from then on.
    expect(await submitting(page, () => page.getByRole('button', { name: t.revoke }).click())).toBe(303);
    expect(await page.getByText(t.revokedNotice('Open Zaak productie')).isVisible()).toBe(true);
    expect((await post(notification, auth)).status).toBe(403);
    await expectNoAxeViolations(page, '/admin/zgw after revoking');
    expectNoCspViolations(watched, 'zgw admin page');
  });
});
