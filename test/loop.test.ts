import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/http-server';
import { optOutLink, surveyLink, TestSmtpServer } from './helpers/smtp';
import { caseClosedEvent, tableCounts } from './helpers/test-context';

/** The whole loop over real HTTP with a real SMTP server: event → mail → survey → answers. */
describe('the feedback loop, end to end', () => {
  let smtp: TestSmtpServer;
  let server: RunningServer;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    server = await startServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Gemeente Voorbeeld <kcc@voorbeeld.nl>' });
  });
  afterAll(async () => {
    await server.close();
    await smtp.stop();
  });

  const postEvent = (event: unknown) =>
    fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  it('mails a survey whose answers land per touchpoint; duplicates and second submissions change nothing; opt-out stops the next invitation', async () => {
    const event = caseClosedEvent({ citizen: { email: 'jan@example.nl', language: 'nl' } });
    const accepted = await postEvent(event);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ status: 'accepted', eventId: event.id });

    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: 'jan@example.nl' }] });
    expect(mail!.subject).toContain('Paspoort of ID-kaart aanvragen');
    expect(mail!.text).toContain('Gemeente Voorbeeld');
    expect(mail!.html).toContain('/s/');
    // The mail names the journey and nothing of the case's content.
    expect(mail!.text).not.toContain(event.case.reference);
    expect(mail!.headerLines.map((line) => line.line)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail!.messageId).toMatch(/@voorbeeld\.nl>?$/);
    const link = surveyLink(mail!);
    expect(link.startsWith(`${server.url}/s/`)).toBe(true);

    // The same event again: reported as duplicate, no second invitation or mail.
    const before = tableCounts(server.db);
    const duplicate = await postEvent(event);
    expect(duplicate.status).toBe(202);
    expect(await duplicate.json()).toMatchObject({ status: 'duplicate', original: { status: 'accepted' } });
    expect(tableCounts(server.db)).toEqual(before);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Hoe voelde u zich bij het maken van de afspraak?');
    expect(html).toContain('name="feeling-balie"');
    expect(html).toContain('name="grade"');

    const answers = form({
      'feeling-afspraak-maken': '-2',
      'comment-afspraak-maken': 'Pas over zes weken een afspraak.',
      'feeling-balie': '1',
      'comment-balie': '',
      'feeling-ophalen': 'nvt',
      grade: '6',
      effort: '3',
    });
    const submitted = await fetch(link, { method: 'POST', body: answers });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toContain('Dank u wel');

    const response = server.db.$client.prepare('SELECT * FROM responses').get() as Record<string, unknown>;
    expect(response).toMatchObject({ grade: 6, effort: 3, channel: 'balie', lead_time_days: 19.21 });
    expect(JSON.parse(response.segment as string)).toEqual({ ageBand: '65+', district: 'Woensel' });
    const rows = server.db.$client
      .prepare(
        `SELECT t.slug, a.feeling, a.comment, a.segment, j.slug AS journey FROM answers a
         JOIN touchpoints t ON t.id = a.touchpoint_id JOIN journeys j ON j.id = a.journey_id ORDER BY t.position`,
      )
      .all();
    expect(rows).toEqual([
      { slug: 'afspraak-maken', feeling: -2, comment: 'Pas over zes weken een afspraak.', segment: '{"ageBand":"65+","district":"Woensel"}', journey: 'paspoort-aanvragen' },
      { slug: 'balie', feeling: 1, comment: null, segment: '{"ageBand":"65+","district":"Woensel"}', journey: 'paspoort-aanvragen' },
      { slug: 'ophalen', feeling: null, comment: null, segment: '{"ageBand":"65+","district":"Woensel"}', journey: 'paspoort-aanvragen' },
    ]);
    // Answered: the reminder is cancelled and the address erased from the invitation.
    expect(server.db.$client.prepare("SELECT status FROM outbox WHERE kind = 'reminder'").get()).toEqual({ status: 'cancelled' });
    expect(server.db.$client.prepare('SELECT status, email FROM invitations').get()).toEqual({ status: 'answered', email: null });

    // A second submission of the same link is refused kindly and stores nothing.
    const afterFirst = tableCounts(server.db);
    const second = await fetch(link, { method: 'POST', body: form({ ...Object.fromEntries(answers), grade: '10' }) });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('al ingevuld');
    expect(tableCounts(server.db)).toEqual(afterFirst);
    expect(server.db.$client.prepare('SELECT grade FROM responses').all()).toEqual([{ grade: 6 }]);

    // Opt-out: confirm on the page, then the next invitation to that address is suppressed and not mailed.
    const optOutPage = await fetch(optOutLink(mail!));
    expect(optOutPage.status).toBe(200);
    expect(await optOutPage.text()).toContain('Ja, meld mij af');
    const optedOut = await fetch(optOutLink(mail!), { method: 'POST' });
    expect(optedOut.status).toBe(200);
    expect(await optedOut.text()).toContain('U bent afgemeld');

    server.clock.advanceDays(200);
    const next = await postEvent(caseClosedEvent({ citizen: { email: ' JAN@example.nl', language: 'nl' } }));
    expect(await next.json()).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    const other = await postEvent(caseClosedEvent({ citizen: { email: 'piet@example.nl', language: 'nl' } }));
    expect(await other.json()).toMatchObject({ status: 'accepted' });
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => (m.to as { value: { address: string }[] }).value[0]!.address)).toEqual(['jan@example.nl', 'piet@example.nl']);
  });
});
