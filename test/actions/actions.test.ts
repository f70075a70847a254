/**
 * Improvement actions (verbeteracties) through the real app (app.request, a real in-memory SQLite
 * with the real migrations): adding and changing them with every validation error storing nothing,
 * the audit log, roles; the measured effect on answers put in through the real survey path at
 * known days (a real improvement, no change, too little data); the heart monitor showing the
 * actions at their step; the public page /verbeteringen showing only what was published; and the
 * links to it from the thank-you page and from a real survey mail (real SMTP server).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actionEffect, findAction, listActionsForJourney } from '../../src/actions/action-queries';
import { addDemoActions } from '../../src/actions/demo-actions';
import { effectWindows, measureEffect, EFFECT_WINDOW_DAYS } from '../../src/actions/effect';
import { groupByQuarter, quarterOfDay } from '../../src/actions/quarters';
import { generateDemoHistory } from '../../src/demo/demo-history';
import { compareMeans } from '../../src/heartmonitor/statistics';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { formatDayRange, formatNumber, nl } from '../../src/texts';
import { formatDay } from '../../views/actions/format';
import { renderSurveyMail } from '../../views/mail/survey-mail';
import { decodeHtml, escapeHtml } from '../helpers/html-text';
import { startServer } from '../helpers/http-server';
import { addKnownAnswers } from '../helpers/known-answers';
import { TestSmtpServer, surveyLink } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';
import { surveyTokenOf } from '../helpers/survey-link';

const t = nl.actions;
const TODAY = '2026-11-20'; // the TestClock's day

// ── Small helpers ────────────────────────────────────────────────────────────────────────────


/** The same escaping hono/jsx applies to text, to look for texts with quotes in the HTML. */

type Get = ReturnType<typeof asStaff>;

async function staffOf(ctx: TestContext, role: 'manager' | 'admin' | 'researcher', email = `${role}@gemeente.test`): Promise<Get> {
  if (role === 'admin') allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  await createStaff(ctx.db, ctx.clock, role, email);
  const { cookie } = await login(ctx.app, email);
  expect(cookie).toBeTruthy();
  return asStaff(ctx.app, cookie!);
}

async function signIn(ctx: TestContext, email: string): Promise<Get> {
  const { cookie } = await login(ctx.app, email);
  expect(cookie).toBeTruthy();
  return asStaff(ctx.app, cookie!);
}

const journeyOf = (ctx: TestContext, slug: string) => findJourneyBySlug(ctx.db, slug)!;
const stepId = (ctx: TestContext, journey: string, step: string) => journeyOf(ctx, journey).touchpoints.find((tp) => tp.slug === step)!.id;

/** A complete, valid form for the passport journey's balie step; override per test. */
function form(ctx: TestContext, overrides: Record<string, string | undefined> = {}): URLSearchParams {
  const fields: Record<string, string | undefined> = {
    journey: String(journeyOf(ctx, 'paspoort-aanvragen').journey.id),
    touchpoint: String(stepId(ctx, 'paspoort-aanvragen', 'balie')),
    title: 'Extra baliemedewerker op drukke ochtenden',
    description: 'Intern: rooster aanpassen met team Burgerzaken, budget uit post 4.2.',
    owner: 'Petra de Vries (teamleider Burgerzaken)',
    dueOn: '2026-12-31',
    status: 'gepland',
    doneOn: TODAY,
    publicSummary: '',
    ...overrides,
  };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.set(name, value);
  return params;
}

const post = (get: Get, path: string, body: URLSearchParams) => get(path, { method: 'POST', body });

const count = (ctx: TestContext, table: string, where = '1 = 1') =>
  (ctx.db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;

const auditRows = (ctx: TestContext) =>
  ctx.db.$client.prepare("SELECT action, object, actor, result, details FROM audit_log WHERE action LIKE 'improvement-action.%' ORDER BY id").all() as {
    action: string;
    object: string;
    actor: string;
    result: string;
    details: string | null;
  }[];

/** Creates an action through the real form; returns its id. */
async function createThroughForm(ctx: TestContext, get: Get, overrides: Record<string, string | undefined> = {}): Promise<number> {
  const response = await post(get, '/dashboard/verbeteracties', form(ctx, overrides));
  expect(response.status, await response.clone().text()).toBe(303);
  const match = /^\/dashboard\/verbeteracties\/(\d+)\?opgeslagen=nieuw$/.exec(response.headers.get('Location') ?? '');
  expect(match).toBeTruthy();
  return Number(match![1]);
}

/** An instant on a calendar day, 10:00 UTC (11:00 or 12:00 in Amsterdam: the same day). */
const on = (day: string, minute = 0) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 10, minute));

// ── Pure: windows, the effect, quarters ──────────────────────────────────────────────────────

