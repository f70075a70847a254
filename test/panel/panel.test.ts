/**
 * The consent panel: consent in the survey → confirmation mail (real SMTP) → active member;
 * expiry, withdrawal, proof, contact caps, access and audit, and a study to an accepted participant.
 */
import { describe, expect, it } from 'vitest';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { consentText, sha256 } from '../../src/consent-text';
import { dutch } from '../../src/texts/citizen';
import { contactBlock, findMember, inviteToStudy, createStudy, runPanelJobs } from '../../src/panel/panel';
import { useSmtpServer } from '../helpers/smtp';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import type { ParsedMail } from 'mailparser';
import { mailTemplates } from '../../views/mail';
import { surveyPathOf } from '../helpers/survey-link';

const smtp = useSmtpServer();

const answers = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '4', effort: '2' };

async function surveyPath(ctx: TestContext, email: string) {
  expect((await ctx.postEvent(caseClosedEvent({ citizen: { email, language: 'nl' } }))).status).toBe(202);
  return surveyPathOf(ctx.db);
}

const panelDeps = (ctx: TestContext) => ({ clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates });
const linkIn = (mail: ParsedMail, path: string) => new URL(new RegExp(`https?://\\S+/burgerpanel/${path}/[A-Za-z0-9_-]+`).exec(mail.text ?? '')![0]).pathname;

/** Answers the survey with consent, sends the mails over real SMTP, returns the member id and mails. */
async function joinPanel(ctx: TestContext, transport: ReturnType<typeof createMailTransport>, email: string, extra: Record<string, string> = {}) {
  const path = await surveyPath(ctx, email);
  const page = await (await ctx.app.request(path)).text();
  expect(page).toContain('name="panel-consent"');
  expect(page).not.toMatch(/name="panel-consent"[^>]*checked/);
  const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(page)![1]!;
  const response = await ctx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': email, 'panel-text-hash': hash, ...extra }),
  });
  expect(response.status).toBe(200);
  const before = smtp.received.length;
  await deliverDueMails(ctx.db, transport, ctx);
  const mails = await smtp.waitFor(before + 1);
  const confirmation = mails.filter((mail) => mail.to && JSON.stringify(mail.to).includes(email)).at(-1)!;
  expect(confirmation.subject).toContain('Bevestig');
  const member = ctx.db.$client.prepare('SELECT id FROM panel_members ORDER BY id DESC').get() as { id: number };
  return { memberId: member.id, confirmation, hash };
}

