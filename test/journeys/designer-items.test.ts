/**
 * The journey designer's items over real HTTP, with a signed-in admin on a real migrated database:
 * bank items added with one POST (the "Toevoegen" forms on the page) or at a step, bad input
 * refused with a 422 re-render and nothing stored, own questions checked field by field, removal
 * that keeps answers and history, the order, the preview, the survey's estimated length,
 * "Is uw vraag beantwoord?" by default on contact journeys, items in the JSON definition, the
 * publicResults checkbox, and an audit line for every change.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { MAX_SURVEY_SECONDS } from '../../src/items/item-bank';
import { exportJourney } from '../../src/journeys/journeys';
import { itemDesigner } from '../../src/texts';
import { designer, journeyId, latestSurveyPath, touchpointIds, type Designer } from '../helpers/designer';
import { escapeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';

const t = itemDesigner;
type Row = Record<string, unknown>;
const all = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as Row[];
const one = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).get(...params) as Row;

/** The items a journey asks now, in order: "CODE" or "CODE@step". */
const askedItems = (db: Db, slug: string) =>
  all(
    db,
    `SELECT i.item_code AS code, t.slug AS step FROM journey_items i JOIN journeys j ON j.id = i.journey_id LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
     WHERE j.slug = ? AND i.removed_at IS NULL ORDER BY i.position, i.id`,
    slug,
  ).map((row) => (row.step ? `${row.code}@${row.step}` : String(row.code)));

const itemAudit = (db: Db) =>
  all(db, "SELECT action, object, result FROM audit_log WHERE action LIKE 'journey.item.%' ORDER BY id").map((row) => `${row.action} ${row.object} ${row.result}`);

const countOf = (db: Db, table: string) => one(db, `SELECT count(*) AS n FROM ${table}`).n as number;

async function added(d: Designer, id: number, fields: Record<string, string>) {
  const response = await d.post(`/admin/reizen/${id}/vragen`, fields);
  expect(response.status, JSON.stringify(fields)).toBe(303);
  expect(response.headers.get('location')).toBe(`/admin/reizen/${id}?melding=item-added#vragen`);
}

/** A keuze question's form as an admin fills it in. */
const ownForm = (changes: Record<string, string> = {}) => ({
  ownCode: 'EIGEN-PARKEREN',
  ownScale: 'keuze',
  ownQuestionNl: 'Hoe kwam u naar het stadskantoor?',
  ownQuestionEn: 'How did you come to the city office?',
  ownOptionsNl: 'Met de auto\nMet de fiets\nLopend',
  ownOptionsEn: 'By car\nBy bike\nOn foot',
  ...changes,
});

