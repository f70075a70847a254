import { callbackFigures, type CallbackFigures } from '../callbacks/figures';
import { actionsByTouchpoint, type ActionAtTouchpoint } from '../actions/action-queries';
import { dayRangeInstants, daysInclusive } from '../calendar';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type Journey } from '../db/schema';
import { bestTouchpoints, buildHeartMonitor, rankDips, type HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import {
  feelingBySegmentValue,
  feelingByTouchpoint,
  journeyDimensionValues,
  recentComments,
  responseRate,
  scoresByDay,
  scoresByLeadBand,
  type Comment,
  type DashboardFilter,
  type ResponseRate,
} from '../heartmonitor/queries';
import { leadBands } from '../heartmonitor/rollups';
import { loadDrivers, type Drivers } from '../insight/drivers';
import { meanEstimate, type MeanEstimate } from '../heartmonitor/statistics';
import { scoreEstimates, scoresOverTime, totalScores, type ScorePeriod } from '../heartmonitor/trends';
import { analyseResponseRates, responseCounts, type ResponseRates } from '../insight/response-rates';
import { loadWeighting, weightableKeys, type DashboardWeighting } from '../insight/weighted-dashboard';
import { segmentGaps, segmentMoments, type SegmentGapResult } from '../insight/segment-gaps';
import { maskedComments } from '../mask';
import { isReportable } from '../min-group';
import { itemPanelData, trendGranularityFor, type ItemPanelData } from '../items/item-figures';
import type { ResolvedFilters } from '../heartmonitor/filters';
import { chosenJourney } from '../journeys/regular-journeys';

export interface DashboardData {
  journeys: Journey[];
  journey?: Journey;
  filters: ResolvedFilters;
  dimensions: { segments: Map<string, string[]>; channels: string[] };
  points: HeartMonitorPoint[];
  dips: { point: HeartMonitorPoint; comments: Comment[] }[];
  goodNews: { point: HeartMonitorPoint; comments: Comment[] }[];
  comparison?: { key: string; lines: { value: string; n: number; points: HeartMonitorPoint[] }[]; hidden: number };
  /** Every segment group against the rest at every step (the segment filter does not apply). */
  segmentGaps: SegmentGapResult;
  scores: ScorePeriod[];
  totals: Omit<ScorePeriod, 'period'>;
  rate?: ResponseRate;
  /** Who answers and who does not: the funnel per segment value and channel, with the under-heard groups. */
  responseRates?: ResponseRates;
  /** The segment keys the figures can be weighted to (`weeg`): keys of both the invitations and the answers. */
  weightKeys?: string[];
  /** The weighted heart monitor and grades, when `weeg` names one of `weightKeys`. */
  weighting?: DashboardWeighting;
  process: { band: string; n: number; feeling?: MeanEstimate; grade?: MeanEstimate; responses: number }[];
  minGroupSize: number;
  targetGrade: number;
  /** Improvement actions per touchpoint id, with overdue flags and effects (when `today` was given). */
  actions?: Map<number, ActionAtTouchpoint[]>;
  /** What moves the rapportcijfer (src/insight/drivers.ts). */
  drivers?: Drivers;
  /** Call-back requests of this journey and period (src/callbacks/figures.ts). */
  callbacks?: CallbackFigures;
  /** The item bank's questions and "Is uw vraag beantwoord?" (src/items/item-figures.ts). */
  items?: ItemPanelData;
}

/** Everything the dashboard shows for these filters, for one of the organisation's regular journeys: queries over the roll-ups plus the pure statistics. */
export function loadDashboard(
  db: Db,
  filters: ResolvedFilters,
  options: { minGroupSize: number; targetGrade: number; today?: string },
  organisationId: number = HOSTING_ORGANISATION_ID,
): DashboardData {
  const { journeys, found } = chosenJourney(db, filters.query.reis, organisationId);
  const { minGroupSize, targetGrade } = options;
  const base = { journeys, filters, minGroupSize, targetGrade, points: [], dips: [], goodNews: [], scores: [], process: [], segmentGaps: { tested: 0, gaps: [] } };
  if (!found) return { ...base, dimensions: { segments: new Map(), channels: [] }, totals: { n: 0 } };

  const { journey, touchpoints } = found;
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  const previous: DashboardFilter = { ...filter, from: filters.previousFrom, to: filters.previousTo };
  const { start, end } = dayRangeInstants(filters.from, filters.to);

  const points = buildHeartMonitor(touchpoints, feelingByTouchpoint(db, filter), feelingByTouchpoint(db, previous), minGroupSize);
  const dips = rankDips(points).map((point) => ({
    point,
    comments: maskedComments(recentComments(db, filter, start, end, point.touchpoint.id, 'negative', 20), 5),
  }));
  const goodNews = bestTouchpoints(points).map((point) => ({
    point,
    comments: maskedComments(recentComments(db, filter, start, end, point.touchpoint.id, 'positive', 12), 3),
  }));

  let comparison: DashboardData['comparison'];
  const dimensions = journeyDimensionValues(db, journey.id);
  // Only a key this journey has answers for: a key carried over from another journey compares nothing.
  if (filters.compareKey && dimensions.segments.has(filters.compareKey)) {
    const byValue = feelingBySegmentValue(db, filter, filters.compareKey);
    const lines = [...byValue.entries()]
      .map(([value, moments]) => ({
        value,
        n: Math.max(0, ...[...moments.values()].map((m) => m.n)),
        points: buildHeartMonitor(touchpoints, moments, undefined, minGroupSize),
      }))
      .sort((a, b) => a.value.localeCompare(b.value, 'nl'));
    const shown = lines.filter((line) => isReportable(line.n, minGroupSize));
    comparison = { key: filters.compareKey, lines: shown, hidden: lines.length - shown.length };
  }

  // The period's invitations, counted once: for "wie antwoordt" and for the invited mix to weight to.
  const funnel = responseCounts(db, filter);
  const weightKeys = weightableKeys(funnel, dimensions.segments.keys());
  const weighting =
    filters.weightKey && weightKeys.includes(filters.weightKey)
      ? loadWeighting(db, filter, filters.weightKey, points.map((point) => point.touchpoint.id), funnel, minGroupSize)
      : undefined;

  const days = scoresByDay(db, filter);
  const bands = scoresByLeadBand(db, filter);
  const process = leadBands
    .map((band) => {
      const sums = bands.get(band);
      const responses = sums?.n ?? 0;
      const reportable = sums !== undefined && isReportable(responses, minGroupSize);
      return {
        band,
        n: sums?.feelingN ?? 0,
        responses,
        feeling: reportable ? meanEstimate({ n: sums.feelingN, sum: sums.feelingSum, sumSquares: sums.feelingSumSquares }) : undefined,
        grade: reportable ? meanEstimate({ n: sums.n, sum: sums.gradeSum, sumSquares: sums.gradeSumSquares }) : undefined,
      };
    })
    .filter((row) => row.responses > 0);

  return {
    ...base,
    journey,
    dimensions,
    points,
    dips,
    goodNews,
    comparison,
    segmentGaps: segmentGaps(touchpoints, segmentMoments(db, filter), minGroupSize),
    scores: scoresOverTime(days, filters.granularity, minGroupSize),
    totals: scoreEstimates(totalScores(days), minGroupSize),
    // The journey's funnel from the hourly roll-up (no segments there); per group the invitations are read.
    rate: responseRate(db, journey.id, start, end),
    responseRates: analyseResponseRates(funnel, minGroupSize, filter.segment),
    weightKeys,
    weighting,
    process,
    actions: options.today ? actionsByTouchpoint(db, journey.id, options.today, minGroupSize) : undefined,
    drivers: loadDrivers(db, filter, touchpoints, minGroupSize, { items: true }),
    callbacks: callbackFigures(db, journey.id, start, end, minGroupSize),
    items: itemPanelData(db, filter, touchpoints, minGroupSize, trendGranularityFor(daysInclusive(filters.from, filters.to))),
  };
}
