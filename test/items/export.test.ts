import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, invitations } from '../../src/db/schema';
import { DONT_KNOW_CODE } from '../../src/items/export';
import { activeJourneyItems, addJourneyItem, removeJourneyItem } from '../../src/items/journey-items';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { surveyPathOf } from '../helpers/survey-link';
import { askPassportItems, journeyIdOf } from '../helpers/items';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const allSteps = { 'feeling-afspraak-maken': '1', 'feeling-balie': '-1', 'feeling-ophalen': '2', grade: '7', effort: '5' };
const items = { 'item-MH-BEANTWOORD': '3', 'item-BP-BEJEGENING__balie': '8', 'item-MH-SERIEUS': '4', 'item-EIGEN-UITLEG': '1' };

/** One citizen's answer through the front doors: the event, then the survey form posted. */
async function answer(ctx: TestContext, form: Record<string, string>, event: Record<string, unknown> = {}) {
  const posted = await ctx.postEvent(caseClosedEvent({ occurredAt: ctx.clock.now().toISOString(), ...event }));
  expect(posted.status).toBe(202);
  const { invitationId } = (await posted.json()) as { invitationId: number };
  const submitted = await ctx.app.request(surveyPathOf(ctx.db, invitationId), { method: 'POST', body: new URLSearchParams(form) });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  // The survey takes 60 posts per address in 10 minutes: citizens answer some seconds apart.
  ctx.clock.advanceMs(11_000);
  return invitationId;
}

async function managerRequest(ctx: TestContext) {
  await createStaff(ctx.db, ctx.clock, 'manager');
  const { cookie } = await login(ctx.app, 'manager@gemeente.test');
  return asStaff(ctx.app, cookie!);
}

type Row = Record<string, string>;
const readCsv = (text: string): Row[] => parse(text, { delimiter: ';', bom: true, columns: true }) as Row[];
const headerOf = (text: string): string[] => (parse(text, { delimiter: ';', bom: true, to_line: 1 }) as string[][])[0]!;
const countsOf = (rows: Row[], column: string) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row[column]!] = (counts[row[column]!] ?? 0) + 1;
  return counts;
};

