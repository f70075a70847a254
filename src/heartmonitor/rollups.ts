import type Database from 'better-sqlite3';
import { dayOf } from '../calendar';
import type { Db } from '../db/client';
import { MODE_SEGMENT_KEY, type ResponseMode } from '../db/schema';
import { addToDriverRollups } from './driver-rollups';

/** Lead-time (doorlooptijd) bands of the meethuis model, in days from case opened to closed. */
export const leadBands = ['0-7', '8-14', '15-30', '31-60', '61+', 'onbekend'] as const;
export type LeadBand = (typeof leadBands)[number];

export function leadBandOf(days: number | null): LeadBand {
  if (days === null || !Number.isFinite(days) || days < 0) return 'onbekend';
  if (days <= 7) return '0-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  if (days <= 60) return '31-60';
  return '61+';
}


/**
 * The segment pairs an answer is counted under: everyone, each of its own key/value pairs and,
 * when known, its mode under the reserved key (so the mode filters and compares like a segment).
 */
export function segmentPairs(segment: Record<string, string>, mode?: ResponseMode): [string, string][] {
  const pairs: [string, string][] = [['', ''], ...Object.entries(segment).filter(([key, value]) => key !== '' && key !== MODE_SEGMENT_KEY && value !== '')];
  if (mode) pairs.push([MODE_SEGMENT_KEY, mode]);
  return pairs;
}

export interface RolledUpResponse {
  journeyId: number;
  submittedAt: Date;
  channel: string | null;
  leadTimeDays: number | null;
  segment: Record<string, string>;
  mode: ResponseMode;
  grade: number;
  effort: number;
  answers: { touchpointId: number; feeling: number | null }[];
}

type Statement = Database.Statement<unknown[]>;

// The roll-up upserts run a dozen times per response: prepared once per connection, not per call.
const statements = new WeakMap<Db['$client'], { response: Statement; feeling: Statement; dimension: Statement }>();

function prepared(client: Db['$client']) {
  let cached = statements.get(client);
  if (!cached) {
    cached = {
      response: client.prepare(
        `INSERT INTO response_rollups (journey_id, segment_key, segment_value, day, channel, lead_band, n, grade_sum, grade_sum_squares, grade_at_least_seven,
           effort_sum, effort_sum_squares, feeling_n, feeling_sum, feeling_sum_squares)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + 1, grade_sum = grade_sum + excluded.grade_sum, grade_sum_squares = grade_sum_squares + excluded.grade_sum_squares,
           grade_at_least_seven = grade_at_least_seven + excluded.grade_at_least_seven, effort_sum = effort_sum + excluded.effort_sum,
           effort_sum_squares = effort_sum_squares + excluded.effort_sum_squares, feeling_n = feeling_n + excluded.feeling_n,
           feeling_sum = feeling_sum + excluded.feeling_sum, feeling_sum_squares = feeling_sum_squares + excluded.feeling_sum_squares`,
      ),
      feeling: client.prepare(
        `INSERT INTO feeling_rollups (journey_id, segment_key, segment_value, day, touchpoint_id, channel, answers, n, sum, sum_squares)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
         ON CONFLICT DO UPDATE SET answers = answers + 1, n = n + excluded.n, sum = sum + excluded.sum, sum_squares = sum_squares + excluded.sum_squares`,
      ),
      dimension: client.prepare('INSERT OR IGNORE INTO journey_dimensions (journey_id, dimension, value, is_channel) VALUES (?, ?, ?, ?)'),
    };
    statements.set(client, cached);
  }
  return cached;
}

/** Adds one response to all roll-ups; called inside the transaction that stores it. */
export function addToRollups(db: Pick<Db, '$client'>, response: RolledUpResponse): void {
  addUnderPairs(db, response, segmentPairs(response.segment, response.mode));
}

function addUnderPairs(db: Pick<Db, '$client'>, response: Omit<RolledUpResponse, 'mode' | 'segment'>, pairs: [string, string][]): void {
  rollUpHeartMonitor(db, response, pairs);
  addToDriverRollups(db, {
    journeyId: response.journeyId,
    day: dayOf(response.submittedAt),
    channel: response.channel ?? '',
    pairs,
    grade: response.grade,
    answers: response.answers,
  });
}

/** The heart monitor's share of addToRollups: feelings, scores and the filter choices (apart so a benchmark can time the drivers' share). */
export function addToHeartMonitorRollups(db: Pick<Db, '$client'>, response: RolledUpResponse): void {
  rollUpHeartMonitor(db, response, segmentPairs(response.segment, response.mode));
}

function rollUpHeartMonitor(db: Pick<Db, '$client'>, response: Omit<RolledUpResponse, 'mode' | 'segment'>, pairs: [string, string][]): void {
  const sql = prepared(db.$client);
  const day = dayOf(response.submittedAt);
  const channel = response.channel ?? '';
  const band = leadBandOf(response.leadTimeDays);
  for (const [key, value] of pairs) if (key !== '') sql.dimension.run(response.journeyId, key, value, 0);
  if (channel) sql.dimension.run(response.journeyId, 'channel', channel, 1);
  const { grade, effort } = response;
  const feelings = response.answers.filter((answer) => answer.feeling !== null).map((answer) => answer.feeling!);
  const feelingSum = feelings.reduce((total, feeling) => total + feeling, 0);
  const feelingSquares = feelings.reduce((total, feeling) => total + feeling * feeling, 0);
  for (const [key, value] of pairs) {
    sql.response.run(response.journeyId, key, value, day, channel, band, grade, grade * grade, grade >= 7 ? 1 : 0, effort, effort * effort, feelings.length, feelingSum, feelingSquares);
    for (const answer of response.answers) {
      const feeling = answer.feeling ?? 0;
      sql.feeling.run(response.journeyId, key, value, day, answer.touchpointId, channel, answer.feeling === null ? 0 : 1, feeling, feeling * feeling);
    }
  }
}

type StoredResponse = Omit<RolledUpResponse, 'segment' | 'mode'> & { segment: Record<string, string>; mode: ResponseMode };

/** Every stored response with its answers, in windows of ids (a connection cannot write while it still reads a result). */
function eachStoredResponse(db: Db, visit: (response: StoredResponse) => void): number {
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
    for (const row of window.all(from, from + BACKFILL_WINDOW) as Row[]) byResponse.set(row.id, [...(byResponse.get(row.id) ?? []), row]);
    for (const rows of byResponse.values()) {
      const first = rows[0]!;
      visit({
        journeyId: first.journeyId,
        submittedAt: new Date(first.submittedAt),
        channel: first.channel,
        leadTimeDays: first.leadTimeDays,
        segment: JSON.parse(first.segment) as Record<string, string>,
        mode: first.mode,
        grade: first.grade,
        effort: first.effort,
        answers: rows.map(({ touchpointId, feeling }) => ({ touchpointId, feeling })),
      });
      count++;
    }
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
    eachStoredResponse(db, (response) =>
      addToDriverRollups(db, {
        journeyId: response.journeyId,
        day: dayOf(response.submittedAt),
        channel: response.channel ?? '',
        // Without the mode: backfillModeRollups, which runs after it, adds that to every roll-up.
        pairs: segmentPairs(response.segment),
        grade: response.grade,
        answers: response.answers,
      }),
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
  return db.transaction(() => eachStoredResponse(db, (response) => addUnderPairs(db, response, [[MODE_SEGMENT_KEY, response.mode]])));
}

const BACKFILL_WINDOW = 5000;
