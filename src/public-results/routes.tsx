import { Hono } from 'hono';
import { ResultsPage } from '../../views/public-results/results-page';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';
import { createResultsCache, publicResults } from './public-results';

/** GET /resultaten — public, no login: the results of the journeys made public, per completed quarter. */
export function publicResultsRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono<AppEnv>();
  const cache = createResultsCache();
  app.get('/resultaten', (c) => c.render(<ResultsPage journeys={publicResults(db, cache, clock.now(), config.MIN_GROUP_SIZE)} />));
  return app;
}
