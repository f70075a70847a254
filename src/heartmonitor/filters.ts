import { dayOf, daysInclusive, parseDay, shiftDay } from '../calendar';
import type { Granularity } from './trends';
import { nl } from '../texts';

export const periodChoices = ['30', '90', '365', 'eigen'] as const;
export type PeriodChoice = (typeof periodChoices)[number];

/** The filters as they appear in the URL (shareable), in Dutch like the rest of the interface. */
export interface DashboardQuery {
  reis: string;
  periode: PeriodChoice;
  van: string;
  tot: string;
  segment: string;
  kanaal: string;
  vergelijk: string;
  per: Granularity;
  /** The segment key the weighted figures are weighted to (src/insight/weighting.ts); '' for none. */
  weeg: string;
}

export interface ResolvedFilters {
  query: DashboardQuery;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  segment?: { key: string; value: string };
  channel?: string;
  compareKey?: string;
  /** Checked against the journey's invitation keys when loaded: an unknown key weighs nothing. */
  weightKey?: string;
  granularity: Granularity;
  errors: Record<string, string>;
}

const MAX_DAYS = 3 * 366;

const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/**
 * Reads the dashboard filters from a query string. Unknown values fall back to defaults (a link
 * from an old bookmark still works); a wrong custom period is reported per field.
 */
export function resolveFilters(raw: Record<string, string | undefined>, today: Date): ResolvedFilters {
  const text = (name: string, max = 200) => (raw[name] ?? '').trim().slice(0, max);
  const query: DashboardQuery = {
    reis: text('reis', 80),
    periode: pick(raw.periode, periodChoices, '90'),
    van: text('van', 10),
    tot: text('tot', 10),
    segment: text('segment', 200),
    kanaal: text('kanaal', 60),
    vergelijk: text('vergelijk', 60),
    per: pick(raw.per, ['week', 'maand'] as const, 'week'),
    weeg: text('weeg', 60),
  };
  const errors: Record<string, string> = {};
  const todayDay = dayOf(today);
  let from = shiftDay(todayDay, -89);
  let to = todayDay;
  if (query.periode === 'eigen') {
    const validFrom = parseDay(query.van);
    const validTo = parseDay(query.tot);
    if (!validFrom) errors.van = nl.dashboard.errors.date;
    if (!validTo) errors.tot = nl.dashboard.errors.date;
    if (validFrom && validTo) {
      if (query.tot < query.van) errors.tot = nl.dashboard.errors.range;
      else if (daysInclusive(query.van, query.tot) > MAX_DAYS) errors.tot = nl.dashboard.errors.tooLong;
      else {
        from = query.van;
        to = query.tot;
      }
    }
  } else {
    from = shiftDay(todayDay, -(Number(query.periode) - 1));
  }
  const length = daysInclusive(from, to);
  const separator = query.segment.indexOf(':');
  const segment = separator > 0 ? { key: query.segment.slice(0, separator), value: query.segment.slice(separator + 1) } : undefined;
  return {
    query,
    from,
    to,
    previousFrom: shiftDay(from, -length),
    previousTo: shiftDay(from, -1),
    segment,
    channel: query.kanaal || undefined,
    compareKey: query.vergelijk || undefined,
    weightKey: query.weeg || undefined,
    granularity: query.per,
    errors,
  };
}

/** The query string for these filters, without defaults, for links and the pushed URL. */
export function filtersToSearch(query: DashboardQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return params.toString();
}
