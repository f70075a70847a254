import { filtersToSearch, type DashboardQuery } from '../heartmonitor/filters';

/** The map's address for the dashboard's filters: only what a map uses (no comparison, no granularity). */
export function journeyMapHref(query: DashboardQuery, journeySlug?: string): string {
  const search = filtersToSearch({ ...query, reis: journeySlug ?? query.reis, vergelijk: '', per: '' as DashboardQuery['per'] });
  return `/dashboard/klantreiskaart${search ? `?${search}` : ''}`;
}
