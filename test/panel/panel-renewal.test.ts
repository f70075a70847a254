/**
 * The panel's time-driven jobs: the renewal mail 30 days before consent ends and the renewal
 * link; erasure once consent expired without renewal; study invitations that go unanswered.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { addDays } from '../../src/clock';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { consentText } from '../../src/consent-text';
import { dutch } from '../../src/texts/citizen';
import { createStudy, findMember, inviteToStudy, runPanelJobs } from '../../src/panel/panel';
import { useSmtpServer } from '../helpers/smtp';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';
import { surveyPathOf } from '../helpers/survey-link';

const smtp = useSmtpServer();

const answers = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '4', effort: '2' };
const DAY = 24 * 60 * 60 * 1000;

const panelDeps = (ctx: TestContext) => ({ clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates });
const linkIn = (mail: ParsedMail, path: string) => new URL(new RegExp(`https?://\\S+/burgerpanel/${path}/[A-Za-z0-9_-]+`).exec(mail.text ?? '')![0]).pathname;
const mailsTo = (email: string) => smtp.received.filter((mail) => JSON.stringify(mail.to ?? '').includes(email));
const moveTo = (ctx: TestContext, when: Date) => ctx.clock.advanceMs(when.getTime() - ctx.clock.now().getTime());
const consents = (ctx: TestContext, memberId: number) =>
  ctx.db.$client.prepare('SELECT event, text_version, text_hash, by FROM panel_consents WHERE member_id = ? ORDER BY id').all(memberId) as Record<string, unknown>[];

type Transport = ReturnType<typeof createMailTransport>;

/** Sends what is due over real SMTP and returns the mails the server received for this address. */
async function deliver(ctx: TestContext, transport: Transport, email: string) {
  const before = smtp.received.length;
  const report = await deliverDueMails(ctx.db, transport, ctx);
  if (report.sent > 0) await smtp.waitFor(before + report.sent);
  return { report, mails: smtp.received.slice(before).filter((mail) => JSON.stringify(mail.to ?? '').includes(email)) };
}

/** The real path: survey with the consent block → confirmation mail over SMTP → confirmation link → active. */
async function activeMember(ctx: TestContext, transport: Transport, email: string) {
  expect((await ctx.postEvent(caseClosedEvent({ citizen: { email, language: 'nl' } }))).status).toBe(202);
  const path = surveyPathOf(ctx.db);
  const page = await (await ctx.app.request(path)).text();
  const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(page)![1]!;
  const response = await ctx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': email, 'panel-text-hash': hash }),
  });
  expect(response.status).toBe(200);
  const { mails } = await deliver(ctx, transport, email);
  const confirmation = mails.find((mail) => mail.subject?.includes('Bevestig'))!;
  expect(confirmation).toBeDefined();
  const confirmed = await ctx.app.request(linkIn(confirmation, 'bevestigen'), { method: 'POST' });
  expect(await confirmed.text()).toContain('U doet mee');
  const memberId = (ctx.db.$client.prepare('SELECT id FROM panel_members ORDER BY id DESC').get() as { id: number }).id;
  const member = findMember(ctx.db, memberId)!;
  expect(member).toMatchObject({ status: 'active' });
  return { memberId, expiresAt: member.consentExpiresAt! };
}

async function researcher(ctx: TestContext) {
  if (!ctx.db.$client.prepare("SELECT 1 FROM users WHERE email = 'researcher@gemeente.test'").get()) await createStaff(ctx.db, ctx.clock, 'researcher');
  return asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);
}

