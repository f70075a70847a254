/**
 * The no-show dashboard's filters as they appear in the URL and as the queries use them. Pure,
 * like the main dashboard's filters it builds on, so the pages can link with them too.
 */
import { resolveFilters, type PeriodChoice } from '../heartmonitor/filters';
import type { PatternFilter } from './patterns';

/** The filters as they appear in the URL (shareable), in Dutch like the main dashboard's. */
export interface NoShowQuery {
  periode: PeriodChoice;
  van: string;
  tot: string;
  product: string;
  locatie: string;
  kanaal: string;
  segment: string;
}

export interface NoShowFilters {
  query: NoShowQuery;
  from: string;
  to: string;
  filter: PatternFilter;
  segmentKey?: string;
  errors: Record<string, string>;
}

/** Reads the filters; the period works exactly as on the main dashboard (same defaults, same errors). */
export function resolveNoShowFilters(raw: Record<string, string | undefined>, today: Date): NoShowFilters {
  const period = resolveFilters({ periode: raw.periode, van: raw.van, tot: raw.tot }, today);
  const text = (name: string) => (raw[name] ?? '').trim().slice(0, 120);
  const query: NoShowQuery = {
    periode: period.query.periode,
    van: period.query.van,
    tot: period.query.tot,
    product: text('product'),
    locatie: text('locatie'),
    kanaal: text('kanaal'),
    segment: text('segment').slice(0, 60),
  };
  return {
    query,
    from: period.from,
    to: period.to,
    filter: { product: query.product || undefined, location: query.locatie || undefined, channel: query.kanaal || undefined },
    segmentKey: query.segment || undefined,
    errors: period.errors,
  };
}

/** The query string for these filters, without empty values, for links and the pushed URL. */
export function noShowFiltersToSearch(query: NoShowQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return params.toString();
}
