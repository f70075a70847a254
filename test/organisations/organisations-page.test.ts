/**
 * /admin/organisaties through the real app: a hosting administrator lists every organisation and
 * adds partners (Dutch errors per field, values kept); a partner's administrator sees and changes
 * only their own organisation (another's id and the add form answer 404, nothing changes); every
 * change is audited.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { createOrganisation, findOrganisation, findOrganisationBySlug, listOrganisations } from '../../src/organisations/organisations';
import { nl } from '../../src/texts';
import { escapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.organisationsAdmin;
const auditRows = (db: Db) =>
  db.$client.prepare("SELECT action, object, result, details FROM audit_log WHERE action LIKE 'organisation.%' ORDER BY id").all() as { action: string; object: string; details: string }[];

async function adminOf(ctx: TestContext, email: string, organisationId?: number) {
  await createStaff(ctx.db, ctx.clock, 'admin', email, organisationId);
  const request = asStaff(ctx.app, (await login(ctx.app, email)).cookie!);
  return {
    get: (path: string) => request(path),
    post: (path: string, fields: Record<string, string>) => request(path, { method: 'POST', body: new URLSearchParams(fields) }),
  };
}

function setUp() {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  return ctx;
}

describe('/admin/organisaties', () => {
  it('lets a hosting administrator list organisations and add a partner, audited', async () => {
    const ctx = setUp();
    const admin = await adminOf(ctx, 'beheer@gemeente.test');
    const home = await (await admin.get('/admin')).text();
    expect(home).toContain('href="/admin/organisaties"');

    const added = await admin.post('/admin/organisaties', { name: 'Sociale Verzekeringsbank', slug: 'svb', citizenContact: 'www.svb.nl', privacyContact: 'privacy@svb.test' });
    expect(added.status).toBe(303);
    const svb = findOrganisationBySlug(ctx.db, 'svb')!;
    expect(svb).toMatchObject({ name: 'Sociale Verzekeringsbank', citizenContact: 'www.svb.nl', privacyContact: 'privacy@svb.test' });
    const page = await (await admin.get(added.headers.get('Location')!)).text();
    expect(page).toContain(escapeHtml(t.notices.created('Sociale Verzekeringsbank')));
    expect(page).toContain('privacy@svb.test');
    expect(page).toContain(escapeHtml(findOrganisation(ctx.db, 1)!.name));
    expect(auditRows(ctx.db)).toEqual([expect.objectContaining({ action: 'organisation.created', object: 'svb', result: 'success' })]);
  });

  it('refuses bad input with a Dutch error per field, keeps the values and stores nothing', async () => {
    const ctx = setUp();
    createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb' });
    const admin = await adminOf(ctx, 'beheer@gemeente.test');
    const before = listOrganisations(ctx.db).length;

    const taken = await admin.post('/admin/organisaties', { name: 'Nog een bank', slug: 'svb', citizenContact: 'bel ons', privacyContact: '' });
    expect(taken.status).toBe(422);
    const html = await taken.text();
    expect(html).toContain(escapeHtml(t.errors.slugTaken('svb')));
    expect(html).toContain('value="Nog een bank"');
    expect(html).toContain('value="bel ons"');
    expect(html).toContain('<title>Fout:');

    const invalid = await (await admin.post('/admin/organisaties', { name: 'X', slug: 'Met Spatie', citizenContact: '', privacyContact: 'p'.repeat(301) })).text();
    expect(invalid).toContain('Vul de naam in (minstens 2 tekens).');
    expect(invalid).toContain(escapeHtml('Gebruik kleine letters, cijfers en streepjes, zoals "svb".'));
    expect(invalid).toContain('value="Met Spatie"');
    expect(listOrganisations(ctx.db)).toHaveLength(before);
    expect(auditRows(ctx.db)).toEqual([]);
  });

  it('lets every administrator change only their own organisation; another organisation is a 404', async () => {
    const ctx = setUp();
    const svb = createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb', privacyContact: 'privacy@svb.test' });
    const pfzw = createOrganisation(ctx.db, ctx.clock, { name: 'Pensioenfonds Zorg en Welzijn', slug: 'pfzw', privacyContact: 'fg@pfzw.test' });
    const partner = await adminOf(ctx, 'beheer@svb.test', svb.id);
    const hosting = await adminOf(ctx, 'beheer@gemeente.test');

    // The partner's list shows only its own organisation and no add form; adding is a 404.
    const list = await (await partner.get('/admin/organisaties')).text();
    expect(list).toContain('Sociale Verzekeringsbank');
    expect(list).not.toContain('Pensioenfonds Zorg en Welzijn');
    expect(list).not.toContain('fg@pfzw.test');
    expect(list).not.toContain('action="/admin/organisaties"');
    const refused = await partner.post('/admin/organisaties', { name: 'Eigen club', slug: 'club' });
    expect(refused.status).toBe(404);
    expect(findOrganisationBySlug(ctx.db, 'club')).toBeUndefined();

    // Its own organisation: comparison choices and contacts, audited.
    const own = await partner.get(`/admin/organisaties/${svb.id}`);
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).toContain(t.comparisonOptIn);
    expect(ownHtml).toContain(t.comparisonNamed);
    const saved = await partner.post(`/admin/organisaties/${svb.id}`, { citizenContact: '020 656 5656', privacyContact: 'fg@svb.test', comparisonOptIn: 'on' });
    expect(saved.status).toBe(303);
    expect(findOrganisation(ctx.db, svb.id)).toMatchObject({ citizenContact: '020 656 5656', privacyContact: 'fg@svb.test', comparisonOptIn: true, comparisonNamed: false });
    expect(await (await partner.get(saved.headers.get('Location')!)).text()).toContain(t.notices.saved);

    // Errors per field, values kept, nothing stored.
    const tooLong = await partner.post(`/admin/organisaties/${svb.id}`, { citizenContact: 'c'.repeat(301), privacyContact: 'andere@svb.test', comparisonNamed: 'on' });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain('value="andere@svb.test"');
    expect(findOrganisation(ctx.db, svb.id)!.privacyContact).toBe('fg@svb.test');

    // Another organisation's row: 404 for the partner and for the hosting administrator, nothing changes.
    for (const [who, id] of [
      [partner, pfzw.id],
      [partner, 1],
      [hosting, svb.id],
    ] as const) {
      expect((await who.get(`/admin/organisaties/${id}`)).status).toBe(404);
      expect((await who.post(`/admin/organisaties/${id}`, { citizenContact: 'gekaapt', privacyContact: '', comparisonOptIn: 'on', comparisonNamed: 'on' })).status).toBe(404);
    }
    expect(findOrganisation(ctx.db, pfzw.id)).toMatchObject({ citizenContact: null, comparisonOptIn: false });
    expect(findOrganisation(ctx.db, svb.id)).toMatchObject({ citizenContact: '020 656 5656', comparisonNamed: false });
    expect(listOrganisations(ctx.db).map((o) => o.citizenContact)).not.toContain('gekaapt');

    const audited = auditRows(ctx.db);
    expect(audited).toEqual([expect.objectContaining({ action: 'organisation.updated', object: 'svb', result: 'success' })]);
    expect(JSON.parse(audited[0]!.details)).toMatchObject({ changed: 'citizenContact, privacyContact, comparisonOptIn', comparisonOptIn: true });
  });
});
