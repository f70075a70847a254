import type { Db } from '../db/client';
import { expireInvitations } from '../invitations/invitations';
import { runPanelJobs, type PanelDeps } from '../panel/panel';
import { startPoller, type Poller } from './poller';

/**
 * Expires invitations past their date, and in the consent panel erases unconfirmed and expired
 * members and queues renewal mails.
 */
export function startExpiryJob(
  db: Db,
  deps: PanelDeps,
  options: { intervalMs: number; onMailQueued?: () => void; onError: (error: unknown) => void },
): Poller {
  return startPoller({
    name: 'expiry',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError,
    run: () => {
      expireInvitations(db, deps.clock);
      if (runPanelJobs(db, deps).renewalsQueued > 0) options.onMailQueued?.();
    },
  });
}
