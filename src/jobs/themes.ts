import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { indexPendingComments, pruneClearedComments } from '../insight/theme-index';
import { startPoller, type Poller } from './poller';

/** The themes' indexer (src/insight/theme-index.ts): new comments counted, cleared ones pruned. */
export function startThemesJob(db: Db, clock: Clock, options: { intervalMs: number; onError: (error: unknown) => void }): Poller {
  return startPoller({
    name: 'themes',
    intervalMs: options.intervalMs,
    clock,
    onError: options.onError,
    run: (signal) => {
      indexPendingComments(db, { signal });
      pruneClearedComments(db);
    },
  });
}
