import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, lt, min } from 'drizzle-orm';
import type { Clock } from '../clock';
import { migrationsFolder, type Db } from '../db/client';
import { outbox, settings } from '../db/schema';
import type { JobStatus } from '../jobs/poller';
import { OUTBOX_OVERDUE_MS } from '../mail/retry';

/**
 * A round may take long (a hanging SMTP server: timeouts per mail), but not this long, nor longer
 * than its job's interval when that is longer.
 */
export const WORKER_ROUND_MAX_MS = 15 * 60_000;
/** How long the readiness probe waits for the write lock (the app itself waits longer). */
const PROBE_BUSY_TIMEOUT_MS = 1_000;
export const HEARTBEAT_KEY = 'health.heartbeat';

export interface CheckResult {
  ok: boolean;
  detail: string;
  [extra: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** The names of the checks that failed. */
  failing: string[];
}

export interface ReadinessDeps {
  db: Db;
  clock: Clock;
  /** The background jobs of this process (src/jobs), when it runs them. */
  jobs?: JobStatus[];
}

const errorCode = (error: unknown) => {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'unknown';
};

/**
 * Writable: a heartbeat row committed in an immediate transaction, so the write lock, the WAL and
 * its fsync are all proven (a rolled-back write would not touch the disk). Waits at most a second
 * for the lock: a probe must answer quickly.
 */
export function checkDatabaseWritable(db: Db, now: Date): CheckResult {
  const sqlite = db.$client;
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
  try {
    db.transaction(
      (tx) => {
        tx.insert(settings)
          .values({ key: HEARTBEAT_KEY, value: now.toISOString(), updatedAt: now })
          .onConflictDoUpdate({ target: [settings.organisationId, settings.key], set: { value: now.toISOString(), updatedAt: now } })
          .run();
      },
      { behavior: 'immediate' },
    );
    return { ok: true, detail: 'a write was committed' };
  } catch (error) {
    return { ok: false, detail: 'the database refused a write', code: errorCode(error) };
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/** Every migration in migrations/meta/_journal.json is recorded in drizzle's table (by its timestamp). */
export function checkMigrations(db: Db): CheckResult {
  let expected: number[];
  try {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
    expected = journal.entries.map((entry) => entry.when);
  } catch {
    return { ok: false, detail: 'the migrations journal cannot be read' };
  }
  let applied: Set<number>;
  try {
    const rows = db.$client.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number | string }[];
    applied = new Set(rows.map((row) => Number(row.at)));
  } catch (error) {
    return { ok: false, detail: 'the migrations table cannot be read', code: errorCode(error) };
  }
  const pending = expected.filter((when) => !applied.has(when)).length;
  return pending === 0
    ? { ok: true, detail: 'all migrations applied', applied: expected.length }
    : { ok: false, detail: `${pending} migration(s) not applied`, applied: expected.length - pending, expected: expected.length };
}

/** No queued mail overdue by more than OUTBOX_OVERDUE_MS past its next attempt. */
export function checkOutbox(db: Db, now: Date): CheckResult {
  try {
    const overdueBefore = new Date(now.getTime() - OUTBOX_OVERDUE_MS);
    const row = db
      .select({ overdue: count(), oldestDue: min(outbox.dueAt) })
      .from(outbox)
      .where(and(eq(outbox.status, 'queued'), lt(outbox.dueAt, overdueBefore)))
      .get();
    const overdue = row?.overdue ?? 0;
    if (overdue === 0) return { ok: true, detail: 'no queued mail is overdue' };
    const minutes = row?.oldestDue ? Math.round((now.getTime() - new Date(row.oldestDue).getTime()) / 60_000) : null;
    return { ok: false, detail: `${overdue} queued mail(s) overdue by more than ${OUTBOX_OVERDUE_MS / 60_000} minutes`, overdue, oldestOverdueMinutes: minutes };
  } catch (error) {
    return { ok: false, detail: 'the outbox cannot be read', code: errorCode(error) };
  }
}

/** A job's check is named `<job>Worker`, as the outbox worker's was before the other jobs joined it. */
const jobCheckName = (job: string) => `${job}Worker`;

/** The outbox's rounds deliver mail; its details read as they did before the other jobs joined it. */
const roundName = (job: string) => (job === 'outbox' ? 'delivery round' : `${job} round`);

/** The job made a round recently, and the round in progress (if any) is not hanging. */
export function checkJob(status: JobStatus, now: Date): CheckResult {
  const round = roundName(status.name);
  const failed = status.lastError === undefined ? {} : { lastRoundFailed: true };
  if (status.stopped) return { ok: false, detail: `the ${status.name} worker is stopped` };
  const age = (at: Date | undefined) => (at ? now.getTime() - at.getTime() : Infinity);
  if (status.running) {
    const runningMs = age(status.lastRoundStartedAt);
    return runningMs <= Math.max(WORKER_ROUND_MAX_MS, status.intervalMs)
      ? { ok: true, detail: `a ${round} is in progress`, ...failed }
      : { ok: false, detail: `the ${round} in progress started ${Math.round(runningMs / 60_000)} minutes ago` };
  }
  // Rounds come every intervalMs; several missed ones mean the timer stopped. A long interval
  // (hourly) may be missed by at most the time a round may take.
  const allowedMs = Math.max(60_000, Math.min(status.intervalMs * 10, status.intervalMs + WORKER_ROUND_MAX_MS));
  const sinceMs = age(status.lastRoundFinishedAt);
  return sinceMs <= allowedMs
    ? { ok: true, detail: `the ${status.name} worker makes its rounds`, lastRoundSecondsAgo: Math.round(sinceMs / 1000), ...failed }
    : { ok: false, detail: Number.isFinite(sinceMs) ? `no ${round} for ${Math.round(sinceMs / 1000)} s` : `no ${round} yet`, ...failed };
}

/** /readyz: ready when the database takes writes, every migration is applied, mail is moving and every job makes its rounds. */
export function checkReadiness(deps: ReadinessDeps): Readiness {
  const now = deps.clock.now();
  const checks: Record<string, CheckResult> = {
    database: checkDatabaseWritable(deps.db, now),
    migrations: checkMigrations(deps.db),
    outbox: checkOutbox(deps.db, now),
  };
  for (const job of deps.jobs ?? []) checks[jobCheckName(job.name)] = checkJob(job, now);
  const failing = Object.entries(checks)
    .filter(([, result]) => !result.ok)
    .map(([name]) => name);
  return { ready: failing.length === 0, checks, failing };
}
