import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { readBounceMailboxAsJob, type BounceHandler } from '../mail/bounce-mailbox';
import { startPoller, type Poller } from './poller';

/**
 * Reads the bounce mailbox (BOUNCE_IMAP_URL) each round and gives every new message to `handle`,
 * which classifies it and marks the invitation; each round is kept as a job run.
 */
export function startBounceMailboxJob(
  deps: { db: Db; clock: Clock; url: string },
  handle: BounceHandler,
  options: { intervalMs: number; onError: (error: unknown) => void },
): Poller {
  return startPoller({
    name: 'bounceMailbox',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError,
    run: async (signal) => {
      await readBounceMailboxAsJob(deps, handle, { trigger: 'schedule', signal });
    },
  });
}
