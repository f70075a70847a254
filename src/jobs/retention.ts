import type { Db } from '../db/client';
import { runRetention } from '../privacy/retention';
import { startPoller, type Poller } from './poller';

/** Retention (src/privacy/retention.ts) in small batches; a stop ends the run between two batches. */
export function startRetentionJob(
  db: Db,
  deps: Parameters<typeof runRetention>[1],
  options: { intervalMs: number; log: (message: string) => void; onError: (error: unknown) => void },
): Poller {
  return startPoller({
    name: 'retention',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError,
    run: async (signal) => {
      const report = await runRetention(db, deps, { signal });
      if (report.rows > 0 || !report.complete) options.log(`Retention: ${report.rows} rows purged${report.complete ? '' : ' (not complete; see /admin/privacy)'}`);
    },
  });
}
