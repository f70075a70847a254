import { DriversContent, DriversPage } from '../../views/insight/drivers-page';
import type { AppDeps } from '../app';
import { pageOrFragment } from '../http/htmx';
import { staffRouter } from '../http/staff';
import { loadDriversPage } from './drivers-page-data';
import { resolveFilters } from './filters';

/**
 * /dashboard/drijfveren ("Wat bepaalt het cijfer?"): the key drivers of one journey for the
 * dashboard's filters, as a whole page or — for htmx — the part it swaps. Here rather than in
 * src/insight/ because the dashboard's own data loads the drivers panel: insight stays below it.
 */
export function driverRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const data = loadDriversPage(db, filters, config.MIN_GROUP_SIZE);
    const invalid = Object.keys(filters.errors).length > 0;
    return pageOrFragment(c, { invalid, fragment: <DriversContent data={data} />, page: <DriversPage data={data} user={c.var.user} /> });
  });

  return app;
}
