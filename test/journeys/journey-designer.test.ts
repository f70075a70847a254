/**
 * The journey designer (/admin/reizen) through its real HTTP pages, on a real migrated SQLite
 * database with the real app: history stays true through renames, reorders and archiving
 * (answers made through the real event API and survey pages keep pointing at their touchpoint,
 * and the heart monitor maps them right), touchpoints with answers cannot be deleted, an export
 * downloaded from the page imports into a fresh database as the same journey, bad input is
 * refused with clear messages and stores nothing, every change is audited, only admins get in,
 * and the survey preview is the citizen's page.
 */
import { describe, expect, it } from 'vitest';
import { routeTable } from '../../src/auth/access';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { loadDashboard } from '../../src/dashboard/dashboard-data';
import type { Db } from '../../src/db/client';
import { journeyDefinitionSchema } from '../../src/journeys/definition';
import { exportJourney, findJourneyBySlug } from '../../src/journeys/journeys';
import { parseJourneyForm, parseTouchpointForm, slugify, uniqueSlug } from '../../src/journeys/journey-designer';
import { nl } from '../../src/texts';
import { escapeHtml } from '../helpers/html-text';
import { designer, journeyId, latestSurveyPath, touchpointForm, touchpointIds, type Designer } from '../helpers/designer';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, type TestContext } from '../helpers/test-context';

const t = nl.journeyDesigner;
type Row = Record<string, unknown>;
const all = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as Row[];
const one = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).get(...params) as Row;

/** A citizen answers through the real event API and survey page; feelings by touchpoint slug. */
async function answerSurvey(ctx: TestContext, feelings: Record<string, string>, comments: Record<string, string> = {}, event: Record<string, unknown> = {}) {
  const accepted = await ctx.postEvent(caseClosedEvent({ touchpoints: Object.keys(feelings), ...event }));
  expect(accepted.status).toBe(202);
  const path = latestSurveyPath(ctx.db);
  const body: Record<string, string> = { grade: '8', effort: '6' };
  for (const [slug, feeling] of Object.entries(feelings)) body[`feeling-${slug}`] = feeling;
  for (const [slug, comment] of Object.entries(comments)) body[`comment-${slug}`] = comment;
  const stored = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(body) });
  expect(stored.status).toBe(200);
  expect(await stored.text()).toContain(nl.survey.thanksTitle);
}

const answerRows = (db: Db) =>
  all(db, 'SELECT a.id, a.response_id, a.touchpoint_id, t.slug, a.feeling, a.comment FROM answers a JOIN touchpoints t ON t.id = a.touchpoint_id ORDER BY a.id');

/** Row counts of everything the designer may write. */
function designerCounts(db: Db) {
  return Object.fromEntries(
    ['journeys', 'journey_case_types', 'touchpoints', 'answers', 'audit_log'].map((table) => [table, (one(db, `SELECT count(*) AS n FROM ${table}`).n as number)]),
  );
}

const auditActions = (db: Db, since = 0) =>
  all(db, "SELECT action, object, result FROM audit_log WHERE id > ? AND action NOT LIKE 'login%' ORDER BY id", since).map(
    (row) => `${row.action} ${row.object} ${row.result}`,
  );
const lastAuditId = (db: Db) => (one(db, 'SELECT coalesce(max(id), 0) AS id FROM audit_log').id as number);

describe('designer forms (pure)', () => {
  it('makes slugs from names, without accents, and unique', () => {
    expect(slugify('Aanvraag aan de balie', 'x')).toBe('aanvraag-aan-de-balie');
    expect(slugify('  Ïnformatie & contact — café!  ', 'x')).toBe('informatie-contact-cafe');
    expect(slugify('!!!', 'contactmoment')).toBe('contactmoment');
    expect(slugify('a'.repeat(200), 'x').length).toBeLessThanOrEqual(72);
    expect(uniqueSlug('balie', new Set(['balie', 'balie-2']))).toBe('balie-3');
    expect(uniqueSlug('balie', new Set(['ophalen']))).toBe('balie');
  });

  it('gives one Dutch error per journey field and keeps the values', () => {
    const result = parseJourneyForm({ name: '  ', slug: 'Met Spaties', type: 'avontuur', lifeEvent: 'Verhuizen', caseTypes: 'a\nb\n a ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: t.errors.nameRequired,
      slug: t.errors.slug,
      type: t.errors.type,
      caseTypes: t.errors.caseTypeTwice('a'),
    });
    expect(result.values).toMatchObject({ name: '  ', lifeEvent: 'Verhuizen', caseTypes: 'a\nb\n a ' });
  });

  it('reads case types one per line and empty optional fields as null', () => {
    const result = parseJourneyForm({ name: ' Parkeren ', slug: '', type: 'feitelijk', lifeEvent: '', description: ' ', caseTypes: '\r\n parkeren-bewoner \r\n\r\nparkeren-bedrijf\n' });
    expect(result.ok && result.data).toEqual({
      name: 'Parkeren',
      slug: '',
      type: 'feitelijk',
      lifeEvent: null,
      description: null,
      caseTypes: ['parkeren-bewoner', 'parkeren-bedrijf'],
      publicResults: false,
    });
  });

  it('refuses an unknown channel and reads checkboxes as on/off', () => {
    const bad = parseTouchpointForm({ touchpointName: 'Fax sturen', channel: 'fax' });
    expect(bad.ok === false && bad.errors).toEqual({ channel: t.errors.channel });
    const good = parseTouchpointForm({ touchpointName: 'Bellen', channel: 'telefoon', momentOfTruth: 'on', questionLanguage0: ' EN ', questionText0: 'How was the call?' });
    expect(good.ok && good.data).toEqual({
      touchpointName: 'Bellen',
      channel: 'telefoon',
      serviceNorm: null,
      momentOfTruth: true,
      askedByDefault: false,
      question: null,
      questions: { en: 'How was the call?' },
    });
    // A repeated field (an array) or a file is not text: treated as empty.
    const repeated = parseTouchpointForm({ touchpointName: ['a', 'b'], channel: 'web' });
    expect(repeated.ok === false && repeated.errors).toEqual({ touchpointName: t.errors.touchpointNameRequired });
  });
});

