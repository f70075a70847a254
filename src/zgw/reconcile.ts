import { z } from 'zod';
import { dayOf, parseDay, shiftDay } from '../calendar';
import type { Db } from '../db/client';
import type { ZgwSubscription } from '../db/schema';
import { lastJobRuns, recordJobRun, type JobRun } from '../job-runs';
import { invitedCase } from './cases';
import { findNotification, requeueNotification, storeNotification } from './inbox';
import type { ZgwDeps } from './processor';
import { read } from './resources';
import { credentialsOf } from './subscriptions';
import { ZgwClient } from './zgw-client';

/** How far back a reconciliation may look: older zaken are not worth a survey any more. */
export const RECONCILE_MAX_DAYS = 366;

/**
 * The Zaken API is asked one window of this many days at a time: each listing stays short (Open
 * Zaak pages by 100, ordered by -pk, so a zaak closed while a long listing is read can shift the
 * pages), and a window that cannot be read to its end fails the whole run with a clear error.
 */
export const RECONCILE_WINDOW_DAYS = 7;

/** `since`..`until` (both included) cut into consecutive windows of at most RECONCILE_WINDOW_DAYS days. */
export function reconcileWindows(since: string, until: string): { since: string; until: string }[] {
  const windows: { since: string; until: string }[] = [];
  for (let start = since; start <= until; start = shiftDay(start, RECONCILE_WINDOW_DAYS)) {
    const end = shiftDay(start, RECONCILE_WINDOW_DAYS - 1);
    windows.push({ since: start, until: end < until ? end : until });
  }
  return windows;
}

const listedZaak = z.object({ url: z.string(), einddatum: z.string().nullish(), zaaktype: z.string().nullish() });

export interface ReconcileReport {
  subscription: string;
  /** Zaken the Zaken API lists as closed in the period. */
  closed: number;
  /** Already invited for (through a notification or an earlier run). */
  alreadyInvited: number;
  /** Put in the inbox now (new, or an earlier skip or failure tried again). */
  queued: number;
  /** The Zaken API could not be read to the end; nothing was queued for this subscription. */
  error?: string;
}

/** Whether `since`..`until` is a usable period ending today at the latest and at most RECONCILE_MAX_DAYS long. */
export function reconcilePeriodProblem(since: string, until: string, today: string): string | undefined {
  if (!parseDay(since) || !parseDay(until)) return 'Use dates as YYYY-MM-DD.';
  if (since > until) return '--since must not be after --until.';
  if (until > today) return '--until must not be in the future.';
  if (since < shiftDay(today, -RECONCILE_MAX_DAYS)) return `--since may be at most ${RECONCILE_MAX_DAYS} days ago.`;
  return undefined;
}

/**
 * Notifications can be lost by design: asks the Zaken API which zaken got an einddatum in the
 * period (einddatum__gt / einddatum__lt, both exclusive) and puts those not yet invited for in the
 * inbox, where the same processing as for a notification decides. Never invites twice: a zaak
 * already invited is left alone, and processing checks again per zaak.
 */
export async function reconcileSubscription(
  db: Db,
  deps: ZgwDeps,
  subscription: ZgwSubscription,
  period: { since: string; until: string },
  trigger = 'schedule',
): Promise<ReconcileReport> {
  const started = deps.clock.now();
  const report = await readAndQueue(db, deps, subscription, period);
  // Kept as the subscription's last run, so /admin/zgw shows a reconciliation that could not finish.
  const finished = deps.clock.now();
  recordJobRun(
    db,
    reconcileRunName(subscription.id),
    { startedAt: started.toISOString(), finishedAt: finished.toISOString(), rows: report.queued, durationMs: finished.getTime() - started.getTime(), complete: !report.error, error: report.error ?? null, trigger },
    finished,
  );
  return report;
}

const reconcileRunName = (subscriptionId: number) => `zgw-reconcile:${subscriptionId}`;

/** The last reconciliation of each subscription that has had one, by subscription id. */
export function lastReconcileRuns(db: Db): Map<number, JobRun> {
  const runs = new Map<number, JobRun>();
  for (const [name, run] of lastJobRuns(db)) {
    const id = /^zgw-reconcile:(\d+)$/.exec(name)?.[1];
    if (id) runs.set(Number(id), run);
  }
  return runs;
}

async function readAndQueue(db: Db, deps: ZgwDeps, subscription: ZgwSubscription, period: { since: string; until: string }): Promise<ReconcileReport> {
  const report: ReconcileReport = { subscription: subscription.name, closed: 0, alreadyInvited: 0, queued: 0 };
  const credentials = credentialsOf(subscription, deps.dataKey);
  if (!credentials) return { ...report, error: 'revoked' };
  const client = new ZgwClient(credentials, { clock: deps.clock, timeoutMs: deps.timeoutMs });
  // Every window is read before anything is queued: a run that cannot read all is an error, not a partial result.
  const zaken = new Map<string, z.infer<typeof listedZaak>>();
  for (const window of reconcileWindows(period.since, period.until)) {
    try {
      const items = await client.list('zaken', `${credentials.zakenApi}/zaken`, {
        query: { einddatum__gt: shiftDay(window.since, -1), einddatum__lt: shiftDay(window.until, 1) },
        headers: { 'Accept-Crs': 'EPSG:4326' },
      });
      // A zaak may show up on two pages when the list changes while it is read: counted once.
      for (const item of items) {
        const zaak = read(listedZaak, item, 'zaak');
        zaken.set(zaak.url, zaak);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...report, error: `zaken closed ${window.since} … ${window.until}: ${message}` };
    }
  }
  const now = deps.clock.now();
  for (const zaak of zaken.values()) {
    // Open Zaak ≥ 1.10 applies these filters (older versions answer 400: unknown query parameter);
    // re-checked so that a list other than the one asked for never surveys an open zaak or another period.
    const einddatum = zaak.einddatum?.slice(0, 10);
    if (!einddatum || einddatum < period.since || einddatum > period.until) continue;
    report.closed++;
    if (invitedCase(db, deps.addressHashKey, zaak.url)) {
      report.alreadyInvited++;
      continue;
    }
    const stored = storeNotification(db, {
      subscriptionId: subscription.id,
      source: 'reconcile',
      dedupeKey: `reconcile|${zaak.url}`,
      now,
      message: {
        kanaal: 'zaken',
        resource: 'zaak',
        actie: 'reconcile',
        resourceUrl: zaak.url,
        hoofdObject: zaak.url,
        aanmaakdatum: now.toISOString(),
        kenmerken: zaak.zaaktype ? { zaaktype: zaak.zaaktype } : {},
      },
    });
    if (stored.stored) report.queued++;
    else {
      // Found before: try again if it was skipped (a mapping may have been added since) or failed.
      const earlier = findNotification(db, stored.id);
      if (earlier && earlier.status !== 'pending' && earlier.status !== 'done' && requeueNotification(db, stored.id, now)) report.queued++;
    }
  }
  return report;
}

/** The period of the automatic run: the last few days, so a zaak closed late yesterday is caught. */
export function recentPeriod(now: Date, days = 3): { since: string; until: string } {
  const today = dayOf(now);
  return { since: shiftDay(today, -days), until: today };
}
