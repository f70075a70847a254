import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { lastJobRuns, recordJobRun, type JobRun } from '../job-runs';
import { retentionCutoffs, retentionPolicy, retentionRules, type RetentionRule } from './retention-policy';
import { retentionSteps, type BatchContext } from './retention-purges';

export { minimiseEventPayload } from './anonymise';
export { monthsBefore, retentionCutoffs, retentionPolicy, retentionRules, type RetentionPolicy, type RetentionRule } from './retention-policy';

/**
 * Retention (bewaartermijnen): what is kept how long, and the purges that enforce it.
 *
 * The rules are pure (policy from the configuration, cut-off instants from "now"); the purges
 * work in small batches, each in its own transaction, walking the table by id. Every batch is
 * idempotent (it selects only rows that still need the change), so a run that is interrupted —
 * a crash, an error, a stop after N batches — leaves a consistent database and the next run
 * simply carries on.
 *
 * Dashboard roll-ups (feeling_rollups, response_rollups, driver_rollups) are anonymous daily counts and sums:
 * they hold no link to an invitation, a response or an address, so they stay when responses
 * are deleted. The heart monitor and trends therefore keep their history; the citizens' own
 * words and the panel's "experience" only exist while the responses do. Invitations are
 * anonymised rather than deleted, so the response funnel keeps agreeing with the roll-ups.
 */

export interface RetentionRuleReport {
  rule: RetentionRule;
  rows: number;
  durationMs: number;
  complete: boolean;
  error: string | null;
}

export interface RetentionReport {
  complete: boolean;
  rows: number;
  batches: number;
  rules: RetentionRuleReport[];
}

export interface RetentionOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches in all (the rest waits for the next run). */
  maxBatches?: number;
  /** Only these rules (default: all). */
  only?: readonly RetentionRule[];
  /** Who started the run, as recorded: 'schedule' (default), 'cli', 'admin:<id>'. */
  trigger?: string;
  /**
   * Called inside each batch's transaction after its writes: throwing rolls that batch back
   * and ends the rule with the error (for tests of interrupted runs; for progress reports).
   */
  onBatch?: (rule: RetentionRule, rows: number) => void;
  /** Aborted (the server is stopping): the run ends after the batch in progress, as incomplete. */
  signal?: AbortSignal;
}

export const RETENTION_JOB = 'retention';
export const DEFAULT_BATCH_SIZE = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Runs the purges. Each rule walks its table in batches of `batchSize` rows, one transaction per
 * batch, yielding to the event loop between batches so the server keeps answering. A rule that
 * fails is recorded with its error and the next rule still runs. The last run of every rule and
 * of the whole job is kept in the settings table (see src/job-runs.ts).
 */
export async function runRetention(db: Db, deps: { clock: Clock; config: Parameters<typeof retentionPolicy>[0] }, options: RetentionOptions = {}): Promise<RetentionReport> {
  const limit = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const budget = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const trigger = options.trigger ?? 'schedule';
  const startedAt = deps.clock.now();
  const cutoffs = retentionCutoffs(retentionPolicy(deps.config), startedAt);
  const started = performance.now();
  const report: RetentionReport = { complete: true, rows: 0, batches: 0, rules: [] };

  for (const rule of retentionRules) {
    if (options.only && !options.only.includes(rule)) continue;
    const ruleStarted = performance.now();
    const ruleStartedAt = deps.clock.now();
    const outcome: RetentionRuleReport = { rule, rows: 0, durationMs: 0, complete: true, error: null };
    try {
      ruleSteps: for (const step of retentionSteps[rule]) {
        let after = 0;
        for (;;) {
          if (report.batches >= budget || options.signal?.aborted) {
            outcome.complete = false;
            break ruleSteps;
          }
          const context: BatchContext = { cutoff: cutoffs[rule], now: startedAt, after, limit };
          // IMMEDIATE: take the write lock up front so busy_timeout applies while the server writes.
          const result = db.transaction(
            (tx) => {
              const batch = step(tx, context);
              options.onBatch?.(rule, batch.rows);
              return batch;
            },
            { behavior: 'immediate' },
          );
          report.batches++;
          outcome.rows += result.rows;
          after = result.last;
          if (result.seen < limit) break;
          await yieldToEventLoop();
        }
      }
    } catch (error) {
      outcome.complete = false;
      outcome.error = describe(error);
    }
    outcome.durationMs = Math.round(performance.now() - ruleStarted);
    report.rules.push(outcome);
    report.rows += outcome.rows;
    if (!outcome.complete) report.complete = false;
    recordJobRun(
      db,
      `${RETENTION_JOB}:${rule}`,
      {
        startedAt: ruleStartedAt.toISOString(),
        finishedAt: deps.clock.now().toISOString(),
        rows: outcome.rows,
        durationMs: outcome.durationMs,
        complete: outcome.complete,
        error: outcome.error,
        trigger,
      },
      deps.clock.now(),
    );
    if ((report.batches >= budget || options.signal?.aborted) && !outcome.complete) break;
  }

  const failed = report.rules.filter((rule) => rule.error);
  recordJobRun(
    db,
    RETENTION_JOB,
    {
      startedAt: startedAt.toISOString(),
      finishedAt: deps.clock.now().toISOString(),
      rows: report.rows,
      durationMs: Math.round(performance.now() - started),
      complete: report.complete,
      error: failed.length ? failed.map((rule) => `${rule.rule}: ${rule.error}`).join('; ').slice(0, 500) : null,
      trigger,
    },
    deps.clock.now(),
  );
  return report;
}

/** The last run of the whole job and of each rule, for the admin page. */
export function lastRetentionRuns(db: Db): { job?: JobRun; rules: Map<RetentionRule, JobRun> } {
  const runs = lastJobRuns(db);
  const rules = new Map<RetentionRule, JobRun>();
  for (const rule of retentionRules) {
    const run = runs.get(`${RETENTION_JOB}:${rule}`);
    if (run) rules.set(rule, run);
  }
  return { job: runs.get(RETENTION_JOB), rules };
}
