/**
 * The no-show queries. Everything the panel shows comes from ONE grouped query over the covering
 * index `appointments_patterns` (day, product, location, channel, weekday, hour, lead_band,
 * reminded, status): counts per combination of every dimension, from which patterns.ts computes
 * every breakdown, the heat map and the weekly trend in JavaScript. The panel reads them through
 * the per-day caches of day-cache.ts; the bare queries here are what those are tested against,
 * and the benchmark's baseline. Every query is one organisation's (default: the hosting one).
 */
import type { Db } from '../db/client';
import { type AppointmentStatus, HOSTING_ORGANISATION_ID, type NoShowReason } from '../db/schema';
import { addStatus, emptyCounts, type GroupedRow, type OutcomeCounts, type PatternDimensions, type PatternFilter } from './patterns';
import type { ReasonRow } from './reasons';

function filterClause(filter: PatternFilter, table = ''): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (const [column, value] of [
    ['product', filter.product],
    ['location', filter.location],
    ['channel', filter.channel],
  ] as const) {
    if (value === undefined) continue;
    parts.push(` AND ${table}${column} = ?`);
    params.push(value);
  }
  return { sql: parts.join(''), params };
}

/** weekday, hour, product, location, channel, lead_band, reminded: the pattern dimensions as the grouped queries select them. */
type DimensionColumns = [number, number, string, string, string, string, number];
const dimensionsOf = ([weekday, hour, product, location, channel, leadBand, reminded]: [...DimensionColumns, ...unknown[]]): PatternDimensions => ({
  weekday,
  hour,
  product,
  location,
  channel,
  leadBand,
  reminded: Boolean(reminded),
});

/**
 * The bare pattern aggregate, without any cache: one query over the covering index for the
 * period and filters, grouped by every dimension and the status. The reference the cache is
 * tested against, and the benchmark's baseline.
 */
export function groupedAppointmentRows(db: Db, from: string, to: string, filter: PatternFilter = {}, organisationId: number = HOSTING_ORGANISATION_ID): GroupedRow[] {
  const where = filterClause(filter);
  const rows = db.$client
    .prepare(
      `SELECT weekday, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
       FROM appointments WHERE organisation_id = ? AND day BETWEEN ? AND ?${where.sql}
       GROUP BY weekday, hour, product, location, channel, lead_band, reminded, status`,
    )
    .raw()
    .all(organisationId, from, to, ...where.params) as [...DimensionColumns, AppointmentStatus, number][];
  return rows.map((row) => ({ ...dimensionsOf(row), status: row[7], count: row[8] }));
}

/** The same grouped rows with their day (for the trend), without any cache. */
export function groupedAppointmentRowsByDay(db: Db, from: string, to: string, organisationId: number = HOSTING_ORGANISATION_ID): GroupedRow[] {
  const rows = db.$client
    .prepare(
      `SELECT day, weekday, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
       FROM appointments WHERE organisation_id = ? AND day BETWEEN ? AND ?
       GROUP BY day, product, location, channel, weekday, hour, lead_band, reminded, status`,
    )
    .raw()
    .all(organisationId, from, to) as [string, ...DimensionColumns, AppointmentStatus, number][];
  return rows.map(([day, ...row]) => ({ day, ...dimensionsOf(row), status: row[7], count: row[8] }));
}

/** Segment keys are free text from the source systems; only plain ones become a JSON path. */
const SAFE_KEY = /^[\p{L}\p{N}_\- ]{1,60}$/u;
export const isSafeSegmentKey = (key: string) => SAFE_KEY.test(key);

/**
 * The segment keys to offer for the breakdown, from the most recent appointments (a sample: a
 * full scan of every appointment's JSON would cost more than the whole panel).
 */
export function appointmentSegmentKeys(db: Db, sample = 500, organisationId: number = HOSTING_ORGANISATION_ID): string[] {
  // "+organisation_id" keeps SQLite walking the table from its newest row (stopping at the sample) instead of sorting all of the organisation's rows from the index.
  const rows = db.$client.prepare('SELECT segment FROM appointments WHERE +organisation_id = ? ORDER BY id DESC LIMIT ?').pluck().all(organisationId, sample) as string[];
  const keys = new Set<string>();
  for (const row of rows) {
    try {
      for (const key of Object.keys(JSON.parse(row) as Record<string, unknown>)) if (isSafeSegmentKey(key)) keys.add(key);
    } catch {
      // A malformed segment adds no keys.
    }
  }
  return [...keys].sort((a, b) => a.localeCompare(b, 'nl'));
}

/** Appointments without the segment key are grouped under this value. */
export const UNKNOWN_SEGMENT = 'onbekend';

/** The JSON path of a safe segment key. */
export const segmentPath = (key: string) => `$."${key}"`;
/** The group a segment value counts under: values that read the same share one. */
export const segmentName = (value: unknown) => (value === null || value === undefined || value === '' ? UNKNOWN_SEGMENT : String(value));

/**
 * No-show counts per value of one segment key, straight from the table (json_extract over every
 * appointment of the period), without any cache: the reference the cache is tested against, and
 * the benchmark's baseline.
 */
export function segmentBreakdownQuery(
  db: Db,
  from: string,
  to: string,
  filter: PatternFilter,
  key: string,
  organisationId: number = HOSTING_ORGANISATION_ID,
): Map<string, OutcomeCounts> {
  const groups = new Map<string, OutcomeCounts>();
  if (!isSafeSegmentKey(key)) return groups;
  const where = filterClause(filter);
  const rows = db.$client
    .prepare(
      `SELECT json_extract(segment, ?) AS value, status, count(*) AS n FROM appointments
       WHERE organisation_id = ? AND day BETWEEN ? AND ?${where.sql} GROUP BY value, status`,
    )
    .raw()
    .all(segmentPath(key), organisationId, from, to, ...where.params) as [unknown, AppointmentStatus, number][];
  for (const [value, status, count] of rows) {
    const name = segmentName(value);
    let counts = groups.get(name);
    if (!counts) groups.set(name, (counts = emptyCounts()));
    addStatus(counts, status, count);
  }
  return groups;
}

/**
 * The "we hebben u gemist" answers of the period per pattern dimension and reason (the rows
 * reasons.ts's reasonCounts adds up), driven from the answers (CROSS JOIN keeps SQLite from looping over every appointment of the period and probing
 * for answers: 10–20 ms at 500,000 appointments, whereas the answers are few).
 */
export function reasonRowsForPeriod(db: Db, from: string, to: string, filter: PatternFilter, organisationId: number = HOSTING_ORGANISATION_ID): ReasonRow[] {
  const where = filterClause(filter, 'a.');
  const rows = db.$client
    .prepare(
      `SELECT a.weekday, a.hour, a.product, a.location, a.channel, a.lead_band, a.reminded, r.reason, count(*) AS n
       FROM no_show_responses AS r CROSS JOIN appointments AS a ON a.id = r.appointment_id
       WHERE a.organisation_id = ? AND a.day BETWEEN ? AND ?${where.sql}
       GROUP BY a.weekday, a.hour, a.product, a.location, a.channel, a.lead_band, a.reminded, r.reason`,
    )
    .raw()
    .all(organisationId, from, to, ...where.params) as [...DimensionColumns, NoShowReason, number][];
  return rows.map((row) => ({ ...dimensionsOf(row), reason: row[7], count: row[8] }));
}
