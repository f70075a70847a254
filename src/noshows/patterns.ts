/**
 * No-show patterns, as pure functions over grouped counts (no database here).
 *
 * - The no-show rate is no-shows / (attended + no-shows); cancellations are counted apart and
 *   appointments still booked are not outcomes yet.
 * - Every breakdown (weekday × hour, product, location, booking channel, lead-time band,
 *   reminder, segment) is a set of groups with their counts, rate and 95% Wilson interval.
 * - A group is **flagged** when it has at least the minimum group size of outcomes
 *   (attended + no-shows) and the lower bound of its Wilson interval lies above the overall rate
 *   of the same filtered period: it is then significantly worse than the whole, not just unlucky.
 * - Flagged groups are **ranked by lost appointments**, counted as *excess* no-shows: the
 *   group's no-shows minus what the overall rate predicts for a group of its size,
 *   `noShows − overallRate × (attended + noShows)`. Ranking by the raw number of no-shows would
 *   always put the biggest group on top (every web booking, say) even when it is barely worse
 *   than average; the excess is what the pattern itself costs, and what fixing it could win
 *   back. Ties go to the higher rate, then the larger group.
 */
import type { AppointmentStatus } from '../db/schema';
import { isoWeekOf, shiftDay } from '../calendar';
import { wilsonInterval, type ProportionEstimate } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';
import { appointmentLeadBands, noShowRate } from './appointment-state';
import { breakdownDimensions, type BreakdownDimension, type Dimension } from './dimensions';

export interface OutcomeCounts {
  attended: number;
  noShow: number;
  cancelled: number;
  /** Still booked: no outcome yet (today, or no event received). */
  booked: number;
}

export const emptyCounts = (): OutcomeCounts => ({ attended: 0, noShow: 0, cancelled: 0, booked: 0 });

export function addStatus(counts: OutcomeCounts, status: AppointmentStatus, count: number): void {
  if (status === 'attended') counts.attended += count;
  else if (status === 'no_show') counts.noShow += count;
  else if (status === 'cancelled') counts.cancelled += count;
  else counts.booked += count;
}

export function addCounts(into: OutcomeCounts, from: OutcomeCounts): void {
  into.attended += from.attended;
  into.noShow += from.noShow;
  into.cancelled += from.cancelled;
  into.booked += from.booked;
}

/** Appointments with an outcome: the denominator of the no-show rate. */
export const outcomes = (counts: OutcomeCounts) => counts.attended + counts.noShow;

/** The dimensions an appointment is grouped by in the patterns (and its answers in the reasons). */
export interface PatternDimensions {
  weekday: number;
  hour: number;
  product: string;
  location: string;
  channel: string;
  leadBand: string;
  reminded: boolean;
}

/** One row of the grouped pattern query: a combination of every dimension and a status. */
export interface GroupedRow extends PatternDimensions {
  day?: string;
  status: AppointmentStatus;
  count: number;
}

export interface PatternFilter {
  product?: string;
  location?: string;
  channel?: string;
}


/** Reminder groups are keyed "ja" / "nee". */
export const remindedKey = (reminded: boolean) => (reminded ? 'ja' : 'nee');

/** The counts of one period under the filters: everything the breakdowns need. */
export interface PeriodAggregate {
  overall: OutcomeCounts;
  /** Weekday × hour, keyed "weekday-hour" (1 = Monday). */
  cells: Map<string, OutcomeCounts>;
  breakdowns: Record<BreakdownDimension, Map<string, OutcomeCounts>>;
  /** Per calendar day, for the weekly trend. */
  days: Map<string, OutcomeCounts>;
  /** Values seen in the period whatever the filters: the choices of the filter form. */
  options: { products: string[]; locations: string[]; channels: string[] };
}

const bump = (map: Map<string, OutcomeCounts>, key: string): OutcomeCounts => {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = emptyCounts()));
  return counts;
};

export const matchesFilter = (filter: PatternFilter, row: { product: string; location: string; channel: string }) =>
  (filter.product === undefined || row.product === filter.product) &&
  (filter.location === undefined || row.location === filter.location) &&
  (filter.channel === undefined || row.channel === filter.channel);

const sortedValues = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b, 'nl'));

