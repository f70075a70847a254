/**
 * What /resultaten shows citizens: for each journey an administrator made public, per completed
 * quarter the heart line, the mean rapportcijfer and the share answering "ja" on "Is uw vraag
 * beantwoord?". Aggregates only, each withheld below the minimum group size; never free text,
 * never segments.
 *
 * Only quarters that have ended are shown: their figures no longer move, so a public page states
 * them once, and they are read once per quarter and journey (see createResultsCache) instead of
 * on every anonymous request.
 */
import { and, asc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { completedQuarters, daysOfQuarter, type Quarter } from '../actions/quarters';
import { touchpointsOfJourney } from '../actions/action-queries';
import { dayOf, dayRangeInstants } from '../calendar';
import type { Db } from '../db/client';
import { itemAnswers, journeys, type Journey } from '../db/schema';
import { buildHeartMonitor, type HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import { feelingByTouchpoint, scoresByDay, type TouchpointMoments } from '../heartmonitor/queries';
import { ANSWERED_ITEM, YES_PARTLY_NO } from '../items/item-bank';
import { isReportable } from '../min-group';

/** How many quarters the page goes back: a year, enough to see a trend, short enough to read. */
export const PUBLIC_QUARTERS = 4;

/** A quarter's raw sums for one journey: what the cache keeps (numbers only, no names). */
export interface QuarterSums {
  quarter: Quarter;
  /** Responses in the quarter (everyone, all channels). */
  responses: number;
  gradeSum: number;
  feelings: Map<number, TouchpointMoments>;
  /** Answers to MH-BEANTWOORD (journey level and every step), the responses giving them, and the "ja" among them. */
  answered: { responses: number; answers: number; yes: number };
}

/** The MH-BEANTWOORD answers of one journey in [start, end), read through item_answers' (journey, time, item) index. */
export function answeredCounts(db: Db, journeyId: number, start: Date, end: Date): QuarterSums['answered'] {
  return db
    .select({
      responses: sql<number>`count(distinct ${itemAnswers.responseId})`.mapWith(Number),
      answers: sql<number>`count(*)`.mapWith(Number),
      yes: sql<number>`coalesce(sum(${itemAnswers.value} = ${YES_PARTLY_NO.yes}), 0)`.mapWith(Number),
    })
    .from(itemAnswers)
    .where(
      and(
        eq(itemAnswers.journeyId, journeyId),
        gte(itemAnswers.answeredAt, start),
        lt(itemAnswers.answeredAt, end),
        eq(itemAnswers.itemCode, ANSWERED_ITEM),
        isNotNull(itemAnswers.value),
      ),
    )
    .get()!;
}

/** One journey's sums for one quarter: the heart monitor's daily roll-ups for feelings and grades, item_answers for the rate. */
export function quarterSums(db: Db, journeyId: number, quarter: Quarter): QuarterSums {
  const days = daysOfQuarter(quarter);
  const filter = { journeyId, from: days.from, to: days.to };
  const scores = scoresByDay(db, filter);
  const { start, end } = dayRangeInstants(days.from, days.to);
  return {
    quarter,
    responses: scores.reduce((total, day) => total + day.n, 0),
    gradeSum: scores.reduce((total, day) => total + day.gradeSum, 0),
    feelings: feelingByTouchpoint(db, filter),
    answered: answeredCounts(db, journeyId, start, end),
  };
}

/**
 * Quarter sums kept in memory: a quarter that has ended gets no new answers (answers carry the
 * moment they were given), so each (journey, quarter) is read once. Everything is dropped when a
 * new quarter begins. One per app, so tests with their own database never share one.
 */
export function createResultsCache() {
  const sums = new Map<string, QuarterSums>();
  let latest = '';
  return (db: Db, journeyId: number, quarters: Quarter[]): QuarterSums[] => {
    if (quarters[0]?.key !== latest) {
      sums.clear();
      latest = quarters[0]?.key ?? '';
    }
    return quarters.map((quarter) => {
      const key = `${journeyId}|${quarter.key}`;
      let found = sums.get(key);
      if (!found) sums.set(key, (found = quarterSums(db, journeyId, quarter)));
      return found;
    });
  };
}
export type ResultsCache = ReturnType<typeof createResultsCache>;

/** A quarter as the page shows it: figures only where enough people answered. */
export interface PublicQuarter {
  quarter: Quarter;
  /** False when fewer responses than the minimum group size: nothing of the quarter is shown. */
  reportable: boolean;
  responses: number;
  grade?: number;
  /** Per step in journey order; a step's estimate is absent below the minimum group size. */
  heartLine: HeartMonitorPoint[];
  /** Undefined when the journey did not ask "Is uw vraag beantwoord?" that quarter; share absent below the minimum group size. */
  answered?: { responses: number; share?: number };
}

export interface PublicJourney {
  journey: Pick<Journey, 'id' | 'slug' | 'name'>;
  quarters: PublicQuarter[];
}

/** The page's view of one quarter's sums for a journey's steps. Pure. */
export function publicQuarter(sums: QuarterSums, steps: HeartMonitorPoint['touchpoint'][], minGroupSize: number): PublicQuarter {
  const reportable = isReportable(sums.responses, minGroupSize);
  const { answered } = sums;
  return {
    quarter: sums.quarter,
    reportable,
    responses: sums.responses,
    grade: reportable ? sums.gradeSum / sums.responses : undefined,
    heartLine: reportable ? buildHeartMonitor(steps, sums.feelings, undefined, minGroupSize) : [],
    answered:
      answered.answers === 0
        ? undefined
        : { responses: answered.responses, share: reportable && isReportable(answered.responses, minGroupSize) ? answered.yes / answered.answers : undefined },
  };
}

export function publicJourneys(db: Db): Journey[] {
  return db.select().from(journeys).where(eq(journeys.publicResults, true)).orderBy(asc(journeys.name)).all();
}

/**
 * The public results of every journey made public, for the quarters before `now`'s. Steps: the
 * journey's active ones, and an archived one only in a quarter it has answers in.
 */
export function publicResults(db: Db, cache: ResultsCache, now: Date, minGroupSize: number): PublicJourney[] {
  const quarters = completedQuarters(dayOf(now), PUBLIC_QUARTERS);
  return publicJourneys(db).map((journey) => {
    const steps = touchpointsOfJourney(db, journey.id);
    return {
      journey: { id: journey.id, slug: journey.slug, name: journey.name },
      quarters: cache(db, journey.id, quarters).map((sums) =>
        publicQuarter(
          sums,
          steps.filter((step) => step.archivedAt === null || (sums.feelings.get(step.id)?.answers ?? 0) > 0),
          minGroupSize,
        ),
      ),
    };
  });
}