describe('effect windows and the effect itself (pure)', () => {
  it('takes 8 weeks on each side, the done day itself in neither', () => {
    expect(EFFECT_WINDOW_DAYS).toBe(56);
    expect(effectWindows('2026-08-01', TODAY)).toEqual({
      before: { from: '2026-06-06', to: '2026-07-31', days: 56 },
      after: { from: '2026-08-02', to: '2026-09-26', days: 56 },
    });
  });

  it('is shorter when less time has passed: the after-window is the days since done, the before-window as long', () => {
    expect(effectWindows('2026-10-21', TODAY)).toEqual({
      before: { from: '2026-09-21', to: '2026-10-20', days: 30 },
      after: { from: '2026-10-22', to: '2026-11-20', days: 30 },
    });
    expect(effectWindows('2026-11-19', TODAY)).toEqual({
      before: { from: '2026-11-18', to: '2026-11-18', days: 1 },
      after: { from: '2026-11-20', to: '2026-11-20', days: 1 },
    });
    // Across a daylight-saving switch and a year end the days still count as days.
    expect(effectWindows('2026-12-20', '2027-01-09')!.before).toEqual({ from: '2026-11-30', to: '2026-12-19', days: 20 });
    expect(effectWindows('2026-03-28', '2026-04-02')!.after).toEqual({ from: '2026-03-29', to: '2026-04-02', days: 5 });
  });

  it('has nothing to measure on the done day itself, or for a day that lies ahead', () => {
    expect(effectWindows(TODAY, TODAY)).toBeUndefined();
    expect(effectWindows('2026-11-21', TODAY)).toBeUndefined();
  });

  const moments = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
  const repeat = (...groups: [number, number][]) => groups.flatMap(([value, times]) => Array<number>(times).fill(value));
  const windows = effectWindows('2026-10-21', TODAY)!;

  it('a real improvement: means per side, Welch difference with its interval, significant, "better"', () => {
    const before = moments(repeat([-2, 10], [-1, 10]));
    const after = moments(repeat([1, 10], [2, 10]));
    const effect = measureEffect('2026-10-21', windows, before, after, 10);
    expect(effect.state).toBe('measured');
    if (effect.state !== 'measured') return;
    expect(effect.before).toMatchObject({ ...windows.before, n: 20 });
    expect(effect.before.estimate.mean).toBeCloseTo(-1.5, 12);
    expect(effect.after.estimate.mean).toBeCloseTo(1.5, 12);
    // Both sides have sd 0.513 (n = 20): se = 0.1622, Welch df = 38, t(0.975, 38) = 2.0244.
    expect(effect.change.difference).toBeCloseTo(3, 12);
    expect(effect.change.df).toBeCloseTo(38, 6);
    expect(effect.change.low).toBeCloseTo(3 - 2.024394 * 0.162221, 3);
    expect(effect.change.high).toBeCloseTo(3 + 2.024394 * 0.162221, 3);
    expect(effect.change.significant).toBe(true);
    expect(effect.verdict).toBe('better');
  });

  it('no change: the interval of the difference contains 0', () => {
    const effect = measureEffect('2026-10-21', windows, moments(repeat([-1, 5], [0, 5], [1, 5])), moments(repeat([-1, 4], [0, 6], [1, 5])), 10);
    expect(effect.state === 'measured' && effect.verdict).toBe('unchanged');
    if (effect.state !== 'measured') return;
    expect(effect.change.low).toBeLessThan(0);
    expect(effect.change.high).toBeGreaterThan(0);
  });

  it('worse is called worse', () => {
    const effect = measureEffect('2026-10-21', windows, moments(repeat([1, 10], [2, 10])), moments(repeat([-2, 10], [-1, 10])), 10);
    expect(effect.state === 'measured' && effect.verdict).toBe('worse');
  });

  it('too little data when either side is below the minimum group size (and only n is given)', () => {
    const nine = moments(repeat([-2, 9]));
    const ten = moments(repeat([2, 10]));
    for (const [before, after] of [
      [nine, ten],
      [ten, nine],
      [moments([]), ten],
    ] as const) {
      const effect = measureEffect('2026-10-21', windows, before, after, 10);
      expect(effect).toEqual({ state: 'too-few', doneOn: '2026-10-21', before: { ...windows.before, n: before.n }, after: { ...windows.after, n: after.n }, minGroupSize: 10 });
    }
    // Exactly the minimum on both sides is enough.
    expect(measureEffect('2026-10-21', windows, moments(repeat([-1, 5], [0, 5])), ten, 10).state).toBe('measured');
  });

  it('quarters: by the done day, or the publishing day when not done; newest quarter first, newest first within', () => {
    expect(quarterOfDay('2027-01-01')).toEqual({ key: '2027-K1', year: 2027, quarter: 1 });
    expect(quarterOfDay('2026-09-30')).toEqual({ key: '2026-K3', year: 2026, quarter: 3 });
    expect(quarterOfDay('2026-10-01').quarter).toBe(4);
    const item = (id: number, doneOn: string | null, publishedAt: string) => ({ id, doneOn, publishedAt: new Date(publishedAt) });
    const groups = groupByQuarter([
      item(1, '2026-08-15', '2026-11-01T10:00:00Z'),
      item(2, null, '2026-11-05T10:00:00Z'),
      item(3, '2026-10-02', '2026-10-03T10:00:00Z'),
      item(4, '2026-07-01', '2026-07-02T10:00:00Z'),
      // Published a minute before midnight UTC on 31 December: already 1 January in Amsterdam.
      item(5, null, '2026-12-31T23:30:00Z'),
    ]);
    expect(groups.map((group) => [group.quarter.key, group.items.map((i) => i.id)])).toEqual([
      ['2027-K1', [5]],
      ['2026-K4', [2, 3]],
      ['2026-K3', [1, 4]],
    ]);
  });
});

// ── Adding and changing through real HTTP ────────────────────────────────────────────────────

