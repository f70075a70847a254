import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { actionEffect, isOverdue, listActionsForJourney } from '../actions/action-queries';
import type { ActionEffect } from '../actions/effect';
import { dayOf, dayRangeInstants } from '../calendar';
import type { ResolvedFilters } from '../heartmonitor/filters';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, touchpoints as touchpointsTable, type ActionStatus, type Journey } from '../db/schema';
import { buildHeartMonitor, type HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import { feelingByTouchpoint, journeyDimensionValues, recentComments, type Comment, type DashboardFilter } from '../heartmonitor/queries';
import { chosenJourney } from '../journeys/regular-journeys';
import { maskedComments } from '../mask';
import { isReportable } from '../min-group';

/** How many of the citizens' own words a step shows: enough to discuss, few enough to print. */
export const QUOTES_PER_STEP = 3;
/** How many recent negative comments are read to pick the most telling ones from. */
const QUOTE_CANDIDATES = 30;

export interface JourneyMapAction {
  id: number;
  title: string;
  owner: string;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
  /** For a finished action: the feeling at its step before and after (everyone, all channels), from src/actions/effect.ts. */
  effect?: ActionEffect;
}

export interface JourneyMapStep {
  /** The heart-monitor point: touchpoint, n, estimate (only when reportable), dip, change. */
  point: HeartMonitorPoint;
  /** An archived touchpoint, shown because it has answers in this period. */
  archived: boolean;
  /** The main bottlenecks in the citizens' own words, masked; undefined when withheld (too few answers). */
  bottlenecks?: Pick<Comment, 'comment' | 'feeling' | 'answeredAt'>[];
  actions: JourneyMapAction[];
}

export interface JourneyMapData {
  journeys: Journey[];
  journey?: Journey;
  filters: ResolvedFilters;
  dimensions: { segments: Map<string, string[]>; channels: string[] };
  steps: JourneyMapStep[];
  minGroupSize: number;
  /** The day the map was made ('YYYY-MM-DD'): what "overdue" is measured against. */
  today: string;
}

/**
 * The bottlenecks of a step: the strongest negative feelings first, then the newest; masked,
 * each text once (the same complaint twice adds nothing to a workshop).
 */
export function pickBottlenecks(comments: Comment[], limit = QUOTES_PER_STEP): JourneyMapStep['bottlenecks'] {
  const ordered = [...comments].sort((a, b) => (a.feeling ?? 0) - (b.feeling ?? 0) || b.answeredAt.getTime() - a.answeredAt.getTime());
  return maskedComments(ordered, limit).map(({ comment, feeling, answeredAt }) => ({ comment, feeling, answeredAt }));
}

/**
 * Which actions a map for a period shows: everything still open (idee, gepland, bezig), and
 * finished work done in or after the period — older finished work would only clutter the map.
 */
export function isActionShown(action: { status: ActionStatus; doneOn: string | null }, periodFrom: string): boolean {
  return action.status !== 'klaar' || action.doneOn === null || action.doneOn >= periodFrom;
}

/**
 * The klantreiskaart of one journey for the dashboard's filters (journey, period, segment,
 * channel): per touchpoint in journey order its heart-monitor point, bottlenecks and actions.
 * Active touchpoints always; archived ones only when they have answers in this selection.
 */
export function buildJourneyMap(
  db: Db,
  filters: ResolvedFilters,
  options: { minGroupSize: number; now: Date },
  organisationId: number = HOSTING_ORGANISATION_ID,
): JourneyMapData {
  const { journeys, found } = chosenJourney(db, filters.query.reis, organisationId);
  const { minGroupSize } = options;
  const today = dayOf(options.now);
  const base = { journeys, filters, minGroupSize, today, steps: [] };
  if (!found) return { ...base, dimensions: { segments: new Map(), channels: [] } };

  const { journey } = found;
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  const previous: DashboardFilter = { ...filter, from: filters.previousFrom, to: filters.previousTo };
  const current = feelingByTouchpoint(db, filter);

  const archived = db
    .select()
    .from(touchpointsTable)
    .where(and(eq(touchpointsTable.journeyId, journey.id), isNotNull(touchpointsTable.archivedAt)))
    .orderBy(asc(touchpointsTable.position))
    .all()
    .filter((touchpoint) => (current.get(touchpoint.id)?.answers ?? 0) > 0);
  const archivedIds = new Set(archived.map((touchpoint) => touchpoint.id));
  // Active first: on an equal position (an archived step keeps its old one) the active step leads; the sort is stable.
  const points = buildHeartMonitor([...found.touchpoints, ...archived], current, feelingByTouchpoint(db, previous), minGroupSize);

  const { start, end } = dayRangeInstants(filters.from, filters.to);
  const actions = listActionsForJourney(db, journey.id).filter((action) => isActionShown(action, filters.from));

  const steps = points.map((point): JourneyMapStep => {
    const id = point.touchpoint.id;
    return {
      point,
      archived: archivedIds.has(id),
      bottlenecks: isReportable(point.answers, minGroupSize)
        ? pickBottlenecks(recentComments(db, filter, start, end, id, 'negative', QUOTE_CANDIDATES))
        : undefined,
      actions: actions
        .filter((action) => action.touchpointId === id)
        .map((action) => ({
          id: action.id,
          title: action.title,
          owner: action.owner,
          status: action.status,
          dueOn: action.dueOn,
          doneOn: action.doneOn,
          overdue: isOverdue(action, today),
          effect: actionEffect(db, action, today, minGroupSize),
        })),
    };
  });

  return { ...base, journey, dimensions: journeyDimensionValues(db, journey.id), steps };
}
