import { DigestPage } from '../../views/digest/digest-page';
import type { AppDeps } from '../app';
import { dayOf } from '../calendar';
import { staffRouter } from '../http/staff';
import { buildDigest } from './digest';
import { digestPageRequest } from './periods';

/**
 * /dashboard/samenvatting: the digest as a printable page, by default over the last complete
 * month (see digestPageRequest for the other periods). A wrong custom period answers 422.
 */
export function digestRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  app.get('/', (c) => {
    const now = clock.now();
    const { over, period, filters } = digestPageRequest(c.req.query(), now);
    const digest = buildDigest(db, period, { minGroupSize: config.MIN_GROUP_SIZE, today: dayOf(now) }, c.var.user.organisationId);
    const status = Object.keys(filters.errors).length ? 422 : 200;
    return c.render(<DigestPage digest={digest} over={over} filters={filters} user={c.var.user} />, { status });
  });

  return app;
}