describe('consent panel', () => {
  it('consent → confirmation mail over SMTP → active member, with the exact text as proof', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const { memberId, confirmation, hash } = await joinPanel(ctx, transport, 'ans@example.nl', { 'panel-name': 'Ans', 'panel-phone': '06 12345678', 'panel-contact': 'telefoon' });
    expect(hash).toBe(consentText(ctx.config, dutch).hash);
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'pending' });
    // Contact details are encrypted at rest, apart from the answers; the invitation's address is gone.
    const raw = ctx.db.$client.prepare('SELECT contact FROM panel_members WHERE id = ?').get(memberId) as { contact: string };
    expect(raw.contact).not.toContain('ans@example.nl');
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM invitations WHERE email IS NOT NULL AND status = 'answered'").get()).toEqual({ n: 0 });
    expect(confirmation.text).toContain('/burgerpanel/afmelden/');

    const confirmPath = linkIn(confirmation, 'bevestigen');
    expect((await ctx.app.request(confirmPath)).status).toBe(200);
    expect(findMember(ctx.db, memberId)!.status).toBe('pending'); // GET never acts
    const done = await ctx.app.request(confirmPath, { method: 'POST' });
    expect(await done.text()).toContain('U doet mee');
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'active' });

    // The proof page shows the exact text the citizen saw, its version and SHA-256.
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const { cookie } = await login(ctx.app, 'researcher@gemeente.test');
    const proof = await (await asStaff(ctx.app, cookie!)(`/panel/leden/${memberId}/toestemming`)).text();
    const shown = consentText(ctx.config, dutch);
    expect(proof).toContain(shown.hash);
    // Who gave it, in Dutch: not the stored key "citizen".
    expect(proof).toMatch(/: gegeven \(door de inwoner\)/);
    expect(proof).not.toContain('(citizen)');
    expect(sha256(shown.text)).toBe(shown.hash);
    expect(proof).toContain(shown.paragraphs[5]!.replace(/"/g, '&quot;'));
    const stored = ctx.db.$client.prepare("SELECT text_version, text_hash, response_id FROM panel_consents WHERE member_id = ? AND event = 'given'").get(memberId) as Record<string, unknown>;
    expect(stored).toMatchObject({ text_version: shown.version, text_hash: shown.hash });
    expect(stored.response_id).toBeTypeOf('number');
    transport.close();
  });

  it('stores nothing for the panel without the tick, and re-renders a bad address with 422', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'bert@example.nl');
    const bad = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'geen-adres' }) });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Vul een geldig e-mailadres in');
    const ok = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-email': 'bert@example.nl' }) });
    expect(ok.status).toBe(200);
    expect(ctx.db.$client.prepare('SELECT count(*) n FROM panel_members').get()).toEqual({ n: 0 });
  });

  it('unconfirmed sign-ups expire and are erased; the confirmation mail is cancelled', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'cor@example.nl');
    await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'cor@example.nl' }) });
    const member = ctx.db.$client.prepare('SELECT id FROM panel_members').get() as { id: number };
    ctx.clock.advanceDays(6);
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).expiredUnconfirmed).toBe(0);
    ctx.clock.advanceDays(1);
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).expiredUnconfirmed).toBe(1);
    expect(findMember(ctx.db, member.id)).toMatchObject({ status: 'expired', contact: null });
    expect(ctx.db.$client.prepare("SELECT status, to_address FROM outbox WHERE panel_member_id = ?").all(member.id)).toEqual([{ status: 'cancelled', to_address: '' }]);
  });

  it('withdrawal by one click erases contact details and stops every planned mail', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const { memberId, confirmation } = await joinPanel(ctx, transport, 'dirk@example.nl');
    await ctx.app.request(linkIn(confirmation, 'bevestigen'), { method: 'POST' });
    const study = createStudy(ctx.db, ctx.clock.now(), { title: 'Paspoort', purpose: 'Leren', journeyId: null, invitationText: 'Praat u met ons?', createdBy: null });
    expect(inviteToStudy(ctx.db, { ...panelDeps(ctx) }, study.id, [memberId]).invited).toEqual([memberId]);
    // Invitation and reminder are queued; withdraw before they go.
    const withdraw = await ctx.app.request(linkIn(confirmation, 'afmelden'), { method: 'POST' });
    expect(await withdraw.text()).toContain('U doet niet meer mee');
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'withdrawn', contact: null });
    const mails = ctx.db.$client.prepare('SELECT kind, status, to_address, text_body FROM outbox WHERE panel_member_id = ? ORDER BY id').all(memberId) as Record<string, unknown>[];
    expect(mails.filter((mail) => mail.status === 'queued')).toEqual([]);
    expect(mails.every((mail) => mail.to_address === '' && mail.text_body === null)).toBe(true);
    ctx.clock.advanceDays(10);
    expect((await deliverDueMails(ctx.db, transport, ctx)).sent).toBe(0);
    // The anonymous answers stay.
    expect(ctx.db.$client.prepare('SELECT count(*) n FROM answers').get()).toEqual({ n: 3 });
    transport.close();
  });

  it('contact caps: at most 2 per 12 months, not within 30 days — at the limit and one past it', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'eva@example.nl');
    await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'eva@example.nl' }) });
    const memberId = (ctx.db.$client.prepare('SELECT id FROM panel_members').get() as { id: number }).id;
    const confirmToken = ctx.db.$client.prepare("SELECT text_body FROM outbox WHERE kind = 'panel-confirmation'").get() as { text_body: string };
    await ctx.app.request(new URL(/https?:\/\/\S+\/burgerpanel\/bevestigen\/\S+/.exec(confirmToken.text_body)![0]).pathname, { method: 'POST' });
    const deps = panelDeps(ctx);
    const study = () => createStudy(ctx.db, ctx.clock.now(), { title: 'T', purpose: 'P', journeyId: null, invitationText: 'I', createdBy: null }).id;

    expect(inviteToStudy(ctx.db, deps, study(), [memberId]).invited).toHaveLength(1);
    ctx.clock.advanceDays(29);
    const early = inviteToStudy(ctx.db, deps, study(), [memberId]);
    expect(early.invited).toHaveLength(0);
    expect(early.skipped[0]!.reason).toMatch(/Minder dan 30 dagen/);
    ctx.clock.advanceDays(1);
    expect(inviteToStudy(ctx.db, deps, study(), [memberId]).invited).toHaveLength(1); // the 2nd: at the limit
    ctx.clock.advanceDays(60);
    const past = inviteToStudy(ctx.db, deps, study(), [memberId]); // a 3rd within 12 months: one past it
    expect(past.invited).toHaveLength(0);
    expect(past.skipped[0]!.reason).toMatch(/Al 2 keer benaderd/);
    expect(contactBlock(ctx.db, deps, findMember(ctx.db, memberId)!, ctx.clock.now())).toMatchObject({ kind: 'cap' });
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM outbox WHERE kind = 'panel-invitation'").get()).toEqual({ n: 2 });
    // The workspace shows why.
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const { cookie } = await login(ctx.app, 'researcher@gemeente.test');
    expect(await (await asStaff(ctx.app, cookie!)('/panel')).text()).toContain('Al 2 keer benaderd in 12 maanden');
  });

  it('a manager cannot reach /panel; a researcher opening contact details is audited', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'fien@example.nl');
    await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'fien@example.nl' }) });
    const memberId = (ctx.db.$client.prepare('SELECT id FROM panel_members').get() as { id: number }).id;
    await createStaff(ctx.db, ctx.clock, 'manager');
    const manager = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
    expect((await manager('/panel')).status).toBe(403);
    expect((await manager(`/panel/leden/${memberId}/contact`, { method: 'POST' })).status).toBe(403);
    expect((await manager('/dashboard')).status).toBe(200);
    expect(await (await manager('/dashboard')).text()).not.toContain('fien@example.nl');

    await createStaff(ctx.db, ctx.clock, 'researcher');
    const researcher = asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);
    const list = await (await researcher('/panel')).text();
    expect(list).not.toContain('fien@example.nl'); // pending members are not listed; identities never in the list
    const opened = await researcher(`/panel/leden/${memberId}/contact`, { method: 'POST' });
    expect(await opened.text()).toContain('fien@example.nl');
    const entry = ctx.db.$client.prepare("SELECT actor, object, result FROM audit_log WHERE action = 'panel.contact.opened'").get();
    expect(entry).toEqual({ actor: 'researcher@gemeente.test', object: `panel-member:${memberId}`, result: 'success' });
  });

  it('a study from selection to an accepted participant, with real mails through SMTP', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const { memberId, confirmation } = await joinPanel(ctx, transport, 'gijs@example.nl');
    await ctx.app.request(linkIn(confirmation, 'bevestigen'), { method: 'POST' });
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const researcher = asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);

    // Find exactly this experience: negative at the first step of the passport journey.
    const tp = ctx.db.$client.prepare("SELECT id FROM touchpoints WHERE slug = 'afspraak-maken'").get() as { id: number };
    const found = await (await researcher(`/panel?touchpoint=${tp.id}&feeling=negative`)).text();
    expect(found).toContain('1 lid past bij deze filters');
    expect(await (await researcher(`/panel?touchpoint=${tp.id}&feeling=positive`)).text()).toContain('0 leden');
    // The segment is chosen from the values seen, as on the dashboard; links with the older key=value still work.
    expect(found).toContain('<option value="ageBand:65+">Leeftijdsgroep: 65+</option>');
    expect(await (await researcher('/panel?segment=ageBand%3A65%2B')).text()).toContain('1 lid past bij deze filters');
    expect(await (await researcher('/panel?segment=ageBand%3D65%2B')).text()).toContain('1 lid past bij deze filters');
    expect(await (await researcher('/panel?segment=ageBand%3A18-34')).text()).toContain('0 leden');

    const created = await researcher('/panel/onderzoeken', {
      method: 'POST',
      body: new URLSearchParams({ title: 'Afspraak maken', purpose: 'Begrijpen wat misging', journey: '', invitationText: 'Wilt u 45 minuten met ons praten?' }),
    });
    expect(created.status).toBe(303);
    const studyPath = created.headers.get('Location')!;
    expect(await (await researcher(studyPath)).text()).toContain(`lid-${memberId}`);
    const invited = await researcher(`${studyPath}/uitnodigen`, { method: 'POST', body: new URLSearchParams({ member: String(memberId) }) });
    expect(invited.headers.get('Location')).toContain('uitgenodigd=1');

    const before = smtp.received.length;
    await deliverDueMails(ctx.db, transport, ctx);
    const invitation = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(invitation.subject).toContain('Uitnodiging voor een gesprek: Afspraak maken');
    expect(invitation.text).toContain('Wilt u 45 minuten met ons praten?');
    expect(invitation.text).toContain('/burgerpanel/afmelden/');
    const yes = /https?:\/\/\S+\/burgerpanel\/onderzoek\/[A-Za-z0-9_-]+\?antwoord=ja/.exec(invitation.text ?? '')![0];
    const answerPath = new URL(yes).pathname;
    expect((await ctx.app.request(`${answerPath}?antwoord=ja`)).status).toBe(200);
    const accepted = await ctx.app.request(answerPath, { method: 'POST', body: new URLSearchParams({ antwoord: 'ja' }) });
    expect(await accepted.text()).toContain('u doet mee');
    expect(await (await researcher(studyPath)).text()).toContain('doet mee');

    // The reminder is not sent once answered.
    ctx.clock.advanceDays(6);
    expect((await deliverDueMails(ctx.db, transport, ctx)).sent).toBe(0);

    // The session ran out while the clock moved: sign in again.
    const again = asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);
    const csv = await again(`${studyPath}/export.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('gijs@example.nl');
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM audit_log WHERE action = 'panel.study.exported'").get()).toEqual({ n: 1 });
    transport.close();
  });
});