describe('panel renewal, expiry and unanswered studies', () => {
  it('sends one renewal mail 30 days before consent ends; the link asks on GET, renews on POST', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const email = 'hanna@example.nl';
    const { memberId, expiresAt } = await activeMember(ctx, transport, email);
    // PANEL_CONSENT_MONTHS = 12 from the confirmation.
    expect(ctx.config.PANEL_CONSENT_MONTHS).toBe(12);
    expect(expiresAt.toISOString()).toBe('2027-11-20T15:00:00.000Z');
    const renewalMoment = addDays(expiresAt, -30);

    // Just before the moment: nothing.
    moveTo(ctx, new Date(renewalMoment.getTime() - 60_000));
    expect(runPanelJobs(ctx.db, panelDeps(ctx))).toEqual({ expiredUnconfirmed: 0, expiredConsents: 0, renewalsQueued: 0 });
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM outbox WHERE kind = 'panel-renewal'").get()).toEqual({ n: 0 });

    // Just after: exactly one, and not a second on the next runs.
    moveTo(ctx, new Date(renewalMoment.getTime() + 60_000));
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(1);
    ctx.clock.advanceMs(60 * 60 * 1000);
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(0);
    ctx.clock.advanceDays(1);
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(0);
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM outbox WHERE kind = 'panel-renewal' AND panel_member_id = ?").get(memberId)).toEqual({ n: 1 });

    const { mails } = await deliver(ctx, transport, email);
    expect(mails).toHaveLength(1);
    const renewal = mails[0]!;
    expect(renewal.subject).toContain('Wilt u blijven meedoen');
    const renewPath = linkIn(renewal, 'verlengen');

    // GET asks and shows the consent text; it changes nothing.
    const asked = await ctx.app.request(renewPath);
    expect(asked.status).toBe(200);
    const askedPage = await asked.text();
    expect(askedPage).toContain('Wilt u blijven meedoen?');
    expect(askedPage).toContain(`action="${renewPath}"`);
    expect(findMember(ctx.db, memberId)!.consentExpiresAt).toEqual(expiresAt);
    expect(consents(ctx, memberId).filter((row) => row.event === 'renewed')).toEqual([]);

    // POST renews: a new consent event with the text's version and hash; consent runs 12 months from now.
    const renewedAt = ctx.clock.now();
    const renewed = await ctx.app.request(renewPath, { method: 'POST' });
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain('U blijft meedoen');
    const text = consentText(ctx.config, dutch);
    expect(consents(ctx, memberId).filter((row) => row.event === 'renewed')).toEqual([
      { event: 'renewed', text_version: text.version, text_hash: text.hash, by: 'citizen' },
    ]);
    const after = findMember(ctx.db, memberId)!;
    expect(after.status).toBe('active');
    expect(after.consentExpiresAt!.getTime()).toBeGreaterThan(expiresAt.getTime());
    expect(after.consentExpiresAt!.getTime()).toBeGreaterThanOrEqual(addDays(renewedAt, 365).getTime());
    // The link is used up.
    expect((await ctx.app.request(renewPath, { method: 'POST' })).status).toBe(404);
    expect(consents(ctx, memberId).filter((row) => row.event === 'renewed')).toHaveLength(1);

    // Past the old end: not erased, no new renewal mail yet.
    moveTo(ctx, new Date(expiresAt.getTime() + DAY));
    expect(runPanelJobs(ctx.db, panelDeps(ctx))).toEqual({ expiredUnconfirmed: 0, expiredConsents: 0, renewalsQueued: 0 });
    const still = findMember(ctx.db, memberId)!;
    expect(still.status).toBe('active');
    expect(still.contact).not.toBeNull();
    expect(await (await (await researcher(ctx))('/panel')).text()).toContain('1 lid past bij deze filters');

    // The next renewal mail comes 30 days before the new end, once.
    moveTo(ctx, new Date(addDays(after.consentExpiresAt!, -30).getTime() - 60_000));
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(0);
    ctx.clock.advanceMs(120_000);
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(1);
    transport.close();
  });

  it('without renewal, contact details are erased at expiry, the member leaves /panel and queued mails are cancelled', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const email = 'ivo@example.nl';
    const { memberId, expiresAt } = await activeMember(ctx, transport, email);

    moveTo(ctx, addDays(expiresAt, -30));
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).renewalsQueued).toBe(1);
    const { mails: renewalMails } = await deliver(ctx, transport, email);
    expect(renewalMails).toHaveLength(1);
    const renewPath = linkIn(renewalMails[0]!, 'verlengen');

    // Two days before the end a study invites the member: the invitation goes, the reminder (due in 5 days) waits.
    moveTo(ctx, addDays(expiresAt, -2));
    const study = createStudy(ctx.db, ctx.clock.now(), { title: 'Ophalen', purpose: 'Leren', journeyId: null, invitationText: 'Praat u met ons?', createdBy: null });
    expect(inviteToStudy(ctx.db, panelDeps(ctx), study.id, [memberId]).invited).toEqual([memberId]);
    expect((await deliver(ctx, transport, email)).mails.map((mail) => mail.subject)).toEqual([expect.stringContaining('Ophalen')]);
    expect(ctx.db.$client.prepare("SELECT kind FROM outbox WHERE panel_member_id = ? AND status = 'queued'").all(memberId)).toEqual([{ kind: 'panel-reminder' }]);
    expect(await (await (await researcher(ctx))('/panel')).text()).toContain('1 lid past bij deze filters');

    // Just before the end: still in.
    moveTo(ctx, new Date(expiresAt.getTime() - 60_000));
    expect(runPanelJobs(ctx.db, panelDeps(ctx)).expiredConsents).toBe(0);
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'active' });

    // At the end: erased, expired, mails cancelled and blanked.
    moveTo(ctx, expiresAt);
    expect(runPanelJobs(ctx.db, panelDeps(ctx))).toEqual({ expiredUnconfirmed: 0, expiredConsents: 1, renewalsQueued: 0 });
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'expired', contact: null });
    expect(ctx.db.$client.prepare('SELECT contact FROM panel_members WHERE id = ?').get(memberId)).toEqual({ contact: null });
    expect(consents(ctx, memberId).at(-1)).toMatchObject({ event: 'expired', by: 'system' });
    const outboxRows = ctx.db.$client.prepare('SELECT kind, status, to_address, text_body FROM outbox WHERE panel_member_id = ? ORDER BY id').all(memberId) as Record<string, unknown>[];
    expect(outboxRows.filter((row) => row.status === 'queued')).toEqual([]);
    expect(outboxRows.find((row) => row.kind === 'panel-reminder')).toMatchObject({ status: 'cancelled' });
    expect(outboxRows.every((row) => row.to_address === '' && row.text_body === null)).toBe(true);

    // The reminder never goes; a second run does nothing more.
    ctx.clock.advanceDays(10);
    expect((await deliver(ctx, transport, email)).report.sent).toBe(0);
    expect(runPanelJobs(ctx.db, panelDeps(ctx))).toEqual({ expiredUnconfirmed: 0, expiredConsents: 0, renewalsQueued: 0 });
    expect(mailsTo(email).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('Bevestig'),
      expect.stringContaining('Wilt u blijven meedoen'),
      expect.stringContaining('Ophalen'),
    ]);

    // Out of /panel results, and the old renewal link no longer brings them back.
    const list = await (await (await researcher(ctx))('/panel')).text();
    expect(list).toContain('0 leden passen bij deze filters');
    expect(list).not.toContain(email);
    expect((await ctx.app.request(renewPath, { method: 'POST' })).status).not.toBe(200);
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'expired', contact: null });
    const later = createStudy(ctx.db, ctx.clock.now(), { title: 'Later', purpose: 'Leren', journeyId: null, invitationText: 'Nog eens?', createdBy: null });
    expect(inviteToStudy(ctx.db, panelDeps(ctx), later.id, [memberId]).invited).toEqual([]);
    transport.close();
  });

  it('a study invitation nobody answers becomes "no answer" after 14 days, with at most one reminder', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const email = 'joke@example.nl';
    const { memberId } = await activeMember(ctx, transport, email);
    const study = createStudy(ctx.db, ctx.clock.now(), { title: 'Balie', purpose: 'Leren', journeyId: null, invitationText: 'Praat u met ons?', createdBy: null });
    const invitedAt = ctx.clock.now();
    expect(inviteToStudy(ctx.db, panelDeps(ctx), study.id, [memberId]).invited).toEqual([memberId]);
    const status = () => (ctx.db.$client.prepare('SELECT status FROM study_participants WHERE study_id = ? AND member_id = ?').get(study.id, memberId) as { status: string }).status;

    const sent: ParsedMail[] = [];
    sent.push(...(await deliver(ctx, transport, email)).mails);
    // Deliver and run the jobs every day up to just before 14 days.
    for (let day = 1; day < 14; day++) {
      moveTo(ctx, addDays(invitedAt, day));
      sent.push(...(await deliver(ctx, transport, email)).mails);
      runPanelJobs(ctx.db, panelDeps(ctx));
      expect(status()).toBe('invited');
    }
    moveTo(ctx, new Date(addDays(invitedAt, 14).getTime() - 60_000));
    runPanelJobs(ctx.db, panelDeps(ctx));
    expect(status()).toBe('invited');

    moveTo(ctx, addDays(invitedAt, 14));
    runPanelJobs(ctx.db, panelDeps(ctx));
    expect(status()).toBe('no-answer');

    // Nothing more goes out afterwards.
    for (let day = 15; day <= 30; day += 5) {
      moveTo(ctx, addDays(invitedAt, day));
      sent.push(...(await deliver(ctx, transport, email)).mails);
      runPanelJobs(ctx.db, panelDeps(ctx));
    }
    expect(status()).toBe('no-answer');
    expect(sent.map((mail) => mail.subject)).toEqual([expect.stringContaining('Uitnodiging voor een gesprek: Balie'), expect.stringContaining('Balie')]);
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM outbox WHERE panel_member_id = ? AND kind = 'panel-reminder' AND status = 'sent'").get(memberId)).toEqual({ n: 1 });
    expect(ctx.db.$client.prepare("SELECT count(*) n FROM outbox WHERE panel_member_id = ? AND status = 'queued'").get(memberId)).toEqual({ n: 0 });
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'active' });
    transport.close();
  });
});
