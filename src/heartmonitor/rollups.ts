import type Database from 'better-sqlite3';
import { atCommit, type CommitBatch } from '../db/group-commit';
import type { Db } from '../db/client';
import { statementsPerConnection } from '../db/prepared';
import { MODE_SEGMENT_KEY, type ResponseMode } from '../db/schema';
import { writeDriverRollups } from './driver-rollups';
import { sumRollups, type RolledUpResponse, type RollupContribution } from './rollup-sums';

export { leadBands, leadBandOf, type LeadBand, type RolledUpResponse } from './rollup-sums';

/**
 * The segment pairs an answer is counted under: everyone, each of its own key/value pairs and,
 * when known, its mode under the reserved key (so the mode filters and compares like a segment).
 */
export function segmentPairs(segment: Record<string, string>, mode?: ResponseMode): [string, string][] {
  const pairs: [string, string][] = [['', ''], ...Object.entries(segment).filter(([key, value]) => key !== '' && key !== MODE_SEGMENT_KEY && value !== '')];
  if (mode) pairs.push([MODE_SEGMENT_KEY, mode]);
  return pairs;
}

const statements = statementsPerConnection((client) => ({
  response: client.prepare(
    `INSERT INTO response_rollups (journey_id, segment_key, segment_value, day, channel, lead_band, n, grade_sum, grade_sum_squares, grade_at_least_seven,
       effort_sum, effort_sum_squares, feeling_n, feeling_sum, feeling_sum_squares)
     VALUES (@journeyId, @segmentKey, @segmentValue, @day, @channel, @leadBand, @n, @gradeSum, @gradeSumSquares, @gradeAtLeastSeven,
       @effortSum, @effortSumSquares, @feelingN, @feelingSum, @feelingSumSquares)
     ON CONFLICT DO UPDATE SET n = n + excluded.n, grade_sum = grade_sum + excluded.grade_sum, grade_sum_squares = grade_sum_squares + excluded.grade_sum_squares,
       grade_at_least_seven = grade_at_least_seven + excluded.grade_at_least_seven, effort_sum = effort_sum + excluded.effort_sum,
       effort_sum_squares = effort_sum_squares + excluded.effort_sum_squares, feeling_n = feeling_n + excluded.feeling_n,
       feeling_sum = feeling_sum + excluded.feeling_sum, feeling_sum_squares = feeling_sum_squares + excluded.feeling_sum_squares`,
  ),
  feeling: client.prepare(
    `INSERT INTO feeling_rollups (journey_id, segment_key, segment_value, day, touchpoint_id, channel, answers, n, sum, sum_squares)
     VALUES (@journeyId, @segmentKey, @segmentValue, @day, @touchpointId, @channel, @answers, @n, @sum, @sumSquares)
     ON CONFLICT DO UPDATE SET answers = answers + excluded.answers, n = n + excluded.n, sum = sum + excluded.sum, sum_squares = sum_squares + excluded.sum_squares`,
  ),
  dimension: client.prepare('INSERT OR IGNORE INTO journey_dimensions (journey_id, dimension, value, is_channel) VALUES (?, ?, ?, ?)'),
}));

/** Writes what the contributions add, one upsert per roll-up row they touch; inside the caller's transaction. */
function writeRollups(sqlite: Database.Database, contributions: readonly RollupContribution[]): void {
  const sql = statements(sqlite);
  const sums = sumRollups(contributions);
  for (const row of sums.dimensions) sql.dimension.run(row.journeyId, row.dimension, row.value, row.isChannel ? 1 : 0);
  for (const row of sums.responses) sql.response.run(row);
  for (const row of sums.feelings) sql.feeling.run(row);
  writeDriverRollups(sqlite, sums.drivers);
}

/**
 * The roll-ups only add up, so the submissions of one group commit (src/db/group-commit.ts) are
 * summed and written together just before its COMMIT, in the same transaction as the responses.
 */
const rollupBatch: CommitBatch<RollupContribution> = { write: writeRollups };

