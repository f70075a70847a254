import { addDays } from '../clock';
import type { Db } from '../db/client';
import { pruneCaseRecords, pseudonymiseClosedCases } from '../zgw/cases';
import { pruneNotifications } from '../zgw/inbox';
import { processDueNotifications, type ZgwDeps } from '../zgw/processor';
import { recentPeriod, reconcileSubscription } from '../zgw/reconcile';
import { activeSubscriptions } from '../zgw/subscriptions';
import { startPoller, type Poller } from './poller';

/** wake() after the webhook stored a notification. */
export type ZgwWorker = Poller;

export interface ZgwWorkerOptions {
  intervalMs: number;
  /** Called when invitations (and so mails) were created. */
  onMailQueued?: () => void;
  onError?: (error: unknown) => void;
  /** Every so often, the last days are reconciled against the Zaken API; 0 turns it off. */
  reconcileEveryMs?: number;
  /** Notifications handled longer ago than this are forgotten. */
  keepDays?: number;
}

const BATCH = 20;

/**
 * Processes the ZGW inbox as the outbox worker sends mail: polling, woken by the webhook, one
 * round at a time. Also runs the periodic reconciliation and forgets old notifications.
 */
export function startZgwWorker(db: Db, deps: ZgwDeps, options: ZgwWorkerOptions): ZgwWorker {
  const reconcileEveryMs = options.reconcileEveryMs ?? 0;
  // The first housekeeping a minute after start, then hourly; the reconciliation at its own pace.
  let nextHousekeeping = deps.clock.now().getTime() + 60_000;
  let nextReconcile = nextHousekeeping;

  const housekeeping = async (signal: AbortSignal) => {
    const now = deps.clock.now();
    if (now.getTime() >= nextHousekeeping) {
      nextHousekeeping = now.getTime() + 60 * 60_000;
      pseudonymiseClosedCases(db, deps.addressHashKey);
      pruneNotifications(db, addDays(now, -(options.keepDays ?? 90)));
      pruneCaseRecords(db, now);
    }
    if (reconcileEveryMs <= 0 || now.getTime() < nextReconcile) return;
    nextReconcile = now.getTime() + reconcileEveryMs;
    for (const subscription of activeSubscriptions(db)) {
      // At shutdown the subscriptions not reached yet wait for the next reconciliation.
      if (signal.aborted) return;
      const report = await reconcileSubscription(db, deps, subscription, recentPeriod(now));
      if (report.error) options.onError?.(new Error(`Reconciling ZGW subscription "${subscription.name}" failed: ${report.error}`));
    }
  };

  const worker = startPoller({
    name: 'zgw',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError ?? (() => {}),
    run: async (signal) => {
      await housekeeping(signal);
      if (signal.aborted) return;
      const report = await processDueNotifications(db, deps, BATCH);
      if (report.invited > 0) options.onMailQueued?.();
      // A full batch handled means more may be waiting right now.
      if (report.invited + report.done + report.skipped + report.retrying + report.failed >= BATCH) worker.wake();
    },
  });
  return worker;
}
