/**
 * Themes through the real path: events posted over HTTP with an API key, surveys posted to /s/<token>,
 * real SQLite with the migrations, the pages read as a manager. A word planted in one step's negative
 * comments comes out as that step's top theme and nowhere else; below the minimum group size nothing
 * shows; the comment list is masked; the codebook's forms refuse bad input and count exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { indexPendingComments, pruneClearedComments } from '../../src/insight/theme-index';
import { leadingThemes } from '../../src/insight/theme-queries';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { decodeHtml } from '../helpers/html-text';
import { closeCase } from '../helpers/privacy-fixtures';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

let citizen = 0;

/** One citizen: a case.closed event over HTTP, then the survey posted with a feeling and comment per step. */
async function answer(ctx: TestContext, steps: Record<string, [string, string?]>) {
  citizen++;
  const { token } = await closeCase(ctx, `thema-${citizen}@example.nl`, { touchpoints: Object.keys(steps) });
  const form: Record<string, string> = { grade: '6', effort: '4' };
  for (const [slug, [feeling, comment]] of Object.entries(steps)) {
    form[`feeling-${slug}`] = feeling;
    if (comment) form[`comment-${slug}`] = comment;
  }
  const response = await ctx.app.request(`/s/${token}`, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status).toBe(200);
}

const queueWords = ['De wachtrij bij de balie was enorm', 'Een wachtrij van een uur, niet normaal', 'Weer die wachtrij, bel mij op 06-12345678'];

/** `planted` negative comments about "wachtrij" at the counter, with the ordinary comments around them. */
async function plant(ctx: TestContext, planted: number) {
  for (let i = 0; i < planted; i++) {
    await answer(ctx, { 'afspraak-maken': ['1', 'Afspraak maken ging prima online'], balie: ['-2', queueWords[i % 3]], ophalen: ['1', 'Ophalen was snel geregeld'] });
  }
  for (let i = 0; i < 12; i++) await answer(ctx, { 'afspraak-maken': ['-1', 'De website was traag en onduidelijk'], balie: ['1', 'Vriendelijke medewerker aan de balie'] });
  for (let i = 0; i < 20; i++) await answer(ctx, { balie: ['2', 'Vriendelijke medewerker, snel geholpen'], ophalen: ['1', 'Paspoort ophalen ging vlot'] });
}

async function managerOf(ctx: TestContext) {
  await createStaff(ctx.db, ctx.clock, 'manager');
  const { cookie } = await login(ctx.app, 'manager@gemeente.test');
  return asStaff(ctx.app, cookie!);
}

/** The terms of the theme rows in a step's section, in order. */
function themeTerms(html: string, step: string): string[] {
  const section = new RegExp(`<div data-touchpoint="${step}">(.*?)</div>\\s*</section>`, 's').exec(html)?.[1] ?? '';
  return [...section.matchAll(/<tr class="utrecht-table__row" data-term="([^"]+)"/g)].map((match) => match[1]!);
}

