/**
 * Segment gaps found for you: at every step, each segment group (a key/value such as
 * leeftijd = 65+) against the rest of the inhabitants, with Welch's test, and the p-values
 * adjusted with Benjamini–Hochberg across every comparison tested, so that testing a hundred
 * comparisons does not turn chance into findings. Only groups — and rests — of at least the
 * minimum group size are tested, so no small group is singled out and no gap rests on a handful.
 *
 * The rest comes from the roll-ups without touching an answer: everyone's n, Σ and Σ² minus the
 * group's. The sums are integers (feelings −2…+2), so the subtraction is exact.
 */
import { and, between, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { feelingRollups, journeyDimensions, MODE_SEGMENT_KEY, type Touchpoint } from '../db/schema';
import { feelingByTouchpoint, type DashboardFilter } from '../heartmonitor/queries';
import { compareMeans, meanEstimate, twoSidedPValue, type Difference, type MeanEstimate, type Moments } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';
import { benjaminiHochberg } from './multiple-testing';

/** The false discovery rate a gap is shown at: of the gaps shown, at most about 5% by chance. */
export const GAP_FALSE_DISCOVERY_RATE = 0.05;

export type GapTouchpoint = Pick<Touchpoint, 'id' | 'slug' | 'name'>;

/** One segment group's feeling sums at one step. */
export interface GroupMoments {
  key: string;
  value: string;
  touchpointId: number;
  moments: Moments;
}

/** What the roll-ups give: everyone per step, and each group per step. */
export interface SegmentMoments {
  everyone: Map<number, Moments>;
  groups: GroupMoments[];
}

export interface SegmentGap {
  touchpoint: GapTouchpoint;
  key: string;
  value: string;
  group: MeanEstimate;
  rest: MeanEstimate;
  /** Group minus rest, Welch. */
  change: Difference;
  pValue: number;
  /** Benjamini–Hochberg, across every comparison tested. */
  adjustedP: number;
  /**
   * Size × reach, what ranks the gaps: (rest − group) times the group's answers — what is to gain
   * if the group felt like the rest. Negative for a group that feels better than the rest: those
   * (often the mirror image of a worse group under the same key) come after every worse group.
   */
  score: number;
}

export interface SegmentGapResult {
  /** How many comparisons were tested (groups and rests both at least the minimum size). */
  tested: number;
  /** The significant gaps after adjustment, by score: worse groups first, largest size × reach first. */
  gaps: SegmentGap[];
}

/** Everyone minus the group: the rest's moments, exactly. */
export function restOf(everyone: Moments, group: Moments): Moments {
  return { n: everyone.n - group.n, sum: everyone.sum - group.sum, sumSquares: everyone.sumSquares - group.sumSquares };
}

export type GapTest = Omit<SegmentGap, 'adjustedP'>;

/** Every group at every step against the rest, with its p-value: the comparisons to adjust. Steps not in `touchpoints` (archived) are not tested. */
export function gapTests(touchpoints: readonly GapTouchpoint[], data: SegmentMoments, minGroupSize: number): GapTest[] {
  const steps = new Map(touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  const tests: GapTest[] = [];
  for (const { key, value, touchpointId, moments } of data.groups) {
    const touchpoint = steps.get(touchpointId);
    const everyone = data.everyone.get(touchpointId);
    if (!touchpoint || !everyone) continue;
    const rest = restOf(everyone, moments);
    if (!isReportable(moments.n, minGroupSize) || !isReportable(rest.n, minGroupSize)) continue;
    const change = compareMeans(moments, rest);
    const group = meanEstimate(moments);
    const restEstimate = meanEstimate(rest);
    if (!change || !group || !restEstimate) continue;
    tests.push({ touchpoint, key, value, group, rest: restEstimate, change, pValue: twoSidedPValue(change), score: -change.difference * moments.n });
  }
  return tests;
}

/**
 * Benjamini–Hochberg across all the given comparisons (one journey's, or every journey's for the
 * overview), keeping the significant ones by score: worse groups first, largest size × reach first.
 */
export function significantGaps<T extends GapTest>(tests: T[], falseDiscoveryRate = GAP_FALSE_DISCOVERY_RATE): (T & { adjustedP: number })[] {
  const adjusted = benjaminiHochberg(tests.map((test) => test.pValue));
  return tests
    .map((test, i) => ({ ...test, adjustedP: adjusted[i]! }))
    .filter((gap) => gap.adjustedP <= falseDiscoveryRate)
    .sort((a, b) => b.score - a.score || a.adjustedP - b.adjustedP);
}

/** Tests every group at every step against the rest and keeps the significant ones after the Benjamini–Hochberg adjustment. */
export function segmentGaps(
  touchpoints: readonly GapTouchpoint[],
  data: SegmentMoments,
  minGroupSize: number,
  falseDiscoveryRate = GAP_FALSE_DISCOVERY_RATE,
): SegmentGapResult {
  const tests = gapTests(touchpoints, data, minGroupSize);
  return { tested: tests.length, gaps: significantGaps(tests, falseDiscoveryRate) };
}

const sums = {
  n: sql<number>`sum(${feelingRollups.n})`.mapWith(Number),
  sum: sql<number>`sum(${feelingRollups.sum})`.mapWith(Number),
  sumSquares: sql<number>`sum(${feelingRollups.sumSquares})`.mapWith(Number),
};

/**
 * The feeling sums per step for everyone and for each segment key/value seen for the journey,
 * in the filter's period and channel. The filter's own segment is ignored: the groups are the
 * segments. Walks the journey's dimensions so each group reads only its own days.
 */
export function segmentMoments(db: Db, filter: DashboardFilter): SegmentMoments {
  const groups = db
    .select({ key: journeyDimensions.dimension, value: journeyDimensions.value, touchpointId: feelingRollups.touchpointId, ...sums })
    .from(journeyDimensions)
    .innerJoin(
      feelingRollups,
      and(
        eq(feelingRollups.journeyId, journeyDimensions.journeyId),
        eq(feelingRollups.segmentKey, journeyDimensions.dimension),
        eq(feelingRollups.segmentValue, journeyDimensions.value),
        between(feelingRollups.day, filter.from, filter.to),
        filter.channel ? eq(feelingRollups.channel, filter.channel) : undefined,
      ),
    )
    // Not the mode: gaps name groups of citizens, and a mode's difference is how answers were given (see the comparison per mode).
    .where(and(eq(journeyDimensions.journeyId, filter.journeyId), eq(journeyDimensions.isChannel, false), ne(journeyDimensions.dimension, MODE_SEGMENT_KEY)))
    .groupBy(journeyDimensions.dimension, journeyDimensions.value, feelingRollups.touchpointId)
    .all()
    .map(({ key, value, touchpointId, ...moments }) => ({ key, value, touchpointId, moments }));
  const everyone = new Map<number, Moments>();
  for (const [touchpointId, { n, sum, sumSquares }] of feelingByTouchpoint(db, { ...filter, segment: undefined })) everyone.set(touchpointId, { n, sum, sumSquares });
  return { everyone, groups };
}

/**
 * The significant segment gaps of a journey for the filter's period and channel (the filter's
 * segment is ignored: every segment group is compared with the rest), largest size × reach first.
 * For the journey's dashboard and the overview across journeys.
 */
export function findSegmentGaps(db: Db, filter: DashboardFilter, touchpoints: readonly GapTouchpoint[], minGroupSize: number): SegmentGap[] {
  return segmentGaps(touchpoints, segmentMoments(db, filter), minGroupSize).gaps;
}
