/**
 * Bounces through the real parts: an event's invitation mail goes through nodemailer to a real SMTP
 * server with the tagged envelope sender; the bounce (a fixture DSN, test/fixtures/bounces/) is
 * then delivered by nodemailer to the bounce listener, RCPT TO that tagged address, as the
 * municipality's mail server would forward it. Hard: the invitation is undeliverable, its reminder
 * never sent, its address gone, the funnel shows "Onbestelbaar"; soft: recorded only; forged: nothing.
 */
import nodemailer from 'nodemailer';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invitations, outbox } from '../../src/db/schema';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { loadResponseRates } from '../../src/insight/response-rates';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { startBounceListener, type BounceListener } from '../../src/mail/bounce-listener';
import { bounceTag } from '../../src/mail/bounce-tag';
import type { BounceOutcome } from '../../src/mail/bounces';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { bounceFixture } from '../helpers/bounces';
import { decodeHtml } from '../helpers/html-text';
import { useSmtpServer } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const BOUNCE_ADDRESS = 'bounces@gemeente.nl';
const smtp = useSmtpServer();

describe('bounces', () => {
  let ctx: TestContext;
  let transport: MailTransport;
  let listener: BounceListener;
  const outcomes: BounceOutcome[] = [];

  beforeAll(async () => {
    ctx = createTestContext({ MAIL_BOUNCE_ADDRESS: BOUNCE_ADDRESS });
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM, bounce: { address: BOUNCE_ADDRESS, key: ctx.addressHashKey } });
    listener = await startBounceListener(ctx.db, {
      clock: ctx.clock,
      addressHashKey: ctx.addressHashKey,
      bounceAddress: BOUNCE_ADDRESS,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      onBounce: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(async () => {
    transport.close();
    await listener.close();
  });
  beforeEach(() => {
    outcomes.length = 0;
  });

  /** An invitation through the event API, its mail sent to the SMTP server: the envelope it left with. */
  async function invite() {
    const event = caseClosedEvent();
    const answer = (await (await ctx.postEvent(event)).json()) as { invitationId: number };
    const before = smtp.received.length;
    await deliverDueMails(ctx.db, transport, ctx);
    await smtp.waitFor(before + 1);
    const mail = ctx.db.select().from(outbox).where(eq(outbox.invitationId, answer.invitationId)).all().find((row) => row.kind === 'invitation')!;
    return { invitationId: answer.invitationId, email: event.citizen.email, mail, envelope: smtp.envelopes[before]!, received: smtp.received[before]! };
  }

  /** A bounce delivered over SMTP to the listener, with the null sender as mail servers send them. */
  async function deliverBounce(raw: string, to: string) {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    try {
      await client.sendMail({ envelope: { from: '', to }, raw });
    } finally {
      client.close();
    }
  }

  const invitation = (id: number) => ctx.db.select().from(invitations).where(eq(invitations.id, id)).get()!;
  const mailsOf = (id: number) => ctx.db.select().from(outbox).where(eq(outbox.invitationId, id)).all();

  async function funnel() {
    await createStaff(ctx.db, ctx.clock, 'manager').catch(() => undefined);
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const html = await (await asStaff(ctx.app, cookie!)('/dashboard?reis=paspoort-aanvragen')).text();
    const panel = /<section[^>]*id="respons-titel"[\s\S]*?<\/section>/.exec(html)?.[0] ?? html;
    const cell = (label: string) => decodeHtml(new RegExp(`${label}</th>\\s*<td[^>]*>([^<]*)<`).exec(panel)?.[1] ?? '');
    const filters = resolveFilters({ reis: 'paspoort-aanvragen' }, ctx.clock.now());
    const rates = loadResponseRates(ctx.db, { journeyId: findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id, from: filters.from, to: filters.to }, 1);
    return { undeliverable: cell('Onbestelbaar'), sent: cell('Verstuurd'), reached: rates.total.reached, invited: rates.total.invited };
  }

  it('sends every mail with the tagged bounce address as envelope sender, the From header unchanged', async () => {
    const { mail, envelope, received, email } = await invite();
    expect(envelope.from).toBe(`bounces+${bounceTag(ctx.addressHashKey, mail.id)}@gemeente.nl`);
    expect(envelope.from).toMatch(/^bounces\+\d+-[0-9a-f]{12}@gemeente\.nl$/);
    expect(envelope.to).toEqual([email]);
    expect(received.from?.value[0]?.address).toBe('noreply@meethuis.localhost');
  });

  it('a hard bounce (5.1.1) makes the invitation undeliverable, cancels its reminder, erases the address, and shows in the funnel', async () => {
    const before = await funnel();
    const { invitationId, email, envelope } = await invite();
    const sentBefore = await funnel();
    expect(sentBefore.reached).toBe(before.reached + 1);

    await deliverBounce(bounceFixture('postfix-hard-5.1.1.eml', { tag: envelope.from.slice('bounces+'.length, envelope.from.indexOf('@')), to: email }), envelope.from);
    expect(outcomes).toEqual([{ status: 'hard', outboxId: expect.any(Number), invitationId, reason: 'dsn' }]);

    const row = invitation(invitationId);
    expect(row.status).toBe('undeliverable');
    expect(row.email).toBeNull();
    expect(row.addressHash).toMatch(/^[0-9a-f]{64}$/);
    const [sent, reminder] = [mailsOf(invitationId).find((m) => m.kind === 'invitation')!, mailsOf(invitationId).find((m) => m.kind === 'reminder')!];
    expect(sent).toMatchObject({ status: 'sent', bounceKind: 'hard', bounceStatus: '5.1.1', toAddress: '' });
    expect(sent.bouncedAt?.getTime()).toBe(ctx.clock.now().getTime());
    expect(reminder.status).toBe('cancelled');

    // The reminder's day comes: the other invitation's reminder goes, nothing to the dead address.
    const received = smtp.received.length;
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS + 1);
    await deliverDueMails(ctx.db, transport, ctx);
    await smtp.waitFor(received + 1);
    expect(smtp.envelopes.slice(received).map((sent) => sent.to)).not.toContainEqual([email]);
    expect(smtp.envelopes.filter((sent) => sent.to.includes(email))).toHaveLength(1);

    const after = await funnel();
    expect(after.undeliverable).toBe(String(Number(before.undeliverable) + 1));
    expect(after.sent).toBe(sentBefore.sent);
    expect(after.invited).toBe(sentBefore.invited);
    expect(after.reached).toBe(sentBefore.reached - 1);

    // The admin sees the bounce on /admin/uitgaande-mail.
    await createStaff(ctx.db, ctx.clock, 'admin');
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const { cookie } = await login(ctx.app, 'admin@gemeente.test');
    const page = decodeHtml(await (await asStaff(ctx.app, cookie!)('/admin/uitgaande-mail')).text());
    expect(page).toContain(`onbestelbaar (5.1.1)`);

    // A second bounce for the same mail changes nothing more.
    await deliverBounce(bounceFixture('qmail-hard.eml', { tag: envelope.from.slice('bounces+'.length, envelope.from.indexOf('@')), to: email }), envelope.from);
    expect(outcomes[1]).toMatchObject({ status: 'hard', reason: 'already-recorded' });
    expect(mailsOf(invitationId).find((m) => m.kind === 'invitation')!.bouncedAt).toEqual(sent.bouncedAt);
  });

  it('a soft bounce (4.2.2) is recorded and the reminder stays queued', async () => {
    const { invitationId, email, envelope } = await invite();
    await deliverBounce(bounceFixture('postfix-soft-4.2.2.eml', { tag: envelope.from.slice('bounces+'.length, envelope.from.indexOf('@')), to: email }), envelope.from);
    expect(outcomes).toEqual([{ status: 'soft', outboxId: expect.any(Number), invitationId, reason: 'dsn' }]);
    expect(invitation(invitationId)).toMatchObject({ status: 'open', email });
    expect(mailsOf(invitationId).find((m) => m.kind === 'invitation')).toMatchObject({ bounceKind: 'soft', bounceStatus: '4.2.2' });
    expect(mailsOf(invitationId).find((m) => m.kind === 'reminder')!.status).toBe('queued');
  });

  it('a forged bounce — no tag, a wrong MAC, another recipient — changes nothing', async () => {
    const { invitationId, email, mail, envelope } = await invite();
    const snapshot = () => ({ invitation: invitation(invitationId), mails: mailsOf(invitationId) });
    const before = snapshot();
    const hard = (tag: string) => bounceFixture('postfix-hard-5.1.1.eml', { tag, to: email });

    // Without a tag the recipient is refused at RCPT: the listener is no open relay.
    await expect(deliverBounce(hard(''), BOUNCE_ADDRESS)).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliverBounce(hard(''), 'burgemeester@gemeente.nl')).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliverBounce(hard(''), `bounces+${mail.id}-000000000000@elders.nl`)).rejects.toMatchObject({ responseCode: 550 });
    // A tag for this mail with a MAC that does not match: accepted (250), ignored.
    const forged = `${mail.id}-${'0'.repeat(12)}`;
    await deliverBounce(hard(forged), `bounces+${forged}@gemeente.nl`);
    // An out-of-office reply to the real tag: no bounce.
    await deliverBounce(bounceFixture('out-of-office.eml', { tag: envelope.from.slice('bounces+'.length, envelope.from.indexOf('@')), to: email }), envelope.from);
    expect(outcomes).toEqual([
      { status: 'ignored', reason: 'no-valid-tag' },
      { status: 'ignored', outboxId: mail.id, invitationId, reason: 'auto-reply' },
    ]);
    expect(snapshot()).toEqual(before);
  });
});
