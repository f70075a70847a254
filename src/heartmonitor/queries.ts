import { and, asc, between, desc, eq, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { answers, feelingRollups, invitationHourCounts, invitations, journeyDimensions, optOuts, responseRollups, responses } from '../db/schema';
import type { Moments } from './statistics';

/** What the dashboard is filtered by; days are Dutch calendar days, both ends included. */
export interface DashboardFilter {
  journeyId: number;
  from: string;
  to: string;
  segment?: { key: string; value: string };
  channel?: string;
}

export interface TouchpointMoments extends Moments {
  /** All answers, "niet van toepassing" included. */
  answers: number;
}

/** The columns every daily roll-up table keys its rows by. */
interface RollupKey {
  journeyId: SQLiteColumn;
  segmentKey: SQLiteColumn;
  segmentValue: SQLiteColumn;
  day: SQLiteColumn;
  channel: SQLiteColumn;
}

/** The rows of a daily roll-up table (feelings, responses, drivers) that a dashboard filter selects. */
export function rollupWhere(table: RollupKey, filter: DashboardFilter): SQL {
  return and(
    eq(table.journeyId, filter.journeyId),
    eq(table.segmentKey, filter.segment?.key ?? ''),
    eq(table.segmentValue, filter.segment?.value ?? ''),
    between(table.day, filter.from, filter.to),
    filter.channel ? eq(table.channel, filter.channel) : undefined,
  )!;
}

const feelingSums = {
  answers: sql<number>`sum(${feelingRollups.answers})`.mapWith(Number),
  n: sql<number>`sum(${feelingRollups.n})`.mapWith(Number),
  sum: sql<number>`sum(${feelingRollups.sum})`.mapWith(Number),
  sumSquares: sql<number>`sum(${feelingRollups.sumSquares})`.mapWith(Number),
};

/** n, Σ and Σ² of the feeling per touchpoint: all the heart monitor needs. */
export function feelingByTouchpoint(db: Db, filter: DashboardFilter): Map<number, TouchpointMoments> {
  const rows = db
    .select({ touchpointId: feelingRollups.touchpointId, ...feelingSums })
    .from(feelingRollups)
    .where(rollupWhere(feelingRollups, filter))
    .groupBy(feelingRollups.touchpointId)
    .all();
  return new Map(rows.map(({ touchpointId, ...moments }) => [touchpointId, moments]));
}

/** The same per value of one segment key: one heart-monitor line per value. */
export function feelingBySegmentValue(db: Db, filter: DashboardFilter, key: string): Map<string, Map<number, TouchpointMoments>> {
  const rows = db
    .select({ value: feelingRollups.segmentValue, touchpointId: feelingRollups.touchpointId, ...feelingSums })
    .from(feelingRollups)
    .where(
      and(
        eq(feelingRollups.journeyId, filter.journeyId),
        eq(feelingRollups.segmentKey, key),
        between(feelingRollups.day, filter.from, filter.to),
        filter.channel ? eq(feelingRollups.channel, filter.channel) : undefined,
      ),
    )
    .groupBy(feelingRollups.segmentValue, feelingRollups.touchpointId)
    .all();
  const result = new Map<string, Map<number, TouchpointMoments>>();
  for (const { value, touchpointId, ...moments } of rows) {
    if (!result.has(value)) result.set(value, new Map());
    result.get(value)!.set(touchpointId, moments);
  }
  return result;
}

export interface ResponseSums {
  n: number;
  feelingN: number;
  feelingSum: number;
  feelingSumSquares: number;
  gradeSum: number;
  gradeSumSquares: number;
  gradeAtLeastSeven: number;
  effortSum: number;
  effortSumSquares: number;
}

export const responseSums = {
  n: sql<number>`sum(${responseRollups.n})`.mapWith(Number),
  gradeSum: sql<number>`sum(${responseRollups.gradeSum})`.mapWith(Number),
  gradeSumSquares: sql<number>`sum(${responseRollups.gradeSumSquares})`.mapWith(Number),
  gradeAtLeastSeven: sql<number>`sum(${responseRollups.gradeAtLeastSeven})`.mapWith(Number),
  effortSum: sql<number>`sum(${responseRollups.effortSum})`.mapWith(Number),
  effortSumSquares: sql<number>`sum(${responseRollups.effortSumSquares})`.mapWith(Number),
  feelingN: sql<number>`sum(${responseRollups.feelingN})`.mapWith(Number),
  feelingSum: sql<number>`sum(${responseRollups.feelingSum})`.mapWith(Number),
  feelingSumSquares: sql<number>`sum(${responseRollups.feelingSumSquares})`.mapWith(Number),
};

/** Rapportcijfer and effort per day, to be grouped into weeks or months. */
export function scoresByDay(db: Db, filter: DashboardFilter): ({ day: string } & ResponseSums)[] {
  return db
    .select({ day: responseRollups.day, ...responseSums })
    .from(responseRollups)
    .where(rollupWhere(responseRollups, filter))
    .groupBy(responseRollups.day)
    .orderBy(asc(responseRollups.day))
    .all();
}

export function scoresByLeadBand(db: Db, filter: DashboardFilter): Map<string, ResponseSums> {
  const rows = db
    .select({ band: responseRollups.leadBand, ...responseSums })
    .from(responseRollups)
    .where(rollupWhere(responseRollups, filter))
    .groupBy(responseRollups.leadBand)
    .all();
  return new Map(rows.map(({ band, ...sums }) => [band, sums]));
}

/** The filter choices: segment keys with their values, and channels, seen for this journey. */
export function journeyDimensionValues(db: Db, journeyId: number) {
  const rows = db
    .select()
    .from(journeyDimensions)
    .where(eq(journeyDimensions.journeyId, journeyId))
    .orderBy(asc(journeyDimensions.dimension), asc(journeyDimensions.value))
    .all();
  const segments = new Map<string, string[]>();
  const channels: string[] = [];
  for (const row of rows) {
    if (row.isChannel) channels.push(row.value);
    else segments.set(row.dimension, [...(segments.get(row.dimension) ?? []), row.value]);
  }
  return { segments, channels };
}

export interface Comment {
  touchpointId: number;
  feeling: number | null;
  comment: string;
  answeredAt: Date;
}

/** The most recent comments at a touchpoint in the period and filter, most negative or positive first. */
export function recentComments(
  db: Db,
  filter: DashboardFilter,
  start: Date,
  end: Date,
  touchpointId: number,
  tone: 'negative' | 'positive',
  limit = 5,
): Comment[] {
  return db
    .select({ touchpointId: answers.touchpointId, feeling: answers.feeling, comment: answers.comment, answeredAt: answers.answeredAt })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .where(
      and(
        eq(answers.touchpointId, touchpointId),
        isNotNull(answers.comment),
        gte(answers.answeredAt, start),
        lte(answers.answeredAt, end),
        tone === 'negative' ? lte(answers.feeling, -1) : gte(answers.feeling, 1),
        filter.channel ? eq(responses.channel, filter.channel) : undefined,
        filter.segment ? sql`json_extract(${answers.segment}, ${`$."${filter.segment.key.replace(/"/g, '')}"`}) = ${filter.segment.value}` : undefined,
      ),
    )
    .orderBy(desc(answers.answeredAt))
    .limit(limit)
    .all() as Comment[];
}

