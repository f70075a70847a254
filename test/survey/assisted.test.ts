/**
 * Answering by phone or at the counter (/dashboard/afname) through the real app: a letter's code
 * read out to a kcc employee, a survey started for a case at the counter, the one-answer rule,
 * the audit log, who may reach the form, the faces, and the mode as the dashboard's filter and
 * comparison key — with figures computed by hand from the answers put in.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/calendar';
import { MODE_SEGMENT_KEY } from '../../src/db/schema';
import { loadResponseRates } from '../../src/insight/response-rates';
import { segmentMoments } from '../../src/insight/segment-gaps';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { addJourneyItem } from '../../src/items/journey-items';
import { formatNumber, nl } from '../../src/texts';
import { answerOverHttp } from '../helpers/answers-over-http';
import { unescapeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.assisted;

async function staff(ctx: TestContext, role: 'kcc' | 'manager' | 'researcher') {
  await createStaff(ctx.db, ctx.clock, role);
  const { cookie } = await login(ctx.app, `${role}@gemeente.test`);
  expect(cookie).toBeTruthy();
  return asStaff(ctx.app, cookie!);
}

/** A letter invitation for the passport journey's counter step; returns the code to read out. */
async function letterCode(ctx: TestContext): Promise<string> {
  const response = await ctx.postEvent(caseClosedEvent({ delivery: 'letter', citizen: { language: 'nl' }, touchpoints: ['balie'] }));
  expect(response.status).toBe(202);
  return ((await response.json()) as { survey: { code: string } }).survey.code;
}

const post = (get: ReturnType<typeof asStaff>, path: string, fields: Record<string, string>) => get(path, { method: 'POST', body: new URLSearchParams(fields) });
const hidden = (html: string, name: string) => unescapeHtml(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)![1]!);
const rows = (sql: string, ...params: unknown[]) => (ctx: TestContext) => ctx.db.$client.prepare(sql).all(...params) as Record<string, unknown>[];

/** Staff answer the code's survey: the counter step's feeling, grade and effort. */
async function answerByCode(get: ReturnType<typeof asStaff>, code: string, mode: 'telefoon' | 'balie', feeling: number) {
  const form = await post(get, '/dashboard/afname', { code: code.toLowerCase().replace('-', ' '), manier: mode });
  expect(form.status).toBe(200);
  const html = await form.text();
  return post(get, '/dashboard/afname/invullen', { code: hidden(html, 'code'), manier: hidden(html, 'manier'), 'feeling-balie': String(feeling), grade: '8', effort: '2' });
}