/** Adds up grouped rows into every breakdown at once, applying the filters. */
export function aggregateRows(rows: Iterable<GroupedRow>, filter: PatternFilter = {}): PeriodAggregate {
  const aggregate: PeriodAggregate = {
    overall: emptyCounts(),
    cells: new Map(),
    breakdowns: { product: new Map(), location: new Map(), channel: new Map(), leadBand: new Map(), reminded: new Map() },
    days: new Map(),
    options: { products: [], locations: [], channels: [] },
  };
  const products = new Set<string>();
  const locations = new Set<string>();
  const channels = new Set<string>();
  for (const row of rows) {
    products.add(row.product);
    locations.add(row.location);
    channels.add(row.channel);
    if (!matchesFilter(filter, row)) continue;
    addStatus(aggregate.overall, row.status, row.count);
    addStatus(bump(aggregate.cells, `${row.weekday}-${row.hour}`), row.status, row.count);
    addStatus(bump(aggregate.breakdowns.product, row.product), row.status, row.count);
    addStatus(bump(aggregate.breakdowns.location, row.location), row.status, row.count);
    addStatus(bump(aggregate.breakdowns.channel, row.channel), row.status, row.count);
    addStatus(bump(aggregate.breakdowns.leadBand, row.leadBand), row.status, row.count);
    addStatus(bump(aggregate.breakdowns.reminded, remindedKey(row.reminded)), row.status, row.count);
    if (row.day) addStatus(bump(aggregate.days, row.day), row.status, row.count);
  }
  aggregate.options = { products: sortedValues(products), locations: sortedValues(locations), channels: sortedValues(channels) };
  return aggregate;
}

export interface GroupSummary {
  dimension: Dimension;
  key: string;
  counts: OutcomeCounts;
  /** attended + no-shows */
  n: number;
  /** At least the minimum group size: only then are the split, the rate and the interval shown. */
  reportable: boolean;
  /** Rate with its 95% Wilson interval; only for reportable groups. */
  estimate?: ProportionEstimate;
  /** No-shows the overall rate predicts for this group, and the no-shows above that (lost appointments). */
  expected?: number;
  excess?: number;
  flagged: boolean;
}

/** A group's figures against the overall rate; flagged when significantly above it. */
export function summarizeGroup(dimension: Dimension, key: string, counts: OutcomeCounts, overallRate: number | undefined, minGroupSize: number): GroupSummary {
  const n = outcomes(counts);
  const reportable = n > 0 && isReportable(n, minGroupSize);
  const estimate = reportable ? wilsonInterval(counts.noShow, n) : undefined;
  const expected = reportable && overallRate !== undefined ? overallRate * n : undefined;
  return {
    dimension,
    key,
    counts,
    n,
    reportable,
    estimate,
    expected,
    excess: expected === undefined ? undefined : counts.noShow - expected,
    flagged: isFlagged(estimate, overallRate),
  };
}

/** Significantly above the overall rate: the interval's lower bound lies above it. */
export function isFlagged(estimate: ProportionEstimate | undefined, overallRate: number | undefined): boolean {
  return estimate !== undefined && overallRate !== undefined && estimate.low > overallRate;
}

/** Flagged groups, most lost appointments (excess no-shows) first. */
export function rankPatterns(groups: GroupSummary[]): GroupSummary[] {
  return groups
    .filter((group) => group.flagged)
    .sort((a, b) => b.excess! - a.excess! || b.estimate!.rate - a.estimate!.rate || b.n - a.n || a.key.localeCompare(b.key, 'nl'));
}

export interface HeatMap {
  weekdays: number[];
  hours: number[];
  /** Keyed "weekday-hour"; every weekday × hour of the grid is present. */
  cells: Map<string, GroupSummary>;
}

export interface NoShowPatterns {
  overall: GroupSummary;
  heatMap: HeatMap;
  breakdowns: Record<BreakdownDimension, GroupSummary[]>;
  segment?: { key: string; groups: GroupSummary[] };
  flagged: GroupSummary[];
  minGroupSize: number;
}

const leadOrder = new Map<string, number>(appointmentLeadBands.map((band, i) => [band, i]));

/** Groups of a breakdown in reading order: lead bands short to long, reminder yes/no, others largest first. */
function ordered(dimension: Dimension, groups: GroupSummary[]): GroupSummary[] {
  if (dimension === 'leadBand') return groups.sort((a, b) => (leadOrder.get(a.key) ?? 99) - (leadOrder.get(b.key) ?? 99));
  if (dimension === 'reminded') return groups.sort((a, b) => (a.key === 'ja' ? -1 : 1) - (b.key === 'ja' ? -1 : 1));
  return groups.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key, 'nl'));
}

