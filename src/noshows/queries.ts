/**
 * The no-show queries. Everything the panel shows comes from ONE grouped query over the covering
 * index `appointments_patterns` (day, product, location, channel, weekday, hour, lead_band,
 * reminded, status): counts per combination of every dimension, from which patterns.ts computes
 * every breakdown, the heat map and the weekly trend in JavaScript.
 *
 * Why a per-day cache on top: with 500,000 appointments a year, 90 days are about 110,000 rows;
 * SQLite needs ~200 ms to group them (its sorter, and handing tens of thousands of grouped rows to
 * JavaScript), four times the panel's budget. Past days hardly change, so the grouped rows are
 * kept per calendar day in compact typed arrays (strings interned), and a request only reloads the
 * days that changed. The product / location / channel filters are applied while adding up the
 * cached rows (the same rows give the filter's choices, so no second query for those). Loading
 * streams in index order (GROUP BY day first matches the index: no sorter).
 *
 * Invalidation: temporary triggers on this connection call back into the cache with the day of
 * every inserted, updated or deleted appointment (whichever code path writes: events, imports,
 * demo data, plain SQL), and `PRAGMA data_version` tells when another connection (a CLI import in
 * another process) committed: then the whole cache is dropped.
 *
 * The breakdown by a segment key (free JSON, so no column or index to group by) is cached the same
 * way, per key and day, with product, location and channel for the filters: json_extract then runs
 * over a day's appointments when that day changes, not over the whole period on every request.
 * Writes pay nothing extra (no roll-up table to maintain on every import row).
 */
import type Database from 'better-sqlite3';
import { shiftDay } from '../calendar';
import type { Db } from '../db/client';
import type { AppointmentStatus, NoShowReason } from '../db/schema';
import { breakdownDimensions } from './dimensions';
import {
  addStatus,
  emptyCounts,
  remindedKey,
  type GroupedRow,
  type OutcomeCounts,
  type PatternDimensions,
  type PatternFilter,
  type PeriodAggregate,
} from './patterns';
import type { ReasonRow } from './reasons';

const statusIndex: Record<AppointmentStatus, number> = { attended: 0, no_show: 1, cancelled: 2, booked: 3 };
const countsOf = (values: ArrayLike<number>, offset: number): OutcomeCounts => ({
  attended: values[offset]!,
  noShow: values[offset + 1]!,
  cancelled: values[offset + 2]!,
  booked: values[offset + 3]!,
});
const hasAny = (values: ArrayLike<number>, offset: number) => values[offset]! + values[offset + 1]! + values[offset + 2]! + values[offset + 3]! > 0;

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
export function groupedAppointmentRows(db: Db, from: string, to: string, filter: PatternFilter = {}): GroupedRow[] {
  const where = filterClause(filter);
  const rows = db.$client
    .prepare(
      `SELECT weekday, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
       FROM appointments WHERE day BETWEEN ? AND ?${where.sql}
       GROUP BY weekday, hour, product, location, channel, lead_band, reminded, status`,
    )
    .raw()
    .all(from, to, ...where.params) as [...DimensionColumns, AppointmentStatus, number][];
  return rows.map((row) => ({ ...dimensionsOf(row), status: row[7], count: row[8] }));
}

/** The same grouped rows with their day (for the trend), without any cache. */
export function groupedAppointmentRowsByDay(db: Db, from: string, to: string): GroupedRow[] {
  const rows = db.$client
    .prepare(
      `SELECT day, weekday, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
       FROM appointments WHERE day BETWEEN ? AND ?
       GROUP BY day, product, location, channel, weekday, hour, lead_band, reminded, status`,
    )
    .raw()
    .all(from, to) as [string, ...DimensionColumns, AppointmentStatus, number][];
  return rows.map(([day, ...row]) => ({ day, ...dimensionsOf(row), status: row[7], count: row[8] }));
}

// Per cached row: hour, product, location, channel, lead band, reminded (ids of interned strings), then four counts.
const STRIDE = 10;
/** About three years of days; beyond that the cache starts over rather than grow without bound. */
const MAX_CACHED_DAYS = 1200;

