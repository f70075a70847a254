/**
 * The call-back service norm in working hours: 09:00–17:00 Amsterdam time on Dutch working days.
 * The dates are inputs (fixed days in 2027), never "now".
 */
import { describe, expect, it } from 'vitest';
import { amsterdamWallClock } from '../../src/calendar';
import { addWorkingHours, isWorkingDay, workingHoursBetween } from '../../src/callbacks/service-norm';
import { shouldOfferCallback } from '../../src/callbacks/offer';

const at = (month: number, day: number, hour: number, minute = 0) => amsterdamWallClock(2027, month, day, hour, minute);

describe('addWorkingHours', () => {
  it('counts within one working day', () => {
    expect(addWorkingHours(at(3, 3, 10), 3)).toEqual(at(3, 3, 13));
  });

  it('carries the rest to the next working day at opening time', () => {
    // Wednesday 15:00 + 3 h: two hours left that day, one on Thursday.
    expect(addWorkingHours(at(3, 3, 15), 3)).toEqual(at(3, 4, 10));
  });

  it('Friday afternoon plus two working days ends on Tuesday afternoon', () => {
    // Friday 5 March 2027 15:00: 2 h Friday, 8 h Monday, 6 h Tuesday.
    expect(addWorkingHours(at(3, 5, 15), 16)).toEqual(at(3, 9, 15));
  });

  it('an evening request starts counting at the next working morning', () => {
    expect(addWorkingHours(at(3, 3, 21, 30), 16)).toEqual(at(3, 5, 17));
    expect(addWorkingHours(at(3, 4, 7), 1)).toEqual(at(3, 4, 10));
  });

  it('a weekend request starts on Monday morning', () => {
    expect(addWorkingHours(at(3, 6, 12), 2)).toEqual(at(3, 8, 11));
  });

  it('skips Easter Monday (and Easter Sunday), but Good Friday is a working day', () => {
    expect(isWorkingDay('2027-03-26')).toBe(true);
    expect(isWorkingDay('2027-03-29')).toBe(false);
    // Friday 26 March 16:00 + 2 h: one hour Good Friday, then Tuesday 30 March (Easter Monday skipped).
    expect(addWorkingHours(at(3, 26, 16), 2)).toEqual(at(3, 30, 10));
  });

  it('skips Koningsdag', () => {
    expect(isWorkingDay('2027-04-27')).toBe(false);
    // Monday 26 April 16:00 + 4 h: one hour Monday, three on Wednesday 28 April.
    expect(addWorkingHours(at(4, 26, 16), 4)).toEqual(at(4, 28, 12));
  });

  it('skips both Christmas days', () => {
    // Friday 24 December 2027 13:00 + 8 h: four hours Friday, the weekend is Christmas, Monday 27 is a working day.
    expect(addWorkingHours(at(12, 24, 13), 8)).toEqual(at(12, 27, 13));
    // 2026: Christmas on Friday, second day on Saturday.
    expect(addWorkingHours(amsterdamWallClock(2026, 12, 24, 16), 2)).toEqual(amsterdamWallClock(2026, 12, 28, 10));
  });

  it('keeps wall-clock hours across the daylight-saving switches', () => {
    // Summer time starts Sunday 28 March 2027; Friday 26 is Good Friday (working), Monday 29 Easter Monday.
    expect(addWorkingHours(at(3, 26, 15), 4)).toEqual(at(3, 30, 11));
    // Winter time starts Sunday 31 October 2027.
    const friday = at(10, 29, 14);
    const due = addWorkingHours(friday, 5);
    expect(due).toEqual(at(11, 1, 11));
    // 3 h Friday + 2 h Monday, but 70 elapsed hours plus the extra hour of the autumn night.
    expect((due.getTime() - friday.getTime()) / 3_600_000).toBe(70);
  });

  it('a due time exactly at closing time stays on that day', () => {
    expect(addWorkingHours(at(3, 3, 9), 8)).toEqual(at(3, 3, 17));
  });
});

describe('workingHoursBetween', () => {
  it('is the inverse of addWorkingHours', () => {
    const start = at(4, 23, 15, 30);
    for (const hours of [0.5, 3, 16, 40]) expect(workingHoursBetween(start, addWorkingHours(start, hours))).toBeCloseTo(hours, 9);
  });

  it('counts no hours over a weekend or a night, and is negative backwards', () => {
    expect(workingHoursBetween(at(3, 5, 17), at(3, 8, 9))).toBe(0);
    expect(workingHoursBetween(at(3, 9, 12), at(3, 8, 12))).toBe(-8);
  });
});

describe('shouldOfferCallback', () => {
  const base = { feelings: [1, 0, null], offerToAll: false, gradeThreshold: 5 };
  it('offers after a grade at or below the threshold', () => {
    expect(shouldOfferCallback({ ...base, grade: 5 })).toBe('low-grade');
    expect(shouldOfferCallback({ ...base, grade: 6 })).toBeUndefined();
    expect(shouldOfferCallback({ ...base, grade: 6, gradeThreshold: 6 })).toBe('low-grade');
  });

  it('offers after a step felt negatively, even with a good grade', () => {
    expect(shouldOfferCallback({ ...base, grade: 8, feelings: [2, -1, null] })).toBe('negative-step');
  });

  it('offers to everyone only when the setting is on', () => {
    expect(shouldOfferCallback({ ...base, grade: 9 })).toBeUndefined();
    expect(shouldOfferCallback({ ...base, grade: 9, offerToAll: true })).toBe('offered-to-all');
    expect(shouldOfferCallback({ ...base, grade: 3, offerToAll: true })).toBe('low-grade');
  });
});
