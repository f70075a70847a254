import Holidays from 'date-holidays';
import { amsterdamWallClock, dayOf, parseDay, shiftDay } from '../calendar';

/**
 * The call-back service norm counts working hours: 09:00–17:00 Amsterdam time on Dutch working
 * days (Monday to Friday, not a public holiday). Days are walked as calendar days and each day's
 * window is built from its wall clock, so a daylight-saving switch never shifts the hours.
 */
const OPENS_AT = 9;
const CLOSES_AT = 17;
const HOUR_MS = 3_600_000;

const holidays = new Holidays('NL');
const publicHolidaysByYear = new Map<number, Set<string>>();

/** The Dutch public holidays of a year as YYYY-MM-DD (Koningsdag's Sunday rule and Easter come from date-holidays). */
function publicHolidays(year: number): Set<string> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    // Only 'public' days are days off; Goede Vrijdag and Bevrijdingsdag (most years) are not.
    days = new Set(holidays.getHolidays(year).filter((holiday) => holiday.type === 'public').map((holiday) => holiday.date.slice(0, 10)));
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

/** Whether a YYYY-MM-DD day is a Dutch working day. */
export function isWorkingDay(day: string): boolean {
  const { year, month, day: date } = parseDay(day)!;
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(year).has(day);
}

/** The working window of a working day, as instants. */
function windowOf(day: string): { opens: number; closes: number } {
  const { year, month, day: date } = parseDay(day)!;
  return { opens: amsterdamWallClock(year, month, date, OPENS_AT).getTime(), closes: amsterdamWallClock(year, month, date, CLOSES_AT).getTime() };
}

/**
 * The instant `hours` working hours after `start`. A start outside working hours counts from the
 * next working moment; a result that falls exactly at closing time stays on that day.
 */
export function addWorkingHours(start: Date, hours: number): Date {
  let remaining = hours * HOUR_MS;
  let cursor = start.getTime();
  for (let day = dayOf(start); ; day = shiftDay(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const { opens, closes } = windowOf(day);
    const from = Math.max(cursor, opens);
    if (from >= closes) continue;
    if (remaining <= closes - from) return new Date(from + remaining);
    remaining -= closes - from;
    cursor = closes;
  }
}

/** Working hours between two instants (negative when `to` is before `from`): "late by N working hours". */
export function workingHoursBetween(from: Date, to: Date): number {
  if (to < from) return -workingHoursBetween(to, from);
  let total = 0;
  const end = to.getTime();
  for (let day = dayOf(from); day <= dayOf(to); day = shiftDay(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const { opens, closes } = windowOf(day);
    total += Math.max(0, Math.min(closes, end) - Math.max(opens, from.getTime()));
  }
  return total / HOUR_MS;
}
