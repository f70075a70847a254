import { digestFrequencies } from '../db/schema';
import { queueDigests, type DigestDeps } from '../digest/send';
import { startPoller, type Poller } from './poller';

/**
 * The digest "Ongezouten feedback": after a month or ISO week ended, each subscriber's digest of
 * it is queued once (src/digest/send.ts remembers per user and period, in the queueing transaction).
 */
export function startDigestJob(
  deps: DigestDeps,
  options: { intervalMs: number; onMailQueued?: () => void; log: (message: string) => void; onError: (error: unknown) => void },
): Poller {
  return startPoller({
    name: 'digest',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError,
    run: () => {
      for (const frequency of digestFrequencies) {
        const report = queueDigests(deps, frequency, { mode: 'schedule' });
        if (report.queued === 0) continue;
        options.log(`Digest ${report.period.key}: queued for ${report.queued} subscriber(s)`);
        options.onMailQueued?.();
      }
    },
  });
}
