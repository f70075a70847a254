/**
 * Calendar days in the municipality's time zone (Europe/Amsterdam): what a manager means by
 * "that day" or "the last 30 days". Days are "YYYY-MM-DD" strings.
 */

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const HOUR_MS = 3_600_000;
let lastHour = Number.NaN;
let lastDay = '';

/**
 * The Dutch calendar day of an instant. Since 1970 Amsterdam's clock differs from UTC by whole
 * hours and switches on a whole UTC hour, so one UTC hour lies in one day: the last hour's answer
 * is kept, because formatting costs microseconds and the hot paths ask several times per request.
 */
export function dayOf(date: Date): string {
  const time = date.getTime();
  if (!(time >= 0)) return amsterdamDay.format(date);
  const hour = Math.floor(time / HOUR_MS);
  if (hour !== lastHour) {
    lastDay = amsterdamDay.format(date);
    lastHour = hour;
  }
  return lastDay;
}

/** How far Amsterdam's clock is ahead of UTC at this instant (one or two hours). */
function amsterdamOffsetMs(at: number): number {
  const parts = Object.fromEntries(amsterdamParts.formatToParts(new Date(at)).map((part) => [part.type, Number(part.value)]));
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - Math.floor(at / 1000) * 1000;
}

/** Midnight at the start of a calendar day in Amsterdam, as an instant. */
export function startOfAmsterdamDay(year: number, month: number, day: number): Date {
  const wallClock = Date.UTC(year, month - 1, day);
  let instant = wallClock - amsterdamOffsetMs(wallClock);
  // Around a daylight-saving switch the first guess can be an hour off: correct once.
  instant = wallClock - amsterdamOffsetMs(instant);
  return new Date(instant);
}

/**
 * A wall-clock time in Amsterdam ("2 November 2026, 09:30") as an instant. Around a daylight-saving
 * switch a time that does not exist (02:30 in spring) lands an hour on; an ambiguous one (02:30 in
 * autumn) is taken as the second (winter time).
 */
export function amsterdamWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  let instant = wallClock - amsterdamOffsetMs(wallClock);
  instant = wallClock - amsterdamOffsetMs(instant);
  return new Date(instant);
}

/** A YYYY-MM-DD date (what <input type="date"> sends), or undefined when it is not a real date. */
export function parseDay(value: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Day arithmetic on the calendar, independent of time zones and daylight saving. */
export function shiftDay(day: string, days: number): string {
  const parsed = parseDay(day)!;
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + days)).toISOString().slice(0, 10);
}

export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The first and last instant of a range of days (end exclusive). */
export function dayRangeInstants(from: string, to: string): { start: Date; end: Date } {
  const first = parseDay(from)!;
  const last = parseDay(to)!;
  return {
    start: startOfAmsterdamDay(first.year, first.month, first.day),
    end: startOfAmsterdamDay(last.year, last.month, last.day + 1),
  };
}

/** ISO 8601 week of a day, e.g. "2026-W47", and its month, e.g. "2026-11". */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export interface Quarter {
  /** e.g. "2027-K1" */
  key: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** The calendar quarter of a day ("2027-K1"). */
export function quarterOfDay(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const quarter = (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'];
  return { key: `${year}-K${quarter}`, year, quarter };
}

/** The first and last day of an ISO week ("2026-W36": Monday to Sunday) or a month ("2026-09"). */
export function daysOfPeriod(period: string): { from: string; to: string } {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    // 4 January always lies in week 1; its Monday starts the ISO year.
    const fourth = new Date(Date.UTC(Number(week[1]), 0, 4));
    const monday = shiftDay(fourth.toISOString().slice(0, 10), -((fourth.getUTCDay() + 6) % 7) + 7 * (Number(week[2]) - 1));
    return { from: monday, to: shiftDay(monday, 6) };
  }
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { from: `${period}-01`, to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

const amsterdamClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Weekday (1 = Monday … 7 = Sunday) and hour of an instant on Dutch clocks. */
export function weekdayAndHour(date: Date): { weekday: number; hour: number } {
  const parts = Object.fromEntries(amsterdamClock.formatToParts(date).map((part) => [part.type, part.value]));
  return { weekday: weekdays[parts.weekday!] ?? 1, hour: Number(parts.hour) };
}
