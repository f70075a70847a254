import { JourneyMapPage } from '../../views/journey-map/journey-map-page';
import type { AppDeps } from '../app';
import { resolveFilters } from '../heartmonitor/filters';
import { staffRouter } from '../http/staff';
import { buildJourneyMap } from './journey-map';

/**
 * /dashboard/klantreiskaart: the journey map for the dashboard's filters, as one printable page.
 * The same query string as /dashboard; a wrong custom period answers 422 with the field errors.
 */
export function journeyMapRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const now = clock.now();
    const filters = resolveFilters(c.req.query(), now);
    const data = buildJourneyMap(db, filters, { minGroupSize: config.MIN_GROUP_SIZE, now }, c.var.user.organisationId);
    const status = Object.keys(filters.errors).length ? 422 : 200;
    return c.render(<JourneyMapPage data={data} user={c.var.user} />, { status });
  });

  return app;
}
