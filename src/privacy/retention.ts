import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { lastJobRuns, recordJobRun, type JobRun } from '../job-runs';

/**
 * Retention (bewaartermijnen): what is kept how long, and the purges that enforce it.
 *
 * The rules are pure (policy from the configuration, cut-off instants from "now"); the purges
 * work in small batches, each in its own transaction, walking the table by id. Every batch is
 * idempotent (it selects only rows that still need the change), so a run that is interrupted —
 * a crash, an error, a stop after N batches — leaves a consistent database and the next run
 * simply carries on.
 *
 * Dashboard roll-ups (feeling_rollups, response_rollups) are anonymous daily counts and sums:
 * they hold no link to an invitation, a response or an address, so they stay when responses
 * are deleted. The heart monitor and trends therefore keep their history; the citizens' own
 * words and the panel's "experience" only exist while the responses do. Invitations are
 * anonymised rather than deleted, so the response funnel keeps agreeing with the roll-ups.
 */

export interface RetentionPolicy {
  /** Responses, answers and "we hebben u gemist" answers; also anonymises invitations, appointments and deletes events. */
  responsesMonths: number;
  /** Open-text comments (the score stays until the response goes). */
  commentsMonths: number;
  /** The audit log (BIO: at least 36). */
  auditMonths: number;
  /** Outbox rows no longer queued (sent, failed, cancelled). */
  mailDays: number;
  /** Personal fields in the raw event payloads (0 = at the first run after processing). */
  eventPayloadDays: number;
}

export function retentionPolicy(
  config: Pick<Config, 'RETENTION_RESPONSES_MONTHS' | 'RETENTION_COMMENTS_MONTHS' | 'RETENTION_AUDIT_MONTHS' | 'RETENTION_MAIL_DAYS' | 'RETENTION_EVENT_PAYLOAD_DAYS'>,
): RetentionPolicy {
  return {
    responsesMonths: config.RETENTION_RESPONSES_MONTHS,
    commentsMonths: Math.min(config.RETENTION_COMMENTS_MONTHS, config.RETENTION_RESPONSES_MONTHS),
    auditMonths: Math.max(36, config.RETENTION_AUDIT_MONTHS),
    mailDays: config.RETENTION_MAIL_DAYS,
    eventPayloadDays: config.RETENTION_EVENT_PAYLOAD_DAYS,
  };
}

/** The purges, in the order they run. */
export const retentionRules = [
  'invitation-contact',
  'event-payloads',
  'mail',
  'comments',
  'responses',
  'no-show-responses',
  'invitations',
  'appointments',
  'events',
  'panel-contacts',
  'sessions',
  'audit-log',
] as const;
export type RetentionRule = (typeof retentionRules)[number];