describe('adding an action', () => {
  let ctx: TestContext;
  let manager: Get;

  beforeAll(async () => {
    ctx = createTestContext();
    manager = await staffOf(ctx, 'manager');
  });

  it('the create page, reached from the heart monitor, is prefilled with journey and step; without a journey it asks for one', async () => {
    const response = await manager('/dashboard/verbeteracties/nieuw?journey=paspoort-aanvragen&touchpoint=balie');
    expect(response.status).toBe(200);
    const page = await response.text();
    const journeyId = journeyOf(ctx, 'paspoort-aanvragen').journey.id;
    expect(page).toContain(`<input type="hidden" name="journey" value="${journeyId}"/>`);
    expect(page).toContain(`<option value="${stepId(ctx, 'paspoort-aanvragen', 'balie')}" selected="">Aanvraag aan de balie</option>`);
    // Only the steps of this journey.
    expect(page).not.toContain('Verhuizing melden');
    // The done day defaults to today; the status to "idee".
    expect(page).toContain(`name="doneOn" type="date" value="${TODAY}"`);
    expect(page).toMatch(/<option value="idee" selected="">Idee<\/option>/);

    // By id works too; an unknown step leaves the choice open.
    const byId = await (await manager(`/dashboard/verbeteracties/nieuw?journey=${journeyId}&touchpoint=onbekend`)).text();
    expect(byId).toContain(`<input type="hidden" name="journey" value="${journeyId}"/>`);
    expect(byId).toContain(`<option value="" selected="">${t.fields.chooseStep}</option>`);

    const chooser = await (await manager('/dashboard/verbeteracties/nieuw')).text();
    expect(chooser).toContain(t.chooseJourneyTitle);
    expect(chooser).toContain('<option value="verhuizing-doorgeven">');
    expect(chooser).not.toContain('name="title"');
  });

  it('refuses each invalid form with 422, an error at the field, the values kept — and stores nothing, audits nothing', async () => {
    const otherJourneyStep = String(stepId(ctx, 'verhuizing-doorgeven', 'bevestiging'));
    const cases: [label: string, overrides: Record<string, string | undefined>, field: string, message: string][] = [
      ['missing title', { title: '   ' }, 'title', t.errors.title],
      ['no title field at all', { title: undefined }, 'title', t.errors.title],
      ['missing owner', { owner: '' }, 'owner', t.errors.owner],
      ['done without a date', { status: 'klaar', doneOn: '' }, 'doneOn', t.errors.doneOn],
      ['done in the future', { status: 'klaar', doneOn: '2026-11-21' }, 'doneOn', t.errors.doneOnFuture],
      ['publish without a summary', { publish: 'ja', publicSummary: '  ' }, 'publicSummary', t.errors.publicSummary],
      ['a step of another journey', { touchpoint: otherJourneyStep }, 'touchpoint', t.errors.touchpoint],
      ['an unknown step', { touchpoint: '999999' }, 'touchpoint', t.errors.touchpoint],
      ['no step chosen', { touchpoint: '' }, 'touchpoint', t.errors.touchpoint],
      ['an unknown status', { status: 'afgerond' }, 'status', t.errors.status],
      ['a date that does not exist', { dueOn: '2026-02-30' }, 'dueOn', t.errors.date],
      ['a date in another format', { dueOn: '31-12-2026' }, 'dueOn', t.errors.date],
      ['a title that is too long', { title: 'x'.repeat(201) }, 'title', t.errors.tooLong(200)],
    ];
    for (const [label, overrides, field, message] of cases) {
      const response = await post(manager, '/dashboard/verbeteracties', form(ctx, overrides));
      const page = await response.text();
      expect(response.status, label).toBe(422);
      expect(page, label).toContain('<title>Fout: ');
      expect(page, label).toContain(`id="${field}-fout"`);
      expect(page, label).toContain(escapeHtml(message));
      // The summary at the top links to the field.
      expect(page, label).toContain(`href="#${field}"`);
      // What was typed stays.
      if (overrides.title === undefined && field !== 'title') expect(page, label).toContain('value="Extra baliemedewerker op drukke ochtenden"');
      expect(page, label).toContain(escapeHtml('Intern: rooster aanpassen met team Burgerzaken, budget uit post 4.2.'));
      expect(count(ctx, 'improvement_actions'), label).toBe(0);
      expect(auditRows(ctx), label).toEqual([]);
    }
  });

  it('refuses an unknown journey, and a journey that is not a number', async () => {
    for (const journey of ['999999', 'paspoort', '']) {
      const response = await post(manager, '/dashboard/verbeteracties', form(ctx, { journey }));
      expect(response.status, journey).toBe(422);
      expect(await response.text(), journey).toContain(escapeHtml(t.errors.journey));
    }
    expect(count(ctx, 'improvement_actions')).toBe(0);
  });

  it('stores a valid action with the audit line, and shows it on its page and in the list', async () => {
    const id = await createThroughForm(ctx, manager);
    const stored = findAction(ctx.db, id)!;
    expect(stored).toMatchObject({
      journeyId: journeyOf(ctx, 'paspoort-aanvragen').journey.id,
      touchpointId: stepId(ctx, 'paspoort-aanvragen', 'balie'),
      title: 'Extra baliemedewerker op drukke ochtenden',
      owner: 'Petra de Vries (teamleider Burgerzaken)',
      dueOn: '2026-12-31',
      status: 'gepland',
      // Not done: the prefilled done day is not kept.
      doneOn: null,
      publicSummary: null,
      publishedAt: null,
    });
    expect(stored.createdBy).not.toBeNull();
    expect(auditRows(ctx)).toEqual([
      {
        action: 'improvement-action.created',
        object: `improvement-action:${id}`,
        actor: 'manager@gemeente.test',
        result: 'success',
        details: JSON.stringify({ journeyId: stored.journeyId, touchpointId: stored.touchpointId, status: 'gepland' }),
      },
    ]);

    const page = await (await manager(`/dashboard/verbeteracties/${id}?opgeslagen=nieuw`)).text();
    expect(page).toContain(t.created);
    expect(page).toContain('<h1 class="utrecht-heading-1">Extra baliemedewerker op drukke ochtenden</h1>');
    expect(page).toContain(t.effect.notDone);
    const list = await (await manager('/dashboard/verbeteracties')).text();
    expect(list).toContain(`href="/dashboard/verbeteracties/${id}"`);
    expect(list).toContain(t.summary(1, 0));
    expect(decodeHtml(list)).toContain('Aanvraag aan de balie Petra de Vries (teamleider Burgerzaken) 31 december 2026 Gepland');
  });

  it('a second, identical form is a second action (two teams may pick up the same idea), each audited', async () => {
    const before = count(ctx, 'improvement_actions');
    const first = await createThroughForm(ctx, manager, { title: 'Dubbel idee' });
    const second = await createThroughForm(ctx, manager, { title: 'Dubbel idee' });
    expect(second).not.toBe(first);
    expect(count(ctx, 'improvement_actions')).toBe(before + 2);
    expect(auditRows(ctx).filter((row) => row.action === 'improvement-action.created').map((row) => row.object)).toEqual(
      expect.arrayContaining([`improvement-action:${first}`, `improvement-action:${second}`]),
    );
  });
});

