/**
 * The call-back question in the survey, over real HTTP with the migrated database: offered only
 * when the stored answers call for it, the citizen's yes stored once with encrypted contact
 * details and a due time in working hours, bad input re-rendered, independent of the panel.
 */
import { describe, expect, it } from 'vitest';
import { amsterdamWallClock } from '../../src/calendar';
import { readCallbackContact } from '../../src/callbacks/requests';
import { workingHoursBetween } from '../../src/callbacks/service-norm';
import { getSetting, setSetting } from '../../src/settings';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { decodeHtml } from '../helpers/html-text';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const unhappy = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '3', effort: '2' };
const happy = { 'feeling-afspraak-maken': '1', 'feeling-balie': '2', 'feeling-ophalen': '0', grade: '8', effort: '6' };
const QUESTION = 'Wilt u dat wij contact met u opnemen over uw ervaring?';

const moveTo = (ctx: TestContext, when: Date) => ctx.clock.advanceMs(when.getTime() - ctx.clock.now().getTime());
const requests = (ctx: TestContext) =>
  ctx.db.$client.prepare('SELECT * FROM callback_requests ORDER BY id').all() as { id: number; contact: string | null; due_at: number; created_at: number; reason: string; address_hash: string | null; response_id: number }[];

async function surveyPath(ctx: TestContext, email: string) {
  expect((await ctx.postEvent(caseClosedEvent({ citizen: { email, language: 'nl' } }))).status).toBe(202);
  return surveyPathOf(ctx.db);
}

const post = (ctx: TestContext, path: string, form: Record<string, string>) => ctx.app.request(path, { method: 'POST', body: new URLSearchParams(form) });