describe('staff fill in the survey for a citizen', () => {
  it('by the letter code on the phone: stored with mode telefoon, the invitation closed, a second try refused, audited without answers', async () => {
    const ctx = createTestContext();
    const kcc = await staff(ctx, 'kcc');
    const code = await letterCode(ctx);

    const form = await post(kcc, '/dashboard/afname', { code, manier: 'telefoon' });
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toContain(t.notice);
    expect(html).toContain('action="/dashboard/afname/invullen"');
    // The staff menu frames it: not a citizen's page.
    expect(html).toContain('class="mh-staff-nav"');
    // On the phone nobody sees faces.
    expect(html).not.toContain('mh-face__mouth');

    const stored = await answerByCode(kcc, code, 'telefoon', 2);
    expect(stored.status).toBe(303);
    const responseId = Number(/opgeslagen=(\d+)/.exec(stored.headers.get('Location')!)![1]);
    expect(rows('SELECT r.mode, i.status, r.grade FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE r.id = ?', responseId)(ctx)).toEqual([{ mode: 'telefoon', status: 'answered', grade: 8 }]);
    expect(await (await kcc(stored.headers.get('Location')!)).text()).toContain(t.stored(responseId));

    // The same code again: refused, nothing stored.
    const again = await post(kcc, '/dashboard/afname', { code, manier: 'balie' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain(t.errors.answered);
    const replay = await post(kcc, '/dashboard/afname/invullen', { code, manier: 'balie', 'feeling-balie': '-2', grade: '1', effort: '7' });
    expect(replay.status).toBe(422);
    expect(rows('SELECT count(*) AS n FROM responses')(ctx)).toEqual([{ n: 1 }]);

    // The audit log says who entered which response and how, never the answers.
    const entries = rows("SELECT actor, object, details FROM audit_log WHERE action = 'assisted.response'")(ctx);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'kcc@gemeente.test', object: `response:${responseId}` });
    const details = JSON.parse(String(entries[0]!.details)) as Record<string, unknown>;
    expect(details).toEqual({ mode: 'telefoon', journey: 'paspoort-aanvragen' });
  });

  it('the migration marks answers to letters from before the mode as letter, others stay e-mail', async () => {
    const ctx = createTestContext();
    await answerOverHttp(ctx, { at: ctx.clock.now(), feelings: { balie: 1 } });
    const kcc = await staff(ctx, 'kcc');
    expect((await answerByCode(kcc, await letterCode(ctx), 'telefoon', 1)).status).toBe(303);
    // As before the mode existed: every row got the column's default.
    ctx.db.$client.prepare("UPDATE responses SET mode = 'email'").run();
    ctx.db.$client.exec(readFileSync(new URL('../../migrations/0019_response_mode_backfill.sql', import.meta.url), 'utf8'));
    expect(rows('SELECT i.delivery, r.mode FROM responses r JOIN invitations i ON i.id = r.invitation_id ORDER BY r.id')(ctx)).toEqual([
      { delivery: 'email', mode: 'email' },
      { delivery: 'letter', mode: 'letter' },
    ]);
  });

  it('refuses an unknown or malformed code and a missing mode with a message per field', async () => {
    const ctx = createTestContext();
    const kcc = await staff(ctx, 'kcc');
    const unknown = await post(kcc, '/dashboard/afname', { code: 'K7QX-M2PD', manier: 'telefoon' });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain(t.errors.unknown);
    const bad = await (await post(kcc, '/dashboard/afname', { code: 'O0O0', manier: 'post' })).text();
    expect(bad).toContain(t.errors.code);
    expect(bad).toContain(t.errors.mode);
  });

  it('for a case at the counter: the invitation is made without address and the answer stored with mode balie, faces on', async () => {
    const ctx = createTestContext();
    const manager = await staff(ctx, 'manager');
    const choose = await (await manager('/dashboard/afname/zaak?reis=paspoort-aanvragen')).text();
    expect(choose).toContain('name="stap-balie"');

    const refused = await post(manager, '/dashboard/afname/zaak?reis=paspoort-aanvragen', { manier: 'balie' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(t.errors.steps);
    expect(rows('SELECT count(*) AS n FROM invitations')(ctx)).toEqual([{ n: 0 }]);

    const form = await post(manager, '/dashboard/afname/zaak?reis=paspoort-aanvragen', { 'stap-balie': 'ja', manier: 'balie' });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('name="feeling-balie"');
    expect(html).not.toContain('name="feeling-ophalen"');
    // Faces by default at the counter: the citizen looks along.
    expect(html.match(/class="mh-face__mouth"/g)).toHaveLength(5);
    const invitation = rows('SELECT email, delivery, status FROM invitations')(ctx);
    expect(invitation).toEqual([{ email: null, delivery: 'letter', status: 'open' }]);

    const stored = await post(manager, '/dashboard/afname/invullen', { code: hidden(html, 'code'), manier: 'balie', 'feeling-balie': '1', grade: '9', effort: '1' });
    expect(stored.status).toBe(303);
    expect(rows('SELECT r.mode, i.status FROM responses r JOIN invitations i ON i.id = r.invitation_id')(ctx)).toEqual([{ mode: 'balie', status: 'answered' }]);
    expect(rows("SELECT action, actor FROM audit_log WHERE action LIKE 'assisted.%' ORDER BY id")(ctx)).toEqual([
      { action: 'assisted.started', actor: 'manager@gemeente.test' },
      { action: 'assisted.response', actor: 'manager@gemeente.test' },
    ]);
  });

  it('asks the journey\'s items too, at the counter and by a letter\'s code, and stores them with their codes', async () => {
    const ctx = createTestContext();
    const journey = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!;
    const balie = journey.touchpoints.find((step) => step.slug === 'balie')!.id;
    ctx.db.transaction((tx) => {
      addJourneyItem(tx, journey.journey.id, 'MH-BEANTWOORD', null, ctx.clock.now());
      addJourneyItem(tx, journey.journey.id, 'BP-BEJEGENING', balie, ctx.clock.now());
    });
    const kcc = await staff(ctx, 'kcc');
    const code = await letterCode(ctx);
    const form = await post(kcc, '/dashboard/afname', { code, manier: 'telefoon' });
    const html = await form.text();
    expect(html).toContain('name="item-MH-BEANTWOORD"');
    expect(html).toContain('name="item-BP-BEJEGENING__balie"');
    const base = { code: hidden(html, 'code'), manier: 'telefoon', 'feeling-balie': '1', grade: '8', effort: '6' };
    const missing = await post(kcc, '/dashboard/afname/invullen', base);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('href="#item-MH-BEANTWOORD-3"');
    const stored = await post(kcc, '/dashboard/afname/invullen', { ...base, 'item-MH-BEANTWOORD': '2', 'item-BP-BEJEGENING__balie': '9' });
    expect(stored.status).toBe(303);
    expect(rows('SELECT item_code AS code, value FROM item_answers ORDER BY id')(ctx)).toEqual([
      { code: 'MH-BEANTWOORD', value: 2 },
      { code: 'BP-BEJEGENING', value: 9 },
    ]);
  });

  it('a citizen cannot reach the staff form: no session goes to the login, a researcher is refused', async () => {
    const ctx = createTestContext();
    const code = await letterCode(ctx);
    for (const path of ['/dashboard/afname', '/dashboard/afname/zaak']) {
      const response = await ctx.app.request(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('Location')).toMatch(/^\/login/);
    }
    const anonymous = await ctx.app.request('/dashboard/afname/invullen', { method: 'POST', body: new URLSearchParams({ code, manier: 'telefoon', 'feeling-balie': '2', grade: '8', effort: '2' }) });
    // A POST without a session is refused outright (no redirect to a form to post to again).
    expect(anonymous.status).toBe(401);
    const researcher = await staff(ctx, 'researcher');
    expect((await researcher('/dashboard/afname')).status).toBe(403);
    expect((await post(researcher, '/dashboard/afname/invullen', { code, manier: 'telefoon', 'feeling-balie': '2', grade: '8', effort: '2' })).status).toBe(403);
    expect(rows('SELECT count(*) AS n FROM responses')(ctx)).toEqual([{ n: 0 }]);
  });
});

describe('the mode on the dashboard', () => {
  // Passport journey, counter step: 3 × e-mail −1, 2 × telefoon +2, 2 × balie +1 (today).
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  beforeAll(async () => {
    ctx = createTestContext({ MIN_GROUP_SIZE: '2' });
    for (let i = 0; i < 3; i++) await answerOverHttp(ctx, { at: ctx.clock.now(), feelings: { balie: -1 } });
    const kcc = await staff(ctx, 'kcc');
    for (let i = 0; i < 2; i++) expect((await answerByCode(kcc, await letterCode(ctx), 'telefoon', 2)).status).toBe(303);
    for (let i = 0; i < 2; i++) {
      const html = await (await post(kcc, '/dashboard/afname/zaak?reis=paspoort-aanvragen', { 'stap-balie': 'ja', manier: 'balie' })).text();
      expect((await post(kcc, '/dashboard/afname/invullen', { code: hidden(html, 'code'), manier: 'balie', 'feeling-balie': '1', grade: '8', effort: '2' })).status).toBe(303);
    }
    get = await staff(ctx, 'manager');
  });

  /** The heart-monitor row of the counter step: its n and mean (data-mean). */
  const counterRow = (html: string) => {
    const row = /<tr class="utrecht-table__row[^"]*" data-touchpoint="balie">(.*?)<\/tr>/.exec(html)![1]!;
    const cells = [...row.matchAll(/<td([^>]*)>(.*?)<\/td>/g)];
    return { n: Number(cells[1]![2]!.replace(/<[^>]+>/g, '')), mean: Number(/data-mean="([^"]*)"/.exec(cells[2]![1]!)![1]) };
  };

  it('filters on the mode like a segment: only the phone answers', async () => {
    const all = counterRow(await (await get('/dashboard?reis=paspoort-aanvragen')).text());
    expect(all.n).toBe(7);
    expect(all.mean).toBeCloseTo((3 * -1 + 2 * 2 + 2 * 1) / 7, 3);
    const html = await (await get(`/dashboard?reis=paspoort-aanvragen&segment=${MODE_SEGMENT_KEY}%3Atelefoon`)).text();
    expect(counterRow(html)).toEqual({ n: 2, mean: 2 });
    // The choice is offered with its Dutch label.
    expect(html).toContain(`<option value="${MODE_SEGMENT_KEY}:telefoon" selected="">Manier van invullen: Telefoon</option>`);
  });

  it('compares the modes side by side', async () => {
    const html = await (await get(`/dashboard?reis=paspoort-aanvragen&vergelijk=${MODE_SEGMENT_KEY}`)).text();
    const start = html.indexOf('id="vergelijking-titel"');
    expect(start).toBeGreaterThan(-1);
    const table = html.slice(start, html.indexOf('</table>', start));
    const body = table.slice(table.indexOf('<tbody'));
    const byMode = Object.fromEntries(
      [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => {
        const cells = [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => unescapeHtml(cell[1]!.replace(/<[^>]+>/g, '')));
        return [cells[0]!, cells.slice(1)];
      }),
    );
    expect(Object.keys(byMode).sort()).toEqual(['Balie', 'E-mail', 'Telefoon']);
    expect(byMode.Telefoon).toContain('+2,00 (n=2)');
    expect(byMode.Balie).toContain('+1,00 (n=2)');
    expect(byMode['E-mail']).toContain(`${formatNumber(-1, 2, true)} (n=3)`);
  });

  it('leaves the mode out of the segment gaps and out of the response rates, which count invitations', () => {
    const journeyId = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id;
    const today = dayOf(ctx.clock.now());
    const filter = { journeyId, from: today, to: today };
    expect(segmentMoments(ctx.db, filter).groups.filter((group) => group.key === MODE_SEGMENT_KEY)).toEqual([]);
    // 3 e-mail and 2 letter invitations answered, 2 started at the counter: 7 of 7, with or without a mode filter.
    const all = loadResponseRates(ctx.db, filter, 2);
    expect(all.total).toMatchObject({ invited: 7, answered: 7 });
    expect(loadResponseRates(ctx.db, { ...filter, segment: { key: MODE_SEGMENT_KEY, value: 'telefoon' } }, 2).total).toEqual(all.total);
  });

  it('refuses the reserved key as an event segment', async () => {
    const response = await ctx.postEvent(caseClosedEvent({ segment: { [MODE_SEGMENT_KEY]: 'telefoon' } }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).toContain('reserved');
  });
});
