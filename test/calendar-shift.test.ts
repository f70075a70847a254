/** The helper that moves other-process fixtures onto the real calendar (test/helpers/calendar-shift.ts). */
import { describe, expect, it } from 'vitest';
import { onTodaysCalendar, shiftDatesInText, shiftInstant, weeksFrom } from './helpers/calendar-shift';

describe('calendar shift for fixtures', () => {
  const fixtureNow = new Date('2026-11-20T15:00:00Z');

  it('counts whole weeks, forwards and backwards', () => {
    expect(weeksFrom(fixtureNow, new Date('2026-11-20T15:00:00Z'))).toBe(0);
    expect(weeksFrom(fixtureNow, new Date('2026-11-27T14:59:59Z'))).toBe(0);
    expect(weeksFrom(fixtureNow, new Date('2026-11-27T15:00:00Z'))).toBe(1);
    expect(weeksFrom(fixtureNow, new Date('2026-11-19T15:00:00Z'))).toBe(-1);
    expect(shiftInstant(new Date('2026-12-02T08:30:00Z'), fixtureNow, new Date('2028-01-08T10:00:00Z')).toISOString()).toBe('2028-01-19T08:30:00.000Z');
  });

  it('moves ISO and Dutch dates, keeping format, time, offset and weekday; impossible dates stay as written', () => {
    const text = 'a,2026-11-02T08:30:00Z,02-11-2026 09:30,2-11-2026 9:30:15,2026-12-02,32-10-2026 10:00,2026-13-01,31-02-2026';
    expect(shiftDatesInText(text, 14)).toBe('a,2026-11-16T08:30:00Z,16-11-2026 09:30,16-11-2026 9:30:15,2026-12-16,32-10-2026 10:00,2026-13-01,31-02-2026');
    expect(shiftDatesInText('2026-12-30;30-12-2026', 7)).toBe('2027-01-06;06-01-2027');
    expect(shiftDatesInText('2026-03-02', -7)).toBe('2026-02-23');
    expect(shiftDatesInText('line 12345-67-8901 and 20261102', 7)).toBe('line 12345-67-8901 and 20261102');
  });

  it('puts a fixture on the calendar of a given now: a future start stays in the future', () => {
    const now = new Date('2028-01-08T10:00:00Z');
    const moved = onTodaysCalendar('start 2026-12-02T08:30:00Z', fixtureNow, now);
    expect(Date.parse(moved.slice(6))).toBeGreaterThan(now.getTime());
    expect(new Date(moved.slice(6)).getUTCDay()).toBe(new Date('2026-12-02T08:30:00Z').getUTCDay());
  });
});
