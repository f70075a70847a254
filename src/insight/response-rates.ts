/**
 * "Wie antwoordt, wie niet": per journey and period, the response funnel of the invitations per
 * segment value and per channel — invited, reached, answered, the response rate with its Wilson
 * interval — and the groups that answer significantly less often than the rest of the
 * invitations, tested with a two-proportion z-test, adjusted with Benjamini–Hochberg across every
 * group tested, and shown with Newcombe's interval of the difference. A group below the minimum
 * group size is neither shown nor tested, and neither is a group whose rest is that small.
 *
 * Invitations keep the case's segment and channel themselves (the roll-ups of answers only know
 * the citizens who answered, the funnel roll-up knows no segments), so this counts the period's
 * invitations of one journey from their covering index.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { dayRangeInstants } from '../calendar';
import type { Db } from '../db/client';
import { invitations, MODE_SEGMENT_KEY } from '../db/schema';
import type { DashboardFilter } from '../heartmonitor/queries';
import { compareProportions, upperTailPValue, wilsonInterval, type ProportionDifference, type ProportionEstimate } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';
import { benjaminiHochberg } from './multiple-testing';

/** The false discovery rate an under-heard group is named at. */
export const RESPONSE_FALSE_DISCOVERY_RATE = 0.05;

/** The cases of a group in the period, by what became of them. */
export interface ResponseCounts {
  /** Every case that reached meethuis: invited or not. */
  cases: number;
  /** Cases that got an invitation (not suppressed). */
  invited: number;
  /**
   * Invitations whose mail a mail server accepted and that did not bounce hard (src/mail/bounces.ts):
   * sent minus undeliverable. The response rate is counted over all invited.
   */
  reached: number;
  answered: number;
  /** Cases not invited because the address had opted out. */
  optedOut: number;
  /** Cases not invited because the address was invited recently (fatigue). */
  recentlyInvited: number;
  /** Cases that could not be invited by any way: no e-mail address and no letter (`"delivery": "none"`, or ZGW found none). */
  noAddress: number;
}

export type ResponseDimension = { kind: 'segment'; key: string } | { kind: 'channel' };

export interface ResponseGroup {
  dimension: ResponseDimension;
  /** The segment value or the channel ('' for cases without a channel). */
  value: string;
  counts: ResponseCounts;
  /** answered / invited with its 95% Wilson interval. */
  rate: ProportionEstimate;
}

export interface ResponseTable {
  dimension: ResponseDimension;
  groups: ResponseGroup[];
  /** Groups with fewer invitations than the minimum group size: not shown. */
  hidden: number;
}

export interface UnderHeardGroup {
  dimension: ResponseDimension;
  value: string;
  group: ProportionEstimate;
  /** Every other invitation of the journey and period. */
  rest: ProportionEstimate;
  /** Group minus rest, Newcombe's interval. */
  change: ProportionDifference;
  /** group rate / rest rate: "half zo vaak" is 0.5. */
  ratio: number;
  pValue: number;
  /** Benjamini–Hochberg, across every group tested. */
  adjustedP: number;
}

export interface ResponseRates {
  total: ResponseCounts;
  /** Undefined when fewer than the minimum group size were invited. */
  totalRate?: ProportionEstimate;
  /** One table per segment key of the journey, then the channels. */
  tables: ResponseTable[];
  /** Significantly lower than the rest, lowest ratio first. */
  underHeard: UnderHeardGroup[];
  /** How many groups were tested (group and rest both at least the minimum size). */
  tested: number;
}

const emptyCounts = (): ResponseCounts => ({ cases: 0, invited: 0, reached: 0, answered: 0, optedOut: 0, recentlyInvited: 0, noAddress: 0 });

/** The invitations of the period with the same segment, channel, status and suppression reason, counted. */
export interface FunnelRow {
  segment: Record<string, string>;
  /** '' for cases without a channel. */
  channel: string;
  status: string;
  reason: string;
  count: number;
  mailed: number;
}

function addRow(counts: ResponseCounts, row: FunnelRow): void {
  counts.cases += row.count;
  if (row.status === 'suppressed') {
    if (row.reason === 'opted-out') counts.optedOut += row.count;
    else if (row.reason === 'no-address') counts.noAddress += row.count;
    else counts.recentlyInvited += row.count;
    return;
  }
  counts.invited += row.count;
  if (row.status !== 'undeliverable') counts.reached += row.mailed;
  if (row.status === 'answered') counts.answered += row.count;
}

/**
 * The period's invitations of the filter's journey (and channel), counted per distinct segment,
 * channel, status and reason: a few hundred rows, read from the covering index
 * (journey, created, status, reason, mailed, channel, segment) without touching the table or
 * parsing JSON per invitation. The segment filter is applied to these rows in `analyseResponseRates`.
 */
