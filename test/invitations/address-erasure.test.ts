/**
 * Erasure at the moment it is promised: once a citizen answers, opts out, withdraws from the panel,
 * or the invitation or consent expires, no column of any table holds their address (only its
 * keyed hash) and no mail to it is still queued — in the same transaction, not at the next
 * hourly retention run. Mails travel over a real SMTP server; the scan walks sqlite_master.
 */
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { expireInvitations } from '../../src/invitations/invitations';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { createStudy, inviteToStudy, runPanelJobs } from '../../src/panel/panel';
import { addressHash } from '../../src/tokens';
import { answerSurvey, closeCase, count, mapPassportProduct, missAppointment, whereAddressFound, whereFound } from '../helpers/privacy-fixtures';
import { useSmtpServer } from '../helpers/smtp';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';

const smtp = useSmtpServer();

interface Setup {
  ctx: TestContext;
  transport: MailTransport;
  send(): Promise<ParsedMail[]>;
}

function setup(): Setup {
  const ctx = createTestContext({ SMTP_URL: smtp.url });
  const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  return {
    ctx,
    transport,
    async send() {
      const before = smtp.received.length;
      const report = await deliverDueMails(ctx.db, transport, ctx);
      return smtp.waitFor(before + report.sent).then((mails) => mails.slice(before));
    },
  };
}

