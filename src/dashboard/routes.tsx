import { DashboardContent, DashboardPage } from '../../views/dashboard/dashboard-page';
import type { AppDeps } from '../app';
import { dayOf } from '../calendar';
import { pageOrFragment } from '../http/htmx';
import { staffRouter } from '../http/staff';
import { loadOverview } from '../insight/overview';
import { chainJourneysOf } from '../organisations/chain-access';
import { loadDashboard } from './dashboard-data';
import { dashboardCsv } from './export';
import { resolveFilters } from '../heartmonitor/filters';

/**
 * /dashboard serves the whole page, or — for an htmx request — only the part it swaps, so one
 * URL works with and without JavaScript and the address bar always holds the filters.
 */
export function dashboardRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const options = { minGroupSize: config.MIN_GROUP_SIZE, targetGrade: config.TARGET_GRADE };

  app.get('/', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const today = dayOf(clock.now());
    const data = loadDashboard(db, filters, { ...options, today }, c.var.user.organisationId);
    const invalid = Object.keys(filters.errors).length > 0;
    // Without a chosen journey the page opens with "Waar nu eerst" across all journeys.
    const overview = filters.query.reis ? undefined : loadOverview(db, filters, { minGroupSize: config.MIN_GROUP_SIZE, today }, c.var.user.organisationId);
    return pageOrFragment(c, { invalid, fragment: <DashboardContent data={data} />, page: <DashboardPage data={data} user={c.var.user} overview={overview} chains={chainJourneysOf(db, c.var.user.organisationId)} /> });
  });

  app.get('/export.csv', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const data = loadDashboard(db, filters, options, c.var.user.organisationId);
    const name = `meethuis-${data.journey?.slug ?? 'dashboard'}-${filters.from}-${filters.to}.csv`;
    return c.body(dashboardCsv(data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  return app;
}
