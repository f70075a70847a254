/**
 * A chain survey triggered by two partners' keys, through the real event API, outbox worker and
 * SMTP: both partners' case types start the same chain journey, each invitation is its partner's
 * (invitations.organisation_id), and each mail and survey page is in its partner's name (sender
 * display name, text, page header) while the hosting organisation's look as before. Opt-out and
 * fatigue hold across the chain: the keyed address hash is installation-wide.
 */
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { importJourney, findJourneyBySlug } from '../../src/journeys/journeys';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { createOrganisation } from '../../src/organisations/organisations';
import { optOutLink, surveyLink, useSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';

const smtp = useSmtpServer();

const overlijden = {
  slug: 'overlijden-doorgeven',
  name: 'Overlijden doorgeven',
  type: 'ervaring' as const,
  caseTypes: ['overlijden-aangifte'],
  chain: true,
  partnerCaseTypes: { svb: ['aow-overlijden'], pfzw: ['nabestaandenpensioen'] },
  touchpoints: [
    { slug: 'aangifte', name: 'Aangifte overlijden', channel: 'balie' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'gegevens-naar-svb', name: 'Contact met SVB', channel: 'telefoon' as const, momentOfTruth: false, askedByDefault: true, organisation: 'svb' },
    { slug: 'nabestaandenpensioen', name: 'Nabestaandenpensioen', channel: 'post' as const, momentOfTruth: false, askedByDefault: true, organisation: 'pfzw' },
  ],
};

function setUp() {
  const ctx = createTestContext({ SMTP_URL: smtp.url, MAIL_FROM: 'Gemeente Voorbeeld <noreply@gemeente.test>' });
  const svb = createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb' });
  const pfzw = createOrganisation(ctx.db, ctx.clock, { name: 'Pensioenfonds Zorg en Welzijn', slug: 'pfzw' });
  importJourney(ctx.db, overlijden, ctx.clock);
  const keys = { svb: createApiKey(ctx.db, 'svb', ctx.clock, svb.id).key, pfzw: createApiKey(ctx.db, 'pfzw', ctx.clock, pfzw.id).key };
  const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  const send = async (): Promise<ParsedMail[]> => {
    const before = smtp.received.length;
    const report = await deliverDueMails(ctx.db, transport, ctx);
    return (await smtp.waitFor(before + report.sent)).slice(before);
  };
  const event = (caseType: string, email: string, touchpoints: string[]) => caseClosedEvent({ case: { reference: `Z-${email}-${caseType}`, caseType }, citizen: { email, language: 'nl' }, touchpoints });
  return { ctx, svb, pfzw, keys, send, event };
}

const mailTo = (mails: ParsedMail[], address: string) => mails.find((mail) => JSON.stringify(mail.to).includes(address))!;

describe('a chain survey triggered by two partners’ keys', () => {
  it('starts the same chain journey; each invitation and mail is its partner’s', async () => {
    const { ctx, svb, pfzw, keys, send, event } = setUp();
    const journeyId = findJourneyBySlug(ctx.db, 'overlijden-doorgeven')!.journey.id;

    expect((await ctx.postEvent(event('aow-overlijden', 'weduwe@example.nl', ['aangifte', 'gegevens-naar-svb']), { key: keys.svb })).status).toBe(202);
    expect((await ctx.postEvent(event('nabestaandenpensioen', 'zoon@example.nl', ['gegevens-naar-svb', 'nabestaandenpensioen']), { key: keys.pfzw })).status).toBe(202);
    expect((await ctx.postEvent(event('overlijden-aangifte', 'dochter@example.nl', ['aangifte']))).status).toBe(202);
    // A partner's case type is its own: the other partner's key does not know it.
    expect((await ctx.postEvent(event('nabestaandenpensioen', 'buur@example.nl', ['aangifte']), { key: keys.svb })).status).toBe(422);

    const rows = ctx.db.$client.prepare('SELECT journey_id AS journeyId, organisation_id AS organisationId, status FROM invitations ORDER BY id').all();
    expect(rows).toEqual([
      { journeyId, organisationId: svb.id, status: 'open' },
      { journeyId, organisationId: pfzw.id, status: 'open' },
      { journeyId, organisationId: 1, status: 'open' },
    ]);

    const mails = await send();
    const svbMail = mailTo(mails, 'weduwe@example.nl');
    const pfzwMail = mailTo(mails, 'zoon@example.nl');
    const ownMail = mailTo(mails, 'dochter@example.nl');
    expect(svbMail.from?.value).toEqual([{ name: 'Sociale Verzekeringsbank', address: 'noreply@gemeente.test' }]);
    expect(pfzwMail.from?.value).toEqual([{ name: 'Pensioenfonds Zorg en Welzijn', address: 'noreply@gemeente.test' }]);
    expect(ownMail.from?.value).toEqual([{ name: 'Gemeente Voorbeeld', address: 'noreply@gemeente.test' }]);
    expect(svbMail.subject).toContain('Sociale Verzekeringsbank');
    expect(svbMail.text).toContain('contact met Sociale Verzekeringsbank');
    expect(svbMail.text).not.toContain(ctx.config.ORGANISATION_NAME);
    expect(pfzwMail.text).toContain('contact met Pensioenfonds Zorg en Welzijn');
    expect(ownMail.text).toContain(`contact met ${ctx.config.ORGANISATION_NAME}`);
    expect(svbMail.headers.get('auto-submitted')).toBe('auto-generated');

    // The survey page is in the partner's name too.
    const svbPage = await (await ctx.app.request(new URL(surveyLink(svbMail)).pathname)).text();
    expect(svbPage).toContain('<p class="mh-site-name">Sociale Verzekeringsbank</p>');
    const ownPage = await (await ctx.app.request(new URL(surveyLink(ownMail)).pathname)).text();
    expect(ownPage).toContain(`<p class="mh-site-name">${ctx.config.ORGANISATION_NAME}</p>`);

    // The reminder, later, in the partner's name as well.
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS);
    const reminders = await send();
    expect(mailTo(reminders, 'weduwe@example.nl').from?.value[0]?.name).toBe('Sociale Verzekeringsbank');
    expect(mailTo(reminders, 'weduwe@example.nl').text).toContain('Sociale Verzekeringsbank');
  });
});