describe('changing an action', () => {
  let ctx: TestContext;
  let manager: Get;
  let id: number;

  beforeAll(async () => {
    ctx = createTestContext();
    manager = await staffOf(ctx, 'manager');
    id = await createThroughForm(ctx, manager);
  });

  const edit = (overrides: Record<string, string | undefined>) => {
    const body = form(ctx, overrides);
    body.delete('journey');
    return post(manager, `/dashboard/verbeteracties/${id}`, body);
  };

  it('refuses invalid changes with 422 and changes nothing', async () => {
    const before = findAction(ctx.db, id);
    const audits = auditRows(ctx).length;
    for (const [overrides, message] of [
      [{ title: '' }, t.errors.title],
      [{ status: 'klaar', doneOn: '' }, t.errors.doneOn],
      [{ publish: 'ja' }, t.errors.publicSummary],
      [{ touchpoint: String(stepId(ctx, 'schuldhulp-aanvragen', 'intakegesprek')) }, t.errors.touchpoint],
    ] as const) {
      const response = await edit(overrides);
      expect(response.status).toBe(422);
      expect(await response.text()).toContain(escapeHtml(message));
    }
    // A journey in the form cannot move the action to another journey.
    const moved = await post(manager, `/dashboard/verbeteracties/${id}`, form(ctx, { journey: String(journeyOf(ctx, 'verhuizing-doorgeven').journey.id) }));
    expect(moved.status).toBe(303);
    expect(findAction(ctx.db, id)).toEqual(before);
    expect(auditRows(ctx).length).toBe(audits);
  });

  it('saving without changes writes nothing; a change is audited with the names of the fields changed', async () => {
    const audits = auditRows(ctx).length;
    const same = await edit({});
    expect(same.status).toBe(303);
    expect(same.headers.get('Location')).toBe(`/dashboard/verbeteracties/${id}?opgeslagen=ja`);
    expect(auditRows(ctx).length).toBe(audits);

    ctx.clock.advanceDays(10);
    // Ten days on, the session has long expired: sign in again.
    manager = await signIn(ctx, 'manager@gemeente.test');
    const response = await edit({ status: 'klaar', doneOn: '2026-11-28', owner: 'Team Burgerzaken' });
    expect(response.status).toBe(303);
    expect(findAction(ctx.db, id)).toMatchObject({ status: 'klaar', doneOn: '2026-11-28', owner: 'Team Burgerzaken' });
    expect(findAction(ctx.db, id)!.updatedAt).toEqual(ctx.clock.now());
    const last = auditRows(ctx).at(-1)!;
    expect(last).toMatchObject({ action: 'improvement-action.updated', object: `improvement-action:${id}`, actor: 'manager@gemeente.test' });
    expect(JSON.parse(last.details!)).toEqual({ fields: 'owner,status,doneOn', status: 'klaar', doneOn: '2026-11-28' });
    // No free text (owner names, descriptions) in the log.
    expect(last.details).not.toContain('Burgerzaken');

    const page = await (await manager(`/dashboard/verbeteracties/${id}?opgeslagen=ja`)).text();
    expect(page).toContain(t.saved);
    expect(page).toContain(`name="doneOn" type="date" value="2026-11-28"`);
  });

  it('publishing needs a public summary; publishing and withdrawing are audited; the first publishing day is kept', async () => {
    const response = await edit({ status: 'klaar', doneOn: '2026-11-28', owner: 'Team Burgerzaken', publish: 'ja', publicSummary: 'Op drukke ochtenden helpt er nu een extra medewerker aan de balie.' });
    expect(response.status).toBe(303);
    const published = findAction(ctx.db, id)!;
    expect(published.publishedAt).toEqual(ctx.clock.now());
    expect(auditRows(ctx).slice(-2).map((row) => row.action)).toEqual(['improvement-action.updated', 'improvement-action.published']);

    // Changing the summary later keeps it published since the same day.
    ctx.clock.advanceDays(1);
    manager = await signIn(ctx, 'manager@gemeente.test');
    await edit({ status: 'klaar', doneOn: '2026-11-28', owner: 'Team Burgerzaken', publish: 'ja', publicSummary: 'Op drukke ochtenden werkt er nu een extra medewerker aan de balie.' });
    expect(findAction(ctx.db, id)!.publishedAt).toEqual(published.publishedAt);

    // Unticked: withdrawn.
    await edit({ status: 'klaar', doneOn: '2026-11-28', owner: 'Team Burgerzaken', publicSummary: 'Op drukke ochtenden werkt er nu een extra medewerker aan de balie.' });
    expect(findAction(ctx.db, id)!.publishedAt).toBeNull();
    expect(auditRows(ctx).at(-1)!.action).toBe('improvement-action.unpublished');
  });

  it('an unknown or malformed id is 404', async () => {
    for (const path of ['/dashboard/verbeteracties/999999', '/dashboard/verbeteracties/abc', '/dashboard/verbeteracties/1e3']) {
      expect((await manager(path)).status, path).toBe(404);
      expect((await post(manager, path, form(ctx))).status, path).toBe(404);
    }
  });
});