const to = (mail: ParsedMail) => JSON.stringify(mail.to);
const linkIn = (mail: ParsedMail, path: string) => new URL(new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`).exec(mail.text ?? '')![0]).pathname;
const queuedFor = (ctx: TestContext, address: string) =>
  count(ctx.db, "SELECT count(*) AS n FROM outbox WHERE status = 'queued' AND lower(to_address) = lower(?)", address);
const mailsOf = (ctx: TestContext, invitationId: number) =>
  ctx.db.$client.prepare('SELECT kind, status, to_address, text_body, message_id FROM outbox WHERE invitation_id = ? ORDER BY id').all(invitationId) as {
    kind: string;
    status: string;
    to_address: string;
    text_body: string | null;
    message_id: string;
  }[];

/** Where the address is; also proves the scan finds it while it is still needed. */
function expectHeld(ctx: TestContext, address: string) {
  expect(whereAddressFound(ctx.db, address)).toEqual(expect.arrayContaining([expect.stringMatching(/^invitations\.email /), expect.stringMatching(/^outbox\.to_address /)]));
}

function expectErased(ctx: TestContext, address: string) {
  expect(whereAddressFound(ctx.db, address)).toEqual([]);
  expect(queuedFor(ctx, address)).toBe(0);
  // What stays is the keyed hash, for the fatigue and opt-out rules.
  expect(whereFound(ctx.db, addressHash(ctx.addressHashKey, address)).length).toBeGreaterThan(0);
}

describe('the address is erased at once', () => {
  it('when the survey is answered: invitation and reminder lose the address, the sent one keeps its Message-ID', async () => {
    const { ctx, transport, send } = setup();
    const address = 'Marieke.Antwoord@Example.nl';
    const { invitationId } = await closeCase(ctx, address);
    const [invitationMail] = await send();
    expect(to(invitationMail!).toLowerCase()).toContain(address.toLowerCase());
    expectHeld(ctx, address);
    const sentId = mailsOf(ctx, invitationId)[0]!.message_id;

    await answerSurvey(ctx, linkIn(invitationMail!, 's').split('/').pop()!);

    expectErased(ctx, address);
    expect(mailsOf(ctx, invitationId)).toEqual([
      { kind: 'invitation', status: 'sent', to_address: '', text_body: null, message_id: sentId },
      { kind: 'reminder', status: 'cancelled', to_address: '', text_body: null, message_id: expect.stringMatching(/^<.+@.+>$/) },
    ]);
    // The reminder's day comes and goes: nothing is sent.
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS + 1);
    expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ sent: 0 });
    transport.close();
  });

  it('when answered before the invitation mail was marked sent (its acceptance lost in a crash): recorded as sent, address gone', async () => {
    const { ctx, transport } = setup();
    const address = 'snel@example.nl';
    const { invitationId, token } = await closeCase(ctx, address);
    await answerSurvey(ctx, token!);
    expectErased(ctx, address);
    expect(mailsOf(ctx, invitationId).map((mail) => [mail.kind, mail.status])).toEqual([
      ['invitation', 'sent'],
      ['reminder', 'cancelled'],
    ]);
    transport.close();
  });

  it('when a "we hebben u gemist" survey is answered', async () => {
    const { ctx, transport } = setup();
    mapPassportProduct(ctx.db);
    const address = 'gemist@example.nl';
    const missed = await missAppointment(ctx, address, { reason: 'vergeten', comment: 'Ik was het vergeten.' });
    expect(missed.invitationId).toBeDefined();
    expectErased(ctx, address);
    transport.close();
  });

  it('when the citizen opts out: every invitation for the address and all their mails, sent or not', async () => {
    const { ctx, transport, send } = setup();
    const address = 'afmelder@example.nl';
    const first = await closeCase(ctx, address);
    await send();
    // A later case, after the fatigue period: a second invitation, still open.
    ctx.clock.advanceDays(ctx.config.FATIGUE_DAYS + 1);
    const second = await closeCase(ctx, address);
    const [mail] = await send();
    expectHeld(ctx, address);

    const optOut = await ctx.app.request(linkIn(mail!, 'afmelden'), { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
    expect(optOut.status).toBe(200);

    expectErased(ctx, address);
    for (const invitationId of [first.invitationId, second.invitationId]) {
      expect(mailsOf(ctx, invitationId).every((row) => row.to_address === '' && row.text_body === null && row.status !== 'queued')).toBe(true);
    }
    transport.close();
  });

  it('when an invitation expires unanswered', async () => {
    const { ctx, transport, send } = setup();
    const address = 'verlopen@example.nl';
    const { invitationId } = await closeCase(ctx, address);
    await send();
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS);
    expect((await send()).map((mail) => mail.subject)).toHaveLength(1);
    expectHeld(ctx, address);
    ctx.clock.advanceDays(ctx.config.INVITATION_EXPIRY_DAYS);
    expect(expireInvitations(ctx.db, ctx.clock)).toBe(1);
    expectErased(ctx, address);
    expect(mailsOf(ctx, invitationId).map((mail) => mail.status)).toEqual(['sent', 'sent']);
    transport.close();
  });

  it('when a panel member withdraws: the survey, the panel mails sent and the study reminder still queued', async () => {
    const { ctx, transport, send } = setup();
    const address = 'panellid@example.nl';
    const { token } = await closeCase(ctx, address);
    await answerSurvey(ctx, token!, { panel: { email: address, name: 'Pien' } });
    const member = ctx.db.$client.prepare("SELECT id, status FROM panel_members ORDER BY id DESC").get() as { id: number; status: string };
    expect(member.status).toBe('active');
    const study = createStudy(ctx.db, ctx.clock.now(), { title: 'Paspoort', purpose: 'Leren', journeyId: null, invitationText: 'Praat u met ons?', createdBy: null });
    expect(inviteToStudy(ctx.db, { clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates }, study.id, [member.id]).invited).toEqual([member.id]);
    const [studyMail] = await send();
    expect(to(studyMail!)).toContain(address);
    expect(queuedFor(ctx, address)).toBeGreaterThan(0);

    const withdrawn = await ctx.app.request(linkIn(studyMail!, 'burgerpanel/afmelden'), { method: 'POST' });
    expect(withdrawn.status).toBe(200);

    expect(whereAddressFound(ctx.db, address)).toEqual([]);
    expect(queuedFor(ctx, address)).toBe(0);
    expect(count(ctx.db, "SELECT count(*) AS n FROM outbox WHERE panel_member_id = ? AND status = 'queued'", member.id)).toBe(0);
    transport.close();
  });

  it('when panel consent expires', async () => {
    const { ctx, transport, send } = setup();
    const address = 'toestemming.verloopt@example.nl';
    const { token } = await closeCase(ctx, address);
    await answerSurvey(ctx, token!, { panel: { email: address } });
    await send();
    expect(whereAddressFound(ctx.db, address).length).toBeGreaterThan(0);
    // Past the consent term, and past the renewal request's answer period.
    ctx.clock.advanceDays(ctx.config.PANEL_CONSENT_MONTHS * 31 + 60);
    const deps = { clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates };
    expect(runPanelJobs(ctx.db, deps).expiredConsents).toBe(1);
    expect(whereAddressFound(ctx.db, address)).toEqual([]);
    expect(queuedFor(ctx, address)).toBe(0);
    transport.close();
  });

  it('a mail in flight while the citizen answers is not queued again when its send then fails', async () => {
    const { ctx, transport } = setup();
    const address = 'onderweg@example.nl';
    const { invitationId, token } = await closeCase(ctx, address);
    smtp.mode = 'refuse-temporarily';
    try {
      // The round reads the mail and hands it to SMTP before the answer arrives.
      const round = deliverDueMails(ctx.db, transport, ctx);
      await answerSurvey(ctx, token!);
      const report = await round;
      expect(report.sent).toBe(0);
    } finally {
      smtp.mode = 'accept';
    }
    expectErased(ctx, address);
    expect(mailsOf(ctx, invitationId).map((mail) => [mail.kind, mail.status])).toEqual([
      ['invitation', 'sent'],
      ['reminder', 'cancelled'],
    ]);
    ctx.clock.advanceDays(1);
    expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    transport.close();
  });
});