export function responseCounts(db: Db, filter: DashboardFilter): FunnelRow[] {
  const { start, end } = dayRangeInstants(filter.from, filter.to);
  const rows = db
    .select({
      segment: sql<string>`${invitations.segment}`,
      channel: sql<string>`coalesce(${invitations.channel}, '')`,
      status: invitations.status,
      reason: sql<string>`coalesce(${invitations.suppressedReason}, '')`,
      count: sql<number>`count(*)`.mapWith(Number),
      mailed: sql<number>`count(${invitations.mailedAt})`.mapWith(Number),
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.journeyId, filter.journeyId),
        gte(invitations.createdAt, start),
        lt(invitations.createdAt, end),
        filter.channel ? eq(invitations.channel, filter.channel) : undefined,
      ),
    )
    .groupBy(invitations.segment, invitations.channel, invitations.status, invitations.suppressedReason)
    .all();
  const parsed = new Map<string, Record<string, string>>();
  return rows.map((row) => {
    if (!parsed.has(row.segment)) parsed.set(row.segment, JSON.parse(row.segment) as Record<string, string>);
    return { ...row, segment: parsed.get(row.segment)! };
  });
}

/** Pooled two-proportion z-test, two-sided: the p-value Benjamini–Hochberg adjusts. */
export function twoProportionPValue(a: { successes: number; n: number }, b: { successes: number; n: number }): number {
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  // No spread only when everyone answered, or no one did: then both rates are equal.
  if (standardError === 0) return 1;
  const difference = a.successes / a.n - b.successes / b.n;
  return Math.min(1, 2 * upperTailPValue(Math.abs(difference) / standardError));
}

/**
 * Tables and under-heard groups from the counts (pure). A group is named when its rate is lower
 * than the rest's, the adjusted p-value is at most the false discovery rate, and Newcombe's
 * interval of the difference lies below zero: the test and the interval shown agree.
 */
export function analyseResponseRates(
  rows: FunnelRow[],
  minGroupSize: number,
  segmentFilter?: { key: string; value: string },
  falseDiscoveryRate = RESPONSE_FALSE_DISCOVERY_RATE,
): ResponseRates {
  const population = segmentFilter ? rows.filter((row) => row.segment[segmentFilter.key] === segmentFilter.value) : rows;
  const total = emptyCounts();
  const groups = new Map<string, { dimension: ResponseDimension; value: string; counts: ResponseCounts }>();
  const groupOf = (id: string, dimension: ResponseDimension, value: string) => {
    if (!groups.has(id)) groups.set(id, { dimension, value, counts: emptyCounts() });
    return groups.get(id)!.counts;
  };
  for (const row of population) {
    addRow(total, row);
    for (const [key, value] of Object.entries(row.segment)) addRow(groupOf(`segment\u0000${key}\u0000${value}`, { kind: 'segment', key }, String(value)), row);
    addRow(groupOf(`channel\u0000${row.channel}`, { kind: 'channel' }, row.channel), row);
  }

  const byTable = new Map<string, ResponseTable>();
  const tableId = (dimension: ResponseDimension) => (dimension.kind === 'segment' ? `segment:${dimension.key}` : 'channel');
  const keys = [...new Set([...groups.values()].flatMap(({ dimension }) => (dimension.kind === 'segment' ? [dimension.key] : [])))].sort((a, b) => a.localeCompare(b, 'nl'));
  for (const key of keys) byTable.set(`segment:${key}`, { dimension: { kind: 'segment', key }, groups: [], hidden: 0 });
  byTable.set('channel', { dimension: { kind: 'channel' }, groups: [], hidden: 0 });

  const tests: Omit<UnderHeardGroup, 'adjustedP'>[] = [];
  for (const { dimension, value, counts } of groups.values()) {
    const table = byTable.get(tableId(dimension))!;
    if (!isReportable(counts.invited, minGroupSize)) {
      table.hidden++;
      continue;
    }
    const rate = wilsonInterval(counts.answered, counts.invited)!;
    table.groups.push({ dimension, value, counts, rate });
    const rest = { successes: total.answered - counts.answered, n: total.invited - counts.invited };
    if (!isReportable(rest.n, minGroupSize)) continue;
    const group = { successes: counts.answered, n: counts.invited };
    const restRate = wilsonInterval(rest.successes, rest.n)!;
    tests.push({ dimension, value, group: rate, rest: restRate, change: compareProportions(group, rest)!, ratio: restRate.rate === 0 ? 1 : rate.rate / restRate.rate, pValue: twoProportionPValue(group, rest) });
  }

  const adjusted = benjaminiHochberg(tests.map((test) => test.pValue));
  const underHeard = tests
    .map((test, i) => ({ ...test, adjustedP: adjusted[i]! }))
    .filter((test) => test.adjustedP <= falseDiscoveryRate && test.change.high < 0)
    .sort((a, b) => a.ratio - b.ratio || a.adjustedP - b.adjustedP);
  for (const table of byTable.values()) table.groups.sort((a, b) => a.value.localeCompare(b.value, 'nl'));
  return {
    total,
    totalRate: isReportable(total.invited, minGroupSize) ? wilsonInterval(total.answered, total.invited) : undefined,
    tables: [...byTable.values()].filter((table) => table.groups.length > 0 || table.hidden > 0),
    underHeard,
    tested: tests.length,
  };
}

/** Who answers and who does not, for the dashboard's filters (journey, period, segment, channel). */
export function loadResponseRates(db: Db, filter: DashboardFilter, minGroupSize: number): ResponseRates {
  // Invitations have no mode (only answers do): a mode filter leaves the rates of all invitations.
  return analyseResponseRates(responseCounts(db, filter), minGroupSize, filter.segment?.key === MODE_SEGMENT_KEY ? undefined : filter.segment);
}