describe('themes planted through the real path', () => {
  const ctx = createTestContext();
  let get: ReturnType<typeof asStaff>;

  beforeAll(async () => {
    await plant(ctx, 12);
    get = await managerOf(ctx);
  });

  it('shows the planted word as the top theme of its step and not at the other steps', async () => {
    const response = await get('/dashboard/themas?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="themas"');
    // Steps are numbered from 1 in the journey's order.
    expect(decodeHtml(html)).toContain('Stap 1: Afspraak maken');
    expect(decodeHtml(html)).not.toContain('Stap 0');
    expect(themeTerms(html, 'balie')[0]).toBe('wachtrij');
    expect(themeTerms(html, 'afspraak-maken')).not.toContain('wachtrij');
    expect(themeTerms(html, 'ophalen')).not.toContain('wachtrij');
    // The website complaint is the theme of the other step's negative comments.
    expect(themeTerms(html, 'afspraak-maken')).toEqual(expect.arrayContaining(['websit']));
    const row = /<tr class="utrecht-table__row" data-term="wachtrij">(.*?)<\/tr>/s.exec(html)![1]!;
    expect(row).toContain('data-responses="12"');
    expect(decodeHtml(row)).toContain('100%');
    expect(decodeHtml(row)).toContain('[telefoonnummer]');
    expect(row).not.toContain('12345678');
  });

  it('gives the overview the same leading theme with a quote', () => {
    const journey = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!;
    const filters = resolveFilters({}, ctx.clock.now());
    const themes = leadingThemes(ctx.db, { journeyId: journey.journey.id, ...filters, minGroupSize: 10 });
    const balie = journey.touchpoints.find((step) => step.slug === 'balie')!;
    expect(themes.get(balie.id)![0]).toMatchObject({ label: 'wachtrij', responses: 12, share: 1 });
    expect(themes.get(balie.id)![0]!.quote).toMatch(/wachtrij/i);
  });

  it('opens the comments that mention a theme, masked and newest first', async () => {
    const html = await (await get('/dashboard/themas/opmerkingen?reis=paspoort-aanvragen&stap=balie&term=wachtrij&toon=negatief')).text();
    const text = decodeHtml(html);
    expect(text).toContain('12 opmerkingen');
    expect(text).toContain('[telefoonnummer]');
    expect(text).not.toContain('06-12345678');
    expect(text).not.toContain('Vriendelijke medewerker');
  });

  it('refuses a bad code and re-renders the form with the values and errors', async () => {
    const empty = await get('/dashboard/themas/codeboek', { method: 'POST', body: new URLSearchParams({ name: '', entries: 'de het' }) });
    expect(empty.status).toBe(422);
    const html = decodeHtml(await empty.text());
    expect(html).toContain('Geef de code een naam');
    expect(html).toContain('“de het” bevat geen woord dat telt');
    const long = await get('/dashboard/themas/codeboek', { method: 'POST', body: new URLSearchParams({ name: 'Te lang', entries: 'veel te lang wachten loket' }) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('value="Te lang"');
    expect(ctx.db.$client.prepare('SELECT count(*) AS n FROM theme_codes').get()).toEqual({ n: 0 });
  });

  it('keeps a code, counts a comment matching two of its words once, filters the comments and audits', async () => {
    const created = await get('/dashboard/themas/codeboek', { method: 'POST', body: new URLSearchParams({ name: 'Wachten', entries: 'wachtrij\nbalie, uur' }) });
    expect(created.status).toBe(303);
    const code = ctx.db.$client.prepare('SELECT id FROM theme_codes').get() as { id: number };
    const html = await (await get('/dashboard/themas?reis=paspoort-aanvragen')).text();
    // At the counter: the 12 queue comments (8 of them hit two entries: "wachtrij" with "balie" or "uur",
    // counted once) and the 12 that mention "balie"; the 20 others match nothing. Counted twice it would be 32.
    const balieRow = new RegExp(`data-code="${code.id}" data-touchpoint="balie">(.*?)</tr>`, 's').exec(html)![1]!;
    expect(balieRow).toContain('data-comments="24"');
    const list = decodeHtml(await (await get(`/dashboard/themas/opmerkingen?reis=paspoort-aanvragen&stap=balie&code=${code.id}`)).text());
    expect(list).toContain('24 opmerkingen');
    const duplicate = await get('/dashboard/themas/codeboek', { method: 'POST', body: new URLSearchParams({ name: 'Wachten', entries: 'wachten' }) });
    expect(duplicate.status).toBe(422);
    expect(await (await get(`/dashboard/themas/codeboek/${code.id}/verwijderen`, { method: 'POST' })).status).toBe(303);
    expect(ctx.db.$client.prepare('SELECT count(*) AS n FROM theme_codes').get()).toEqual({ n: 0 });
    const actions = ctx.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'theme-code.%' ORDER BY id").all();
    expect(actions).toEqual([{ action: 'theme-code.created' }, { action: 'theme-code.deleted' }]);
  });

  it('drops the words of a comment that retention cleared from the comment index', () => {
    indexPendingComments(ctx.db);
    const before = ctx.db.$client.prepare('SELECT count(*) AS n FROM comment_terms').get() as { n: number };
    ctx.db.$client.prepare("UPDATE answers SET comment = NULL WHERE comment LIKE '%wachtrij%'").run();
    expect(pruneClearedComments(ctx.db)).toBeGreaterThan(0);
    const after = ctx.db.$client.prepare("SELECT count(*) AS n FROM comment_terms WHERE term = 'wachtrij'").get() as { n: number };
    expect(after.n).toBe(0);
    expect((ctx.db.$client.prepare('SELECT count(*) AS n FROM comment_terms').get() as { n: number }).n).toBeLessThan(before.n);
  });
});

describe('below the minimum group size', () => {
  it('shows no theme mentioned by fewer respondents than MIN_GROUP_SIZE', async () => {
    const ctx = createTestContext();
    await plant(ctx, 9);
    const get = await managerOf(ctx);
    const html = await (await get('/dashboard/themas?reis=paspoort-aanvragen')).text();
    expect(themeTerms(html, 'balie')).not.toContain('wachtrij');
    expect(html).not.toContain('wachtrij');
  });
});
