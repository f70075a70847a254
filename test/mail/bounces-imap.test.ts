/**
 * Bounces read from an IMAP mailbox, through the real parts: invitations go out through nodemailer
 * to a real SMTP server with the tagged envelope sender; the receiving mail server delivers the
 * DSNs for those addresses to the bounce mailbox (hoodiecrow, a real IMAP server in memory), adding
 * `Delivered-To` as Postfix and Exchange do; one round of the bounce-mailbox job hands each to
 * handleBounce. Hard: undeliverable, reminder cancelled, funnel changed; soft: recorded; forged
 * (a tag with a wrong MAC) and an out-of-office reply: nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, outbox } from '../../src/db/schema';
import { responseRate } from '../../src/heartmonitor/queries';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { readBounceMailboxAsJob } from '../../src/mail/bounce-mailbox';
import { handleBounce } from '../../src/mail/bounces';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { bounceFixture } from '../helpers/bounces';
import { startImapServer, type TestImapServer } from '../helpers/imap';
import { useSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const BOUNCE_ADDRESS = 'bounces@gemeente.nl';
const DAY = 86_400_000;
const smtp = useSmtpServer();

describe('bounces from an IMAP mailbox', () => {
  let ctx: TestContext;
  let transport: MailTransport;
  let imap: TestImapServer;

  beforeAll(async () => {
    ctx = createTestContext({ MAIL_BOUNCE_ADDRESS: BOUNCE_ADDRESS });
    transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM, bounce: { address: BOUNCE_ADDRESS, key: ctx.addressHashKey } });
    imap = await startImapServer([]);
  });
  afterAll(async () => {
    transport.close();
    await imap.close();
  });

  /** Three invitations sent: their ids, addresses and the tagged envelope senders they left with. */
  async function inviteThree() {
    const sent = [];
    for (const n of [1, 2, 3]) {
      const event = caseClosedEvent({ id: `imap-${n}`, case: { reference: `Z-IMAP-${n}`, caseType: 'paspoort-aanvragen' }, citizen: { email: `inwoner${n}@example.nl`, language: 'nl' } });
      const { invitationId } = (await (await ctx.postEvent(event)).json()) as { invitationId: number };
      sent.push({ invitationId, email: event.citizen.email });
    }
    const before = smtp.received.length;
    await deliverDueMails(ctx.db, transport, ctx);
    await smtp.waitFor(before + 3);
    return sent.map((invitation) => ({ ...invitation, envelopeFrom: smtp.envelopes.slice(before).find((envelope) => envelope.to.includes(invitation.email))!.from }));
  }

  const tagOf = (address: string) => address.slice('bounces+'.length, address.indexOf('@'));
  /** As the receiving server files it: the address it was delivered to in front. */
  const delivered = (to: string, raw: string) => `Delivered-To: ${to}\r\n${raw.replace(/\r?\n/g, '\r\n')}`;
  const funnel = () => {
    const journeyId = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id;
    return responseRate(ctx.db, journeyId, new Date(ctx.clock.now().getTime() - DAY), new Date(ctx.clock.now().getTime() + DAY));
  };

  it('marks the right invitations, cancels the reminder of the hard bounce, changes the funnel, and ignores forged and automatic replies', async () => {
    const [hard, soft, untouched] = await inviteThree();
    expect(funnel()).toMatchObject({ invited: 3, undeliverable: 0 });

    // The forged one names the untouched mail's id with a MAC that is not ours.
    const forgedTag = `${tagOf(untouched!.envelopeFrom).split('-')[0]}-000000000000`;
    imap.deliver(delivered(hard!.envelopeFrom, bounceFixture('postfix-hard-5.1.1.eml', { tag: tagOf(hard!.envelopeFrom), to: hard!.email })));
    imap.deliver(delivered(soft!.envelopeFrom, bounceFixture('postfix-soft-4.2.2.eml', { tag: tagOf(soft!.envelopeFrom), to: soft!.email })));
    imap.deliver(delivered(`bounces+${forgedTag}@gemeente.nl`, bounceFixture('exchange-ndr-hard.eml', { tag: forgedTag, to: untouched!.email })));
    imap.deliver(delivered(untouched!.envelopeFrom, bounceFixture('out-of-office.eml', { tag: tagOf(untouched!.envelopeFrom), to: untouched!.email })));

    const report = await readBounceMailboxAsJob({ db: ctx.db, clock: ctx.clock, url: imap.url }, (message) => handleBounce(ctx.db, { clock: ctx.clock, addressHashKey: ctx.addressHashKey }, message), { trigger: 'test' });
    expect(report).toMatchObject({ read: 4, hard: 1, soft: 1, ignored: 2, failed: 0 });

    const invitation = (id: number) => ctx.db.select().from(invitations).where(eq(invitations.id, id)).get()!;
    const mails = (id: number) => ctx.db.select().from(outbox).where(eq(outbox.invitationId, id)).all();
    expect(invitation(hard!.invitationId)).toMatchObject({ status: 'undeliverable', email: null });
    expect(mails(hard!.invitationId).find((mail) => mail.kind === 'reminder')!.status).toBe('cancelled');
    expect(invitation(soft!.invitationId)).toMatchObject({ status: 'open', email: soft!.email });
    expect(mails(soft!.invitationId).find((mail) => mail.kind === 'invitation')).toMatchObject({ bounceKind: 'soft', bounceStatus: '4.2.2' });
    expect(mails(soft!.invitationId).find((mail) => mail.kind === 'reminder')!.status).toBe('queued');
    expect(invitation(untouched!.invitationId)).toMatchObject({ status: 'open', email: untouched!.email });
    expect(mails(untouched!.invitationId).every((mail) => mail.bouncedAt === null)).toBe(true);
    expect(funnel()).toMatchObject({ invited: 3, undeliverable: 1 });

    // The bounces are filed away; what was no bounce stays, read, for an administrator.
    expect(imap.messages('meethuis-verwerkt')).toHaveLength(2);
    expect(imap.messages('INBOX')!.map((message) => message.flags)).toEqual([['\\Seen'], ['\\Seen']]);

    // The reminders' day: the soft bounce's reminder goes, the hard bounce's address gets nothing.
    const before = smtp.received.length;
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS + 1);
    await deliverDueMails(ctx.db, transport, ctx);
    await smtp.waitFor(before + 2);
    const remindedTo = smtp.envelopes.slice(before).flatMap((envelope) => envelope.to);
    expect(remindedTo.sort()).toEqual([soft!.email, untouched!.email].sort());

    // A next round reads nothing new.
    expect(await readBounceMailboxAsJob({ db: ctx.db, clock: ctx.clock, url: imap.url }, (message) => handleBounce(ctx.db, { clock: ctx.clock, addressHashKey: ctx.addressHashKey }, message), { trigger: 'test' })).toMatchObject({ read: 0 });
  });
});
