import { DriversContent, DriversPage } from '../../views/insight/drivers-page';
import type { AppDeps } from '../app';
import { resolveFilters } from '../heartmonitor/filters';
import { pageOrFragment } from '../http/htmx';
import { staffRouter } from '../http/staff';
import { driversPageData } from './drivers-page';

/**
 * /dashboard/drijfveren ("Wat bepaalt het cijfer?"): the key drivers of one journey for the
 * dashboard's filters, as a whole page or — for htmx — the part it swaps; 422 while a filter is wrong.
 */
export function driverRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const data = driversPageData(db, filters, config.MIN_GROUP_SIZE, c.var.user.organisationId);
    const invalid = Object.keys(filters.errors).length > 0;
    return pageOrFragment(c, { invalid, fragment: <DriversContent data={data} />, page: <DriversPage data={data} user={c.var.user} /> });
  });

  return app;
}