describe('bank items in the journey designer', () => {
  it('adds "Is uw vraag beantwoord?" and "Ik voelde me serieus genomen" with one Toevoegen each, and bejegening at a step; the survey asks them', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const steps = touchpointIds(ctx.db, 'paspoort-aanvragen');
    const page = await (await d.get(`/admin/reizen/${id}`)).text();
    // One small form per bank item, posting its code to /vragen.
    expect(page).toContain(t.title);
    expect(page).toContain(t.askedNone);
    expect(page).toMatch(new RegExp(`<form method="post" action="/admin/reizen/${id}/vragen"[^>]*><input type="hidden" name="code" value="MH-BEANTWOORD"/>`));
    expect(page).toContain(escapeHtml(t.source('VNG, Gemeentelijke Normen Dienstverlening / minimumnorm KTO (2011); Benchmarking Publiekszaken')));
    // MH-VERTROUWEN is journey-level only: no "Bij een stap vragen" for it.
    expect(page).toContain('id="stap-MH-SERIEUS"');
    expect(page).not.toContain('id="stap-MH-VERTROUWEN"');

    await added(d, id, { code: 'MH-BEANTWOORD' });
    await added(d, id, { code: 'MH-SERIEUS' });
    await added(d, id, { code: 'BP-BEJEGENING', stap: String(steps.balie) });
    expect(askedItems(ctx.db, 'paspoort-aanvragen')).toEqual(['MH-BEANTWOORD', 'MH-SERIEUS', 'BP-BEJEGENING@balie']);

    const after = await (await d.get(`/admin/reizen/${id}?melding=item-added`)).text();
    expect(after).toContain(t.notices['item-added']);
    expect(after).toContain('Is uw vraag beantwoord?');
    expect(after).toContain('Ik voelde me serieus genomen.');
    expect(after).toContain(t.atStep('Aanvraag aan de balie'));
    expect(after).toContain(t.scales['ja-deels-nee']);
    expect(after).toContain(escapeHtml(t.removeKeepsAnswers));
    // Asked at journey level: no longer offered; bejegening still is (once more, at another step or for the journey).
    expect(after).not.toContain('name="code" value="MH-BEANTWOORD"');
    expect(after).toContain('name="code" value="BP-BEJEGENING"');
    expect(after).toContain(escapeHtml(t.alsoAskedAt(['Aanvraag aan de balie'])));
    // Its step choice offers only the steps it is not asked at yet.
    const choice = /<select[^>]*id="stap-BP-BEJEGENING"[^>]*>([\s\S]*?)<\/select>/.exec(after)![1]!;
    expect([...choice.matchAll(/value="(\d+)"/g)].map((match) => Number(match[1]))).toEqual([steps['afspraak-maken'], steps.ophalen]);

    expect(itemAudit(ctx.db)).toEqual([
      'journey.item.added paspoort-aanvragen/MH-BEANTWOORD success',
      'journey.item.added paspoort-aanvragen/MH-SERIEUS success',
      'journey.item.added paspoort-aanvragen/BP-BEJEGENING@balie success',
    ]);

    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const survey = await (await ctx.app.request(latestSurveyPath(ctx.db))).text();
    expect(survey).toContain('name="item-MH-BEANTWOORD"');
    expect(survey).toContain('name="item-MH-SERIEUS"');
    expect(survey).toContain('name="item-BP-BEJEGENING__balie"');
  });

  it('refuses an unknown code, a wrong level, another journey\'s step and a twice-asked item, storing nothing', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const otherStep = touchpointIds(ctx.db, 'verhuizing-doorgeven')['verhuizing-melden']!;
    await added(d, id, { code: 'MH-BEANTWOORD' });
    const before = { items: countOf(ctx.db, 'journey_items'), own: countOf(ctx.db, 'custom_items') };
    const cases: [Record<string, string>, number, string][] = [
      [{ code: 'XX-ONBEKEND' }, 422, t.errors.unknownItem],
      [{ code: '' }, 422, t.errors.unknownItem],
      [{ code: 'MH-VERTROUWEN', stap: String(touchpointIds(ctx.db, 'paspoort-aanvragen').balie) }, 422, t.errors.wrongLevel],
      [{ code: 'MH-SERIEUS', stap: String(otherStep) }, 422, t.errors.unknownStep],
      [{ code: 'MH-SERIEUS', stap: 'balie' }, 422, t.errors.unknownStep],
      [{ code: 'MH-BEANTWOORD' }, 409, t.errors.alreadyAsked],
    ];
    for (const [fields, status, message] of cases) {
      const response = await d.post(`/admin/reizen/${id}/vragen`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      const html = await response.text();
      expect(html).toContain(escapeHtml(message));
      // The page is whole again: the items' section is there to try once more.
      expect(html).toContain(t.title);
    }
    expect({ items: countOf(ctx.db, 'journey_items'), own: countOf(ctx.db, 'custom_items') }).toEqual(before);
    expect(itemAudit(ctx.db).filter((line) => line.endsWith('failure'))).toHaveLength(5);
    expect((await d.post(`/admin/reizen/99999/vragen`, { code: 'MH-SERIEUS' })).status).toBe(404);
  });
});

