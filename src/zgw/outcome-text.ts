import type { ZgwNotification } from '../db/schema';
import { formatDateTime, labelOf, nl } from '../texts';

const t = nl.zgw;

/** What became of a notification, in words. */
export function resultOf(row: ZgwNotification): string[] {
  const lines: string[] = [];
  if (row.status === 'done' && row.outcome) {
    lines.push(row.outcome === 'suppressed' ? t.outcomes.suppressed(labelOf(t.suppressedReasons, row.detail) ?? row.detail ?? '') : t.outcomes[row.outcome]);
  } else if (row.status === 'skipped') {
    lines.push(labelOf(t.skipReasons, row.skipReason) ?? row.skipReason ?? '');
    if (row.detail) lines.push(t.detail(row.detail));
  } else if (row.status === 'pending') {
    lines.push(row.attempts === 0 ? t.waiting : t.retrying(row.attempts, formatDateTime(row.nextAttemptAt)));
  } else if (row.status === 'failed') {
    lines.push(t.failed(row.attempts));
  }
  if (row.lastError && (row.status === 'pending' || row.status === 'failed')) lines.push(t.lastError(row.lastError));
  return lines;
}
