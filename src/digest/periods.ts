/**
 * The periods a digest covers, as calendar days in Amsterdam (src/calendar.ts): the last complete
 * month or ISO week before today, with the period of equal kind before it for the trend, and the
 * period after it for "actions due". Pure.
 */
import { dayOf, daysInclusive, isoWeekOf, monthOf, parseDay, shiftDay } from '../calendar';
import { resolveFilters, type ResolvedFilters } from '../heartmonitor/filters';
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

/** How /dashboard/samenvatting was asked for: the last month or week (or the one holding `van`), or the dashboard's period. */
export type DigestOver = 'maand' | 'week' | 'periode';

export interface DigestPageRequest {
  over: DigestOver;
  period: DigestPeriod;
  /** The dashboard's filters (period fields and their errors) for the form. */
  filters: ResolvedFilters;
}

/**
 * The period of /dashboard/samenvatting: `over=maand` (the default) the last complete month,
 * `over=week` the last complete ISO week, each with `begin` the month or week holding that day (the
 * mail's stable link; a period not yet complete falls back to the last one); the dashboard's own
 * `periode`/`van`/`tot` with `over=periode`, or without `over` when `periode` is given.
 */
export function digestPageRequest(raw: Record<string, string | undefined>, now: Date): DigestPageRequest {
  const filters = resolveFilters(raw, now);
  const over: DigestOver = raw.over === 'week' || raw.over === 'maand' || raw.over === 'periode' ? raw.over : raw.periode ? 'periode' : 'maand';
  if (over === 'periode') return { over, period: customPeriod(filters), filters };
  const kind = over === 'week' ? 'week' : 'month';
  const today = dayOf(now);
  const last = lastCompletePeriod(kind, today);
  const asked = raw.begin && parseDay(raw.begin) ? periodContaining(kind, raw.begin) : last;
  return { over, period: asked.to < today ? asked : last, filters: { ...filters, errors: {} } };
}
