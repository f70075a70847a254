/**
 * The whole call-back loop over real HTTP, SMTP and SQLite, as issue 19 describes it: a case is
 * closed → the invitation mail arrives → the citizen gives a 3 and asks to be e-mailed → the
 * request is on the KCC's work list with its due time in working hours (the weekend skipped) →
 * taken, an attempt, closed → the contact details are gone from every table → the recovery mail
 * arrives, its answer counts in the recovery rate, and then nothing of the address remains.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamWallClock } from '../../src/calendar';
import { callbackRequests } from '../../src/db/schema';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { nl } from '../../src/texts';
import { decodeHtml } from '../helpers/html-text';
import { useSmtpServer } from '../helpers/smtp';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { tablesContaining } from './kcc-fixtures';

const smtp = useSmtpServer();
let ctx: TestContext;
let transport: MailTransport;
afterAll(() => transport?.close());

const ADDRESS = 'els.devries@example.nl';
const t = nl.callbacksKcc;

const received = (subject: RegExp) => smtp.received.filter((mail) => subject.test(mail.subject ?? ''));
const linkIn = (text: string, path: string) => new URL(new RegExp(`https?://\\S+${path}\\S+`).exec(text)![0]).pathname;

beforeAll(() => {
  ctx = createTestContext({ SMTP_URL: smtp.url });
  transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
  // A Friday, 16:00 in Amsterdam: one working hour left this week.
  ctx.clock.advanceMs(amsterdamWallClock(2027, 3, 5, 16).getTime() - ctx.clock.now().getTime());
});

describe('the call-back loop', () => {
  it('an unhappy citizen asks to be contacted; the KCC handles it within the norm; nothing of the address remains', async () => {
    // The case system closes a case; the invitation goes out over SMTP.
    expect((await ctx.postEvent(caseClosedEvent({ citizen: { email: ADDRESS, language: 'nl' } }))).status).toBe(202);
    await deliverDueMails(ctx.db, transport, ctx);
    const invitation = smtp.received.find((mail) => (mail.to as { text: string }).text === ADDRESS)!;
    const survey = linkIn(invitation.text ?? '', '/s/');

    // A 3 and a bad first step: the question is offered, nothing ticked; yes, by e-mail.
    const answered = await ctx.app.request(survey, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '0', grade: '3', effort: '2', 'comment-afspraak-maken': 'Drie keer gebeld, niemand nam op.' }),
    });
    expect(answered.status).toBe(200);
    expect(decodeHtml(await answered.text())).toContain('Wilt u dat wij contact met u opnemen over uw ervaring?');
    const asked = await ctx.app.request(`${survey}/terugbellen`, { method: 'POST', body: new URLSearchParams({ 'callback-method': 'email', 'callback-email': ADDRESS }) });
    expect(asked.status).toBe(200);

    // On the KCC's list within the same second, due Tuesday 16:00: 1 working hour on Friday, 8 on Monday, 7 on Tuesday from 9:00.
    const request = ctx.db.select().from(callbackRequests).get()!;
    expect(request.dueAt).toEqual(amsterdamWallClock(2027, 3, 9, 16));
    const staff = await createStaff(ctx.db, ctx.clock, 'kcc');
    const kcc = asStaff(ctx.app, (await login(ctx.app, staff.email)).cookie!);
    const list = decodeHtml(await (await kcc('/dashboard/terugbellen')).text());
    expect(list).toContain(`Verzoek ${request.id}`);
    expect(list).toContain(t.due.at(request.dueAt));
    expect(list).toContain('Terugbellen (1 open)');

    // Taken, one attempt that reached the citizen, closed as solved.
    expect((await kcc(`/dashboard/terugbellen/${request.id}/oppakken`, { method: 'POST', body: new URLSearchParams() })).status).toBe(303);
    expect((await kcc(`/dashboard/terugbellen/${request.id}/poging`, { method: 'POST', body: new URLSearchParams({ attempt: 'bereikt' }) })).status).toBe(303);
    ctx.clock.advanceMs(20 * 60_000);
    expect((await kcc(`/dashboard/terugbellen/${request.id}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'solved' }) })).status).toBe(303);
    const closed = ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, request.id)).get()!;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'solved', contact: null, attempts: 1 });
    // Only the queued recovery mail still holds the address, until it is handed to the mail server.
    expect(tablesContaining(ctx.db, ADDRESS)).toEqual(['outbox']);

    await deliverDueMails(ctx.db, transport, ctx);
    const recovery = received(/Bent u goed geholpen/);
    expect(recovery).toHaveLength(1);
    expect((recovery[0]!.to as { text: string }).text).toBe(ADDRESS);
    expect(tablesContaining(ctx.db, ADDRESS)).toEqual([]);

    // The citizen answers the one question; it counts in the recovery rate on the work list.
    const rate = linkIn(recovery[0]!.text ?? '', '/terugbellen/beoordelen/');
    expect((await ctx.app.request(rate, { method: 'POST', body: new URLSearchParams({ score: '5' }) })).status).toBe(200);
    expect(ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, request.id)).get()!.recoveryScore).toBe(5);
    const after = decodeHtml(await (await kcc('/dashboard/terugbellen')).text());
    expect(after).not.toContain(`Verzoek ${request.id}`);
    expect(after).toContain('Terugbellen (0 open)');
  });
});
