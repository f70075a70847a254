import { z } from 'zod';
import { dayOf, parseDay, shiftDay } from '../calendar';
import type { Db } from '../db/client';
import type { ZgwSubscription } from '../db/schema';
import { invitedCase } from './cases';
import { findNotification, requeueNotification, storeNotification } from './inbox';
import type { ZgwDeps } from './processor';
import { read } from './resources';
import { credentialsOf } from './subscriptions';
import { ZgwClient } from './zgw-client';

/** How far back a reconciliation may look: older zaken are not worth a survey any more. */
export const RECONCILE_MAX_DAYS = 366;

const listedZaak = z.object({ url: z.string(), einddatum: z.string().nullish(), zaaktype: z.string().nullish() });

export interface ReconcileReport {
  subscription: string;
  /** Zaken the Zaken API lists as closed in the period. */
  closed: number;
  /** Already invited for (through a notification or an earlier run). */
  alreadyInvited: number;
  /** Put in the inbox now (new, or an earlier skip or failure tried again). */
  queued: number;
  /** The Zaken API could not be read; nothing was queued for this subscription. */
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
): Promise<ReconcileReport> {
  const report: ReconcileReport = { subscription: subscription.name, closed: 0, alreadyInvited: 0, queued: 0 };
  const credentials = credentialsOf(subscription, deps.dataKey);
  if (!credentials) return { ...report, error: 'revoked' };
  const client = new ZgwClient(credentials, { clock: deps.clock, timeoutMs: deps.timeoutMs });
  let zaken: z.infer<typeof listedZaak>[];
  try {
    const items = await client.list('zaken', `${credentials.zakenApi}/zaken`, {
      query: { einddatum__gt: shiftDay(period.since, -1), einddatum__lt: shiftDay(period.until, 1) },
      headers: { 'Accept-Crs': 'EPSG:4326' },
    });
    zaken = items.map((item) => read(listedZaak, item, 'zaak'));
  } catch (error) {
    return { ...report, error: error instanceof Error ? error.message : String(error) };
  }
  const now = deps.clock.now();
  for (const zaak of zaken) {
    // Open Zaak applies the filter (an unknown one is a 400); this guards against other servers.
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
