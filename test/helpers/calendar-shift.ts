import { DAY_MS } from '../../src/clock';

/**
 * Fixtures for code that runs in another process (the CLI, the server) are written around a fixed
 * "now", but that process reads the real clock. These helpers move such a fixture onto the real
 * calendar by whole weeks, so what lay in the future or the past still does, and weekdays stay.
 */

/** Whole weeks from the fixture's "now" to the clock's now (negative when the clock is earlier). */
export function weeksFrom(fixtureNow: Date, now: Date = new Date()): number {
  return Math.floor((now.getTime() - fixtureNow.getTime()) / (7 * DAY_MS));
}

/** The fixture's instant moved by whole weeks onto the clock's calendar. */
export function shiftInstant(instant: Date, fixtureNow: Date, now: Date = new Date()): Date {
  return new Date(instant.getTime() + weeksFrom(fixtureNow, now) * 7 * DAY_MS);
}

const pad = (value: number, like: string) => String(value).padStart(like.length, '0');

/** A calendar date moved by days, or undefined when the date does not exist (it is left as written). */
function shiftDate(year: number, month: number, day: number, days: number) {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCDate(date.getUTCDate() + days);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Every date in the text (ISO `2026-11-02…` and Dutch `02-11-2026…`) moved by `days`, keeping its
 * format, its time of day and its offset. Impossible dates (`32-10-2026`) are left as written,
 * so a fixture's deliberately bad values stay bad.
 */
export function shiftDatesInText(text: string, days: number): string {
  if (days === 0) return text;
  return text.replace(/(?<!\d)(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})-(\d{1,2})-(\d{4}))(?!\d)/g, (match, y1, m1, d1, d2, m2, y2) => {
    if (y1 !== undefined) {
      const moved = shiftDate(Number(y1), Number(m1), Number(d1), days);
      return moved ? `${moved.year}-${pad(moved.month, '00')}-${pad(moved.day, '00')}` : match;
    }
    const moved = shiftDate(Number(y2), Number(m2), Number(d2), days);
    return moved ? `${pad(moved.day, d2)}-${pad(moved.month, m2)}-${moved.year}` : match;
  });
}

/** The text's dates moved by whole weeks from the fixture's "now" onto the clock's calendar. */
export function onTodaysCalendar(text: string, fixtureNow: Date, now: Date = new Date()): string {
  return shiftDatesInText(text, weeksFrom(fixtureNow, now) * 7);
}
