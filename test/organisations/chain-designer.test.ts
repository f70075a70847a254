/**
 * The journey designer per organisation and for chain journeys, through the real app: an
 * administrator lists, opens, changes, imports and exports only their own organisation's journeys
 * (another organisation's journey id is the 404 page and nothing changes); slugs and case types are
 * unique per organisation; a chain journey gets an owner per step and the partners' case types,
 * which an event with the partner's key then finds; the JSON export carries all of it and imports
 * again, and an unknown organisation in a file is refused with a clear message.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { exportJourney, findJourneyByCaseType, findJourneyBySlug, importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';
import { nl } from '../../src/texts';
import { escapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

type Row = Record<string, unknown>;
const all = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as Row[];

async function adminOf(ctx: TestContext, email: string, organisationId?: number) {
  await createStaff(ctx.db, ctx.clock, 'admin', email, organisationId);
  const request = asStaff(ctx.app, (await login(ctx.app, email)).cookie!);
  return {
    get: (path: string) => request(path),
    post: (path: string, fields: Record<string, string>) => request(path, { method: 'POST', body: new URLSearchParams(fields) }),
  };
}

/** A chain journey of the hosting organisation (three steps), coordinated by the gemeente. */
const overlijden = {
  slug: 'overlijden-doorgeven',
  name: 'Overlijden doorgeven',
  type: 'ervaring' as const,
  caseTypes: ['overlijden-aangifte'],
  touchpoints: [
    { slug: 'aangifte', name: 'Aangifte overlijden', channel: 'balie' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'svb-contact', name: 'Contact met SVB', channel: 'telefoon' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'pensioen', name: 'Nabestaandenpensioen', channel: 'post' as const, momentOfTruth: false, askedByDefault: true },
  ],
};

function setUp(withPfzw = true) {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const svb = createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb' });
  const pfzw = withPfzw ? createOrganisation(ctx.db, ctx.clock, { name: 'Pensioenfonds Zorg en Welzijn', slug: 'pfzw' }) : undefined;
  return { ctx, svb, pfzw };
}

const snapshot = (db: Db) => ({
  journeys: all(db, 'SELECT * FROM journeys ORDER BY id'),
  touchpoints: all(db, 'SELECT * FROM touchpoints ORDER BY id'),
  caseTypes: all(db, 'SELECT * FROM journey_case_types ORDER BY organisation_id, case_type'),
});

describe('the journey designer per organisation', () => {
  it("shows and changes only the organisation's own journeys; another's id is a 404 and nothing changes", async () => {
    const { ctx, svb } = setUp();
    const hostingJourney = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!;
    const partner = await adminOf(ctx, 'beheer@svb.test', svb.id);

    const list = await (await partner.get('/admin/reizen')).text();
    expect(list).not.toContain(escapeHtml(hostingJourney.journey.name));

    const before = snapshot(ctx.db);
    const id = hostingJourney.journey.id;
    const touchpointId = hostingJourney.touchpoints[0]!.id;
    for (const path of [`/admin/reizen/${id}`, `/admin/reizen/${id}/export.json`, `/admin/reizen/${id}/voorbeeld`, `/admin/reizen/${id}/contactmomenten/${touchpointId}`]) {
      expect((await partner.get(path)).status, path).toBe(404);
    }
    const posts: [string, Record<string, string>][] = [
      [`/admin/reizen/${id}`, { name: 'Gekaapt', type: 'feitelijk', caseTypes: '' }],
      [`/admin/reizen/${id}/keten`, { chain: 'on' }],
      [`/admin/reizen/${id}/contactmomenten`, { touchpointName: 'Extra', channel: 'web' }],
      [`/admin/reizen/${id}/contactmomenten/${touchpointId}/archiveren`, {}],
      [`/admin/reizen/${id}/contactmomenten/${touchpointId}/verwijderen`, {}],
      [`/admin/reizen/${id}/vragen`, { code: 'MH-SERIEUS' }],
    ];
    for (const [path, fields] of posts) expect((await partner.post(path, fields)).status, path).toBe(404);
    expect(snapshot(ctx.db)).toEqual(before);

    // Slugs and case types are unique per organisation: the partner may use the gemeente's.
    const created = await partner.post('/admin/reizen', { name: 'Paspoort bij SVB', slug: 'paspoort-aanvragen', type: 'feitelijk', caseTypes: 'paspoort-aanvragen' });
    expect(created.status).toBe(303);
    const own = findJourneyBySlug(ctx.db, 'paspoort-aanvragen', svb.id)!;
    expect(own.journey).toMatchObject({ name: 'Paspoort bij SVB', organisationId: svb.id });
    expect(findJourneyByCaseType(ctx.db, 'paspoort-aanvragen', svb.id)!.journey.id).toBe(own.journey.id);
    expect(findJourneyByCaseType(ctx.db, 'paspoort-aanvragen')!.journey.id).toBe(id);
    expect((await partner.get(`/admin/reizen/${own.journey.id}`)).status).toBe(200);
    const listed = await (await partner.get('/admin/reizen')).text();
    expect(listed).toContain('Paspoort bij SVB');
    // Within one organisation they stay unique.
    const twice = await partner.post('/admin/reizen', { name: 'Nog een', slug: 'paspoort-aanvragen', type: 'feitelijk', caseTypes: 'paspoort-aanvragen' });
    expect(twice.status).toBe(422);
    const twiceHtml = await twice.text();
    expect(twiceHtml).toContain(escapeHtml(nl.journeyDesigner.errors.slugTaken('paspoort-aanvragen')));
    expect(twiceHtml).toContain(escapeHtml(nl.journeyDesigner.errors.caseTypeTaken('paspoort-aanvragen', 'Paspoort bij SVB')));

    // An import with the gemeente's slug updates the partner's own journey, not the gemeente's.
    const definition = { ...exportJourney(ctx.db, 'paspoort-aanvragen')!, name: 'Paspoort (SVB-import)', caseTypes: ['paspoort-aanvragen'] };
    const imported = await partner.post('/admin/reizen/import', { json: JSON.stringify(definition) });
    expect(imported.status).toBe(200);
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen', svb.id)!.journey.name).toBe('Paspoort (SVB-import)');
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.name).toBe(hostingJourney.journey.name);
  });
});