describe('the coded export', () => {
  it('has one row per response with the codes hand-counted, "weet ik niet" as 99, and a codebook of exactly its columns', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    // 12 answers: beantwoord 6× ja, 4× deels, 2× nee; serieus 3× weet ik niet; two citizens went only through "ophalen".
    const answered = ['3', '3', '3', '3', '3', '3', '2', '2', '2', '2', '1', '1'];
    for (const [index, value] of answered.entries()) {
      const onlyPickup = index >= 10;
      const form = onlyPickup
        ? { 'feeling-ophalen': 'nvt', grade: '4', effort: '2', 'item-MH-BEANTWOORD': value, 'item-MH-SERIEUS': '2', 'item-EIGEN-UITLEG': '2' }
        : { ...allSteps, ...items, 'item-MH-BEANTWOORD': value, 'item-MH-SERIEUS': index < 3 ? 'weet-niet' : '5' };
      await answer(ctx, form, onlyPickup ? { touchpoints: ['ophalen'] } : {});
    }
    const as = await managerRequest(ctx);
    const response = await as('/dashboard/export/antwoorden.csv?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('attachment;');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = readCsv(text);
    expect(rows).toHaveLength(12);
    expect(headerOf(text)).toEqual([
      'respondent',
      'klantreis',
      'kwartaal',
      'maand',
      'afname',
      'taal',
      'kanaal',
      'segment.ageBand',
      'segment.district',
      'MH-CIJFER',
      'MH-MOEITE',
      'MH-BEANTWOORD',
      'MH-SERIEUS',
      'EIGEN-UITLEG',
      'MH-GEVOEL.afspraak-maken',
      'MH-GEVOEL.balie',
      'BP-BEJEGENING.balie',
      'MH-GEVOEL.ophalen',
    ]);
    expect(countsOf(rows, 'MH-BEANTWOORD')).toEqual({ '3': 6, '2': 4, '1': 2 });
    expect(countsOf(rows, 'MH-SERIEUS')).toEqual({ [String(DONT_KNOW_CODE)]: 3, '5': 7, '2': 2 });
    expect(countsOf(rows, 'EIGEN-UITLEG')).toEqual({ '1': 10, '2': 2 });
    // Not asked (the counter step skipped) is empty; "niet van toepassing" on a feeling is 99.
    expect(countsOf(rows, 'BP-BEJEGENING.balie')).toEqual({ '8': 10, '': 2 });
    expect(countsOf(rows, 'MH-GEVOEL.balie')).toEqual({ '-1': 10, '': 2 });
    expect(countsOf(rows, 'MH-GEVOEL.ophalen')).toEqual({ '2': 10, '99': 2 });
    expect(countsOf(rows, 'MH-CIJFER')).toEqual({ '7': 10, '4': 2 });
    expect(countsOf(rows, 'kwartaal')).toEqual({ '2026-Q4': 12 });
    expect(countsOf(rows, 'maand')).toEqual({ '2026-11': 12 });
    expect(countsOf(rows, 'afname')).toEqual({ email: 12 });
    expect(countsOf(rows, 'segment.district')).toEqual({ Woensel: 12 });
    expect(rows.map((row) => Number(row.respondent)).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

    const codebookText = await (await as('/dashboard/export/codeboek.csv?reis=paspoort-aanvragen')).text();
    const codebook = readCsv(codebookText);
    expect(codebook.map((entry) => entry.kolom)).toEqual(headerOf(text));
    const entry = (column: string) => codebook.find((row) => row.kolom === column)!;
    expect(entry('MH-SERIEUS')).toMatchObject({ code: 'MH-SERIEUS', niveau: 'klantreis', schaal: 'eens-1-5', vraag_nl: 'Ik voelde me serieus genomen.', eerst_gevraagd: '2026-11-20', laatst_gevraagd: '' });
    expect(entry('MH-SERIEUS').waarden).toContain(`${DONT_KNOW_CODE} = Weet ik niet of niet van toepassing`);
    expect(entry('MH-SERIEUS').vraag_en).toMatch(/taken seriously/i);
    expect(entry('MH-BEANTWOORD').waarden).toBe('1 = Nee | 2 = Deels | 3 = Ja');
    expect(entry('MH-BEANTWOORD').bron).toContain('VNG');
    expect(entry('BP-BEJEGENING.balie')).toMatchObject({ code: 'BP-BEJEGENING', stap: 'balie', niveau: 'stap', schaal: 'cijfer-1-10' });
    expect(entry('EIGEN-UITLEG')).toMatchObject({ vraag_nl: 'Hoe hoorde u van de nieuwe regels?', vraag_en: 'How did you hear about the new rules?', waarden: '1 = Via de website | 2 = Via een brief', bron: 'Eigen vraag van de organisatie' });
    expect(entry('MH-CIJFER')).toMatchObject({ vraag_nl: 'Welk cijfer geeft u ons voor deze dienst?', schaal: 'cijfer-1-10' });
    expect(entry('MH-GEVOEL.balie').vraag_nl).toBe('Hoe voelde u zich bij de stap "Aanvraag aan de balie"?');
    // A cell starting with "-" would be a formula in a spreadsheet: defused with an apostrophe, as in every export.
    expect(entry('MH-GEVOEL.balie').waarden).toBe("'-2 = Zeer negatief | -1 = Negatief | 0 = Neutraal | 1 = Positief | 2 = Zeer positief | 99 = Niet van toepassing");
    expect(entry('afname').waarden).toContain('email = E-mail');

    // The JSON holds the same: its codebook lists exactly the rows' columns, numbers as numbers, null for not asked.
    const json = (await (await as('/dashboard/export/antwoorden.json?reis=paspoort-aanvragen')).json()) as {
      codebook: { column: string }[];
      rows: Record<string, string | number | null>[];
      withheld: { groups: unknown[] };
      missingCode: number;
    };
    expect(json.missingCode).toBe(DONT_KNOW_CODE);
    expect(json.codebook.map((e) => e.column)).toEqual(headerOf(text));
    expect(json.rows).toHaveLength(12);
    for (const row of json.rows) expect(Object.keys(row)).toEqual(headerOf(text));
    expect(json.rows.filter((row) => row['BP-BEJEGENING.balie'] === null)).toHaveLength(2);
    expect(json.rows.filter((row) => row['MH-BEANTWOORD'] === 3)).toHaveLength(6);
    expect(json.withheld.groups).toEqual([]);
  });

  it('keeps an item removed after 100 answers in the export for its period, empty (not asked) for later responses', async () => {
    const ctx = createTestContext();
    const journeyId = journeyIdOf(ctx, 'paspoort-aanvragen');
    const added = ctx.db.transaction((tx) => addJourneyItem(tx, journeyId, 'MH-VERTROUWEN', null, ctx.clock.now()));
    expect(added.ok).toBe(true);
    for (let i = 0; i < 100; i++) await answer(ctx, { ...allSteps, 'item-MH-VERTROUWEN': String((i % 5) + 1) });
    ctx.clock.advanceDays(3);
    const removedOn = ctx.clock.now();
    ctx.db.transaction((tx) => removeJourneyItem(tx, journeyId, added.ok ? added.item.id : 0, removedOn));
    ctx.clock.advanceDays(60); // into 2027-Q1
    for (let i = 0; i < 10; i++) await answer(ctx, allSteps);

    const as = await managerRequest(ctx);
    const both = readCsv(await (await as('/dashboard/export/antwoorden.csv?reis=paspoort-aanvragen&periode=eigen&van=2026-10-01&tot=2027-03-31')).text());
    expect(both).toHaveLength(110);
    const q4 = both.filter((row) => row.kwartaal === '2026-Q4');
    const q1 = both.filter((row) => row.kwartaal === '2027-Q1');
    expect(q4).toHaveLength(100);
    expect(countsOf(q4, 'MH-VERTROUWEN')).toEqual({ '1': 20, '2': 20, '3': 20, '4': 20, '5': 20 });
    expect(countsOf(q1, 'MH-VERTROUWEN')).toEqual({ '': 10 });
    const codebook = readCsv(await (await as('/dashboard/export/codeboek.csv?reis=paspoort-aanvragen&periode=eigen&van=2026-10-01&tot=2027-03-31')).text());
    expect(codebook.find((row) => row.kolom === 'MH-VERTROUWEN')).toMatchObject({ eerst_gevraagd: '2026-11-20', laatst_gevraagd: '2026-11-23', vraag_nl: 'Ik heb vertrouwen in Gemeente Voorbeeld.' });

    // A period when it was no longer asked has no such column, and the codebook does not list it.
    const later = await (await as('/dashboard/export/antwoorden.csv?reis=paspoort-aanvragen&periode=eigen&van=2027-01-01&tot=2027-03-31')).text();
    expect(readCsv(later)).toHaveLength(10);
    expect(headerOf(later)).not.toContain('MH-VERTROUWEN');
    const laterCodebook = readCsv(await (await as('/dashboard/export/codeboek.csv?reis=paspoort-aanvragen&periode=eigen&van=2027-01-01&tot=2027-03-31')).text());
    expect(laterCodebook.map((row) => row.kolom)).toEqual(headerOf(later));
  });

  it('exports the items an open invitation was sent with, answered after the journey dropped them', async () => {
    const ctx = createTestContext();
    const journeyId = askPassportItems(ctx);
    const paths: string[] = [];
    for (let i = 0; i < 10; i++) {
      const posted = await ctx.postEvent(caseClosedEvent({ occurredAt: ctx.clock.now().toISOString() }));
      paths.push(surveyPathOf(ctx.db, ((await posted.json()) as { invitationId: number }).invitationId));
    }
    ctx.clock.advanceDays(1);
    ctx.db.transaction((tx) => {
      for (const item of activeJourneyItems(tx, journeyId)) removeJourneyItem(tx, journeyId, item.id, ctx.clock.now());
    });
    for (const path of paths) expect((await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...allSteps, ...items }) })).status).toBe(200);
    const as = await managerRequest(ctx);
    const text = await (await as('/dashboard/export/antwoorden.csv?reis=paspoort-aanvragen')).text();
    const rows = readCsv(text);
    expect(countsOf(rows, 'MH-BEANTWOORD')).toEqual({ '3': 10 });
    expect(countsOf(rows, 'BP-BEJEGENING.balie')).toEqual({ '8': 10 });
    const codebook = readCsv(await (await as('/dashboard/export/codeboek.csv?reis=paspoort-aanvragen')).text());
    expect(codebook.find((row) => row.kolom === 'MH-BEANTWOORD')).toMatchObject({ eerst_gevraagd: '2026-11-20', laatst_gevraagd: '2026-11-21' });
  });

  it('holds no personal data; comments only when asked for, masked again', async () => {
    const ctx = createTestContext();
    for (let i = 0; i < 10; i++) await answer(ctx, { ...allSteps, 'comment-balie': i === 0 ? 'Lang gewacht aan de balie' : '' }, { citizen: { email: `inwoner${i}@voorbeeld.nl`, language: 'nl' } });
    // Text stored before masking existed, as an older version kept it: the export masks it anyway.
    ctx.db.$client.prepare("UPDATE answers SET comment = 'mijn nummer is 0612345678' WHERE comment = 'Lang gewacht aan de balie'").run();
    const as = await managerRequest(ctx);
    const plain = await (await as('/dashboard/export/antwoorden.csv')).text();
    const json = await (await as('/dashboard/export/antwoorden.json')).text();
    const invitationRows = ctx.db.select().from(invitations).all();
    for (const text of [plain, json]) {
      expect(text).not.toContain('@');
      expect(text).not.toContain('mijn nummer');
      for (const invitation of invitationRows) {
        expect(text).not.toContain(invitation.addressHash);
        expect(text).not.toContain(invitation.caseReference);
      }
      expect(text).not.toMatch(/2026-11-20T|15:00/);
    }
    expect(headerOf(plain).filter((column) => /^id$|opmerking|e-?mail/i.test(column))).toEqual([]);

    const withComments = await (await as('/dashboard/export/antwoorden.csv?opmerkingen=1')).text();
    expect(headerOf(withComments)).toContain('opmerking.balie');
    const comments = readCsv(withComments).map((row) => row['opmerking.balie']);
    expect(comments.filter(Boolean)).toEqual(['mijn nummer is [telefoonnummer]']);
    expect(withComments).not.toContain('0612345678');
  });

  it('withholds groups below the minimum size and rare describing values, and says so', async () => {
    const ctx = createTestContext();
    for (let i = 0; i < 12; i++) {
      await answer(ctx, allSteps, {
        citizen: { email: `groep${i}@voorbeeld.nl`, language: i === 0 ? 'en' : 'nl' },
        segment: { ageBand: '65+', district: i < 2 ? 'Strijp' : 'Woensel' },
      });
    }
    // Three answers for another journey: too few to show in this quarter.
    for (let i = 0; i < 3; i++) {
      await answer(ctx, { 'feeling-verhuizing-melden': '1', grade: '8', effort: '6' }, { case: { reference: `Z-VERHUIS-${i}`, caseType: 'verhuizing-doorgeven' }, touchpoints: ['verhuizing-melden'] });
    }
    const as = await managerRequest(ctx);
    const text = await (await as('/dashboard/export/antwoorden.csv')).text();
    const rows = readCsv(text);
    expect(rows).toHaveLength(12);
    expect(countsOf(rows, 'klantreis')).toEqual({ 'paspoort-aanvragen': 12 });
    expect(headerOf(text)).not.toContain('MH-GEVOEL.verhuizing-melden');
    expect(countsOf(rows, 'segment.district')).toEqual({ Woensel: 10, '': 2 });
    expect(countsOf(rows, 'taal')).toEqual({ nl: 11, '': 1 });
    expect(countsOf(rows, 'segment.ageBand')).toEqual({ '65+': 12 });

    const json = (await (await as('/dashboard/export/antwoorden.json')).json()) as { withheld: unknown };
    expect(json.withheld).toEqual({
      minGroupSize: 10,
      groups: [{ journey: 'verhuizing-doorgeven', quarter: '2026-Q4', responses: 3 }],
      cells: [
        { column: 'segment.district', count: 2 },
        { column: 'taal', count: 1 },
      ],
    });
    const codebook = readCsv(await (await as('/dashboard/export/codeboek.csv')).text());
    expect(codebook.find((row) => row.kolom === 'respondent')!.toelichting).toContain('3 antwoorden uit 1 groepen');
    expect(codebook.find((row) => row.kolom === 'segment.district')!.toelichting).toContain('2 cellen zijn leeg gelaten');
  });

  it('is for managers and administrators, audited; researchers and the contact centre are refused, visitors sent to log in', async () => {
    const ctx = createTestContext();
    for (const role of ['researcher', 'kcc'] as const) {
      await createStaff(ctx.db, ctx.clock, role);
      const { cookie } = await login(ctx.app, `${role}@gemeente.test`);
      for (const path of ['/dashboard/export/antwoorden.csv', '/dashboard/export/antwoorden.json', '/dashboard/export/codeboek.csv']) {
        expect((await asStaff(ctx.app, cookie!)(path)).status, `${role} ${path}`).toBe(403);
      }
    }
    const anonymous = await ctx.app.request('/dashboard/export/antwoorden.csv');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);

    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    await createStaff(ctx.db, ctx.clock, 'admin');
    const admin = await login(ctx.app, 'admin@gemeente.test');
    expect((await asStaff(ctx.app, admin.cookie!)('/dashboard/export/codeboek.csv')).status).toBe(200);
    const as = await managerRequest(ctx);
    expect((await as('/dashboard/export/antwoorden.json?reis=paspoort-aanvragen&opmerkingen=1')).status).toBe(200);
    expect((await as('/dashboard/export/antwoorden.csv?reis=bestaat-niet')).status).toBe(404);
    expect((await as('/dashboard/export/antwoorden.csv?periode=eigen&van=gisteren&tot=2026-11-20')).status).toBe(400);

    const lines = ctx.db.select().from(auditLog).where(eq(auditLog.action, 'dashboard.answers.exported')).all();
    expect(lines.map((line) => [line.actor, line.object, line.details?.format, line.details?.comments])).toEqual([
      ['admin@gemeente.test', 'journeys:all', 'codeboek', false],
      ['manager@gemeente.test', 'journey:paspoort-aanvragen', 'json', true],
    ]);
    expect(lines[1]!.details).toMatchObject({ rows: 0, withheldResponses: 0 });
  });

  it('is linked from the dashboard next to the figures export, with the same filters', async () => {
    const ctx = createTestContext();
    const as = await managerRequest(ctx);
    const html = await (await as('/dashboard?reis=paspoort-aanvragen&periode=30')).text();
    expect(html).toMatch(/href="\/dashboard\/export\/antwoorden\.csv\?[^"]*reis=paspoort-aanvragen[^"]*periode=30/);
    expect(html).toMatch(/href="\/dashboard\/export\/codeboek\.csv\?[^"]*reis=paspoort-aanvragen/);
  });
});
