import type { Touchpoint } from '../db/schema';
import { isReportable } from '../min-group';
import type { TouchpointMoments } from './queries';
import { compareMeans, meanEstimate, type Difference, type MeanEstimate } from './statistics';

export interface HeartMonitorPoint {
  touchpoint: Pick<Touchpoint, 'id' | 'slug' | 'name' | 'channel' | 'position' | 'momentOfTruth' | 'serviceNorm'>;
  /** All answers, "niet van toepassing" included. */
  answers: number;
  /** Answers with a feeling. */
  n: number;
  /** Undefined when fewer than the minimum group size answered: not shown, for honesty and privacy. */
  estimate?: MeanEstimate;
  previous?: MeanEstimate;
  /** Current minus previous period, when both are reportable. */
  change?: Difference;
  /** Better, worse or unchanged against the previous period by Welch's test; 'no-comparison' without one. */
  trend: Trend;
  dip?: Dip;
  /** Significantly above neutral: the interval lies entirely above 0. */
  good: boolean;
}

export interface Dip {
  belowNeutral: boolean;
  worseThanBefore: boolean;
  /** How bad: the larger of the distance below neutral and the drop since the previous period. */
  severity: number;
  /** Severity times reach (answers with a feeling): what ranks the dips. */
  score: number;
}

/** Which way a change went, decided by the test (its 95% interval excludes 0), not by eye. */
export type Direction = 'better' | 'worse' | 'unchanged';
export type Trend = Direction | 'no-comparison';

/**
 * The trend a change shows: better or worse only when significant; 'no-comparison' when there is
 * no change to judge (a period below the minimum group size). Higher feelings are better.
 */
export function trendOf(change: Difference): Direction;
export function trendOf(change?: Difference): Trend;
export function trendOf(change?: Difference): Trend {
  if (!change) return 'no-comparison';
  if (!change.significant) return 'unchanged';
  return change.difference > 0 ? 'better' : 'worse';
}

const empty = { answers: 0, n: 0, sum: 0, sumSquares: 0 };

/**
 * The heart monitor over the journey's touchpoints in order. A touchpoint is a dip when its
 * feeling is significantly below neutral or significantly worse than in the previous period.
 */
export function buildHeartMonitor(
  touchpoints: HeartMonitorPoint['touchpoint'][],
  current: Map<number, TouchpointMoments>,
  previous: Map<number, TouchpointMoments> | undefined,
  minGroupSize: number,
): HeartMonitorPoint[] {
  return [...touchpoints]
    .sort((a, b) => a.position - b.position)
    .map((touchpoint) => {
      const now = current.get(touchpoint.id) ?? empty;
      const before = previous?.get(touchpoint.id) ?? empty;
      const estimate = isReportable(now.n, minGroupSize) ? meanEstimate(now) : undefined;
      const previousEstimate = isReportable(before.n, minGroupSize) ? meanEstimate(before) : undefined;
      const change = estimate && previousEstimate ? compareMeans(now, before) : undefined;
      const belowNeutral = Boolean(estimate && estimate.high < 0);
      const worseThanBefore = Boolean(change?.significant && change.difference < 0);
      const severity = Math.max(belowNeutral ? -estimate!.mean : 0, worseThanBefore ? -change!.difference : 0);
      return {
        touchpoint,
        answers: now.answers,
        n: now.n,
        estimate,
        previous: previousEstimate,
        change,
        trend: trendOf(change),
        dip: belowNeutral || worseThanBefore ? { belowNeutral, worseThanBefore, severity, score: severity * now.n } : undefined,
        good: Boolean(estimate && estimate.low > 0),
      };
    });
}

/** Dips, worst first: severity times reach. */
export function rankDips(points: HeartMonitorPoint[]): (HeartMonitorPoint & { dip: Dip })[] {
  return points.filter((point): point is HeartMonitorPoint & { dip: Dip } => Boolean(point.dip)).sort((a, b) => b.dip.score - a.dip.score);
}

/** What goes well: touchpoints significantly above neutral, best first. */
export function bestTouchpoints(points: HeartMonitorPoint[], limit = 3): HeartMonitorPoint[] {
  return points
    .filter((point) => point.good)
    .sort((a, b) => b.estimate!.mean - a.estimate!.mean)
    .slice(0, limit);
}