describe('own questions', () => {
  it('re-renders a bad own question with its values and an error per field, and stores a good one, asked at journey level', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const post = (fields: Record<string, string>) => d.post(`/admin/reizen/${id}/eigen-vragen`, fields);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [ownForm({ ownCode: 'MH-PARKEREN' }), { ownCode: t.errors.codeReserved }],
      [ownForm({ ownCode: 'eigen parkeren' }), { ownCode: t.errors.codeFormat }],
      [ownForm({ ownCode: '' , ownQuestionNl: '' }), { ownCode: t.errors.codeRequired, ownQuestionNl: t.errors.questionRequired }],
      [ownForm({ ownQuestionNl: 'x'.repeat(201) }), { ownQuestionNl: t.errors.tooLong(200) }],
      [ownForm({ ownOptionsNl: 'Met de auto', ownOptionsEn: '' }), { ownOptionsNl: t.errors.optionsCount(2, 8) }],
      [ownForm({ ownOptionsEn: 'By car\nBy bike' }), { ownOptionsEn: t.errors.optionsEnCount(3) }],
      [ownForm({ ownScale: 'open' }), { ownScale: t.errors.scale }],
    ];
    for (const [fields, errors] of cases) {
      const response = await post(fields);
      expect(response.status, JSON.stringify(errors)).toBe(422);
      const html = await response.text();
      for (const message of Object.values(errors)) expect(html).toContain(escapeHtml(message));
      for (const field of Object.keys(errors)) expect(html).toContain(`id="${field}" name="${field}"`);
      expect(html).toContain(`id="${Object.keys(errors)[0]}-fout"`);
      // The admin's text is kept.
      if (fields.ownQuestionNl) expect(html).toContain(escapeHtml(fields.ownQuestionNl.slice(0, 40)));
    }
    expect(countOf(ctx.db, 'custom_items')).toBe(0);
    expect(countOf(ctx.db, 'journey_items')).toBe(0);

    const good = await post(ownForm({ ownCode: 'eigen-parkeren' }));
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`/admin/reizen/${id}?melding=own-item-added#vragen`);
    const stored = one(ctx.db, 'SELECT code, scale, texts, options FROM custom_items');
    expect(stored.code).toBe('EIGEN-PARKEREN');
    expect(JSON.parse(String(stored.texts))).toEqual({ nl: 'Hoe kwam u naar het stadskantoor?', en: 'How did you come to the city office?' });
    expect(JSON.parse(String(stored.options))).toEqual([
      { nl: 'Met de auto', en: 'By car' },
      { nl: 'Met de fiets', en: 'By bike' },
      { nl: 'Lopend', en: 'On foot' },
    ]);
    expect(askedItems(ctx.db, 'paspoort-aanvragen')).toEqual(['EIGEN-PARKEREN']);
    expect(itemAudit(ctx.db)).toEqual(['journey.item.created paspoort-aanvragen/EIGEN-PARKEREN success']);

    // An agree question needs no options; the same code again (here on another journey) is taken.
    const agree = await post(ownForm({ ownCode: 'EIGEN-SNEL', ownScale: 'eens-1-5', ownQuestionNl: 'Ik was snel klaar.', ownOptionsNl: '', ownOptionsEn: '' }));
    expect(agree.status).toBe(303);
    const other = journeyId(ctx.db, 'verhuizing-doorgeven');
    const taken = await d.post(`/admin/reizen/${other}/eigen-vragen`, ownForm());
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain(escapeHtml(t.errors.codeTaken('EIGEN-PARKEREN')));
    expect(countOf(ctx.db, 'custom_items')).toBe(2);
    // The page explains why there are no open questions.
    expect(await (await d.get(`/admin/reizen/${id}`)).text()).toContain(escapeHtml(t.own.noOpen));
  });
});

