/** Retry schedule for mail: 30 s, 1 min, 2 min … capped at 1 hour; gives up after maxAttempts. */
export const MAX_MAIL_ATTEMPTS = 20;

export function retryDelayMs(attempt: number): number {
  const base = 30_000 * 2 ** Math.max(0, attempt - 1);
  return Math.min(base, 60 * 60 * 1000);
}

/** A queued mail this long past its next attempt means no worker is sending (/readyz, the admin page). */
export const OUTBOX_OVERDUE_MS = 15 * 60_000;