interface DayBlock {
  weekday: number;
  data: Int32Array;
}

const weekdayOfDay = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

type DayListener = (day: string) => void;
const dayListeners = new WeakMap<Database.Database, Set<DayListener>>();

/**
 * Calls `listener` with the day of every appointment inserted, updated or deleted on this
 * connection (temporary triggers, so every code path that writes is covered); returns the way to stop.
 */
function onAppointmentDayChanged(sqlite: Database.Database, listener: DayListener): () => void {
  let listeners = dayListeners.get(sqlite);
  if (!listeners) {
    const all = (listeners = new Set());
    dayListeners.set(sqlite, all);
    sqlite.function('meethuis_appointment_day_changed', (day: unknown) => {
      for (const notify of all) notify(String(day));
      return null;
    });
    sqlite.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS meethuis_appointments_inserted AFTER INSERT ON main.appointments
        BEGIN SELECT meethuis_appointment_day_changed(NEW.day); END;
      CREATE TEMP TRIGGER IF NOT EXISTS meethuis_appointments_updated AFTER UPDATE ON main.appointments
        BEGIN SELECT meethuis_appointment_day_changed(OLD.day); SELECT meethuis_appointment_day_changed(NEW.day); END;
      CREATE TEMP TRIGGER IF NOT EXISTS meethuis_appointments_deleted AFTER DELETE ON main.appointments
        BEGIN SELECT meethuis_appointment_day_changed(OLD.day); END;
    `);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Grouped appointment rows per calendar day with interned strings, kept current by the day-change
 * triggers and `PRAGMA data_version` (see the top of this file). Subclasses say how a run of days loads.
 */
abstract class PerDayCache {
  protected readonly names: string[] = [];
  protected readonly ids = new Map<string, number>();
  protected readonly days = new Map<string, DayBlock>();
  private dataVersion: number;
  readonly stop: () => void;

  constructor(protected readonly sqlite: Database.Database) {
    this.stop = onAppointmentDayChanged(sqlite, (day) => this.days.delete(day));
    this.dataVersion = this.version();
  }

  private version(): number {
    return this.sqlite.pragma('data_version', { simple: true }) as number;
  }

  protected intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a filter value: -1 for no filter, -2 for a value never seen (matches nothing). */
  protected idOf(value: string | undefined): number {
    return value === undefined ? -1 : (this.ids.get(value) ?? -2);
  }

  /** Reads the grouped rows of a run of consecutive days into `days`. */
  protected abstract fill(from: string, to: string): void;

  /** Makes sure every day of the period is cached and current. */
  protected ensure(from: string, to: string): void {
    const version = this.version();
    if (version !== this.dataVersion || this.days.size > MAX_CACHED_DAYS) {
      this.days.clear();
      this.dataVersion = version;
    }
    let runStart: string | undefined;
    let previous = from;
    for (let day = from; day <= to; day = shiftDay(day, 1)) {
      if (this.days.has(day)) {
        if (runStart) this.fill(runStart, previous);
        runStart = undefined;
      } else runStart ??= day;
      previous = day;
    }
    if (runStart) this.fill(runStart, to);
  }
}

class AppointmentDayCache extends PerDayCache {
  private readonly load: Database.Statement;

  constructor(sqlite: Database.Database) {
    super(sqlite);
    // GROUP BY in the index's own column order: SQLite streams the groups without a sorter.
    this.load = sqlite
      .prepare(
        `SELECT day, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
         FROM appointments WHERE day BETWEEN ? AND ?
         GROUP BY day, product, location, channel, weekday, hour, lead_band, reminded, status`,
      )
      .raw();
  }

  protected fill(from: string, to: string): void {
    const building = new Map<string, number[]>();
    for (let day = from; day <= to; day = shiftDay(day, 1)) building.set(day, []);
    let lastDay = '';
    let current: number[] = [];
    let lastKey = '';
    for (const [day, hour, product, location, channel, leadBand, reminded, status, count] of this.load.iterate(from, to) as IterableIterator<
      [string, number, string, string, string, string, number, AppointmentStatus, number]
    >) {
      if (day !== lastDay) {
        current = building.get(day)!;
        lastDay = day;
        lastKey = '';
      }
      // Rows of one combination arrive together (one per status): they share one cached row.
      const key = `${hour}|${product}|${location}|${channel}|${leadBand}|${reminded}`;
      if (key !== lastKey) {
        current.push(hour, this.intern(product), this.intern(location), this.intern(channel), this.intern(leadBand), reminded ? 1 : 0, 0, 0, 0, 0);
        lastKey = key;
      }
      current[current.length - 4 + statusIndex[status]]! += count;
    }
    for (const [day, values] of building) this.days.set(day, { weekday: weekdayOfDay(day), data: Int32Array.from(values) });
  }

  aggregate(from: string, to: string, filter: PatternFilter): PeriodAggregate {
    this.ensure(from, to);
    const [productId, locationId, channelId] = [this.idOf(filter.product), this.idOf(filter.location), this.idOf(filter.channel)];
    const size = this.names.length;
    const perValue = breakdownDimensions.filter((d) => d !== 'reminded').map(() => new Float64Array(size * 4));
    const [byProduct, byLocation, byChannel, byLead] = perValue as [Float64Array, Float64Array, Float64Array, Float64Array];
    const byReminded = new Float64Array(8);
    const cells = new Float64Array(8 * 24 * 4);
    const seen = [new Uint8Array(size), new Uint8Array(size), new Uint8Array(size)] as const;
    const overall = new Float64Array(4);
    const days = new Map<string, OutcomeCounts>();

    for (let day = from; day <= to; day = shiftDay(day, 1)) {
      const { weekday, data } = this.days.get(day)!;
      const dayCounts = new Float64Array(4);
      for (let o = 0; o < data.length; o += STRIDE) {
        const product = data[o + 1]!;
        const location = data[o + 2]!;
        const channel = data[o + 3]!;
        seen[0][product] = 1;
        seen[1][location] = 1;
        seen[2][channel] = 1;
        if ((productId !== -1 && product !== productId) || (locationId !== -1 && location !== locationId) || (channelId !== -1 && channel !== channelId)) continue;
        const cell = (weekday * 24 + data[o]!) * 4;
        const lead = data[o + 4]! * 4;
        const reminded = data[o + 5]! * 4;
        for (let s = 0; s < 4; s++) {
          const count = data[o + 6 + s]!;
          if (count === 0) continue;
          dayCounts[s]! += count;
          cells[cell + s]! += count;
          byProduct[product * 4 + s]! += count;
          byLocation[location * 4 + s]! += count;
          byChannel[channel * 4 + s]! += count;
          byLead[lead + s]! += count;
          byReminded[reminded + s]! += count;
        }
      }
      if (hasAny(dayCounts, 0)) {
        days.set(day, countsOf(dayCounts, 0));
        for (let s = 0; s < 4; s++) overall[s]! += dayCounts[s]!;
      }
    }

    const toMap = (values: Float64Array) => {
      const map = new Map<string, OutcomeCounts>();
      for (let id = 0; id < size; id++) if (hasAny(values, id * 4)) map.set(this.names[id]!, countsOf(values, id * 4));
      return map;
    };
    const cellMap = new Map<string, OutcomeCounts>();
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const offset = (weekday * 24 + hour) * 4;
        if (hasAny(cells, offset)) cellMap.set(`${weekday}-${hour}`, countsOf(cells, offset));
      }
    }
    const reminded = new Map<string, OutcomeCounts>();
    for (const flag of [1, 0]) if (hasAny(byReminded, flag * 4)) reminded.set(remindedKey(flag === 1), countsOf(byReminded, flag * 4));
    const options = (which: 0 | 1 | 2) =>
      this.names.filter((_, id) => seen[which][id] === 1).sort((a, b) => a.localeCompare(b, 'nl'));
    return {
      overall: countsOf(overall, 0),
      cells: cellMap,
      breakdowns: { product: toMap(byProduct), location: toMap(byLocation), channel: toMap(byChannel), leadBand: toMap(byLead), reminded },
      days,
      options: { products: options(0), locations: options(1), channels: options(2) },
    };
  }
}

const caches = new WeakMap<Database.Database, AppointmentDayCache>();

/**
 * The counts of a period under the filters, from the per-day cache (see the top of this file):
 * the same result as aggregateRows(groupedAppointmentRowsByDay(...), filter), only faster.
 */
export function periodAggregate(db: Db, from: string, to: string, filter: PatternFilter = {}): PeriodAggregate {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new AppointmentDayCache(db.$client)));
  return cache.aggregate(from, to, filter);
}

/** Segment keys are free text from the source systems; only plain ones become a JSON path. */
const SAFE_KEY = /^[\p{L}\p{N}_\- ]{1,60}$/u;

/**
 * The segment keys to offer for the breakdown, from the most recent appointments (a sample: a
 * full scan of every appointment's JSON would cost more than the whole panel).
 */
export function appointmentSegmentKeys(db: Db, sample = 500): string[] {
  const rows = db.$client.prepare('SELECT segment FROM appointments ORDER BY id DESC LIMIT ?').pluck().all(sample) as string[];
  const keys = new Set<string>();
  for (const row of rows) {
    try {
      for (const key of Object.keys(JSON.parse(row) as Record<string, unknown>)) if (SAFE_KEY.test(key)) keys.add(key);
    } catch {
      // A malformed segment adds no keys.
    }
  }
  return [...keys].sort((a, b) => a.localeCompare(b, 'nl'));
}

/** Appointments without the segment key are grouped under this value. */
export const UNKNOWN_SEGMENT = 'onbekend';

const segmentPath = (key: string) => `$."${key}"`;
const segmentName = (value: unknown) => (value === null || value === undefined || value === '' ? UNKNOWN_SEGMENT : String(value));

/**
 * No-show counts per value of one segment key, straight from the table (json_extract over every
 * appointment of the period), without any cache: the reference the cache is tested against, and
 * the benchmark's baseline.
 */
export function segmentBreakdownQuery(db: Db, from: string, to: string, filter: PatternFilter, key: string): Map<string, OutcomeCounts> {
  const groups = new Map<string, OutcomeCounts>();
  if (!SAFE_KEY.test(key)) return groups;
  const where = filterClause(filter);
  const rows = db.$client
    .prepare(
      `SELECT json_extract(segment, ?) AS value, status, count(*) AS n FROM appointments
       WHERE day BETWEEN ? AND ?${where.sql} GROUP BY value, status`,
    )
    .raw()
    .all(segmentPath(key), from, to, ...where.params) as [unknown, AppointmentStatus, number][];
  for (const [value, status, count] of rows) {
    const name = segmentName(value);
    let counts = groups.get(name);
    if (!counts) groups.set(name, (counts = emptyCounts()));
    addStatus(counts, status, count);
  }
  return groups;
}

// Per cached segment row: product, location, channel, segment value (interned), then four counts.
const SEGMENT_STRIDE = 8;
/** Segment keys cached per connection; asking for another one drops the least recently used. */
const MAX_CACHED_SEGMENT_KEYS = 4;

/** The grouped rows of one segment key per day: json_extract runs once per day, not per request. */
class SegmentDayCache extends PerDayCache {
  private readonly load: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly key: string,
  ) {
    super(sqlite);
    this.load = sqlite
      .prepare(
        `SELECT day, product, location, channel, json_extract(segment, ?) AS value, status, count(*) AS n
         FROM appointments WHERE day BETWEEN ? AND ?
         GROUP BY day, product, location, channel, value, status`,
      )
      .raw();
  }

  protected fill(from: string, to: string): void {
    const building = new Map<string, number[]>();
    for (let day = from; day <= to; day = shiftDay(day, 1)) building.set(day, []);
    let lastKey = '';
    let current: number[] = [];
    for (const [day, product, location, channel, value, status, count] of this.load.iterate(segmentPath(this.key), from, to) as IterableIterator<
      [string, string, string, string, unknown, AppointmentStatus, number]
    >) {
      // Values that read the same (1 and '1', null and '') share a row, as they share a group.
      const name = this.intern(segmentName(value));
      const key = `${day}|${product}|${location}|${channel}|${name}`;
      if (key !== lastKey) {
        current = building.get(day)!;
        current.push(this.intern(product), this.intern(location), this.intern(channel), name, 0, 0, 0, 0);
        lastKey = key;
      }
      current[current.length - 4 + statusIndex[status]]! += count;
    }
    for (const [day, values] of building) this.days.set(day, { weekday: weekdayOfDay(day), data: Int32Array.from(values) });
  }

  breakdown(from: string, to: string, filter: PatternFilter): Map<string, OutcomeCounts> {
    this.ensure(from, to);
    const [productId, locationId, channelId] = [this.idOf(filter.product), this.idOf(filter.location), this.idOf(filter.channel)];
    const byValue = new Float64Array(this.names.length * 4);
    for (let day = from; day <= to; day = shiftDay(day, 1)) {
      const { data } = this.days.get(day)!;
      for (let o = 0; o < data.length; o += SEGMENT_STRIDE) {
        if ((productId !== -1 && data[o] !== productId) || (locationId !== -1 && data[o + 1] !== locationId) || (channelId !== -1 && data[o + 2] !== channelId)) continue;
        const value = data[o + 3]! * 4;
        for (let s = 0; s < 4; s++) byValue[value + s]! += data[o + 4 + s]!;
      }
    }
    const groups = new Map<string, OutcomeCounts>();
    for (let id = 0; id < this.names.length; id++) if (hasAny(byValue, id * 4)) groups.set(this.names[id]!, countsOf(byValue, id * 4));
    return groups;
  }
}

const segmentCaches = new WeakMap<Database.Database, Map<string, SegmentDayCache>>();

/**
 * No-show counts per value of one segment key, from a per-day cache like periodAggregate's: the
 * same result as segmentBreakdownQuery, only without re-reading every appointment's JSON.
 */
export function segmentBreakdown(db: Db, from: string, to: string, filter: PatternFilter, key: string): Map<string, OutcomeCounts> {
  if (!SAFE_KEY.test(key)) return new Map();
  let caches = segmentCaches.get(db.$client);
  if (!caches) segmentCaches.set(db.$client, (caches = new Map()));
  let cache = caches.get(key);
  if (cache) caches.delete(key);
  else {
    cache = new SegmentDayCache(db.$client, key);
    if (caches.size >= MAX_CACHED_SEGMENT_KEYS) {
      const [oldest, dropped] = caches.entries().next().value!;
      dropped.stop();
      caches.delete(oldest);
    }
  }
  // Most recently used last: the first entry is the one to drop.
  caches.set(key, cache);
  return cache.breakdown(from, to, filter);
}

/**
 * The "we hebben u gemist" answers of the period per pattern dimension and reason (the rows
 * reasons.ts's reasonCounts adds up), driven from the answers (CROSS JOIN keeps SQLite from looping over every appointment of the period and probing
 * for answers: 10–20 ms at 500,000 appointments, whereas the answers are few).
 */
export function reasonRowsForPeriod(db: Db, from: string, to: string, filter: PatternFilter): ReasonRow[] {
  const where = filterClause(filter, 'a.');
  const rows = db.$client
    .prepare(
      `SELECT a.weekday, a.hour, a.product, a.location, a.channel, a.lead_band, a.reminded, r.reason, count(*) AS n
       FROM no_show_responses AS r CROSS JOIN appointments AS a ON a.id = r.appointment_id
       WHERE a.day BETWEEN ? AND ?${where.sql}
       GROUP BY a.weekday, a.hour, a.product, a.location, a.channel, a.lead_band, a.reminded, r.reason`,
    )
    .raw()
    .all(from, to, ...where.params) as [...DimensionColumns, NoShowReason, number][];
  return rows.map((row) => ({ ...dimensionsOf(row), reason: row[7], count: row[8] }));
}