describe('changing what a journey asks keeps history', () => {
  it('moves items, and "Niet meer vragen" keeps the answers and the period asked', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    for (const code of ['MH-BEANTWOORD', 'MH-SERIEUS', 'MH-MEEDENKEN']) await added(d, id, { code });
    const itemId = (code: string) => one(ctx.db, 'SELECT id FROM journey_items WHERE item_code = ? AND removed_at IS NULL', code).id as number;

    const down = await d.post(`/admin/reizen/${id}/vragen/${itemId('MH-BEANTWOORD')}/verplaatsen`, { richting: 'omlaag' });
    expect(down.status).toBe(303);
    expect(askedItems(ctx.db, 'paspoort-aanvragen')).toEqual(['MH-SERIEUS', 'MH-BEANTWOORD', 'MH-MEEDENKEN']);
    const cannot = await d.post(`/admin/reizen/${id}/vragen/${itemId('MH-SERIEUS')}/verplaatsen`, { richting: 'omhoog' });
    expect(cannot.status).toBe(409);
    expect(await cannot.text()).toContain(t.errors.cannotMove);
    expect((await d.post(`/admin/reizen/${id}/vragen/${itemId('MH-SERIEUS')}/verplaatsen`, { richting: 'zijwaarts' })).status).toBe(422);
    // The page lists them in the new order.
    const page = await (await d.get(`/admin/reizen/${id}`)).text();
    expect(page.indexOf('data-code="MH-SERIEUS"')).toBeLessThan(page.indexOf('data-code="MH-BEANTWOORD"'));

    // A citizen answers, then the item is no longer asked.
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const answered = await ctx.app.request(latestSurveyPath(ctx.db), {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '1', 'feeling-balie': '0', 'feeling-ophalen': '2', grade: '8', effort: '6', 'item-MH-BEANTWOORD': '1', 'item-MH-SERIEUS': '4', 'item-MH-MEEDENKEN': '5' }),
    });
    expect(answered.status).toBe(200);
    const removedId = itemId('MH-BEANTWOORD');
    ctx.clock.advanceDays(1);
    await d.login();
    const removed = await d.post(`/admin/reizen/${id}/vragen/${removedId}/niet-meer-vragen`, {});
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/admin/reizen/${id}?melding=item-removed#vragen`);
    expect(askedItems(ctx.db, 'paspoort-aanvragen')).toEqual(['MH-SERIEUS', 'MH-MEEDENKEN']);
    const history = one(ctx.db, 'SELECT added_at, removed_at FROM journey_items WHERE id = ?', removedId);
    expect(history.removed_at).toBe(ctx.clock.now().getTime());
    expect(Number(history.added_at)).toBeLessThan(Number(history.removed_at));
    expect(all(ctx.db, "SELECT value FROM item_answers WHERE item_code = 'MH-BEANTWOORD'")).toEqual([{ value: 1 }]);
    // Removing twice, or an item of another journey, is refused.
    expect((await d.post(`/admin/reizen/${id}/vragen/${removedId}/niet-meer-vragen`, {})).status).toBe(404);
    const other = journeyId(ctx.db, 'verhuizing-doorgeven');
    expect((await d.post(`/admin/reizen/${other}/vragen/${itemId('MH-SERIEUS')}/niet-meer-vragen`, {})).status).toBe(404);
    expect(askedItems(ctx.db, 'paspoort-aanvragen')).toEqual(['MH-SERIEUS', 'MH-MEEDENKEN']);
    // It can be asked again, as a new period.
    expect(await (await d.get(`/admin/reizen/${id}`)).text()).toContain('name="code" value="MH-BEANTWOORD"');
    expect(itemAudit(ctx.db).slice(3)).toEqual(['journey.item.moved paspoort-aanvragen/MH-BEANTWOORD success', 'journey.item.removed paspoort-aanvragen/MH-BEANTWOORD success']);
  });
});