describe('chain journeys in the designer', () => {
  it('stores the flag, an owner per step and the partners’ case types, which the partner’s events then find; audited', async () => {
    const { ctx, svb, pfzw } = setUp();
    const { journeyId } = importJourney(ctx.db, overlijden, ctx.clock);
    const admin = await adminOf(ctx, 'beheer@gemeente.test');
    const steps = findJourneyBySlug(ctx.db, 'overlijden-doorgeven')!.touchpoints;
    const [aangifte, svbStep, pensioen] = steps.map((step) => step.id);

    const page = await (await admin.get(`/admin/reizen/${journeyId}`)).text();
    expect(page).toContain(nl.chainDesigner.chain);
    expect(page).toContain(escapeHtml(nl.chainDesigner.partnerCaseTypes('Sociale Verzekeringsbank')));

    const saved = await admin.post(`/admin/reizen/${journeyId}/keten`, {
      chain: 'on',
      [`owner-${aangifte}`]: '1',
      [`owner-${svbStep}`]: String(svb.id),
      [`owner-${pensioen}`]: String(pfzw!.id),
      'caseTypes-svb': 'anw-overlijden\naow-overlijden',
      'caseTypes-pfzw': 'nabestaandenpensioen',
    });
    expect(saved.status).toBe(303);
    expect(all(ctx.db, 'SELECT chain FROM journeys WHERE id = ?', journeyId)).toEqual([{ chain: 1 }]);
    expect(all(ctx.db, 'SELECT slug, owner_organisation_id AS owner FROM touchpoints WHERE journey_id = ? ORDER BY position', journeyId)).toEqual([
      { slug: 'aangifte', owner: null },
      { slug: 'svb-contact', owner: svb.id },
      { slug: 'pensioen', owner: pfzw!.id },
    ]);
    expect(findJourneyByCaseType(ctx.db, 'aow-overlijden', svb.id)?.journey.id).toBe(journeyId);
    expect(findJourneyByCaseType(ctx.db, 'nabestaandenpensioen', pfzw!.id)?.journey.id).toBe(journeyId);
    expect(findJourneyByCaseType(ctx.db, 'aow-overlijden')).toBeUndefined();
    // Changing the journey's own fields keeps the partners' case types.
    expect((await admin.post(`/admin/reizen/${journeyId}`, { name: 'Overlijden doorgeven', type: 'ervaring', caseTypes: 'overlijden-aangifte\noverlijden-buitenland' })).status).toBe(303);
    expect(findJourneyByCaseType(ctx.db, 'aow-overlijden', svb.id)?.journey.id).toBe(journeyId);
    const reread = await (await admin.get(`/admin/reizen/${journeyId}`)).text();
    expect(reread).toMatch(new RegExp(`<option value="${svb.id}" selected="">Sociale Verzekeringsbank</option>`));
    expect(reread).toContain('anw-overlijden\naow-overlijden');
    const audit = all(ctx.db, "SELECT object, details FROM audit_log WHERE action = 'journey.chain-updated'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ chain: true, owners: 'aangifte=gemeente-voorbeeld, svb-contact=svb, pensioen=pfzw'.replace('gemeente-voorbeeld', all(ctx.db, 'SELECT slug FROM organisations WHERE id = 1')[0]!.slug as string) });

    // Bad input: an unknown owner and a partner's case type that starts another of its journeys; nothing changes.
    importJourney(ctx.db, { ...overlijden, slug: 'aow', name: 'AOW aanvragen', caseTypes: ['aow-aanvraag'] }, ctx.clock, svb.id);
    const before = snapshot(ctx.db);
    const refused = await admin.post(`/admin/reizen/${journeyId}/keten`, {
      chain: 'on',
      [`owner-${aangifte}`]: '999',
      [`owner-${svbStep}`]: String(svb.id),
      [`owner-${pensioen}`]: String(pfzw!.id),
      'caseTypes-svb': 'aow-aanvraag',
      'caseTypes-pfzw': 'nabestaandenpensioen',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(nl.chainDesigner.errors.owner);
    expect(snapshot(ctx.db)).toEqual(before);
    const conflict = await admin.post(`/admin/reizen/${journeyId}/keten`, { chain: 'on', 'caseTypes-svb': 'aow-aanvraag' });
    expect(conflict.status).toBe(422);
    expect(await conflict.text()).toContain(escapeHtml(nl.chainDesigner.errors.caseTypeTaken('aow-aanvraag', 'Sociale Verzekeringsbank')));
    expect(snapshot(ctx.db)).toEqual(before);

    // Turning the chain off gives the steps back and removes the partners' case types.
    expect((await admin.post(`/admin/reizen/${journeyId}/keten`, {})).status).toBe(303);
    expect(all(ctx.db, 'SELECT DISTINCT owner_organisation_id AS owner FROM touchpoints WHERE journey_id = ?', journeyId)).toEqual([{ owner: null }]);
    expect(findJourneyByCaseType(ctx.db, 'aow-overlijden', svb.id)).toBeUndefined();
  });

  it('exports chain, owners and partner case types to JSON and imports them again; unknown organisations are refused', async () => {
    const { ctx, svb, pfzw } = setUp();
    importJourney(
      ctx.db,
      {
        ...overlijden,
        chain: true,
        partnerCaseTypes: { svb: ['aow-overlijden'], pfzw: ['nabestaandenpensioen'] },
        touchpoints: overlijden.touchpoints.map((step, index) => ({ ...step, organisation: [undefined, 'svb', 'pfzw'][index] })),
      },
      ctx.clock,
    );
    const admin = await adminOf(ctx, 'beheer@gemeente.test');
    const id = findJourneyBySlug(ctx.db, 'overlijden-doorgeven')!.journey.id;
    const exported = await admin.get(`/admin/reizen/${id}/export.json`);
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const file = JSON.parse(text);
    const hostingSlug = all(ctx.db, 'SELECT slug FROM organisations WHERE id = 1')[0]!.slug;
    expect(file).toMatchObject({ chain: true, caseTypes: ['overlijden-aangifte'], partnerCaseTypes: { svb: ['aow-overlijden'], pfzw: ['nabestaandenpensioen'] } });
    expect(file.touchpoints.map((step: { organisation: string }) => step.organisation)).toEqual([hostingSlug, 'svb', 'pfzw']);

    // Into a fresh installation with the same organisations: the same chain journey.
    const fresh = setUp();
    const freshAdmin = await adminOf(fresh.ctx, 'beheer@gemeente.test');
    expect((await freshAdmin.post('/admin/reizen/import', { json: text })).status).toBe(200);
    expect(exportJourney(fresh.ctx.db, 'overlijden-doorgeven')).toEqual(exportJourney(ctx.db, 'overlijden-doorgeven'));
    expect(findJourneyByCaseType(fresh.ctx.db, 'aow-overlijden', fresh.svb.id)?.journey.slug).toBe('overlijden-doorgeven');
    expect(svb.id).toBe(fresh.svb.id);

    // Without the pension fund: a clear message, nothing stored.
    const lacking = setUp(false);
    const lackingAdmin = await adminOf(lacking.ctx, 'beheer@gemeente.test');
    const before = snapshot(lacking.ctx.db);
    const refused = await lackingAdmin.post('/admin/reizen/import', { json: text });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(escapeHtml(nl.chainDesigner.errors.unknownOrganisation('pfzw')));
    expect(snapshot(lacking.ctx.db)).toEqual(before);

    // A file without the chain fields imports as before and leaves the chain as it is.
    const { chain: _chain, partnerCaseTypes: _partners, ...plain } = file;
    const plainFile = { ...plain, name: 'Overlijden (gewijzigd)', touchpoints: file.touchpoints.map(({ organisation: _o, ...step }: Record<string, unknown>) => step) };
    expect((await admin.post('/admin/reizen/import', { json: JSON.stringify(plainFile) })).status).toBe(200);
    expect(exportJourney(ctx.db, 'overlijden-doorgeven')).toMatchObject({ name: 'Overlijden (gewijzigd)', chain: true, partnerCaseTypes: { svb: ['aow-overlijden'] } });
    expect(pfzw).toBeDefined();
  });
});
