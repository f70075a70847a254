import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID } from '../db/schema';
import { isReportable } from '../min-group';
import { periodAggregate, segmentBreakdown } from './day-cache';
import { belongsTo, buildPatterns, weeklyTrend, type GroupSummary, type NoShowPatterns, type TrendWeek } from './patterns';
import { appointmentSegmentKeys, reasonRowsForPeriod } from './queries';
import type { NoShowFilters } from './filters';
import { reasonCounts } from './reasons';

export interface Reason {
  reason: string;
  count: number;
}

export interface FlaggedPattern {
  group: GroupSummary;
  /** Answers to "we hebben u gemist" from this group, most given first; shown from the minimum group size on. */
  reasons: Reason[];
  /** How many answers those reasons come from. */
  answers: number;
}

export interface NoShowData {
  filters: NoShowFilters;
  patterns: NoShowPatterns;
  trend: TrendWeek[];
  /** The flagged patterns shown, most lost appointments first (at most MAX_FLAGGED). */
  flagged: FlaggedPattern[];
  /** Flagged groups beyond those (marked in the tables and the CSV). */
  moreFlagged: number;
  options: { products: string[]; locations: string[]; channels: string[]; segmentKeys: string[] };
  minGroupSize: number;
}

/** Reasons per pattern group; the default reads the organisation's "we hebben u gemist" answers of the period. */
export type ReasonSource = (db: Db, filters: NoShowFilters, organisationId: number) => (group: GroupSummary) => Reason[];

export const surveyReasons: ReasonSource = (db, filters, organisationId) => {
  const rows = reasonRowsForPeriod(db, filters.from, filters.to, filters.filter, organisationId);
  if (rows.length === 0) return () => [];
  return (group) => (group.dimension === 'segment' ? [] : reasonCounts(rows, (row) => belongsTo(group, row)));
};

/** The list of flagged patterns stays readable; the rest are marked in the tables. */
export const MAX_FLAGGED = 10;

/** Everything the no-show panel shows for these filters, of one organisation's appointments (default: the hosting one). */
export function loadNoShows(db: Db, filters: NoShowFilters, options: { minGroupSize: number; reasons?: ReasonSource; organisationId?: number }): NoShowData {
  const { minGroupSize } = options;
  const organisationId = options.organisationId ?? HOSTING_ORGANISATION_ID;
  const aggregate = periodAggregate(db, filters.from, filters.to, filters.filter, organisationId);
  const segmentKeys = appointmentSegmentKeys(db, undefined, organisationId);
  const segmentKey = filters.segmentKey && segmentKeys.includes(filters.segmentKey) ? filters.segmentKey : undefined;
  const segment = segmentKey ? { key: segmentKey, groups: segmentBreakdown(db, filters.from, filters.to, filters.filter, segmentKey, organisationId) } : undefined;
  const patterns = buildPatterns(aggregate, { minGroupSize, segment });
  const reasonsOf = patterns.flagged.length ? (options.reasons ?? surveyReasons)(db, filters, organisationId) : () => [];
  const flagged = patterns.flagged.slice(0, MAX_FLAGGED).map((group) => {
    const reasons = reasonsOf(group);
    const answers = reasons.reduce((sum, reason) => sum + reason.count, 0);
    return { group, reasons: isReportable(answers, minGroupSize) ? reasons : [], answers };
  });
  // A chosen value missing from this period stays selectable, so the form shows what the URL says.
  const withChosen = (values: string[], chosen?: string) => (chosen && !values.includes(chosen) ? [...values, chosen] : values);
  return {
    filters: { ...filters, segmentKey },
    patterns,
    trend: weeklyTrend(aggregate.days, filters.from, filters.to, minGroupSize),
    flagged,
    moreFlagged: patterns.flagged.length - flagged.length,
    options: {
      products: withChosen(aggregate.options.products, filters.filter.product),
      locations: withChosen(aggregate.options.locations, filters.filter.location),
      channels: withChosen(aggregate.options.channels, filters.filter.channel),
      segmentKeys,
    },
    minGroupSize,
  };
}