describe('who may use the action pages', () => {
  let ctx: TestContext;
  let id: number;

  beforeAll(async () => {
    ctx = createTestContext();
    id = await createThroughForm(ctx, await staffOf(ctx, 'manager'));
  });

  it('a researcher gets 403 on every page and form, and stores nothing', async () => {
    const researcher = await staffOf(ctx, 'researcher');
    for (const path of ['/dashboard/verbeteracties', '/dashboard/verbeteracties/nieuw', `/dashboard/verbeteracties/${id}`]) {
      expect((await researcher(path)).status, path).toBe(403);
    }
    const before = { actions: count(ctx, 'improvement_actions'), action: findAction(ctx.db, id) };
    expect((await post(researcher, '/dashboard/verbeteracties', form(ctx))).status).toBe(403);
    expect((await post(researcher, `/dashboard/verbeteracties/${id}`, form(ctx, { title: 'Gekaapt' }))).status).toBe(403);
    expect({ actions: count(ctx, 'improvement_actions'), action: findAction(ctx.db, id) }).toEqual(before);
  });

  it('anonymous visitors are sent to the login page, and their posts refused', async () => {
    const response = await ctx.app.request('/dashboard/verbeteracties');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toContain('/login');
    expect((await ctx.app.request('/dashboard/verbeteracties', { method: 'POST', body: form(ctx) })).status).toBe(401);
  });

  it('an admin may use them like a manager, and is named in the audit log', async () => {
    const admin = await staffOf(ctx, 'admin');
    expect((await admin('/dashboard/verbeteracties')).status).toBe(200);
    const created = await createThroughForm(ctx, admin, { title: 'Door de beheerder' });
    expect(auditRows(ctx).find((row) => row.object === `improvement-action:${created}`)!.actor).toBe('admin@gemeente.test');
  });

  it('a form posted from another site is refused (CSRF) and stores nothing', async () => {
    const manager = await staffOf(ctx, 'manager', 'tweede@gemeente.test');
    const before = count(ctx, 'improvement_actions');
    const response = await manager('/dashboard/verbeteracties', { method: 'POST', body: form(ctx), headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(response.status).toBe(403);
    expect(count(ctx, 'improvement_actions')).toBe(before);
  });
});

describe('the list: per journey, filters, overdue in words', () => {
  let ctx: TestContext;
  let manager: Get;
  const ids = {} as Record<'late' | 'today' | 'doneLate' | 'moving', number>;

  beforeAll(async () => {
    ctx = createTestContext();
    manager = await staffOf(ctx, 'manager');
    ids.late = await createThroughForm(ctx, manager, { title: 'Wachtrij ophalen verkorten', status: 'bezig', dueOn: '2026-11-01', touchpoint: String(stepId(ctx, 'paspoort-aanvragen', 'ophalen')) });
    ids.today = await createThroughForm(ctx, manager, { title: 'Vandaag de laatste dag', status: 'gepland', dueOn: TODAY });
    ids.doneLate = await createThroughForm(ctx, manager, { title: 'Afgerond na de datum', status: 'klaar', dueOn: '2026-10-01', doneOn: '2026-11-10' });
    ids.moving = await createThroughForm(ctx, manager, {
      journey: String(journeyOf(ctx, 'verhuizing-doorgeven').journey.id),
      touchpoint: String(stepId(ctx, 'verhuizing-doorgeven', 'bevestiging')),
      title: 'Bevestiging binnen een week',
      status: 'idee',
      dueOn: '',
    });
  });

  const rowOf = (page: string, id: number) => {
    const match = new RegExp(`<tr class="([^"]*)" data-action="${id}">(.*?)</tr>`, 's').exec(page);
    return match ? { className: match[1]!, text: decodeHtml(match[2]!) } : undefined;
  };

  it('groups per journey, with an overdue action marked in text, not by colour only', async () => {
    const page = await (await manager('/dashboard/verbeteracties')).text();
    expect(page).toContain(t.summary(4, 1));
    expect(page.indexOf('id="reis-paspoort-aanvragen"')).toBeGreaterThan(-1);
    expect(page.indexOf('id="reis-verhuizing-doorgeven"')).toBeGreaterThan(page.indexOf('id="reis-paspoort-aanvragen"'));
    const late = rowOf(page, ids.late)!;
    expect(late.className).toContain('mh-row-overdue');
    expect(late.text).toContain(`Bezig ${t.overdue}`);
    // Due today is not late yet; done after its due day is not late either.
    expect(rowOf(page, ids.today)!.text).not.toContain(t.overdue);
    expect(rowOf(page, ids.today)!.className).not.toContain('overdue');
    expect(rowOf(page, ids.doneLate)!.text).toContain(t.doneOnDay(formatDay('2026-11-10')));
    expect(rowOf(page, ids.doneLate)!.text).not.toContain(t.overdue);
    // In journey order: balie (step 2) before ophalen (step 3).
    expect(page.indexOf(`data-action="${ids.today}"`)).toBeLessThan(page.indexOf(`data-action="${ids.late}"`));

    const detail = await (await manager(`/dashboard/verbeteracties/${ids.late}`)).text();
    expect(detail).toContain(t.overdueSince(formatDay('2026-11-01')));
  });

  it('filters by journey and by status, "te laat" included; unknown filter values fall back to all', async () => {
    const moving = await (await manager('/dashboard/verbeteracties?reis=verhuizing-doorgeven')).text();
    expect(moving).toContain(t.summary(1, 0));
    expect(moving).toContain('Bevestiging binnen een week');
    expect(moving).not.toContain('Wachtrij ophalen verkorten');
    expect(moving).toMatch(/<option value="verhuizing-doorgeven" selected="">/);
    expect(moving).toContain('href="/dashboard/verbeteracties/nieuw?journey=verhuizing-doorgeven"');

    const late = await (await manager('/dashboard/verbeteracties?status=te-laat')).text();
    expect(late).toContain(t.summary(1, 1));
    expect(rowOf(late, ids.late)).toBeDefined();
    expect(rowOf(late, ids.today)).toBeUndefined();

    const done = await (await manager('/dashboard/verbeteracties?status=klaar&reis=paspoort-aanvragen')).text();
    expect([ids.late, ids.today, ids.doneLate, ids.moving].map((id) => Boolean(rowOf(done, id)))).toEqual([false, false, true, false]);

    const nothing = await (await manager('/dashboard/verbeteracties?status=idee&reis=paspoort-aanvragen')).text();
    expect(nothing).toContain(t.none);

    const unknown = await manager('/dashboard/verbeteracties?status=%3Cscript%3E&reis=bestaat-niet');
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain(t.summary(4, 1));
  });

  it('the clock decides what is late: a day later, the action due today is late too', async () => {
    ctx.clock.advanceDays(1);
    const later = await signIn(ctx, 'manager@gemeente.test');
    const page = await (await later('/dashboard/verbeteracties')).text();
    expect(page).toContain(t.summary(4, 2));
    expect(rowOf(page, ids.today)!.text).toContain(t.overdue);
    ctx.clock.advanceDays(-1);
  });

  it('keeps listActionsForJourney as the journey map uses it', () => {
    const passport = journeyOf(ctx, 'paspoort-aanvragen').journey.id;
    expect(listActionsForJourney(ctx.db, passport).map((action) => action.id).sort()).toEqual([ids.late, ids.today, ids.doneLate].sort());
  });
});

// ── The effect, on answers put in through the real survey path ───────────────────────────────

describe('the measured effect with known answers', () => {
  let ctx: TestContext;
  let manager: Get;
  const DONE = '2026-10-21'; // 30 days before today: windows 21 Sep–20 Oct and 22 Oct–20 Nov
  const ids = {} as Record<'better' | 'same' | 'few' | 'open', number>;

  beforeAll(async () => {
    ctx = createTestContext();
    manager = await staffOf(ctx, 'manager');
    const add = (n: number, day: string, step: string, feeling: (i: number) => number) =>
      addKnownAnswers(ctx, n, (i) => ({ at: on(day, i), feelings: { [step]: feeling(i) } }));

    // Balie: a real improvement. −1.5 on average before, +1.5 after.
    add(20, '2026-10-10', 'balie', (i) => (i < 10 ? -2 : -1));
    add(20, '2026-11-01', 'balie', (i) => (i < 10 ? 1 : 2));
    // Outside both windows: the done day itself, and before the before-window: not counted.
    add(5, DONE, 'balie', () => 2);
    add(5, '2026-09-20', 'balie', () => -2);
    // Ophalen: no change (−1, 0, +1 in nearly equal shares both times).
    add(15, '2026-09-25', 'ophalen', (i) => (i % 3) - 1);
    add(15, '2026-11-15', 'ophalen', (i) => (i < 4 ? -1 : i < 10 ? 0 : 1));
    // Afspraak maken: too little data after (4 < 10).
    add(12, '2026-10-01', 'afspraak-maken', () => -1);
    add(4, '2026-11-02', 'afspraak-maken', () => 2);

    const done = { status: 'klaar', doneOn: DONE };
    ids.better = await createThroughForm(ctx, manager, { ...done, title: 'Extra baliemedewerker' });
    ids.same = await createThroughForm(ctx, manager, { ...done, title: 'Nieuwe borden bij ophalen', touchpoint: String(stepId(ctx, 'paspoort-aanvragen', 'ophalen')) });
    ids.few = await createThroughForm(ctx, manager, { ...done, title: 'Online agenda vernieuwd', touchpoint: String(stepId(ctx, 'paspoort-aanvragen', 'afspraak-maken')) });
    ids.open = await createThroughForm(ctx, manager, { title: 'Nog niet klaar', status: 'bezig' });
  });

  const effectSection = (page: string) => page.slice(page.indexOf('aria-labelledby="effect-titel"'), page.indexOf('</section>', page.indexOf('aria-labelledby="effect-titel"')));
  const sideRow = (section: string, side: 'before' | 'after') =>
    [...new RegExp(`<tr class="utrecht-table__row" data-side="${side}">(.*?)</tr>`, 's').exec(section)![1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => decodeHtml(cell[1]!));

  it('a real improvement: n, means, the difference with its interval, significant — on the action page', async () => {
    const effect = actionEffect(ctx.db, findAction(ctx.db, ids.better)!, TODAY, 10)!;
    expect(effect.state).toBe('measured');
    if (effect.state !== 'measured') return;
    expect(effect.before).toMatchObject({ from: '2026-09-21', to: '2026-10-20', days: 30, n: 20 });
    expect(effect.after).toMatchObject({ from: '2026-10-22', to: '2026-11-20', days: 30, n: 20 });
    expect(effect.before.estimate.mean).toBeCloseTo(-1.5, 12);
    expect(effect.after.estimate.mean).toBeCloseTo(1.5, 12);
    // The same as Welch's test on the raw values.
    const values = (list: number[]) => ({ n: list.length, sum: list.reduce((a, b) => a + b, 0), sumSquares: list.reduce((a, b) => a + b * b, 0) });
    const expected = compareMeans(values([...Array(10).fill(1), ...Array(10).fill(2)]), values([...Array(10).fill(-2), ...Array(10).fill(-1)]))!;
    expect(effect.change).toEqual(expected);
    expect(effect.verdict).toBe('better');

    const page = await (await manager(`/dashboard/verbeteracties/${ids.better}`)).text();
    const section = effectSection(page);
    expect(section).toContain('data-effect="better"');
    expect(sideRow(section, 'before')).toEqual([t.effect.before, t.effect.days(formatDay('2026-09-21'), formatDay('2026-10-20')), '20', formatNumber(-1.5, 2, true), expect.stringMatching(/^-1,7\d tot -1,2\d$/)]);
    expect(sideRow(section, 'after')).toEqual([t.effect.after, t.effect.days(formatDay('2026-10-22'), formatDay('2026-11-20')), '20', formatNumber(1.5, 2, true), expect.stringMatching(/^\+1,2\d tot \+1,7\d$/)]);
    expect(decodeHtml(section)).toContain(
      t.effect.difference(formatNumber(3, 2, true), formatNumber(expected.low, 2, true), formatNumber(expected.high, 2, true)),
    );
    expect(section).toContain(escapeHtml(t.effect.verdicts.better));
    expect(section).toContain(escapeHtml(t.effect.intro(30)));
  });

  it('no change: not significant, "geen duidelijk verschil"', async () => {
    const effect = actionEffect(ctx.db, findAction(ctx.db, ids.same)!, TODAY, 10)!;
    expect(effect.state === 'measured' && [effect.before.n, effect.after.n, effect.change.significant, effect.verdict]).toEqual([15, 15, false, 'unchanged']);
    const section = effectSection(await (await manager(`/dashboard/verbeteracties/${ids.same}`)).text());
    expect(section).toContain('data-effect="unchanged"');
    expect(section).toContain(escapeHtml(t.effect.verdicts.unchanged));
    expect(section).not.toContain(escapeHtml(t.effect.verdicts.better));
  });

  it('too little data: "te weinig gegevens", the counts but no means', async () => {
    const effect = actionEffect(ctx.db, findAction(ctx.db, ids.few)!, TODAY, 10)!;
    expect(effect).toMatchObject({ state: 'too-few', before: { n: 12 }, after: { n: 4 } });
    const section = effectSection(await (await manager(`/dashboard/verbeteracties/${ids.few}`)).text());
    expect(section).toContain('data-effect="too-few"');
    expect(section).toContain(escapeHtml(t.effect.tooFew(10)));
    expect(section.toLowerCase()).toContain('te weinig gegevens');
    expect(sideRow(section, 'before').slice(2)).toEqual(['12', '–', '–']);
    expect(sideRow(section, 'after').slice(2)).toEqual(['4', '–', '–']);
    // With a smaller minimum group (MIN_GROUP_SIZE=4) the same answers can be compared.
    expect(actionEffect(ctx.db, findAction(ctx.db, ids.few)!, TODAY, 4)!.state).toBe('measured');
  });

  it('not done: no effect yet; done today: waiting; the windows grow with the clock up to 8 weeks', async () => {
    expect(actionEffect(ctx.db, findAction(ctx.db, ids.open)!, TODAY, 10)).toBeUndefined();
    const open = effectSection(await (await manager(`/dashboard/verbeteracties/${ids.open}`)).text());
    expect(open).toContain(t.effect.notDone);

    const action = { ...findAction(ctx.db, ids.better)!, doneOn: TODAY };
    expect(actionEffect(ctx.db, action, TODAY, 10)).toEqual({ state: 'waiting', doneOn: TODAY });
    // 40 days on the windows are 40 days; from 56 days on they stay 8 weeks, and the answers
    // of 22 Oct–20 Nov are still the whole after-window's answers.
    const later = (days: number) => new Date(Date.UTC(2026, 9, 21 + days)).toISOString().slice(0, 10);
    const at40 = actionEffect(ctx.db, findAction(ctx.db, ids.better)!, later(40), 10)!;
    expect(at40.state === 'measured' && [at40.before.days, at40.before.from, at40.before.n, at40.after.n]).toEqual([40, '2026-09-11', 25, 20]);
    const at90 = actionEffect(ctx.db, findAction(ctx.db, ids.better)!, later(90), 10)!;
    expect(at90.state === 'measured' && [at90.before.days, at90.after.to, at90.before.n, at90.after.n]).toEqual([56, '2026-12-16', 25, 20]);
  });

  const windowsOfBetter = `(vóór: ${formatDayRange('2026-09-21', '2026-10-20')}, n = 20) naar`;

  it('the list shows the effect of done actions in one line', async () => {
    const page = await (await manager('/dashboard/verbeteracties')).text();
    const row = (id: number) => decodeHtml(new RegExp(`data-action="${id}">(.*?)</tr>`, 's').exec(page)![1]!);
    // The line names the windows it compares (done on 21 October: 30 days each side), so its means square with other figures.
    expect(row(ids.better)).toContain(windowsOfBetter);
    expect(row(ids.better)).toContain(`: ${t.effect.short.better}.`);
    expect(row(ids.same)).toContain(t.effect.short.unchanged);
    expect(row(ids.few)).toContain(t.effect.tooFewLine(12, 4));
  });

  it('the heart monitor shows the actions at their step: count, effect of the done ones', async () => {
    const page = await (await manager('/dashboard?reis=paspoort-aanvragen&periode=90')).text();
    // The heart-monitor table's last column.
    const balieRow = /<tr class="utrecht-table__row[^"]*" data-touchpoint="balie">(.*?)<\/tr>/s.exec(page)![1]!;
    const cells = [...balieRow.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => decodeHtml(cell[1]!));
    expect(cells.at(-1)).toBe(t.dashboard.count(2, 0));
    const panel = page.slice(page.indexOf('id="verbeteracties-titel"'), page.indexOf('</section>', page.indexOf('id="verbeteracties-titel"')));
    const balie = decodeHtml(/<div data-hook="touchpoint-actions" id="acties-balie" data-touchpoint="balie">(.*?)<\/div>/s.exec(panel)![1]!);
    expect(balie).toContain('Extra baliemedewerker — Klaar op');
    expect(balie).toContain(windowsOfBetter);
    expect(balie).toContain(`: ${t.effect.short.better}.`);
    expect(balie).toContain('Nog niet klaar — Bezig');
    const few = decodeHtml(/id="acties-afspraak-maken"[^>]*>(.*?)<\/div>/s.exec(panel)![1]!);
    expect(few).toContain(t.effect.tooFewLine(12, 4));
  });
});

describe('the heart monitor: from a dip to a new action, overdue actions at their step', () => {
  it('links each dip to the create page for that step, and marks overdue actions in words', async () => {
    const ctx = createTestContext();
    const manager = await staffOf(ctx, 'manager');
    addKnownAnswers(ctx, 12, (i) => ({ at: on('2026-11-10', i), feelings: { balie: i % 2 ? -2 : -1 } }));
    const late = await createThroughForm(ctx, manager, { title: 'Te late actie', status: 'bezig', dueOn: '2026-11-01' });

    const page = await (await manager('/dashboard')).text();
    const dip = page.slice(page.indexOf('<li class="mh-dip" data-touchpoint="balie"'), page.indexOf('</li>', page.indexOf('<li class="mh-dip" data-touchpoint="balie"')));
    expect(dip).toContain('href="/dashboard/verbeteracties/nieuw?journey=paspoort-aanvragen&amp;touchpoint=balie"');
    expect(decodeHtml(dip)).toContain(`${t.dashboard.atDip(1, 1)} ${t.dashboard.add}${t.dashboard.addAt('Aanvraag aan de balie')}`);
    const balieRow = /<tr class="utrecht-table__row[^"]*" data-touchpoint="balie">(.*?)<\/tr>/s.exec(page)![1]!;
    expect(decodeHtml([...balieRow.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].at(-1)![1]!)).toBe(t.dashboard.count(1, 1));
    const item = /<li class="([^"]*)" data-action="(\d+)">(.*?)<\/li>/s.exec(page)!;
    expect(item[1]).toContain('mh-action-overdue');
    expect(Number(item[2])).toBe(late);
    expect(decodeHtml(item[3]!)).toContain(`Bezig ${t.overdue}`);

    // The link leads to the form with that step chosen.
    const create = await (await manager('/dashboard/verbeteracties/nieuw?journey=paspoort-aanvragen&touchpoint=balie')).text();
    expect(create).toContain(`<option value="${stepId(ctx, 'paspoort-aanvragen', 'balie')}" selected="">`);
    // The htmx fragment carries the same.
    const fragment = await (await manager('/dashboard', { headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).toContain('href="/dashboard/verbeteracties/nieuw?journey=paspoort-aanvragen&amp;touchpoint=balie"');
  });
});

// ── The public page and the links to it ──────────────────────────────────────────────────────

describe('/verbeteringen', () => {
  let ctx: TestContext;
  let manager: Get;

  beforeAll(async () => {
    ctx = createTestContext();
    manager = await staffOf(ctx, 'manager');
  });

  it('without published actions: a page that says so, for anyone, without login', async () => {
    await createThroughForm(ctx, manager, { title: 'Alleen intern', publicSummary: 'Deze tekst is nog niet openbaar.' });
    const response = await ctx.app.request('/verbeteringen');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain(`<h1 class="utrecht-heading-1">${nl.improvements.title}</h1>`);
    expect(page).toContain(escapeHtml(nl.improvements.none));
    expect(page).not.toContain('Deze tekst is nog niet openbaar.');
    expect(page).not.toContain('Alleen intern');
  });

  it('shows only published actions, per quarter, newest first — with journey, step and public text, never owner, title or description', async () => {
    const ophalen = String(stepId(ctx, 'paspoort-aanvragen', 'ophalen'));
    const moving = { journey: String(journeyOf(ctx, 'verhuizing-doorgeven').journey.id), touchpoint: String(stepId(ctx, 'verhuizing-doorgeven', 'bevestiging')) };
    await createThroughForm(ctx, manager, {
      title: 'Interne titel A',
      owner: 'Jan Jansen',
      description: 'Geheime interne toelichting A',
      status: 'klaar',
      doneOn: '2026-08-14',
      publish: 'ja',
      publicSummary: 'U kunt nu ook op dinsdagavond uw paspoort ophalen.',
      touchpoint: ophalen,
    });
    await createThroughForm(ctx, manager, {
      ...moving,
      title: 'Interne titel B',
      owner: 'Karin Smit',
      description: 'Geheime interne toelichting B',
      status: 'klaar',
      doneOn: '2026-11-02',
      publish: 'ja',
      publicSummary: 'U krijgt binnen vijf werkdagen een bevestiging van uw verhuizing.\nOok als er nog iets ontbreekt.',
    });
    await createThroughForm(ctx, manager, {
      title: 'Interne titel C',
      owner: 'Piet Bakker',
      status: 'bezig',
      publish: 'ja',
      publicSummary: 'We maken het afsprakensysteem eenvoudiger. <script>alert(1)</script>',
    });
    const withdrawn = await createThroughForm(ctx, manager, { title: 'Interne titel D', owner: 'Anna de Boer', publish: 'ja', publicSummary: 'Ingetrokken tekst.' });
    const body = form(ctx, { title: 'Interne titel D', owner: 'Anna de Boer', publicSummary: 'Ingetrokken tekst.' });
    body.delete('journey');
    expect((await post(manager, `/dashboard/verbeteracties/${withdrawn}`, body)).status).toBe(303);

    const page = await (await ctx.app.request('/verbeteringen')).text();
    const quarters = [...page.matchAll(/<section data-hook="quarter" aria-labelledby="kwartaal-([^"]+)"/g)].map((match) => match[1]);
    expect(quarters).toEqual(['2026-K4', '2026-K3']);
    expect(page).toContain(`>${nl.improvements.quarter(2026, 4)}</h2>`);
    expect(page).toContain(`>${nl.improvements.quarter(2026, 3)}</h2>`);
    const q4 = decodeHtml(page.slice(page.indexOf('data-quarter="2026-K4"'), page.indexOf('data-quarter="2026-K3"')));
    // Within the quarter: the action published today (not done) before the one done on 2 November.
    expect(q4.indexOf('afsprakensysteem')).toBeLessThan(q4.indexOf('bevestiging van uw verhuizing'));
    expect(q4).toContain(nl.improvements.step('Verhuizing doorgeven', 'Bevestiging ontvangen'));
    expect(q4).toContain(nl.improvements.done(formatDay('2026-11-02')));
    expect(q4).toContain(nl.improvements.inProgress);
    const q3 = decodeHtml(page.slice(page.indexOf('data-quarter="2026-K3"')));
    expect(q3).toContain('Paspoort of ID-kaart aanvragen: Document ophalen');
    expect(q3).toContain('U kunt nu ook op dinsdagavond uw paspoort ophalen.');
    // Escaped, never run.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    for (const secret of ['Interne titel', 'Jan Jansen', 'Karin Smit', 'Piet Bakker', 'Anna de Boer', 'Geheime interne toelichting', 'Ingetrokken tekst', 'Alleen intern', 'Petra de Vries']) {
      expect(page, secret).not.toContain(secret);
    }
  });

  it('the thank-you page after a survey links to it', async () => {
    const response = await ctx.postEvent(caseClosedEvent());
    expect(response.status).toBe(202);
    const token = surveyTokenOf(ctx.db);
    const thanks = await ctx.app.request(`/s/${token}`, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '1', 'feeling-balie': '2', 'feeling-ophalen': 'nvt', grade: '8', effort: '6' }),
    });
    expect(thanks.status).toBe(200);
    const page = await thanks.text();
    expect(page).toContain(nl.survey.thanksTitle);
    expect(page).toContain(`<a class="utrecht-link" href="/verbeteringen">${nl.improvements.link}</a>`);
  });

  it('survey mails carry the link: a real invitation over SMTP, and the reminder when it is due', async () => {
    const smtp = await new TestSmtpServer().start();
    const server = await startServer({ SMTP_URL: smtp.url });
    try {
      const response = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(caseClosedEvent()),
      });
      expect(response.status).toBe(202);
      const [mail] = await smtp.waitFor(1);
      expect(mail!.text).toContain(`${nl.improvements.mailLead} "${nl.improvements.link}":\n${server.url}/verbeteringen`);
      expect(mail!.html).toContain(`<a href="${server.url}/verbeteringen" style="color: #1d4e89;">${nl.improvements.link}</a>`);
      // The survey link is still the first link of the mail, and the page behind the new link answers.
      expect(surveyLink(mail!).startsWith(`${server.url}/s/`)).toBe(true);
      expect((await fetch(`${server.url}/verbeteringen`)).status).toBe(200);
      // The reminder is rendered by the outbox worker when it is due.
      server.clock.advanceDays(5);
      server.worker.wake();
      const [, reminder] = await smtp.waitFor(2);
      expect(reminder!.subject).toMatch(/^Herinnering/);
      expect(reminder!.text).toContain(`${server.url}/verbeteringen`);
      expect(reminder!.html).toContain(`href="${server.url}/verbeteringen"`);
    } finally {
      await server.close();
      await smtp.stop();
    }
  });

  it('the no-show mail (a survey mail too) carries it', () => {
    const mail = renderSurveyMail({
      kind: 'reminder',
      survey: 'no-show',
      organisation: 'Gemeente Voorbeeld',
      journeyName: 'Paspoort',
      stepCount: 1,
      minutes: 2,
      surveyUrl: 'https://gemeente.test/s/abc',
      optOutUrl: 'https://gemeente.test/afmelden/abc',
      privacyUrl: 'https://gemeente.test/privacy',
      improvementsUrl: 'https://gemeente.test/verbeteringen',
      expiresAt: new Date('2026-12-01T12:00:00Z'),
    });
    expect(mail.text).toContain('https://gemeente.test/verbeteringen');
    expect(mail.html).toContain('href="https://gemeente.test/verbeteringen"');
  });
});