describe('the call-back question after the survey', () => {
  it('an unhappy answer is offered the question; yes by phone is stored once, encrypted, due in two working days', async () => {
    const ctx = createTestContext();
    // A Friday afternoon in Amsterdam: the norm runs over the weekend.
    moveTo(ctx, amsterdamWallClock(2027, 3, 5, 15));
    const path = await surveyPath(ctx, 'annie@example.nl');
    const answered = await post(ctx, path, unhappy);
    expect(answered.status).toBe(200);
    const page = await answered.text();
    expect(decodeHtml(page)).toContain(QUESTION);
    // The invitation's address pre-filled (only on this page), nothing ticked.
    expect(page).toContain('value="annie@example.nl"');
    expect(page).not.toMatch(/name="callback-method"[^>]*checked/);
    expect(page).toContain(`action="${path}/terugbellen"`);
    expect(requests(ctx)).toHaveLength(0);

    const form = { 'callback-method': 'phone', 'callback-phone': '06 12345678', 'callback-email': 'annie@example.nl', 'callback-time': 'ochtend' };
    const yes = await post(ctx, `${path}/terugbellen`, form);
    expect(yes.status).toBe(200);
    expect(decodeHtml(await yes.text())).toContain('Wij bellen u binnen 2 werkdagen');
    const again = await post(ctx, `${path}/terugbellen`, { ...form, 'callback-phone': '06 87654321' });
    expect(again.status).toBe(200);
    expect(decodeHtml(await again.text())).toContain('Uw verzoek is al ontvangen');

    const rows = requests(ctx);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.reason).toBe('low-grade');
    expect(row.contact).not.toContain('12345678');
    expect(row.contact).not.toContain('annie');
    // Only the chosen way is kept: the e-mail address typed in stays out.
    expect(readCallbackContact({ dataKey: TEST_DATA_KEY }, row)).toEqual({ method: 'phone', phone: '06 12345678', bestTime: 'ochtend' });
    // The keyed address hash of the invitation, for a data-subject request.
    const invitation = ctx.db.$client.prepare('SELECT address_hash, email FROM invitations').get() as { address_hash: string; email: string | null };
    expect(row.address_hash).toBe(invitation.address_hash);
    expect(invitation.email).toBeNull();
    // Friday 15:00 + 16 working hours: 2 on Friday, 8 on Monday, 6 on Tuesday.
    expect(row.created_at).toBe(ctx.clock.now().getTime());
    expect(new Date(row.due_at)).toEqual(amsterdamWallClock(2027, 3, 9, 15));
    expect(workingHoursBetween(new Date(row.created_at), new Date(row.due_at))).toBe(16);
  });

  it('a negative step with a good grade is offered too; by e-mail the edited address is kept', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'bram@example.nl');
    const page = await (await post(ctx, path, { ...happy, 'feeling-balie': '-1' })).text();
    expect(decodeHtml(page)).toContain(QUESTION);
    expect((await post(ctx, `${path}/terugbellen`, { 'callback-method': 'email', 'callback-email': 'bram.ander@example.nl', 'callback-phone': 'not a number' })).status).toBe(200);
    const [row] = requests(ctx);
    expect(row!.reason).toBe('negative-step');
    expect(readCallbackContact({ dataKey: TEST_DATA_KEY }, row!)).toEqual({ method: 'email', email: 'bram.ander@example.nl' });
  });

  it('a happy citizen is not offered the question, and a forged post stores nothing', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'cas@example.nl');
    const page = await (await post(ctx, path, happy)).text();
    expect(decodeHtml(page)).not.toContain(QUESTION);
    expect(page).not.toContain('terugbellen');
    expect((await ctx.app.request(`${path}/terugbellen`)).status).toBe(404);
    const forged = await post(ctx, `${path}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '06 12345678' });
    expect(forged.status).toBe(404);
    expect(requests(ctx)).toHaveLength(0);
  });

  it('no request through a link that was never answered, or after the question closed', async () => {
    const ctx = createTestContext();
    const open = await surveyPath(ctx, 'dirk@example.nl');
    expect((await post(ctx, `${open}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '06 12345678' })).status).toBe(404);
    const path = await surveyPath(ctx, 'els@example.nl');
    await post(ctx, path, unhappy);
    // The question can be reopened by its link the same day …
    expect((await ctx.app.request(`${path}/terugbellen`)).status).toBe(200);
    ctx.clock.advanceDays(2);
    // … but not days later.
    expect((await post(ctx, `${path}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '06 12345678' })).status).toBe(404);
    expect(requests(ctx)).toHaveLength(0);
  });

  it('everyone is offered the question when the administrator turned that on', async () => {
    const ctx = createTestContext();
    setSetting(ctx.db, 'callbackOfferToAll', true, ctx.clock.now());
    const path = await surveyPath(ctx, 'fleur@example.nl');
    expect(decodeHtml(await (await post(ctx, path, happy)).text())).toContain(QUESTION);
    expect((await post(ctx, `${path}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '+31 6 1234 5678' })).status).toBe(200);
    expect(requests(ctx)[0]!.reason).toBe('offered-to-all');
  });

  it('the administrator turns offering to everyone on, and the recovery mail off, on the settings page', async () => {
    const ctx = createTestContext();
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const admin = await createStaff(ctx.db, ctx.clock, 'admin');
    const as = asStaff(ctx.app, (await login(ctx.app, admin.email)).cookie!);
    const page = await (await as('/admin/settings')).text();
    expect(decodeHtml(page)).toContain('Vraag iedereen of wij contact mogen opnemen');
    expect(page).toMatch(/name="callbackOfferToAll" value="on"(?! checked)/);
    expect(page).toMatch(/name="callbackRecoveryMail" value="on" checked/);
    const saved = await as('/admin/settings', { method: 'POST', body: new URLSearchParams({ requireSecondFactorForAdmins: 'on', callbackOfferToAll: 'on' }) });
    expect(saved.status).toBe(303);
    expect(getSetting(ctx.db, 'callbackOfferToAll')).toBe(true);
    expect(getSetting(ctx.db, 'callbackRecoveryMail')).toBe(false);
    const path = await surveyPath(ctx, 'joke@example.nl');
    expect(decodeHtml(await (await post(ctx, path, happy)).text())).toContain(QUESTION);
  });

  it('bad input is re-rendered with the values and an error summary, and nothing is stored', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'gijs@example.nl');
    await post(ctx, path, unhappy);
    const noMethod = await post(ctx, `${path}/terugbellen`, { 'callback-phone': '06 1234', 'callback-email': 'gijs@example.nl' });
    expect(noMethod.status).toBe(422);
    const html = await noMethod.text();
    expect(html).toContain('id="foutoverzicht"');
    expect(html).toContain('href="#callback-method-phone"');
    expect(decodeHtml(html)).toContain('Kies of wij u bellen of een e-mail sturen.');
    expect(html).toContain('value="gijs@example.nl"');
    expect(html).toContain('value="06 1234"');

    const badPhone = await post(ctx, `${path}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '06 1234', 'callback-time': 'middag' });
    expect(badPhone.status).toBe(422);
    const phoneHtml = await badPhone.text();
    expect(decodeHtml(phoneHtml)).toContain('Vul een telefoonnummer in');
    expect(phoneHtml).toMatch(/id="callback-method-phone"[^>]*checked/);
    expect(phoneHtml).toMatch(/id="callback-time-middag"[^>]*checked/);
    expect(phoneHtml).toContain('aria-invalid="true"');

    const badEmail = await post(ctx, `${path}/terugbellen`, { 'callback-method': 'email', 'callback-email': 'gijs@' });
    expect(badEmail.status).toBe(422);
    expect(decodeHtml(await badEmail.text())).toContain('Vul een e-mailadres in');
    expect(requests(ctx)).toHaveLength(0);
  });

  it('the panel consent and the call-back request are independent', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'hans@example.nl');
    const page = await (await ctx.app.request(path)).text();
    const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(page)![1]!;
    // Consent to the panel: the call-back question still comes, unticked, and saying nothing stores no request.
    const answered = await (await post(ctx, path, { ...unhappy, 'panel-consent': 'ja', 'panel-email': 'hans@example.nl', 'panel-text-hash': hash })).text();
    expect(decodeHtml(answered)).toContain(QUESTION);
    expect(ctx.db.$client.prepare('SELECT count(*) n FROM panel_members').get()).toEqual({ n: 1 });
    expect(requests(ctx)).toHaveLength(0);

    // A call-back request without the panel consent adds no panel member.
    const other = await surveyPath(ctx, 'ida@example.nl');
    await post(ctx, other, unhappy);
    expect((await post(ctx, `${other}/terugbellen`, { 'callback-method': 'phone', 'callback-phone': '06 12345678' })).status).toBe(200);
    expect(ctx.db.$client.prepare('SELECT count(*) n FROM panel_members').get()).toEqual({ n: 1 });
    expect(requests(ctx)).toHaveLength(1);
  });
});
