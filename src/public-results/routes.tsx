import { Hono } from 'hono';
import { ResultsPage } from '../../views/public-results/results-page';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';
import { pageHtml } from '../http/render';
import { createResultsCache, publicResults } from './public-results';

/**
 * GET /resultaten — public, no login: the results of the journeys made public, per completed
 * quarter. The same for every visitor, so the page is rendered again only when what it shows
 * changed (a new quarter, a journey made public or renamed, a step added): rendering a dozen
 * tables and heart lines costs far more than reading the cached figures.
 */
export function publicResultsRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono<AppEnv>();
  const cache = createResultsCache();
  let last: { shown: string; html: string } | undefined;
  app.get('/resultaten', async (c) => {
    const journeys = publicResults(db, cache, clock.now(), config.MIN_GROUP_SIZE);
    const shown = JSON.stringify(journeys);
    if (last?.shown !== shown) last = { shown, html: await pageHtml(c, config.ORGANISATION_NAME, <ResultsPage journeys={journeys} />) };
    return c.html(last.html);
  });
  return app;
}