describe('the demo history comes with its improvement actions', () => {
  it('a done, published passport action whose effect the history shows, an overdue one, a planned one — once', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now();
    generateDemoHistory(ctx.db, { config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates }, { days: 60, responses: 1200, seed: 7 }, now);
    expect(addDemoActions(ctx.db, now, 60, { userId: null, label: 'cli' })).toBe(3);
    expect(addDemoActions(ctx.db, now, 60, { userId: null, label: 'cli' })).toBe(0);
    expect(count(ctx, 'improvement_actions')).toBe(3);

    const passport = listActionsForJourney(ctx.db, journeyOf(ctx, 'paspoort-aanvragen').journey.id)[0]!;
    expect(passport).toMatchObject({ status: 'klaar', touchpointId: stepId(ctx, 'paspoort-aanvragen', 'afspraak-maken') });
    const effect = actionEffect(ctx.db, passport, TODAY, 10)!;
    expect(effect.state === 'measured' && effect.verdict).toBe('better');

    const manager = await staffOf(ctx, 'manager');
    const list = await (await manager('/dashboard/verbeteracties')).text();
    expect(list).toContain(t.summary(3, 1));
    const page = await (await ctx.app.request('/verbeteringen')).text();
    expect(page).toContain('dinsdagavond en zaterdagochtend');
    expect(page).not.toContain('Team Publiekszaken');
    expect(auditRows(ctx).every((row) => row.actor === 'cli')).toBe(true);
  }, 60_000);
});