describe('history stays true through the designer pages', () => {
  it('keeps every answer on its touchpoint through rename, reorder, archive and restore; the heart monitor maps them right', async () => {
    const d = await designer({ MIN_GROUP_SIZE: '2' });
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    const feelings = [
      { 'afspraak-maken': '-2', balie: '2', ophalen: '0' },
      { 'afspraak-maken': '-2', balie: '1', ophalen: '1' },
      { 'afspraak-maken': '-1', balie: '2', ophalen: 'nvt' },
    ];
    for (const [index, answers] of feelings.entries()) {
      await answerSurvey(ctx, answers, { 'afspraak-maken': `Afspraak ${index}`, balie: `Balie ${index}`, ophalen: `Ophalen ${index}` });
    }
    const before = answerRows(ctx.db);
    expect(before).toHaveLength(9);
    const auditStart = lastAuditId(ctx.db);

    // The designer shows how many answers each touchpoint has.
    const page = await (await d.get(`/admin/reizen/${id}`)).text();
    expect(page).toMatch(new RegExp(`id="contactmoment-${ids.balie}"[\\s\\S]*?data-answers="3"`));

    // Rename "balie" (and change its channel and norm).
    const renamed = await d.post(
      `/admin/reizen/${id}/contactmomenten/${ids.balie}`,
      touchpointForm(ctx.db, ids.balie!, { touchpointName: 'Aanvraag bij het loket', channel: 'video', serviceNorm: 'Binnen 5 minuten geholpen' }),
    );
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe(`/admin/reizen/${id}?melding=touchpoint-saved#contactmoment-${ids.balie}`);
    // Move "ophalen" up twice: ophalen, afspraak-maken, balie.
    for (let i = 0; i < 2; i++) {
      const moved = await d.post(`/admin/reizen/${id}/contactmomenten/${ids.ophalen}/verplaatsen`, { richting: 'omhoog' });
      expect(moved.status).toBe(303);
    }
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.touchpoints.map((tp) => tp.slug)).toEqual(['ophalen', 'afspraak-maken', 'balie']);
    // Archive "afspraak-maken".
    const archived = await d.post(`/admin/reizen/${id}/contactmomenten/${ids['afspraak-maken']}/archiveren`, {});
    expect(archived.status).toBe(303);
    const after = await d.get(`/admin/reizen/${id}?melding=archived`);
    const afterHtml = await after.text();
    expect(afterHtml).toContain(t.notices.archived);
    expect(afterHtml).toContain(t.archivedTitle);

    // Not one answer moved: same rows, same touchpoint ids, same slugs, feelings and comments.
    expect(answerRows(ctx.db)).toEqual(before);
    const stored = all(ctx.db, 'SELECT id, slug, name, position, archived_at FROM touchpoints WHERE journey_id = ? ORDER BY id', id);
    expect(stored.map((row) => [row.id, row.slug, row.name])).toEqual([
      [ids['afspraak-maken'], 'afspraak-maken', 'Afspraak maken'],
      [ids.balie, 'balie', 'Aanvraag bij het loket'],
      [ids.ophalen, 'ophalen', 'Document ophalen'],
    ]);
    for (const row of answerRows(ctx.db)) expect(String(row.comment).toLowerCase()).toContain(String(row.slug).split('-')[0]);

    // The heart monitor: active touchpoints in the new order, under their new names, with their own answers.
    const dashboard = loadDashboard(ctx.db, resolveFilters({ reis: 'paspoort-aanvragen', periode: '30' }, ctx.clock.now()), { minGroupSize: 2, targetGrade: 7 });
    expect(dashboard.points.map((point) => [point.touchpoint.id, point.touchpoint.name, point.answers, point.n])).toEqual([
      [ids.ophalen, 'Document ophalen', 3, 2],
      [ids.balie, 'Aanvraag bij het loket', 3, 3],
    ]);
    expect(dashboard.points[0]!.estimate!.mean).toBeCloseTo(0.5);
    expect(dashboard.points[1]!.estimate!.mean).toBeCloseTo(5 / 3);

    // The manager's dashboard page shows the new name in the new order, and not the archived step.
    await createStaff(ctx.db, ctx.clock, 'manager', 'kcc@gemeente.test');
    const manager = asStaff(ctx.app, (await login(ctx.app, 'kcc@gemeente.test')).cookie!);
    const dashboardHtml = await (await manager('/dashboard?reis=paspoort-aanvragen&periode=30')).text();
    expect(dashboardHtml).toContain('Aanvraag bij het loket');
    expect(dashboardHtml.indexOf('Document ophalen')).toBeLessThan(dashboardHtml.indexOf('Aanvraag bij het loket'));

    // A new citizen is asked the active steps in the new order; the answer lands on the same ids.
    const { touchpoints: _all, ...byDefault } = caseClosedEvent();
    expect((await ctx.postEvent(byDefault)).status).toBe(202);
    const survey = await (await ctx.app.request(latestSurveyPath(ctx.db))).text();
    expect(survey).not.toContain('name="feeling-afspraak-maken"');
    expect(survey.indexOf('name="feeling-ophalen"')).toBeGreaterThan(0);
    expect(survey.indexOf('name="feeling-ophalen"')).toBeLessThan(survey.indexOf('name="feeling-balie"'));
    await answerSurvey(ctx, { ophalen: '2', balie: '-1' });
    const newest = answerRows(ctx.db).slice(-2);
    expect(newest.map((row) => [row.touchpoint_id, row.feeling])).toEqual([
      [ids.ophalen, 2],
      [ids.balie, -1],
    ]);

    // Restored: the same row again, at the end, with its answers.
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids['afspraak-maken']}/terugzetten`, {})).status).toBe(303);
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.touchpoints.map((tp) => [tp.id, tp.slug])).toEqual([
      [ids.ophalen, 'ophalen'],
      [ids.balie, 'balie'],
      [ids['afspraak-maken'], 'afspraak-maken'],
    ]);
    expect(answerRows(ctx.db).slice(0, 9)).toEqual(before);

    // Every change is in the audit log, with who did it.
    expect(auditActions(ctx.db, auditStart)).toEqual([
      'touchpoint.updated paspoort-aanvragen/balie success',
      'touchpoint.moved paspoort-aanvragen/ophalen success',
      'touchpoint.moved paspoort-aanvragen/ophalen success',
      'touchpoint.archived paspoort-aanvragen/afspraak-maken success',
      'touchpoint.restored paspoort-aanvragen/afspraak-maken success',
    ]);
    const rename = one(ctx.db, "SELECT actor, details FROM audit_log WHERE action = 'touchpoint.updated'");
    expect(rename.actor).toBe('beheer@gemeente.test');
    expect(JSON.parse(String(rename.details))).toMatchObject({ from: 'Aanvraag aan de balie', to: 'Aanvraag bij het loket' });
  });

  it('refuses to delete a touchpoint with answers (also when archived), and deletes one without history', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    await answerSurvey(ctx, { balie: '-1' });
    const answersBefore = answerRows(ctx.db);

    const refused = await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}/verwijderen`, {});
    expect(refused.status).toBe(409);
    const body = await refused.text();
    expect(body).toContain(escapeHtml(t.errors.deleteHasAnswers(1)));
    expect(body).toContain('<title>Fout: ');
    expect(touchpointIds(ctx.db, 'paspoort-aanvragen').balie).toBe(ids.balie);
    // The page offers no delete button for it at all.
    expect(body).not.toContain(`/contactmomenten/${ids.balie}/verwijderen`);

    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}/archiveren`, {})).status).toBe(303);
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}/verwijderen`, {})).status).toBe(409);
    expect(answerRows(ctx.db)).toEqual(answersBefore);
    expect(one(ctx.db, 'SELECT count(*) AS n FROM touchpoints WHERE id = ?', ids.balie).n).toBe(1);

    // A new touchpoint without answers can go.
    const added = await d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName: 'Foto laten maken', channel: 'balie', askedByDefault: 'on' });
    expect(added.status).toBe(303);
    const fotoId = touchpointIds(ctx.db, 'paspoort-aanvragen')['foto-laten-maken']!;
    expect(fotoId).toBeGreaterThan(0);
    const deleted = await d.post(`/admin/reizen/${id}/contactmomenten/${fotoId}/verwijderen`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe(`/admin/reizen/${id}?melding=deleted#contactmomenten`);
    expect(touchpointIds(ctx.db, 'paspoort-aanvragen')['foto-laten-maken']).toBeUndefined();
    // Positions stay 0…n−1 for the active ones.
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.touchpoints.map((tp) => [tp.slug, tp.position])).toEqual([
      ['afspraak-maken', 0],
      ['ophalen', 1],
    ]);
    expect(all(ctx.db, "SELECT result FROM audit_log WHERE action = 'touchpoint.deleted' ORDER BY id").map((row) => row.result)).toEqual([
      'failure',
      'failure',
      'success',
    ]);
  });

  it('refuses to delete a touchpoint still asked in an open invitation', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'schuldhulp-aanvragen');
    expect((await d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName: 'Budgetcursus', channel: 'balie' })).status).toBe(303);
    const cursus = touchpointIds(ctx.db, 'schuldhulp-aanvragen').budgetcursus!;
    const invited = await ctx.postEvent(caseClosedEvent({ case: { reference: 'Z-S-1', caseType: 'schuldhulp-aanvragen' }, touchpoints: ['aanmelden', 'budgetcursus'] }));
    expect(invited.status).toBe(202);
    const refused = await d.post(`/admin/reizen/${id}/contactmomenten/${cursus}/verwijderen`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(escapeHtml(t.errors.deleteOpenInvitations(1)));
    // The citizen's survey still has the step.
    expect(await (await ctx.app.request(latestSurveyPath(ctx.db))).text()).toContain('name="feeling-budgetcursus"');
    // Once the link has expired it may go (a new session: the old one has expired as well).
    ctx.clock.advanceDays(31);
    await d.login();
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${cursus}/verwijderen`, {})).status).toBe(303);
  });
});

describe('creating a journey and exporting it from the page', () => {
  async function createParkeren(d: Designer) {
    const created = await d.post('/admin/reizen', {
      name: 'Parkeervergunning aanvragen',
      slug: '',
      type: 'transactioneel',
      lifeEvent: 'Verhuizen',
      description: 'Een bewonersvergunning aanvragen en krijgen.',
      caseTypes: 'parkeervergunning-bewoner\nparkeervergunning-bedrijf',
    });
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/reizen\/\d+\?melding=created$/);
    const id = Number(/\/(\d+)\?/.exec(location)![1]);
    const add = (fields: Record<string, string>) => d.post(`/admin/reizen/${id}/contactmomenten`, fields);
    expect((await add({ touchpointName: 'Aanvraag indienen', channel: 'web', serviceNorm: 'Binnen 5 minuten klaar', askedByDefault: 'on', question: 'Hoe ging het aanvragen?' })).status).toBe(303);
    expect((await add({ touchpointName: 'Betalen', channel: 'web', momentOfTruth: 'on', askedByDefault: 'on', questionLanguage0: 'en', questionText0: 'How did paying feel?' })).status).toBe(303);
    expect((await add({ touchpointName: 'Besluit ontvangen', channel: 'post' })).status).toBe(303);
    expect((await add({ touchpointName: 'Betalen', channel: 'balie', askedByDefault: 'on' })).status).toBe(303);
    return id;
  }

  it('creates a journey with stable, unique slugs and shows it in the list', async () => {
    const d = await designer();
    const id = await createParkeren(d);
    const { journey, touchpoints } = findJourneyBySlug(d.ctx.db, 'parkeervergunning-aanvragen')!;
    expect(journey.id).toBe(id);
    // Two touchpoints named "Betalen": the second gets its own slug.
    expect(touchpoints.map((tp) => [tp.slug, tp.position, tp.askedByDefault])).toEqual([
      ['aanvraag-indienen', 0, true],
      ['betalen', 1, true],
      ['besluit-ontvangen', 2, false],
      ['betalen-2', 3, true],
    ]);
    // Renaming never changes a slug.
    const betalen = touchpoints[1]!;
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${betalen.id}`, touchpointForm(d.ctx.db, betalen.id, { touchpointName: 'Online betalen' }))).status).toBe(303);
    expect(findJourneyBySlug(d.ctx.db, 'parkeervergunning-aanvragen')!.touchpoints[1]).toMatchObject({ id: betalen.id, slug: 'betalen', name: 'Online betalen' });
    // The journey's own form keeps its slug too.
    const saved = await d.post(`/admin/reizen/${id}`, {
      name: 'Parkeervergunning',
      slug: 'iets-anders',
      type: 'feitelijk',
      lifeEvent: '',
      description: '',
      caseTypes: 'parkeervergunning-bewoner',
    });
    expect(saved.status).toBe(303);
    expect(one(d.ctx.db, 'SELECT slug, name, type, life_event FROM journeys WHERE id = ?', id)).toEqual({
      slug: 'parkeervergunning-aanvragen',
      name: 'Parkeervergunning',
      type: 'feitelijk',
      life_event: null,
    });
    expect(all(d.ctx.db, 'SELECT case_type FROM journey_case_types WHERE journey_id = ?', id)).toEqual([{ case_type: 'parkeervergunning-bewoner' }]);

    const list = await (await d.get('/admin/reizen')).text();
    expect(list).toContain('Parkeervergunning');
    expect(list).toContain(t.touchpointCount(4, 0));
    expect(list).toContain('href="/admin/reizen/nieuw"');
    // The admin menu and overview link to the designer.
    expect(list).toMatch(/href="\/admin\/reizen" aria-current="page"/);
    expect(await (await d.get('/admin')).text()).toContain('href="/admin/reizen"');
    expect(auditActions(d.ctx.db).filter((line) => line.startsWith('journey.'))).toEqual([
      'journey.created parkeervergunning-aanvragen success',
      'journey.updated parkeervergunning-aanvragen success',
    ]);
  });

  it('a JSON export downloaded from the page imports into a fresh database as the same journey', async () => {
    const d = await designer();
    const id = await createParkeren(d);
    const ids = touchpointIds(d.ctx.db, 'parkeervergunning-aanvragen');
    // Reorder and archive first, so the export reflects the designer's work.
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids['besluit-ontvangen']}/verplaatsen`, { richting: 'omhoog' })).status).toBe(303);
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids['betalen-2']}/archiveren`, {})).status).toBe(303);

    const download = await d.get(`/admin/reizen/${id}/export.json`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/json');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="klantreis-parkeervergunning-aanvragen.json"');
    const text = await download.text();
    const exported = JSON.parse(text);
    expect(journeyDefinitionSchema.parse(exported)).toEqual(exported);
    // The CLI's format: the same definition, indented, with a final newline.
    expect(text).toBe(`${JSON.stringify(exportJourney(d.ctx.db, 'parkeervergunning-aanvragen'), null, 2)}\n`);
    expect(exported.touchpoints.map((tp: { slug: string }) => tp.slug)).toEqual(['aanvraag-indienen', 'besluit-ontvangen', 'betalen']);

    // A fresh database, through its own designer page (uploaded as a file).
    const fresh = await designer();
    const form = new FormData();
    form.set('bestand', new File([text], 'klantreis.json', { type: 'application/json' }));
    form.set('json', '');
    const imported = await asStaff(fresh.ctx.app, (await login(fresh.ctx.app, 'beheer@gemeente.test')).cookie!)('/admin/reizen/import', {
      method: 'POST',
      body: form,
    });
    expect(imported.status).toBe(200);
    expect(await imported.text()).toContain(escapeHtml(t.importDone('Parkeervergunning aanvragen', true, 3)));
    expect(exportJourney(fresh.ctx.db, 'parkeervergunning-aanvragen')).toEqual(exported);
    const freshId = journeyId(fresh.ctx.db, 'parkeervergunning-aanvragen');
    expect(await (await fresh.get(`/admin/reizen/${freshId}/export.json`)).text()).toBe(text);
    expect(auditActions(fresh.ctx.db)).toContain('journey.imported parkeervergunning-aanvragen success');

    // It works there: the case type starts it and the default touchpoints are asked.
    const { touchpoints: _t, ...event } = caseClosedEvent({ case: { reference: 'Z-P-9', caseType: 'parkeervergunning-bedrijf' } });
    expect((await fresh.ctx.postEvent(event)).status).toBe(202);
    const survey = await (await fresh.ctx.app.request(latestSurveyPath(fresh.ctx.db))).text();
    expect(survey).toContain('Hoe ging het aanvragen?');
    expect(survey).toContain('name="feeling-betalen"');
    expect(survey).not.toContain('name="feeling-besluit-ontvangen"');

    // Pasting the same JSON again updates it (no duplicate journey).
    const again = await fresh.post('/admin/reizen/import', { json: text });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(escapeHtml(t.importDone('Parkeervergunning aanvragen', false, 3)));
    expect(one(fresh.ctx.db, "SELECT count(*) AS n FROM journeys WHERE slug = 'parkeervergunning-aanvragen'").n).toBe(1);
  });

  it('explains that a journey without active touchpoints cannot be exported yet', async () => {
    const d = await designer();
    const created = await d.post('/admin/reizen', { name: 'Leeg', slug: 'leeg', type: 'relatie', lifeEvent: '', description: '', caseTypes: '' });
    const id = Number(/\/(\d+)\?/.exec(created.headers.get('location')!)![1]);
    const page = await (await d.get(`/admin/reizen/${id}`)).text();
    expect(page).toContain(t.noTouchpoints);
    expect(page).not.toContain(`/admin/reizen/${id}/export.json`);
    const refused = await d.get(`/admin/reizen/${id}/export.json`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(t.errors.noTouchpointsToExport);
  });
});

