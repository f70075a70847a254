import { addDays } from '../clock';
import type { Db } from '../db/client';
import { pruneCaseRecords, pseudonymiseClosedCases } from './cases';
import { pruneNotifications } from './inbox';
import { processDueNotifications, type ZgwDeps } from './processor';
import { recentPeriod, reconcileSubscription } from './reconcile';
import { activeSubscriptions } from './subscriptions';

export interface ZgwWorker {
  /** Ask for a round soon (after the webhook stored a notification). */
  wake(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

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
 * Processes the ZGW inbox like the outbox worker sends mail: polling, woken by the webhook, one
 * round at a time. Also runs the periodic reconciliation and forgets old notifications.
 */
export function startZgwWorker(db: Db, deps: ZgwDeps, options: ZgwWorkerOptions): ZgwWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const reconcileEveryMs = options.reconcileEveryMs ?? 0;
  // The first housekeeping a minute after start, then hourly; the reconciliation at its own pace.
  let nextHousekeeping = deps.clock.now().getTime() + 60_000;
  let nextReconcile = nextHousekeeping;

  const housekeeping = async () => {
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
      const report = await reconcileSubscription(db, deps, subscription, recentPeriod(now));
      if (report.error) options.onError?.(new Error(`Reconciling ZGW subscription "${subscription.name}" failed: ${report.error}`));
    }
  };

  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        await housekeeping();
        do {
          again = false;
          const report = await processDueNotifications(db, deps, BATCH);
          if (report.invited > 0) options.onMailQueued?.();
          if (report.invited + report.done + report.skipped + report.retrying + report.failed >= BATCH) again = true;
        } while (again && !stopped);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = undefined;
      }
    })();
  };

  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  round();
  return {
    wake: () => setImmediate(round),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