/** Adds one response to all roll-ups, in the transaction that stores it (at its group's COMMIT when grouped). */
export function addToRollups(db: Pick<Db, '$client'>, response: RolledUpResponse): void {
  atCommit(db.$client, rollupBatch, { response, pairs: segmentPairs(response.segment, response.mode), heartMonitor: true, drivers: true });
}

/** The heart monitor's share of addToRollups: feelings, scores and the filter choices (apart so a benchmark can time the drivers' share). */
export function addToHeartMonitorRollups(db: Pick<Db, '$client'>, response: RolledUpResponse): void {
  writeRollups(db.$client, [{ response, pairs: segmentPairs(response.segment, response.mode), heartMonitor: true, drivers: false }]);
}

/**
 * Every stored response with its answers, a window of ids at a time (a connection cannot write
 * while it still reads a result), handed over per window.
 */
function eachStoredWindow(db: Db, visit: (responses: RolledUpResponse[]) => void): number {
  const client = db.$client;
  const lastId = (client.prepare('SELECT max(id) AS id FROM responses').get() as { id: number | null }).id ?? 0;
  const window = client.prepare(
    `SELECT r.id, r.journey_id AS journeyId, r.grade, r.effort, r.segment, r.mode, r.channel, r.lead_time_days AS leadTimeDays, r.submitted_at AS submittedAt,
       a.touchpoint_id AS touchpointId, a.feeling
     FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.id > ? AND r.id <= ? ORDER BY r.id, a.id`,
  );
  type Row = { id: number; journeyId: number; grade: number; effort: number; segment: string; mode: ResponseMode; channel: string | null; leadTimeDays: number | null; submittedAt: number; touchpointId: number; feeling: number | null };
  let count = 0;
  for (let from = 0; from < lastId; from += BACKFILL_WINDOW) {
    const byResponse = new Map<number, Row[]>();
    for (const row of window.all(from, from + BACKFILL_WINDOW) as Row[]) {
      const rows = byResponse.get(row.id);
      if (rows) rows.push(row);
      else byResponse.set(row.id, [row]);
    }
    const stored = [...byResponse.values()].map((rows): RolledUpResponse => {
      const first = rows[0]!;
      return {
        journeyId: first.journeyId,
        submittedAt: new Date(first.submittedAt),
        channel: first.channel,
        leadTimeDays: first.leadTimeDays,
        segment: JSON.parse(first.segment) as Record<string, string>,
        mode: first.mode,
        grade: first.grade,
        effort: first.effort,
        answers: rows.map(({ touchpointId, feeling }) => ({ touchpointId, feeling })),
      };
    });
    visit(stored);
    count += stored.length;
  }
  return count;
}

/**
 * The driver roll-ups came after the others: a database with responses from before them gets
 * them built once from the stored answers (with the segments the responses hold now), so the
 * key drivers cover the history too. Does nothing once they exist; returns the responses added.
 */
export function backfillDriverRollups(db: Db): number {
  if (db.$client.prepare('SELECT 1 FROM driver_rollups LIMIT 1').get()) return 0;
  return db.transaction(() =>
    eachStoredWindow(db, (stored) =>
      // Without the mode: backfillModeRollups, which runs after it, adds that to every roll-up.
      writeRollups(db.$client, stored.map((response) => ({ response, pairs: segmentPairs(response.segment), heartMonitor: false, drivers: true }))),
    ),
  );
}

/**
 * The mode came after the roll-ups: responses from before it (their mode set by migration 0019)
 * are counted once under the mode's segment key in every roll-up, so the mode filter and
 * comparison cover the history. Does nothing once any response is counted there; returns the
 * responses added. Runs at start after backfillDriverRollups.
 */
export function backfillModeRollups(db: Db): number {
  if (db.$client.prepare('SELECT 1 FROM response_rollups WHERE segment_key = ? LIMIT 1').get(MODE_SEGMENT_KEY)) return 0;
  return db.transaction(() =>
    eachStoredWindow(db, (stored) =>
      writeRollups(db.$client, stored.map((response) => ({ response, pairs: [[MODE_SEGMENT_KEY, response.mode]], heartMonitor: true, drivers: true }))),
    ),
  );
}

const BACKFILL_WINDOW = 5000;