describe('bad input gets a clear message and stores nothing', () => {
  it('a new journey: empty name, bad slug, duplicate and taken case types, taken slug', async () => {
    const d = await designer();
    const before = designerCounts(d.ctx.db);
    const submit = (changes: Record<string, string>) =>
      d.post('/admin/reizen', { name: 'Parkeren', slug: '', type: 'feitelijk', lifeEvent: 'Verhuizen', description: '', caseTypes: '', ...changes });

    const empty = await submit({ name: '   ' });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('<title>Fout: ');
    expect(emptyHtml).toContain(t.errors.nameRequired);
    expect(emptyHtml).toContain('href="#name"');
    expect(emptyHtml).toMatch(/id="name"[^>]*aria-invalid="true"/);
    // The other values come back.
    expect(emptyHtml).toMatch(/id="lifeEvent"[^>]*value="Verhuizen"/);
    expect(emptyHtml).toMatch(/<option value="feitelijk" selected/);

    const twice = await submit({ caseTypes: 'parkeren\nparkeren' });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain(escapeHtml(t.errors.caseTypeTwice('parkeren')));

    const taken = await submit({ caseTypes: 'parkeren\nid-kaart-aanvragen' });
    expect(taken.status).toBe(422);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain(escapeHtml(t.errors.caseTypeTaken('id-kaart-aanvragen', 'Paspoort of ID-kaart aanvragen')));
    expect(takenHtml).toContain('parkeren\nid-kaart-aanvragen</textarea>');

    // Every problem at once: the form's own and the one only the database knows.
    const both = await submit({ name: '', caseTypes: 'adreswijziging' });
    expect(both.status).toBe(422);
    const bothHtml = await both.text();
    expect(bothHtml).toContain(t.errors.nameRequired);
    expect(bothHtml).toContain(escapeHtml(t.errors.caseTypeTaken('adreswijziging', 'Verhuizing doorgeven')));

    const slug = await submit({ slug: 'Mijn Reis' });
    expect(slug.status).toBe(422);
    expect(await slug.text()).toContain(escapeHtml(t.errors.slug));
    const slugTaken = await submit({ slug: 'paspoort-aanvragen' });
    expect(slugTaken.status).toBe(422);
    expect(await slugTaken.text()).toContain(escapeHtml(t.errors.slugTaken('paspoort-aanvragen')));

    const type = await submit({ type: 'avontuurlijk' });
    expect(type.status).toBe(422);
    expect(await type.text()).toContain(t.errors.type);

    expect(designerCounts(d.ctx.db)).toEqual(before);
  });

  it('an existing journey: a case type of another journey is refused and the journey is left as it was', async () => {
    const d = await designer();
    const id = journeyId(d.ctx.db, 'verhuizing-doorgeven');
    const before = designerCounts(d.ctx.db);
    const exported = exportJourney(d.ctx.db, 'verhuizing-doorgeven');
    const response = await d.post(`/admin/reizen/${id}`, {
      name: 'Verhuizen',
      type: 'feitelijk',
      lifeEvent: '',
      description: '',
      caseTypes: 'verhuizing-doorgeven\nschuldhulp-aanvragen',
    });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain(escapeHtml(t.errors.caseTypeTaken('schuldhulp-aanvragen', 'Schuldhulp aanvragen')));
    expect(body).toMatch(/id="name"[^>]*value="Verhuizen"/);
    expect(exportJourney(d.ctx.db, 'verhuizing-doorgeven')).toEqual(exported);
    expect(designerCounts(d.ctx.db)).toEqual(before);
  });

  it('touchpoints: unknown channel, empty name, too many, bad moves', async () => {
    const d = await designer();
    const id = journeyId(d.ctx.db, 'paspoort-aanvragen');
    const ids = touchpointIds(d.ctx.db, 'paspoort-aanvragen');
    const before = designerCounts(d.ctx.db);

    const fax = await d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName: 'Fax sturen', channel: 'fax', serviceNorm: 'Binnen een dag' });
    expect(fax.status).toBe(422);
    const faxHtml = await fax.text();
    expect(faxHtml).toContain(t.errors.channel);
    expect(faxHtml).toMatch(/id="touchpointName"[^>]*value="Fax sturen"/);
    expect(faxHtml).toMatch(/id="serviceNorm"[^>]*value="Binnen een dag"/);

    const nameless = await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}`, touchpointForm(d.ctx.db, ids.balie!, { touchpointName: '' }));
    expect(nameless.status).toBe(422);
    expect(await nameless.text()).toContain(t.errors.touchpointNameRequired);
    expect(one(d.ctx.db, 'SELECT name FROM touchpoints WHERE id = ?', ids.balie).name).toBe('Aanvraag aan de balie');

    const tooLong = await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}`, touchpointForm(d.ctx.db, ids.balie!, { question: 'x'.repeat(201) }));
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain(t.errors.tooLong(200));

    const sideways = await d.post(`/admin/reizen/${id}/contactmomenten/${ids.balie}/verplaatsen`, { richting: 'links' });
    expect(sideways.status).toBe(422);
    expect(await sideways.text()).toContain(t.errors.direction);
    const overTheTop = await d.post(`/admin/reizen/${id}/contactmomenten/${ids['afspraak-maken']}/verplaatsen`, { richting: 'omhoog' });
    expect(overTheTop.status).toBe(409);
    expect(await overTheTop.text()).toContain(t.errors.cannotMove);
    // A touchpoint of another journey is not found under this one.
    const otherId = touchpointIds(d.ctx.db, 'schuldhulp-aanvragen').besluit;
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${otherId}/archiveren`, {})).status).toBe(404);
    expect((await d.get(`/admin/reizen/${id}/contactmomenten/${otherId}`)).status).toBe(404);
    expect((await d.get('/admin/reizen/abc')).status).toBe(404);
    expect(designerCounts(d.ctx.db)).toEqual(before);

    // At most 12 active touchpoints: the 13th is refused with the reason.
    for (let i = 4; i <= 12; i++) expect((await d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName: `Stap ${i}`, channel: 'web' })).status).toBe(303);
    const thirteenth = await d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName: 'Stap 13', channel: 'web' });
    expect(thirteenth.status).toBe(422);
    expect(await thirteenth.text()).toContain(t.errors.tooManyTouchpoints(12));
    expect(findJourneyBySlug(d.ctx.db, 'paspoort-aanvragen')!.touchpoints).toHaveLength(12);
  });

  it('import: malformed JSON, schema problems (one line each), a taken case type, nothing at all', async () => {
    const d = await designer();
    const before = designerCounts(d.ctx.db);
    const journeysBefore = all(d.ctx.db, 'SELECT * FROM journeys ORDER BY id');

    const malformed = await d.post('/admin/reizen/import', { json: '{ "slug": "kapot", ' });
    expect(malformed.status).toBe(422);
    const malformedHtml = await malformed.text();
    expect(malformedHtml).toContain(t.importProblemsTitle);
    expect(malformedHtml).toContain('Dit is geen geldige JSON');
    // The pasted text comes back to be corrected.
    expect(malformedHtml).toContain(escapeHtml('{ "slug": "kapot", </textarea>').replace('&lt;/textarea&gt;', '</textarea>'));

    const invalid = {
      slug: 'Fout Slug',
      name: '',
      type: 'transactioneel',
      touchpoints: [
        { slug: 'stap', name: 'Stap', channel: 'fax' },
        { slug: 'stap-twee', name: 'Stap twee', channel: 'web', kleur: 'rood' },
      ],
    };
    const schema = await d.post('/admin/reizen/import', { json: JSON.stringify(invalid) });
    expect(schema.status).toBe(422);
    const problems = [...(await schema.text()).matchAll(/<li class="utrecht-unordered-list__item">([^<]*)<\/li>/g)].map((match) => match[1]!);
    expect(problems.some((line) => line.startsWith('slug: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('name: '))).toBe(true);
    expect(problems.some((line) => line.startsWith('touchpoints.0.channel: ') && line.includes('balie'))).toBe(true);
    expect(problems.some((line) => line.startsWith('touchpoints.1: ') && line.includes('kleur'))).toBe(true);
    // In Dutch.
    expect(problems.join('\n')).toMatch(/Ongeldige optie/);

    const paspoort = exportJourney(d.ctx.db, 'paspoort-aanvragen')!;
    const stolen = { ...paspoort, slug: 'dief', name: 'Dief', caseTypes: ['id-kaart-aanvragen'] };
    const taken = await d.post('/admin/reizen/import', { json: JSON.stringify(stolen) });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('id-kaart-aanvragen');

    const nothing = await d.post('/admin/reizen/import', { json: '   ' });
    expect(nothing.status).toBe(422);
    expect(await nothing.text()).toContain(t.importNothing);

    const { audit_log: _a, ...countsAfter } = designerCounts(d.ctx.db);
    const { audit_log: _b, ...countsBefore } = before;
    expect(countsAfter).toEqual(countsBefore);
    expect(all(d.ctx.db, 'SELECT * FROM journeys ORDER BY id')).toEqual(journeysBefore);
    // Refused imports are audited as failures.
    expect(auditActions(d.ctx.db).filter((line) => line.startsWith('journey.imported'))).toEqual([
      'journey.imported null failure',
      'journey.imported null failure',
      'journey.imported dief failure',
    ]);
  });
});

describe('the survey preview', () => {
  /** The survey form only (what the citizen fills in), without what differs by design: action, the disabled button, the pre-filled address. */
  const formOf = (page: string) =>
    /<form method="post" action="[^"]*" novalidate="">([\s\S]*)<\/form>/
      .exec(page)![1]!
      .replace(/ disabled=""/g, '')
      .replace(/(id="panel-email"[^>]*?) value="[^"]*"/, '$1');

  it('is the citizen’s survey for the default touchpoints, with a notice and no way to send it', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'verhuizing-doorgeven');
    const response = await d.get(`/admin/reizen/${id}/voorbeeld`);
    expect(response.status).toBe(200);
    const preview = await response.text();
    expect(preview).toContain(escapeHtml(t.previewNotice(t.previewDutch)));
    expect(preview).toContain(`<title>${t.previewLabel}: ${nl.survey.title('Verhuizing doorgeven')}`);
    expect(preview).toMatch(/<button type="submit"[^>]*disabled=""/);

    // The real survey of a citizen whose event names no steps: the same form.
    const { touchpoints: _t, ...event } = caseClosedEvent({ case: { reference: 'Z-V-1', caseType: 'verhuizing-doorgeven' } });
    expect((await ctx.postEvent(event)).status).toBe(202);
    const real = await (await ctx.app.request(latestSurveyPath(ctx.db))).text();
    expect(formOf(preview)).toBe(formOf(real));
    expect(preview).toContain('name="feeling-verhuizing-melden"');
    expect(preview).not.toContain('name="feeling-informatie-zoeken"');
    // Nothing can be posted to it.
    expect((await d.post(`/admin/reizen/${id}/voorbeeld`, {})).status).toBe(404);
  });

  it('follows the designer: a renamed step, a new order, an archived step, an English question', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    expect(
      (
        await d.post(
          `/admin/reizen/${id}/contactmomenten/${ids.ophalen}`,
          touchpointForm(ctx.db, ids.ophalen!, { touchpointName: 'Paspoort ophalen', question: '', questionLanguage0: 'en', questionText0: 'How did collecting your passport feel?' }),
        )
      ).status,
    ).toBe(303);
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids.ophalen}/verplaatsen`, { richting: 'omhoog' })).status).toBe(303);
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${ids['afspraak-maken']}/archiveren`, {})).status).toBe(303);

    const dutch = await (await d.get(`/admin/reizen/${id}/voorbeeld`)).text();
    expect(dutch).not.toContain('feeling-afspraak-maken');
    expect(dutch.indexOf('feeling-ophalen')).toBeLessThan(dutch.indexOf('feeling-balie'));
    // No own Dutch question: the standard one with the new name.
    expect(dutch).toContain(escapeHtml(nl.survey.feelingQuestion('Paspoort ophalen')));
    expect(dutch).toContain(`href="/admin/reizen/${id}/voorbeeld?taal=en"`);

    const english = await (await d.get(`/admin/reizen/${id}/voorbeeld?taal=en`)).text();
    // The page is English; a step without an English question stays Dutch, marked as such.
    expect(english).toContain('<html lang="en" dir="ltr"');
    expect(english).toContain('<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">How did collecting your passport feel?</legend>');
    expect(english).toContain('<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend" lang="nl" dir="auto">Hoe voelde u zich bij de aanvraag aan de balie?</legend>');
    expect(english).toContain(t.previewQuestionsNote('Engels'));
    // Without an English text the Dutch question stays.
    expect(english).toContain('Hoe voelde u zich bij de aanvraag aan de balie?');

    // An English-speaking citizen gets exactly that.
    const { touchpoints: _t, ...event } = caseClosedEvent({ citizen: { email: 'visitor@example.com', language: 'en' } });
    expect((await ctx.postEvent(event)).status).toBe(202);
    const real = await (await ctx.app.request(latestSurveyPath(ctx.db))).text();
    expect(formOf(english)).toBe(formOf(real));
  });
});

describe('only admins reach the designer', () => {
  const designerRules = routeTable.filter((rule) => rule.path.startsWith('/admin/reizen'));

  it('every designer route is in the route table for admins only', () => {
    expect(designerRules.length).toBeGreaterThanOrEqual(15);
    for (const rule of designerRules) expect(rule.audience, `${rule.method} ${rule.path}`).toEqual(['admin']);
  });

  it('managers and researchers get 403 on every designer route, and change nothing', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const tp = touchpointIds(ctx.db, 'paspoort-aanvragen').balie!;
    const before = designerCounts(ctx.db);
    const exported = exportJourney(ctx.db, 'paspoort-aanvragen');
    for (const role of ['manager', 'researcher'] as const) {
      await createStaff(ctx.db, ctx.clock, role, `${role}@gemeente.test`);
      const cookie = (await login(ctx.app, `${role}@gemeente.test`)).cookie!;
      const request = asStaff(ctx.app, cookie);
      for (const rule of designerRules) {
        const path = rule.path.replace(':id', String(id)).replace(':touchpointId', String(tp));
        const response =
          rule.method === 'GET'
            ? await request(path)
            : await request(path, { method: 'POST', body: new URLSearchParams({ name: 'Gekaapt', type: 'feitelijk', caseTypes: '', touchpointName: 'X', channel: 'web', richting: 'omhoog', json: '{}' }) });
        expect(response.status, `${role} ${rule.method} ${path}`).toBe(403);
      }
    }
    // The admin gets the same pages.
    expect((await d.get(`/admin/reizen/${id}`)).status).toBe(200);
    expect((await d.get(`/admin/reizen/${id}/contactmomenten/${tp}`)).status).toBe(200);
    const { audit_log: _a, ...after } = designerCounts(ctx.db);
    const { audit_log: _b, ...expected } = before;
    expect(after).toEqual(expected);
    expect(exportJourney(ctx.db, 'paspoort-aanvragen')).toEqual(exported);
    // Anonymous visitors are sent to the login page.
    const anonymous = await ctx.app.request('/admin/reizen');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?terug=/);
  });
});
