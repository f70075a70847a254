/**
 * The no-show panel's per-day caches. With 500,000 appointments a year, 90 days are about 110,000
 * rows; SQLite needs ~200 ms to group them (its sorter, and handing tens of thousands of grouped
 * rows to JavaScript), four times the panel's budget. Past days hardly change, so the grouped rows
 * are kept per calendar day in compact typed arrays (strings interned), and a request only reloads
 * the days that changed. The product / location / channel filters are applied while adding up the
 * cached rows (the same rows give the filter's choices, so no second query for those). Loading
 * streams in index order (GROUP BY day first matches the index: no sorter). The bare queries these
 * caches are tested against are in queries.ts.
 *
 * Invalidation (src/db/write-hooks.ts): temporary triggers on this connection call back into the
 * cache with the day of every inserted, updated or deleted appointment (whichever code path
 * writes: events, imports, demo data, plain SQL), and when another connection (a CLI import in
 * another process) committed the whole cache is dropped.
 *
 * Each organisation has its own caches: a staff member's panel never adds up another's appointments.
 *
 * The breakdown by a segment key (free JSON, so no column or index to group by) is cached the same
 * way, per key and day, with product, location and channel for the filters: json_extract then runs
 * over a day's appointments when that day changes, not over the whole period on every request.
 * Writes pay nothing extra (no roll-up table to maintain on every import row).
 */
import type Database from 'better-sqlite3';
import { shiftDay } from '../calendar';
import type { Db } from '../db/client';
import { type AppointmentStatus, HOSTING_ORGANISATION_ID } from '../db/schema';
import { onTableWrites, watchOtherConnections } from '../db/write-hooks';
import { breakdownDimensions } from './dimensions';
import { remindedKey, type OutcomeCounts, type PatternFilter, type PeriodAggregate } from './patterns';
import { isSafeSegmentKey, segmentName, segmentPath } from './queries';

const statusIndex: Record<AppointmentStatus, number> = { attended: 0, no_show: 1, cancelled: 2, booked: 3 };
const countsOf = (values: ArrayLike<number>, offset: number): OutcomeCounts => ({
  attended: values[offset]!,
  noShow: values[offset + 1]!,
  cancelled: values[offset + 2]!,
  booked: values[offset + 3]!,
});
const hasAny = (values: ArrayLike<number>, offset: number) => values[offset]! + values[offset + 1]! + values[offset + 2]! + values[offset + 3]! > 0;

// Per cached row: hour, product, location, channel, lead band, reminded (ids of interned strings), then four counts.
const STRIDE = 10;
/** About three years of days; beyond that the cache starts over rather than grow without bound. */
const MAX_CACHED_DAYS = 1200;

interface DayBlock {
  weekday: number;
  data: Int32Array;
}

const weekdayOfDay = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * Grouped appointment rows per calendar day with interned strings, kept current by the day-change
 * write hooks (see the top of this file). Subclasses say how a run of days loads.
 */
abstract class PerDayCache {
  protected readonly names: string[] = [];
  protected readonly ids = new Map<string, number>();
  protected readonly days = new Map<string, DayBlock>();
  private readonly otherConnectionsWrote: () => boolean;
  readonly stop: () => void;

  constructor(
    protected readonly sqlite: Database.Database,
    protected readonly organisationId: number,
  ) {
    this.stop = onTableWrites(sqlite, ['appointments'], (day) => this.days.delete(day), 'day');
    this.otherConnectionsWrote = watchOtherConnections(sqlite);
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
    if (this.otherConnectionsWrote() || this.days.size > MAX_CACHED_DAYS) this.days.clear();
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

  constructor(sqlite: Database.Database, organisationId: number) {
    super(sqlite, organisationId);
    // GROUP BY in the index's own column order: SQLite streams the groups without a sorter.
    this.load = sqlite
      .prepare(
        `SELECT day, hour, product, location, channel, lead_band, reminded, status, count(*) AS n
         FROM appointments WHERE organisation_id = ? AND day BETWEEN ? AND ?
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
    for (const [day, hour, product, location, channel, leadBand, reminded, status, count] of this.load.iterate(this.organisationId, from, to) as IterableIterator<
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

const caches = new WeakMap<Database.Database, Map<number, AppointmentDayCache>>();

/**
 * The counts of an organisation's period under the filters, from the per-day cache (see the top
 * of this file): the same result as aggregateRows(groupedAppointmentRowsByDay(...), filter), only faster.
 */
export function periodAggregate(db: Db, from: string, to: string, filter: PatternFilter = {}, organisationId: number = HOSTING_ORGANISATION_ID): PeriodAggregate {
  let perOrganisation = caches.get(db.$client);
  if (!perOrganisation) caches.set(db.$client, (perOrganisation = new Map()));
  let cache = perOrganisation.get(organisationId);
  if (!cache) perOrganisation.set(organisationId, (cache = new AppointmentDayCache(db.$client, organisationId)));
  return cache.aggregate(from, to, filter);
}

// Per cached segment row: product, location, channel, segment value (interned), then four counts.
const SEGMENT_STRIDE = 8;
/** Segment keys cached per connection (and organisation); asking for another one drops the least recently used. */
const MAX_CACHED_SEGMENT_KEYS = 4;

/** The grouped rows of one segment key per day: json_extract runs once per day, not per request. */
class SegmentDayCache extends PerDayCache {
  private readonly load: Database.Statement;

  constructor(
    sqlite: Database.Database,
    organisationId: number,
    private readonly key: string,
  ) {
    super(sqlite, organisationId);
    this.load = sqlite
      .prepare(
        `SELECT day, product, location, channel, json_extract(segment, ?) AS value, status, count(*) AS n
         FROM appointments WHERE organisation_id = ? AND day BETWEEN ? AND ?
         GROUP BY day, product, location, channel, value, status`,
      )
      .raw();
  }

  protected fill(from: string, to: string): void {
    const building = new Map<string, number[]>();
    for (let day = from; day <= to; day = shiftDay(day, 1)) building.set(day, []);
    let lastKey = '';
    let current: number[] = [];
    for (const [day, product, location, channel, value, status, count] of this.load.iterate(segmentPath(this.key), this.organisationId, from, to) as IterableIterator<
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
export function segmentBreakdown(
  db: Db,
  from: string,
  to: string,
  filter: PatternFilter,
  key: string,
  organisationId: number = HOSTING_ORGANISATION_ID,
): Map<string, OutcomeCounts> {
  if (!isSafeSegmentKey(key)) return new Map();
  let caches = segmentCaches.get(db.$client);
  if (!caches) segmentCaches.set(db.$client, (caches = new Map()));
  const cacheKey = `${organisationId}|${key}`;
  let cache = caches.get(cacheKey);
  if (cache) caches.delete(cacheKey);
  else {
    cache = new SegmentDayCache(db.$client, organisationId, key);
    if (caches.size >= MAX_CACHED_SEGMENT_KEYS) {
      const [oldest, dropped] = caches.entries().next().value!;
      dropped.stop();
      caches.delete(oldest);
    }
  }
  // Most recently used last: the first entry is the one to drop.
  caches.set(cacheKey, cache);
  return cache.breakdown(from, to, filter);
}
