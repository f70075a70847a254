// Numbers and dates the Dutch way, in the municipality's time zone.

// Formatters are costly to build (about 0.3 ms each): build them once.
const numberFormats = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const signedFormats = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }));

/** A number the Dutch way: 1.234,5 — with a sign when `signed` (for changes and feelings). */
export function formatNumber(value: number, digits: 0 | 1 | 2 | 3 = 1, signed = false): string {
  return (signed ? signedFormats : numberFormats)[digits]!.format(value);
}

export function formatPercent(share: number): string {
  return `${numberFormats[0]!.format(share * 100)}%`;
}

const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** Dutch long date, e.g. "22 december 2026", in the municipality's time zone. */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const shortMonth = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' });
// Noon UTC is the same calendar day in Amsterdam, summer or winter.
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** A calendar day 'YYYY-MM-DD' the Dutch way ("22 november 2026"). */
export function formatDay(day: string): string {
  return formatDate(noonOf(day));
}

/** Two calendar days ('YYYY-MM-DD') as a short Dutch range: "12 jul – 5 sep 2026", or "6 sep 2026" for one day. */
export function formatDayRange(from: string, to: string): string {
  // ICU puts thin spaces around the dash; plain ones read (and search) the same everywhere.
  return from === to ? shortDate.format(noonOf(from)) : shortDate.formatRange(noonOf(from), noonOf(to)).replace(/\s/g, ' ');
}

/**
 * A period key of the scores ("2026-W36" or "2026-09") the Dutch way: "week 36" — with the year,
 * "week 36 (2026)", when the weeks shown span more than one year — or "sep 2026".
 */
export function formatPeriod(period: string, withYear = false): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `week ${Number(week[2])}${withYear ? ` (${week[1]})` : ''}`;
  return /^\d{4}-\d{2}$/.test(period) ? shortMonth.format(noonOf(`${period}-15`)) : period;
}

/** Period keys of one chart or table: each as formatPeriod, with the year only when they span more than one. */
export function formatPeriods(periods: string[]): string[] {
  const withYear = new Set(periods.map((period) => period.slice(0, 4))).size > 1;
  return periods.map((period) => formatPeriod(period, withYear));
}
