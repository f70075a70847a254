/**
 * The journey dashboard's weighted figures (`weeg=<segment key>`): the heart monitor per step and
 * the period's grades post-stratified to the invited mix of that key (src/insight/weighting.ts).
 *
 * The invited mix counts the invitations created in the period; the respondents' moments come
 * from the roll-ups of answers given in the period — the same period filter as every other panel.
 * The roll-ups keep one segment key per row, so weighting on one key within a segment filter on
 * another cannot be done: with a segment filter the panel says so instead.
 */
import { and, between, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { responseRollups } from '../db/schema';
import { feelingBySegmentValue, feelingByTouchpoint, responseSums, type DashboardFilter, type ResponseSums } from '../heartmonitor/queries';
import type { Moments } from '../heartmonitor/statistics';
import type { FunnelRow } from './response-rates';
import { MERGE_SHARE, invitationKeys, invitedMix, postStratify, strataOf, weightTouchpoints, type WeightingOutcome } from './weighting';

export type ScoreMeasure = 'grade' | 'gradeAtLeastSeven' | 'effort';

export interface DashboardWeighting {
  key: string;
  /** Set when weighting cannot be done with these filters at all. */
  refusal?: 'segment-filter';
  /** Per touchpoint id: the weighted feeling, or why it is not shown. */
  steps: Map<number, WeightingOutcome>;
  scores: { measure: ScoreMeasure; outcome: WeightingOutcome }[];
  /** MERGE_SHARE, for the explanation under the tables. */
  mergeShare: number;
}

/** The keys a manager can weight on: carried by the period's invitations and by the journey's answers. */
export function weightableKeys(rows: FunnelRow[], answerKeys: Iterable<string>): string[] {
  const answered = new Set(answerKeys);
  return invitationKeys(rows).filter((key) => answered.has(key));
}

/** The response roll-up sums for everyone ('' ) and per value of one key. */
function scoresBySegmentValue(db: Db, filter: DashboardFilter, key: string): { everyone: ResponseSums; byValue: Map<string, ResponseSums> } {
  const rows = db
    .select({ key: responseRollups.segmentKey, value: responseRollups.segmentValue, ...responseSums })
    .from(responseRollups)
    .where(
      and(
        eq(responseRollups.journeyId, filter.journeyId),
        inArray(responseRollups.segmentKey, ['', key]),
        between(responseRollups.day, filter.from, filter.to),
        filter.channel ? eq(responseRollups.channel, filter.channel) : undefined,
      ),
    )
    .groupBy(responseRollups.segmentKey, responseRollups.segmentValue)
    .all();
  const none: ResponseSums = { n: 0, gradeSum: 0, gradeSumSquares: 0, gradeAtLeastSeven: 0, effortSum: 0, effortSumSquares: 0, feelingN: 0, feelingSum: 0, feelingSumSquares: 0 };
  const everyone = rows.find((row) => row.key === '');
  return { everyone: everyone ?? none, byValue: new Map(rows.filter((row) => row.key === key).map(({ value, ...sums }) => [value, sums])) };
}

/** One score's moments from the roll-up sums: a 0/1 measure (grade 7 or higher) has Σx² = Σx. */
const scoreMoments: Record<ScoreMeasure, (sums: ResponseSums) => Moments> = {
  grade: (sums) => ({ n: sums.n, sum: sums.gradeSum, sumSquares: sums.gradeSumSquares }),
  gradeAtLeastSeven: (sums) => ({ n: sums.n, sum: sums.gradeAtLeastSeven, sumSquares: sums.gradeAtLeastSeven }),
  effort: (sums) => ({ n: sums.n, sum: sums.effortSum, sumSquares: sums.effortSumSquares }),
};

/** The weighted heart monitor and grades for the dashboard's filters, on one key of `weightableKeys`. */
export function loadWeighting(db: Db, filter: DashboardFilter, key: string, touchpointIds: number[], funnel: FunnelRow[], minGroupSize: number): DashboardWeighting {
  if (filter.segment) return { key, refusal: 'segment-filter', steps: new Map(), scores: [], mergeShare: MERGE_SHARE };
  const invited = invitedMix(funnel, key);
  const steps = weightTouchpoints(touchpointIds, invited, feelingByTouchpoint(db, filter), feelingBySegmentValue(db, filter, key), minGroupSize);
  const { everyone, byValue } = scoresBySegmentValue(db, filter, key);
  const scores = (Object.keys(scoreMoments) as ScoreMeasure[]).map((measure) => {
    const moments = scoreMoments[measure];
    const values = new Map([...byValue.entries()].map(([value, sums]) => [value, moments(sums)]));
    return { measure, outcome: postStratify(strataOf(invited, moments(everyone), values), minGroupSize) };
  });
  return { key, steps, scores, mergeShare: MERGE_SHARE };
}