describe('opt-out and fatigue across the chain', () => {
  it('an opt-out in a partner’s survey stops the hosting organisation’s next invitation, and the other way round', async () => {
    const { ctx, keys, send, event } = setUp();
    await ctx.postEvent(event('aow-overlijden', 'stop@example.nl', ['gegevens-naar-svb']), { key: keys.svb });
    await ctx.postEvent(event('overlijden-aangifte', 'halt@example.nl', ['aangifte']));
    const mails = await send();
    for (const address of ['stop@example.nl', 'halt@example.nl']) {
      const optOut = await ctx.app.request(new URL(optOutLink(mailTo(mails, address))).pathname, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
      expect(optOut.status).toBeLessThan(400);
    }
    ctx.clock.advanceDays(ctx.config.FATIGUE_DAYS + 1);

    const byHosting = await ctx.postEvent(event('overlijden-aangifte', 'stop@example.nl', ['aangifte']));
    expect(await byHosting.json()).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    const byPartner = await ctx.postEvent(event('nabestaandenpensioen', 'halt@example.nl', ['nabestaandenpensioen']), { key: keys.pfzw });
    expect(await byPartner.json()).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    const other = await ctx.postEvent(event('aow-overlijden', 'ander@example.nl', ['gegevens-naar-svb']), { key: keys.svb });
    expect(await other.json()).toMatchObject({ status: 'accepted' });
  });

  it('counts fatigue across the chain: one organisation’s invitation holds back the others’', async () => {
    const { ctx, keys, event } = setUp();
    expect(await (await ctx.postEvent(event('nabestaandenpensioen', 'moe@example.nl', ['nabestaandenpensioen']), { key: keys.pfzw })).json()).toMatchObject({ status: 'accepted' });
    ctx.clock.advanceDays(1);
    expect(await (await ctx.postEvent(event('aow-overlijden', 'moe@example.nl', ['gegevens-naar-svb']), { key: keys.svb })).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    expect(await (await ctx.postEvent(event('overlijden-aangifte', 'moe@example.nl', ['aangifte']))).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    ctx.clock.advanceDays(ctx.config.FATIGUE_DAYS);
    expect(await (await ctx.postEvent(event('overlijden-aangifte', 'moe@example.nl', ['aangifte']))).json()).toMatchObject({ status: 'accepted' });
  });
});