/** The heat map's grid: Monday to Friday always, the weekend when it has appointments; the hours that have any. */
export function heatMapGrid(cells: Map<string, OutcomeCounts>): { weekdays: number[]; hours: number[] } {
  let minHour = 24;
  let maxHour = -1;
  const weekend = new Set<number>();
  for (const [key, counts] of cells) {
    if (outcomes(counts) + counts.cancelled + counts.booked === 0) continue;
    const [weekday, hour] = key.split('-').map(Number) as [number, number];
    if (weekday > 5) weekend.add(weekday);
    minHour = Math.min(minHour, hour);
    maxHour = Math.max(maxHour, hour);
  }
  const hours = maxHour < 0 ? [] : Array.from({ length: maxHour - minHour + 1 }, (_, i) => minHour + i);
  return { weekdays: [1, 2, 3, 4, 5, ...[6, 7].filter((day) => weekend.has(day))], hours };
}

/**
 * Every breakdown with rates and intervals, and the flagged patterns ranked. `segment` is the
 * optional breakdown by one segment key (its own query, only when asked).
 */
export function buildPatterns(
  aggregate: Pick<PeriodAggregate, 'overall' | 'cells' | 'breakdowns'>,
  options: { minGroupSize: number; segment?: { key: string; groups: Map<string, OutcomeCounts> } },
): NoShowPatterns {
  const { minGroupSize } = options;
  const overallN = outcomes(aggregate.overall);
  const overallRate = isReportable(overallN, minGroupSize) ? noShowRate(aggregate.overall) : undefined;
  const overall = summarizeGroup('overall', 'alle', aggregate.overall, undefined, minGroupSize);
  const all: GroupSummary[] = [];

  const grid = heatMapGrid(aggregate.cells);
  const cells = new Map<string, GroupSummary>();
  for (const weekday of grid.weekdays) {
    for (const hour of grid.hours) {
      const key = `${weekday}-${hour}`;
      const summary = summarizeGroup('weekdayHour', key, aggregate.cells.get(key) ?? emptyCounts(), overallRate, minGroupSize);
      cells.set(key, summary);
      all.push(summary);
    }
  }
  const breakdowns = {} as Record<BreakdownDimension, GroupSummary[]>;
  for (const dimension of breakdownDimensions) {
    const groups = [...aggregate.breakdowns[dimension]].map(([key, counts]) => summarizeGroup(dimension, key, counts, overallRate, minGroupSize));
    breakdowns[dimension] = ordered(dimension, groups);
    all.push(...groups);
  }
  let segment: NoShowPatterns['segment'];
  if (options.segment) {
    const groups = [...options.segment.groups].map(([key, counts]) => summarizeGroup('segment', key, counts, overallRate, minGroupSize));
    segment = { key: options.segment.key, groups: ordered('segment', groups) };
    all.push(...groups);
  }
  return { overall, heatMap: { ...grid, cells }, breakdowns, segment, flagged: rankPatterns(all), minGroupSize };
}

export interface TrendWeek {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  /** The part of the week inside the period. */
  from: string;
  to: string;
  partial: boolean;
  counts: OutcomeCounts;
  n: number;
  reportable: boolean;
  estimate?: ProportionEstimate;
}

/** The no-show rate per ISO week of the period, every week present (zero when nothing happened). */
export function weeklyTrend(days: Map<string, OutcomeCounts>, from: string, to: string, minGroupSize: number): TrendWeek[] {
  const weeks: TrendWeek[] = [];
  let current: TrendWeek | undefined;
  let daysInWeek = 0;
  for (let day = from; day <= to; day = shiftDay(day, 1)) {
    const week = isoWeekOf(day);
    if (!current || current.week !== week) {
      if (current) current.partial = daysInWeek < 7;
      current = { week, from: day, to: day, partial: false, counts: emptyCounts(), n: 0, reportable: false };
      weeks.push(current);
      daysInWeek = 0;
    }
    daysInWeek++;
    current.to = day;
    const counts = days.get(day);
    if (counts) addCounts(current.counts, counts);
  }
  if (current) current.partial = daysInWeek < 7;
  for (const week of weeks) {
    week.n = outcomes(week.counts);
    week.reportable = week.n > 0 && isReportable(week.n, minGroupSize);
    week.estimate = week.reportable ? wilsonInterval(week.counts.noShow, week.n) : undefined;
  }
  return weeks;
}

/** Whether a grouped row (or a reason row) belongs to a pattern group. */
export function belongsTo(group: Pick<GroupSummary, 'dimension' | 'key'>, row: Omit<GroupedRow, 'status' | 'count' | 'day'>): boolean {
  switch (group.dimension) {
    case 'weekdayHour':
      return `${row.weekday}-${row.hour}` === group.key;
    case 'reminded':
      return remindedKey(row.reminded) === group.key;
    case 'segment':
    case 'overall':
      return group.dimension === 'overall';
    default:
      return row[group.dimension] === group.key;
  }
}