/** The same calendar date N months earlier (UTC), clamped to the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const result = new Date(now);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Per rule: rows from before this instant (inclusive) are purged. */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): Record<RetentionRule, Date> {
  const responses = monthsBefore(now, policy.responsesMonths);
  return {
    'invitation-contact': now,
    'event-payloads': daysBefore(now, policy.eventPayloadDays),
    mail: daysBefore(now, policy.mailDays),
    comments: monthsBefore(now, policy.commentsMonths),
    responses,
    'no-show-responses': responses,
    invitations: responses,
    appointments: responses,
    events: responses,
    'panel-contacts': now,
    sessions: now,
    'audit-log': monthsBefore(now, policy.auditMonths),
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = (source: unknown, keys: string[]): Json | undefined => {
  if (!isObject(source)) return undefined;
  const picked: Json = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
};

/**
 * What stays of a processed event: its kind and the non-personal facts (case type, channel,
 * dates, products, which steps). The case and appointment references, the citizen and the
 * segment go. A whitelist, so a payload of a shape we do not know keeps only its type.
 */
export function minimiseEventPayload(payload: unknown): Json {
  const source = isObject(payload) ? payload : {};
  const kept: Json = { redacted: true };
  if (typeof source.type === 'string') kept.type = source.type;
  if (typeof source.occurredAt === 'string') kept.occurredAt = source.occurredAt;
  const theCase = pick(source.case, ['caseType', 'channel', 'openedAt']);
  if (theCase) kept.case = theCase;
  const appointment = pick(source.appointment, ['product', 'location', 'channel', 'bookedAt', 'startsAt', 'reminderSentAt']);
  if (appointment) kept.appointment = appointment;
  if (Array.isArray(source.touchpoints) && source.touchpoints.every((slug) => typeof slug === 'string')) kept.touchpoints = source.touchpoints;
  return kept;
}

// ---------------------------------------------------------------- the purges

interface BatchContext {
  cutoff: number;
  now: number;
  /** Keyset: only rows with a larger id (the last batch's last id). */
  after: number;
  limit: number;
}

interface BatchResult {
  /** Rows changed or deleted in this batch. */
  rows: number;
  /** Rows the batch looked at (a full batch means there may be more). */
  seen: number;
  last: number;
}

type Step = (client: Db['$client'], context: BatchContext) => BatchResult;

const idList = (ids: number[]) => JSON.stringify(ids);
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

/** A step that selects a batch of ids with `select` (params: cutoff/now, after, limit) and applies `apply` to them. */
function idStep(select: string, params: (context: BatchContext) => unknown[], apply: string[]): Step {
  return (client, context) => {
    const ids = client.prepare(select).pluck().all(...params(context)) as number[];
    if (ids.length === 0) return { rows: 0, seen: 0, last: context.after };
    const list = idList(ids);
    for (const statement of apply) client.prepare(statement).run(list);
    return { rows: ids.length, seen: ids.length, last: ids[ids.length - 1]! };
  };
}

const named = (c: BatchContext) => [{ now: c.now, after: c.after, limit: c.limit }];

/** Invitations whose e-mail address is no longer needed: answered, expired, suppressed or opted out. */
const CLOSED_INVITATION = `(status <> 'open' OR expires_at <= @now OR address_hash IN (SELECT address_hash FROM opt_outs))`;

const steps: Record<RetentionRule, Step[]> = {
  // The address and case reference of a closed invitation; only the keyed address hash stays.
  'invitation-contact': [
    idStep(
      `SELECT id FROM invitations WHERE id > @after AND (email IS NOT NULL OR case_reference <> '') AND ${CLOSED_INVITATION} ORDER BY id LIMIT @limit`,
      named,
      [`UPDATE invitations SET email = NULL, case_reference = '' WHERE id ${IN_IDS}`],
    ),
    // Mails of those invitations that are no longer waiting: the address and the personal link.
    idStep(
      `SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id
        WHERE o.id > @after AND o.status <> 'queued' AND (o.to_address <> '' OR o.text_body IS NOT NULL OR o.html_body IS NOT NULL)
          AND (i.status <> 'open' OR i.expires_at <= @now OR i.address_hash IN (SELECT address_hash FROM opt_outs))
        ORDER BY o.id LIMIT @limit`,
      named,
      [`UPDATE outbox SET to_address = '', text_body = NULL, html_body = NULL WHERE id ${IN_IDS}`],
    ),
  ],
  'event-payloads': [
    (client, c) => {
      const rows = client
        .prepare(
          `SELECT id, payload FROM events WHERE id > ? AND received_at <= ? AND json_extract(payload, '$.redacted') IS NULL ORDER BY id LIMIT ?`,
        )
        .all(c.after, c.cutoff, c.limit) as { id: number; payload: string }[];
      const update = client.prepare('UPDATE events SET payload = ? WHERE id = ?');
      for (const row of rows) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(row.payload);
        } catch {
          parsed = {};
        }
        update.run(JSON.stringify(minimiseEventPayload(parsed)), row.id);
      }
      return { rows: rows.length, seen: rows.length, last: rows.at(-1)?.id ?? c.after };
    },
  ],
  mail: [
    idStep(
      `SELECT id FROM outbox WHERE id > ? AND status <> 'queued' AND coalesce(sent_at, created_at) <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`DELETE FROM outbox WHERE id ${IN_IDS}`],
    ),
  ],
  // The comment text goes; the feeling (or reason) it belongs to stays until the response goes.
  comments: [
    idStep(
      `SELECT id FROM answers WHERE id > ? AND comment IS NOT NULL AND answered_at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`UPDATE answers SET comment = NULL WHERE id ${IN_IDS}`],
    ),
    idStep(
      `SELECT id FROM no_show_responses WHERE id > ? AND comment IS NOT NULL AND submitted_at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`UPDATE no_show_responses SET comment = NULL WHERE id ${IN_IDS}`],
    ),
  ],
  // A response with its answers; a panel member signed up from it stays (without the link).
  responses: [
    idStep(
      `SELECT id FROM responses WHERE id > ? AND submitted_at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [
        `UPDATE panel_members SET response_id = NULL WHERE response_id ${IN_IDS}`,
        `DELETE FROM answers WHERE response_id ${IN_IDS}`,
        `DELETE FROM responses WHERE id ${IN_IDS}`,
      ],
    ),
  ],
  'no-show-responses': [
    idStep(
      `SELECT id FROM no_show_responses WHERE id > ? AND submitted_at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`DELETE FROM no_show_responses WHERE id ${IN_IDS}`],
    ),
  ],
  // Old invitations keep only what the response funnel counts (journey, kind, status, dates).
  invitations: [
    idStep(
      `SELECT id FROM invitations WHERE id > ? AND created_at <= ?
         AND (email IS NOT NULL OR address_hash <> '' OR case_reference <> '' OR token_hash IS NOT NULL OR segment <> '{}')
       ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [
        `DELETE FROM outbox WHERE invitation_id ${IN_IDS}`,
        `UPDATE invitations SET email = NULL, address_hash = '', case_reference = '', token_hash = NULL, segment = '{}' WHERE id ${IN_IDS}`,
      ],
    ),
  ],
  // Old appointments keep their pattern dimensions; the booking reference and address hash go.
  appointments: [
    idStep(
      `SELECT id FROM appointments WHERE id > ? AND starts_at <= ? AND (address_hash IS NOT NULL OR reference <> 'verwijderd-' || id) ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`UPDATE appointments SET address_hash = NULL, reference = 'verwijderd-' || id WHERE id ${IN_IDS}`],
    ),
  ],
  events: [
    idStep(
      `SELECT id FROM events WHERE id > ? AND received_at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`DELETE FROM events WHERE id ${IN_IDS}`],
    ),
  ],
  // The panel erases contact details when a membership ends (src/panel); this is the safety net.
  'panel-contacts': [
    idStep(
      `SELECT id FROM panel_members WHERE id > ? AND status IN ('withdrawn', 'expired') AND contact IS NOT NULL ORDER BY id LIMIT ?`,
      (c) => [c.after, c.limit],
      [`UPDATE panel_members SET contact = NULL WHERE id ${IN_IDS}`],
    ),
    idStep(
      `SELECT o.id FROM outbox o JOIN panel_members m ON m.id = o.panel_member_id
        WHERE o.id > ? AND m.status IN ('withdrawn', 'expired') AND (o.to_address <> '' OR o.text_body IS NOT NULL OR o.html_body IS NOT NULL)
        ORDER BY o.id LIMIT ?`,
      (c) => [c.after, c.limit],
      [`UPDATE outbox SET status = CASE status WHEN 'queued' THEN 'cancelled' ELSE status END, to_address = '', text_body = NULL, html_body = NULL WHERE id ${IN_IDS}`],
    ),
  ],
  // Staff sessions past their end (they hold the network origin and browser of the login).
  sessions: [
    (client, c) => {
      const ids = client.prepare('SELECT id_hash FROM sessions WHERE expires_at <= ? LIMIT ?').pluck().all(c.now, c.limit) as string[];
      if (ids.length) client.prepare(`DELETE FROM sessions WHERE id_hash ${IN_IDS}`).run(JSON.stringify(ids));
      return { rows: ids.length, seen: ids.length, last: c.after };
    },
  ],
  'audit-log': [
    idStep(
      `SELECT id FROM audit_log WHERE id > ? AND at <= ? ORDER BY id LIMIT ?`,
      (c) => [c.after, c.cutoff, c.limit],
      [`DELETE FROM audit_log WHERE id ${IN_IDS}`],
    ),
  ],
};

// ---------------------------------------------------------------- the runner

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
      ruleSteps: for (const step of steps[rule]) {
        let after = 0;
        for (;;) {
          if (report.batches >= budget || options.signal?.aborted) {
            outcome.complete = false;
            break ruleSteps;
          }
          const context: BatchContext = { cutoff: cutoffs[rule].getTime(), now: startedAt.getTime(), after, limit };
          const result = db.$client.transaction(() => {
            const batch = step(db.$client, context);
            options.onBatch?.(rule, batch.rows);
            return batch;
            // IMMEDIATE: take the write lock up front so busy_timeout applies while the server writes.
          }).immediate();
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
