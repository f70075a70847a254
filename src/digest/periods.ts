/**
 * The periods a digest covers, as calendar days in Amsterdam (src/calendar.ts): the last complete
 * month or ISO week before today, with the period of equal kind before it for the trend, and the
 * period after it for "actions due". Pure.
 */
import { daysInclusive, isoWeekOf, monthOf, shiftDay } from '../calendar';
import type { DigestFrequency } from '../db/schema';
import type { OverviewPeriod } from '../insight/overview';

export type DigestPeriodKind = DigestFrequency | 'custom';

export interface DigestPeriod extends OverviewPeriod {
  kind: DigestPeriodKind;
  /** What deliveries are remembered by: '2026-10' for a month, '2026-W44' for a week, 'from..to' otherwise. */
  key: string;
  /** The last day of the period after this one: actions due up to it are "due". */
  comingTo: string;
}

const firstOfMonth = (day: string) => `${monthOf(day)}-01`;
const lastOfMonth = (day: string) => shiftDay(firstOfMonth(shiftDay(firstOfMonth(day), 31)), -1);
/** Monday of the ISO week of a day. */
const mondayOf = (day: string) => shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The last calendar month or ISO week that ended before `today` ('YYYY-MM-DD', Amsterdam). */
export function lastCompletePeriod(kind: DigestFrequency, today: string): DigestPeriod {
  if (kind === 'month') {
    const to = shiftDay(firstOfMonth(today), -1);
    const from = firstOfMonth(to);
    const previousTo = shiftDay(from, -1);
    return { kind, key: monthOf(from), from, to, previousFrom: firstOfMonth(previousTo), previousTo, comingTo: lastOfMonth(today) };
  }
  const from = shiftDay(mondayOf(today), -7);
  return { kind, key: isoWeekOf(from), from, to: shiftDay(from, 6), previousFrom: shiftDay(from, -7), previousTo: shiftDay(from, -1), comingTo: shiftDay(from, 13) };
}

/** The month or ISO week that holds `day` (for a stable link to one period). */
export function periodContaining(kind: DigestFrequency, day: string): DigestPeriod {
  return lastCompletePeriod(kind, kind === 'month' ? shiftDay(lastOfMonth(day), 1) : shiftDay(mondayOf(day), 7));
}

/** Any other period (the dashboard's filters): the previous one of equal length before it, and as many days after it. */
export function customPeriod(period: OverviewPeriod): DigestPeriod {
  return { ...period, kind: 'custom', key: `${period.from}..${period.to}`, comingTo: shiftDay(period.to, daysInclusive(period.from, period.to)) };
}
