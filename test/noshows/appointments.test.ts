import { describe, expect, it } from 'vitest';
import { appointmentLeadBand, nextStatus, noShowRate } from '../../src/noshows/appointment-state';
import { createTestContext, tableCounts } from '../helpers/test-context';

const at = (iso: string) => new Date(iso);

describe('nextStatus', () => {
  it('lets an outcome win over a booking or cancellation, whatever the order', () => {
    const attended = { status: 'attended' as const, at: at('2026-11-10T10:00:00Z') };
    const booked = { status: 'booked' as const, at: at('2026-11-12T10:00:00Z') };
    expect(nextStatus(attended, booked)).toBe(attended);
    expect(nextStatus(booked, attended)).toBe(attended);
    expect(nextStatus({ status: 'cancelled', at: at('2026-11-01T00:00:00Z') }, attended)).toBe(attended);
    expect(nextStatus(attended, { status: 'cancelled', at: at('2026-11-20T00:00:00Z') })).toBe(attended);
  });

  it('takes the later of two outcomes (a correction) and is idempotent', () => {
    const noShow = { status: 'no_show' as const, at: at('2026-11-10T10:30:00Z') };
    const correction = { status: 'attended' as const, at: at('2026-11-10T11:00:00Z') };
    expect(nextStatus(noShow, correction)).toBe(correction);
    expect(nextStatus(correction, noShow)).toBe(correction);
    expect(nextStatus(noShow, { ...noShow })).toEqual(noShow);
    expect(nextStatus(undefined, noShow)).toBe(noShow);
  });
});

describe('appointmentLeadBand and noShowRate', () => {
  it('bands the days between booking and appointment', () => {
    expect(appointmentLeadBand('2026-11-10', '2026-11-10')).toBe('zelfde dag');
    expect(appointmentLeadBand('2026-11-10', '2026-11-12')).toBe('1-2');
    expect(appointmentLeadBand('2026-11-10', '2026-11-17')).toBe('3-7');
    expect(appointmentLeadBand('2026-11-01', '2026-11-15')).toBe('8-14');
    expect(appointmentLeadBand('2026-10-01', '2026-10-31')).toBe('15-30');
    expect(appointmentLeadBand('2026-10-01', '2026-11-01')).toBe('30+');
    expect(appointmentLeadBand(undefined, '2026-11-01')).toBe('onbekend');
  });

  it('counts cancellations apart', () => {
    expect(noShowRate({ attended: 30, noShow: 10 })).toBe(0.25);
    expect(noShowRate({ attended: 0, noShow: 0 })).toBeUndefined();
  });
});

describe('appointment events through the event API', () => {
  const event = (id: string, type: string, occurredAt: string, appointment: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id,
    type,
    occurredAt,
    appointment: { reference: 'A-991', ...appointment },
    ...extra,
  });
  const details = { product: 'paspoort', location: 'Stadskantoor', channel: 'web', bookedAt: '2026-10-01T08:00:00Z', startsAt: '2026-11-02T08:30:00Z' };
  const row = (ctx: ReturnType<typeof createTestContext>) =>
    ctx.db.$client.prepare('SELECT status, product, location, channel, weekday, hour, lead_band, reminded, day FROM appointments').get();

  it('creates the appointment, lets later events update it, and ignores a late booking after the outcome', async () => {
    const ctx = createTestContext();
    const booked = await ctx.postEvent(event('e1', 'appointment.booked', '2026-10-01T08:00:00Z', details, { segment: { district: 'Woensel' } }));
    expect(booked.status).toBe(202);
    expect(await booked.json()).toMatchObject({ status: 'accepted', appointment: { reference: 'A-991', status: 'booked', created: true } });
    // 08:30 UTC on a Monday in November is 09:30 in Amsterdam.
    expect(row(ctx)).toEqual({ status: 'booked', product: 'paspoort', location: 'Stadskantoor', channel: 'web', weekday: 1, hour: 9, lead_band: '30+', reminded: 0, day: '2026-11-02' });

    expect((await ctx.postEvent(event('e2', 'appointment.no_show', '2026-11-02T09:00:00Z', {}))).status).toBe(202);
    expect(row(ctx)).toMatchObject({ status: 'no_show' });
    const late = await ctx.postEvent(event('e0', 'appointment.booked', '2026-09-30T08:00:00Z', { ...details, reminderSentAt: '2026-10-31T08:00:00Z' }));
    expect(await late.json()).toMatchObject({ appointment: { status: 'no_show', statusChanged: false } });
    expect(row(ctx)).toMatchObject({ status: 'no_show', reminded: 1 });
    const again = await ctx.postEvent(event('e2', 'appointment.no_show', '2026-11-02T09:00:00Z', {}));
    expect(await again.json()).toMatchObject({ status: 'duplicate' });
  });

  it('refuses a first event without product or start time (422) and stores nothing', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const response = await ctx.postEvent(event('e1', 'appointment.attended', '2026-11-02T09:00:00Z', { product: 'paspoort' }));
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toContain('startsAt');
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('validates appointment events field by field', async () => {
    const ctx = createTestContext();
    const response = await ctx.postEvent({ id: 'x', type: 'appointment.moved', occurredAt: 'gisteren', appointment: {} });
    expect(response.status).toBe(400);
    const bad = await ctx.postEvent(event('e1', 'appointment.booked', '2026-11-02T09:00:00Z', { ...details, startsAt: 'morgen' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'appointment.startsAt' })]);
  });
});
