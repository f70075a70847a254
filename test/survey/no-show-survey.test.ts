import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNoShowSurvey } from '../../src/survey/no-show-survey';
import { reasonRowsForPeriod } from '../../src/noshows/queries';
import { reasonCounts } from '../../src/noshows/reasons';
import { startServer, type RunningServer } from '../helpers/http-server';
import { surveyLink, TestSmtpServer } from '../helpers/smtp';
import { tableCounts } from '../helpers/test-context';

describe('parseNoShowSurvey', () => {
  it('needs a reason; the comment and the booking feeling are optional', () => {
    expect(parseNoShowSurvey({ reason: 'vergeten' })).toEqual({ ok: true, answers: { reason: 'vergeten', comment: null, bookingFeeling: null } });
    expect(parseNoShowSurvey({ reason: 'anders', comment: ' Bus reed niet ', booking: '-1' })).toEqual({
      ok: true,
      answers: { reason: 'anders', comment: 'Bus reed niet', bookingFeeling: -1 },
    });
    const missing = parseNoShowSurvey({ comment: 'x', booking: '7' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(Object.keys(missing.errors).sort()).toEqual(['booking', 'reason']);
      expect(missing.values).toEqual({ comment: 'x', booking: '7' });
    }
  });
});

describe('"we hebben u gemist" after a no-show', () => {
  let smtp: TestSmtpServer;
  let server: RunningServer;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    server = await startServer({ SMTP_URL: smtp.url });
    const journey = server.db.$client.prepare("SELECT id FROM journeys WHERE slug = 'paspoort-aanvragen'").get() as { id: number };
    server.db.$client.prepare('INSERT INTO appointment_products (product, journey_id) VALUES (?, ?)').run('paspoort', journey.id);
  });
  afterAll(async () => {
    await server.close();
    await smtp.stop();
  });

  const post = (body: unknown) =>
    fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const appointment = (reference: string, product: string) => ({
    reference,
    product,
    location: 'Stadskantoor',
    channel: 'web',
    bookedAt: '2026-10-01T08:00:00Z',
    startsAt: '2026-11-16T08:00:00Z',
  });

  it('mails the citizen, whose reason is stored and counted among the reasons', async () => {
    expect((await post({ id: 'b1', type: 'appointment.booked', occurredAt: '2026-10-01T08:00:00Z', appointment: appointment('A-1', 'paspoort') })).status).toBe(202);
    const noShow = await post({
      id: 'n1',
      type: 'appointment.no_show',
      occurredAt: '2026-11-16T08:30:00Z',
      appointment: { reference: 'A-1' },
      citizen: { email: 'piet@example.nl' },
    });
    expect(await noShow.json()).toMatchObject({ status: 'accepted', appointment: { status: 'no_show' }, survey: { status: 'accepted' } });

    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toContain('We hebben u gemist');
    expect(mail!.text).toContain('Paspoort of ID-kaart aanvragen');
    const link = surveyLink(mail!);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Waarom kwam u niet naar uw afspraak?');
    expect(html).toContain('Ik wist niet hoe ik de afspraak kon afzeggen');
    expect(html).toContain('Afspraak maken');
    expect(html).not.toContain('name="grade"');

    const before = tableCounts(server.db);
    const invalid = await fetch(link, { method: 'POST', body: new URLSearchParams({ comment: 'Te laat' }) });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('Kies waarom u niet kwam');
    expect(tableCounts(server.db)).toEqual(before);

    const answered = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ reason: 'afzeggen-onduidelijk', comment: 'Bel me op 06-12345678', booking: '-2' }),
    });
    expect(answered.status).toBe(200);
    expect(server.db.$client.prepare('SELECT reason, comment, booking_feeling FROM no_show_responses').all()).toEqual([
      { reason: 'afzeggen-onduidelijk', comment: 'Bel me op [telefoonnummer]', booking_feeling: -2 },
    ]);
    expect((await fetch(link, { method: 'POST', body: new URLSearchParams({ reason: 'vergeten' }) })).status).toBe(409);

    const rows = reasonRowsForPeriod(server.db, '2026-11-01', '2026-11-30', {});
    expect(reasonCounts(rows, () => true)).toEqual([{ reason: 'afzeggen-onduidelijk', count: 1 }]);
    expect(reasonCounts(rows, (row) => row.leadBand === '30+' && row.weekday === 1)).toEqual([{ reason: 'afzeggen-onduidelijk', count: 1 }]);
    expect(reasonCounts(rows, (row) => row.product === 'rijbewijs')).toEqual([]);
  });

  it('asks nothing when the product is not mapped to a journey, or without an address', async () => {
    await post({ id: 'b2', type: 'appointment.booked', occurredAt: '2026-10-01T08:00:00Z', appointment: appointment('A-2', 'rijbewijs') });
    const unmapped = await post({
      id: 'n2',
      type: 'appointment.no_show',
      occurredAt: '2026-11-16T08:30:00Z',
      appointment: { reference: 'A-2' },
      citizen: { email: 'klaas@example.nl' },
    });
    expect(await unmapped.json()).toMatchObject({ survey: { status: 'suppressed', reason: 'product-not-mapped' } });
    await post({ id: 'b3', type: 'appointment.booked', occurredAt: '2026-10-01T08:00:00Z', appointment: appointment('A-3', 'paspoort') });
    const anonymous = await post({ id: 'n3', type: 'appointment.no_show', occurredAt: '2026-11-16T08:30:00Z', appointment: { reference: 'A-3' } });
    const body = await anonymous.json();
    expect(body.survey).toBeUndefined();
    expect(server.db.$client.prepare("SELECT count(*) AS n FROM invitations WHERE kind = 'no-show'").get()).toEqual({ n: 1 });
  });
});
