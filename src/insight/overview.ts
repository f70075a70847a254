/**
 * "Waar nu eerst": one overview across every journey, for the manager who has ten seconds.
 * The knelpunten (dips) of all journeys ranked by severity × reach, each with its trend against
 * the previous period (the point's trend: Welch, not by eye), its leading theme, a masked quote
 * and its improvement actions; the groups that do significantly worse than the rest (adjusted
 * across every journey); what goes well; and the response rates that changed significantly. Everything comes from the daily
 * roll-ups and the same pure statistics as the journey's own dashboard, so the figures agree.
 */
import { actionsByTouchpoint, type ActionAtTouchpoint } from '../actions/action-queries';
import { dayRangeInstants } from '../calendar';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type Journey } from '../db/schema';
import { bestTouchpoints, buildHeartMonitor, rankDips, type Dip, type HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import { feelingByTouchpoint, recentComments, responseRate, type DashboardFilter, type ResponseRate } from '../heartmonitor/queries';
import { compareProportions, wilsonInterval, type ProportionDifference, type ProportionEstimate } from '../heartmonitor/statistics';
import { findRegularJourney, regularJourneys } from '../journeys/regular-journeys';
import { maskedComments } from '../mask';
import { isReportable } from '../min-group';
import { loadDrivers, type DriverStep } from './drivers';
import { loadResponseRates, type UnderHeardGroup } from './response-rates';
import { gapTests, segmentMoments, significantGaps, type GapTest, type SegmentGap } from './segment-gaps';
import { leadingThemes, type Theme } from './theme-queries';

export interface OverviewPeriod {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

export interface ActionSummary {
  open: number;
  overdue: number;
  /** The most recently done action with a measured effect, if any. */
  lastEffect?: ActionAtTouchpoint;
}

export interface Knelpunt {
  journey: Pick<Journey, 'id' | 'slug' | 'name'>;
  point: HeartMonitorPoint & { dip: Dip };
  /** What the step's negative comments say more often than the rest (the leading theme). */
  theme?: Pick<Theme, 'term' | 'label' | 'responses' | 'share'>;
  quote?: string;
  actions: ActionSummary;
}

export interface GoingWell {
  journey: Pick<Journey, 'id' | 'slug' | 'name'>;
  point: HeartMonitorPoint;
  quote?: string;
}

export interface ResponseRateChange {
  journey: Pick<Journey, 'id' | 'slug' | 'name'>;
  current: ProportionEstimate;
  previous: ProportionEstimate;
  change: ProportionDifference;
}

export interface JourneyOverview {
  journey: Pick<Journey, 'id' | 'slug' | 'name'>;
  /** The step whose feeling explains most of the rapportcijfer (the key driver), when a model can be shown. */
  topDriver?: DriverStep & { share: number };
  touchpoints: HeartMonitorPoint['touchpoint'][];
  points: HeartMonitorPoint[];
  /** Answers with a feeling in the period, over all steps. */
  answers: number;
  /** The response funnel of the invitations created in the period (the digest shows it per journey). */
  response: ResponseRate;
}

export type OverviewGap = SegmentGap & { journey: Pick<Journey, 'id' | 'slug' | 'name'> };
export type OverviewUnderHeard = UnderHeardGroup & { journey: Pick<Journey, 'id' | 'slug' | 'name'> };

export interface Overview {
  period: OverviewPeriod;
  journeys: JourneyOverview[];
  knelpunten: Knelpunt[];
  /** Groups doing significantly worse than the rest at a step, adjusted across every journey's comparisons. */
  gaps: OverviewGap[];
  goingWell: GoingWell[];
  responseRates: ResponseRateChange[];
  /** Per journey the group that answers least often compared with the rest ("Wie antwoordt, wie niet"), lowest ratio first. */
  underHeard: OverviewUnderHeard[];
  minGroupSize: number;
}

export const OVERVIEW_LIMITS = { knelpunten: 5, goingWell: 3, gaps: 3, underHeard: 3 } as const;

function summariseActions(actions: ActionAtTouchpoint[] | undefined): ActionSummary {
  const list = actions ?? [];
  const measured = list
    .filter((entry) => entry.action.status === 'klaar' && entry.effect && entry.effect.state !== 'waiting')
    .sort((a, b) => (b.action.doneOn ?? '').localeCompare(a.action.doneOn ?? ''));
  return {
    open: list.filter((entry) => entry.action.status !== 'klaar').length,
    overdue: list.filter((entry) => entry.overdue).length,
    lastEffect: measured[0],
  };
}

/**
 * The response rate of the invitations whose outcome is known (answered or expired): invitations
 * still open would make the current period look worse than a finished one.
 */
function settledRate(rate: ReturnType<typeof responseRate>): { successes: number; n: number } {
  return { successes: rate.answered, n: rate.answered + rate.expired };
}

/** The overview for a period across the organisation's regular journeys (everyone, all channels). `today` dates the actions' overdue flags and effects. */
export function loadOverview(
  db: Db,
  period: OverviewPeriod,
  options: { minGroupSize: number; today: string },
  organisationId: number = HOSTING_ORGANISATION_ID,
): Overview {
  const { minGroupSize, today } = options;
  const { start, end } = dayRangeInstants(period.from, period.to);
  const previousRange = dayRangeInstants(period.previousFrom, period.previousTo);
  const journeys: JourneyOverview[] = [];
  const knelpunten: Knelpunt[] = [];
  const goingWell: GoingWell[] = [];
  const responseRates: ResponseRateChange[] = [];
  const underHeard: OverviewUnderHeard[] = [];
  const gapTestsOfAll: (GapTest & { journey: OverviewGap['journey'] })[] = [];

  for (const listed of regularJourneys(db, organisationId)) {
    const found = findRegularJourney(db, listed.slug, organisationId)!;
    const journey = { id: listed.id, slug: listed.slug, name: listed.name };
    const filter: DashboardFilter = { journeyId: journey.id, from: period.from, to: period.to };
    const previous: DashboardFilter = { ...filter, from: period.previousFrom, to: period.previousTo };
    const points = buildHeartMonitor(found.touchpoints, feelingByTouchpoint(db, filter), feelingByTouchpoint(db, previous), minGroupSize);
    const drivers = loadDrivers(db, filter, found.touchpoints, minGroupSize, { resamples: 0 });
    const topDriver = drivers.withheld ? undefined : drivers.steps.find((step): step is DriverStep & { share: number } => step.rank === 1 && step.share !== undefined);
    const response = responseRate(db, journey.id, start, end);
    journeys.push({ journey, topDriver, touchpoints: found.touchpoints, points, answers: points.reduce((total, point) => total + point.n, 0), response });

    const dips = rankDips(points);
    const actions = dips.length > 0 ? actionsByTouchpoint(db, journey.id, today, minGroupSize) : undefined;
    const themes = dips.length > 0 ? leadingThemes(db, { journeyId: journey.id, ...period, minGroupSize }) : undefined;
    for (const point of dips) {
      const [theme] = themes?.get(point.touchpoint.id) ?? [];
      const [quote] = theme?.quote ? [{ comment: theme.quote }] : maskedComments(recentComments(db, filter, start, end, point.touchpoint.id, 'negative', 5), 1);
      knelpunten.push({ journey, point, theme, quote: quote?.comment, actions: summariseActions(actions?.get(point.touchpoint.id)) });
    }
    gapTestsOfAll.push(...gapTests(found.touchpoints, segmentMoments(db, filter), minGroupSize).map((test) => ({ ...test, journey })));
    for (const point of bestTouchpoints(points)) {
      const [quote] = maskedComments(recentComments(db, filter, start, end, point.touchpoint.id, 'positive', 5), 1);
      goingWell.push({ journey, point, quote: quote?.comment });
    }

    const [leastHeard] = loadResponseRates(db, filter, minGroupSize).underHeard;
    if (leastHeard) underHeard.push({ ...leastHeard, journey });

    const now = settledRate(response);
    const before = settledRate(responseRate(db, journey.id, previousRange.start, previousRange.end));
    if (isReportable(now.n, minGroupSize) && isReportable(before.n, minGroupSize)) {
      const change = compareProportions(now, before)!;
      if (change.significant) {
        responseRates.push({ journey, current: wilsonInterval(now.successes, now.n)!, previous: wilsonInterval(before.successes, before.n)!, change });
      }
    }
  }

  return {
    period,
    journeys,
    knelpunten: knelpunten.sort((a, b) => b.point.dip.score - a.point.dip.score).slice(0, OVERVIEW_LIMITS.knelpunten),
    // Worse groups only: a better group is mostly the mirror image of a worse one under the same key.
    gaps: significantGaps(gapTestsOfAll).filter((gap) => gap.score > 0).slice(0, OVERVIEW_LIMITS.gaps),
    goingWell: goingWell.sort((a, b) => b.point.estimate!.mean * b.point.n - a.point.estimate!.mean * a.point.n).slice(0, OVERVIEW_LIMITS.goingWell),
    responseRates: responseRates.sort((a, b) => Math.abs(b.change.difference) - Math.abs(a.change.difference)),
    underHeard: underHeard.sort((a, b) => a.ratio - b.ratio).slice(0, OVERVIEW_LIMITS.underHeard),
    minGroupSize,
  };
}