describe('items at an archived step', () => {
  it('stay listed, marked as not asked while the step is archived, and leave the estimate', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const steps = touchpointIds(ctx.db, 'paspoort-aanvragen');
    await added(d, id, { code: 'BP-BEJEGENING', stap: String(steps.ophalen) });
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${steps.ophalen}/archiveren`, {})).status).toBe(303);
    const html = await (await d.get(`/admin/reizen/${id}`)).text();
    expect(html).toContain(escapeHtml(t.atArchivedStep('Document ophalen')));
    // Two steps asked by default, and the item is not asked with them.
    expect(html).toContain('data-seconds="64"');
  });
});

describe('the preview and the estimate', () => {
  it('shows the items in the preview, and warns once the survey takes longer than 3 minutes', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const steps = touchpointIds(ctx.db, 'paspoort-aanvragen');
    const warning = escapeHtml(t.duration.tooLong(MAX_SURVEY_SECONDS));
    const seconds = async () => {
      const html = await (await d.get(`/admin/reizen/${id}`)).text();
      return { seconds: Number(/id="duur" data-seconds="(\d+)"/.exec(html)![1]), warned: html.includes(warning) };
    };
    // Three steps asked by default: 3 × (12 + 10) + 20.
    expect(await seconds()).toEqual({ seconds: 86, warned: false });

    for (const code of ['MH-BEANTWOORD', 'MH-SERIEUS', 'MH-MEEDENKEN', 'MH-VERTROUWEN', 'BP-WACHTTIJD', 'BP-INFORMATIE', 'BP-DESKUNDIG', 'BP-BEJEGENING']) await added(d, id, { code });
    await added(d, id, { code: 'BP-BEJEGENING', stap: String(steps.balie) });
    await added(d, id, { code: 'BP-BEJEGENING', stap: String(steps.ophalen) });
    expect(await seconds()).toEqual({ seconds: 86 + 7 + 9 * 9, warned: false });

    const preview = await (await d.get(`/admin/reizen/${id}/voorbeeld`)).text();
    expect(preview).toContain('name="item-MH-BEANTWOORD"');
    expect(preview).toContain('Is uw vraag beantwoord?');
    expect(preview).toContain('name="item-BP-BEJEGENING__balie"');
    expect(preview).toContain('Ik heb vertrouwen in Gemeente Voorbeeld.');
    const english = await (await d.get(`/admin/reizen/${id}/voorbeeld?taal=en`)).text();
    expect(english).toContain('name="item-MH-BEANTWOORD"');

    expect((await d.post(`/admin/reizen/${id}/eigen-vragen`, ownForm({ ownScale: 'eens-1-5', ownOptionsNl: '', ownOptionsEn: '' }))).status).toBe(303);
    expect(await seconds()).toEqual({ seconds: 86 + 7 + 10 * 9, warned: true });
  });
});

describe('"Is uw vraag beantwoord?" by default on contact journeys', () => {
  it('is asked once a journey made only of contact steps gets its steps in the designer, and not again after removal', async () => {
    const d = await designer();
    const { ctx } = d;
    const created = await d.post('/admin/reizen', { name: 'Vraag aan het KCC', slug: '', type: 'feitelijk', lifeEvent: '', description: '', caseTypes: 'kcc-vraag' });
    expect(created.status).toBe(303);
    const id = journeyId(ctx.db, 'vraag-aan-het-kcc');
    const addStep = (touchpointName: string, channel: string) => d.post(`/admin/reizen/${id}/contactmomenten`, { touchpointName, channel, serviceNorm: '', question: '', askedByDefault: 'on' });
    expect((await addStep('Bellen', 'telefoon')).status).toBe(303);
    expect(askedItems(ctx.db, 'vraag-aan-het-kcc')).toEqual(['MH-BEANTWOORD']);
    expect(itemAudit(ctx.db)).toEqual(['journey.item.added vraag-aan-het-kcc/MH-BEANTWOORD success']);
    expect(await (await d.get(`/admin/reizen/${id}`)).text()).toContain('Is uw vraag beantwoord?');

    const itemId = one(ctx.db, "SELECT id FROM journey_items WHERE item_code = 'MH-BEANTWOORD'").id as number;
    expect((await d.post(`/admin/reizen/${id}/vragen/${itemId}/niet-meer-vragen`, {})).status).toBe(303);
    expect((await addStep('Balie', 'balie')).status).toBe(303);
    expect(askedItems(ctx.db, 'vraag-aan-het-kcc')).toEqual([]);

    // A journey with a web step is not a contact journey.
    expect((await d.post('/admin/reizen', { name: 'Online melden', slug: '', type: 'feitelijk', lifeEvent: '', description: '', caseTypes: '' })).status).toBe(303);
    const online = journeyId(ctx.db, 'online-melden');
    expect((await d.post(`/admin/reizen/${online}/contactmomenten`, { touchpointName: 'Formulier', channel: 'web', askedByDefault: 'on' })).status).toBe(303);
    expect(askedItems(ctx.db, 'online-melden')).toEqual([]);
  });
});

describe('items in the JSON definition', () => {
  it('exports bank items, items at a step and own questions, and imports them into a fresh database as the same journey', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    await added(d, id, { code: 'MH-SERIEUS' });
    await added(d, id, { code: 'BP-BEJEGENING', stap: String(touchpointIds(ctx.db, 'paspoort-aanvragen').balie) });
    expect((await d.post(`/admin/reizen/${id}/eigen-vragen`, ownForm())).status).toBe(303);
    await added(d, id, { code: 'MH-BEANTWOORD' });
    const download = await d.get(`/admin/reizen/${id}/export.json`);
    const text = await download.text();
    const definition = JSON.parse(text);
    expect(definition.items).toEqual([
      { code: 'MH-SERIEUS' },
      { code: 'BP-BEJEGENING', touchpoint: 'balie' },
      {
        code: 'EIGEN-PARKEREN',
        own: {
          scale: 'keuze',
          texts: { nl: 'Hoe kwam u naar het stadskantoor?', en: 'How did you come to the city office?' },
          options: [
            { nl: 'Met de auto', en: 'By car' },
            { nl: 'Met de fiets', en: 'By bike' },
            { nl: 'Lopend', en: 'On foot' },
          ],
        },
      },
      { code: 'MH-BEANTWOORD' },
    ]);

    const fresh = await designer();
    const imported = await fresh.post('/admin/reizen/import', { json: text });
    expect(imported.status).toBe(200);
    expect(askedItems(fresh.ctx.db, 'paspoort-aanvragen')).toEqual(['MH-SERIEUS', 'BP-BEJEGENING@balie', 'EIGEN-PARKEREN', 'MH-BEANTWOORD']);
    expect(exportJourney(fresh.ctx.db, 'paspoort-aanvragen')).toEqual(exportJourney(ctx.db, 'paspoort-aanvragen'));

    // Again with fewer items in another order: the ones left out are removed softly, the rest reordered.
    const fewer = { ...definition, items: [{ code: 'MH-BEANTWOORD' }, { code: 'MH-SERIEUS' }] };
    expect((await fresh.post('/admin/reizen/import', { json: JSON.stringify(fewer) })).status).toBe(200);
    expect(askedItems(fresh.ctx.db, 'paspoort-aanvragen')).toEqual(['MH-BEANTWOORD', 'MH-SERIEUS']);
    expect(countOf(fresh.ctx.db, 'journey_items')).toBe(4);
    expect(countOf(fresh.ctx.db, 'custom_items')).toBe(1);

    // An old file without items leaves them as they are.
    const { items: _items, ...old } = definition;
    expect((await fresh.post('/admin/reizen/import', { json: JSON.stringify(old) })).status).toBe(200);
    expect(askedItems(fresh.ctx.db, 'paspoort-aanvragen')).toEqual(['MH-BEANTWOORD', 'MH-SERIEUS']);
  });

  it('refuses an own question whose code another journey has, a bad item and an unknown step, storing nothing', async () => {
    const d = await designer();
    const { ctx } = d;
    const paspoort = journeyId(ctx.db, 'paspoort-aanvragen');
    expect((await d.post(`/admin/reizen/${paspoort}/eigen-vragen`, ownForm())).status).toBe(303);
    const definition = { ...exportJourney(ctx.db, 'verhuizing-doorgeven')!, items: exportJourney(ctx.db, 'paspoort-aanvragen')!.items };
    const before = { items: countOf(ctx.db, 'journey_items'), own: countOf(ctx.db, 'custom_items') };
    const taken = await d.post('/admin/reizen/import', { json: JSON.stringify(definition) });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain(escapeHtml(t.errors.importCodeTaken('EIGEN-PARKEREN', 'paspoort-aanvragen')));

    const bad = [
      { items: [{ code: 'MH-SERIEUS', touchpoint: 'nergens' }], message: t.errors.importStepUnknown('nergens') },
      { items: [{ code: 'MH-VERTROUWEN', touchpoint: 'bevestiging' }], message: t.errors.importWrongLevel('MH-VERTROUWEN') },
      { items: [{ code: 'ONBEKEND' }], message: t.errors.importUnknown('ONBEKEND') },
      { items: [{ code: 'MH-SERIEUS', own: { scale: 'eens-1-5', texts: { nl: 'Eigen' } } }], message: t.errors.importOwnIsBank('MH-SERIEUS') },
      { items: [{ code: 'EIGEN-KORT', own: { scale: 'keuze', texts: { nl: 'Kies' }, options: [{ nl: 'Eén' }] } }], message: t.errors.optionsCount(2, 8) },
    ];
    for (const { items, message } of bad) {
      const response = await d.post('/admin/reizen/import', { json: JSON.stringify({ ...definition, items }) });
      expect(response.status, message).toBe(422);
      expect(await response.text()).toContain(escapeHtml(message));
    }
    expect({ items: countOf(ctx.db, 'journey_items'), own: countOf(ctx.db, 'custom_items') }).toEqual(before);
  });
});

describe('public results', () => {
  it('is off by default and switched with the checkbox on the journey form, audited', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    const publicResults = () => one(ctx.db, 'SELECT public_results AS p FROM journeys WHERE id = ?', id).p;
    expect(publicResults()).toBe(0);
    const page = await (await d.get(`/admin/reizen/${id}`)).text();
    expect(page).toContain(escapeHtml(t.publicResults));
    expect(page).toMatch(/<input type="checkbox"[^>]*name="publicResults" value="on"[^>]*aria-describedby="publicResults-uitleg"/);
    expect(page).not.toMatch(/name="publicResults" value="on" checked/);

    const form = { name: 'Paspoort of ID-kaart aanvragen', type: 'transactioneel', lifeEvent: '', description: '', caseTypes: 'paspoort-aanvragen\nid-kaart-aanvragen' };
    expect((await d.post(`/admin/reizen/${id}`, { ...form, publicResults: 'on' })).status).toBe(303);
    expect(publicResults()).toBe(1);
    expect(await (await d.get(`/admin/reizen/${id}`)).text()).toMatch(/name="publicResults" value="on" checked/);
    expect(one(ctx.db, "SELECT details FROM audit_log WHERE action = 'journey.updated' ORDER BY id DESC").details).toContain('publicResults');
    expect((await d.post(`/admin/reizen/${id}`, form)).status).toBe(303);
    expect(publicResults()).toBe(0);

    // A new journey can start public.
    expect((await d.post('/admin/reizen', { ...form, name: 'Openbaar', caseTypes: '', publicResults: 'on' })).status).toBe(303);
    expect(one(ctx.db, "SELECT public_results AS p FROM journeys WHERE slug = 'openbaar'").p).toBe(1);
  });

  it('lets only admins change items', async () => {
    const d = await designer();
    const { ctx } = d;
    const id = journeyId(ctx.db, 'paspoort-aanvragen');
    await createStaff(ctx.db, ctx.clock, 'manager', 'kcc@gemeente.test');
    const manager = asStaff(ctx.app, (await login(ctx.app, 'kcc@gemeente.test')).cookie!);
    const response = await manager(`/admin/reizen/${id}/vragen`, { method: 'POST', body: new URLSearchParams({ code: 'MH-SERIEUS' }) });
    expect(response.status).toBe(403);
    expect(countOf(ctx.db, 'journey_items')).toBe(0);
  });
});

