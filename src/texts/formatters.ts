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
