import { NoShowContent, NoShowPage } from '../../views/noshows/no-shows-page';
import type { AppDeps } from '../app';
import { pageOrFragment } from '../http/htmx';
import { staffRouter } from '../http/staff';
import { loadNoShows } from './dashboard-data';
import { resolveNoShowFilters } from './filters';
import { noShowCsv } from './export';

/**
 * /dashboard/no-shows serves the whole page, or — for an htmx request — only the part it swaps,
 * like /dashboard: one URL with and without JavaScript, the address bar holding the filters.
 */
export function noShowRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const options = { minGroupSize: config.MIN_GROUP_SIZE };

  app.get('/', (c) => {
    const filters = resolveNoShowFilters(c.req.query(), clock.now());
    const data = loadNoShows(db, filters, { ...options, organisationId: c.var.user.organisationId });
    const invalid = Object.keys(filters.errors).length > 0;
    return pageOrFragment(c, { invalid, fragment: <NoShowContent data={data} />, page: <NoShowPage data={data} user={c.var.user} /> });
  });

  app.get('/export.csv', (c) => {
    const filters = resolveNoShowFilters(c.req.query(), clock.now());
    const data = loadNoShows(db, filters, { ...options, organisationId: c.var.user.organisationId });
    return c.body(noShowCsv(data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="meethuis-no-shows-${filters.from}-${filters.to}.csv"`,
    });
  });

  return app;
}