export interface ResponseRate {
  invited: number;
  sent: number;
  answered: number;
  expired: number;
  /** Invitations whose mail bounced hard (src/mail/bounces.ts). */
  undeliverable: number;
  optedOut: number;
  suppressed: number;
}

const HOUR_MS = 3_600_000;

/**
 * The response funnel of the invitations created in the period, for the whole journey, from the
 * hourly funnel roll-up (kept by triggers): a few thousand rows instead of every invitation.
 * `end` is exclusive — the start of the day after the period, so adjacent periods never overlap.
 */
export function responseRate(db: Db, journeyId: number, start: Date, end: Date): ResponseRate {
  const inPeriod = and(eq(invitations.journeyId, journeyId), gte(invitations.createdAt, start), lt(invitations.createdAt, end));
  const byStatus = db
    .select({
      status: invitationHourCounts.status,
      reason: invitationHourCounts.suppressedReason,
      count: sql<number>`sum(${invitationHourCounts.invitations})`.mapWith(Number),
      mailed: sql<number>`sum(${invitationHourCounts.mailed})`.mapWith(Number),
    })
    .from(invitationHourCounts)
    .where(
      and(
        eq(invitationHourCounts.journeyId, journeyId),
        gte(invitationHourCounts.hour, Math.floor(start.getTime() / HOUR_MS)),
        lt(invitationHourCounts.hour, Math.ceil(end.getTime() / HOUR_MS)),
      ),
    )
    .groupBy(invitationHourCounts.status, invitationHourCounts.suppressedReason)
    .all();
  const count = (status: string, reason?: string) =>
    byStatus.filter((row) => row.status === status && (reason === undefined || row.reason === reason)).reduce((total, row) => total + row.count, 0);
  const optedOutAfterInvitation = db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(optOuts)
    .innerJoin(invitations, eq(invitations.id, optOuts.invitationId))
    .where(inPeriod)
    .get()!.count;
  const suppressed = count('suppressed');
  return {
    invited: byStatus.reduce((total, row) => total + row.count, 0) - suppressed,
    sent: byStatus.reduce((total, row) => total + row.mailed, 0),
    answered: count('answered'),
    expired: count('expired'),
    undeliverable: count('undeliverable'),
    optedOut: optedOutAfterInvitation + count('suppressed', 'opted-out'),
    suppressed,
  };
}
