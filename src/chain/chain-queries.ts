/**
 * What the chain view reads (issue 24). Only what partners may see: the roll-ups of the whole
 * chain journey (every partner's responses, minimum group size per step), masked quotes on the
 * chain's own steps, themes and drivers of those steps, and the chain's actions. Never
 * invitations, addresses, panel members or call-back requests, and nothing of other journeys.
 */
import { actionEffect, isOverdue, listActionsForJourney } from '../actions/action-queries';
import type { ActionEffect } from '../actions/effect';
import { dayOf, dayRangeInstants } from '../calendar';
import type { Db } from '../db/client';
import type { ImprovementAction, Journey, Organisation, Touchpoint } from '../db/schema';
import type { ResolvedFilters } from '../heartmonitor/filters';
import { buildHeartMonitor } from '../heartmonitor/heart-monitor';
import { feelingByTouchpoint, recentComments, type Comment, type DashboardFilter } from '../heartmonitor/queries';
import { loadDrivers, type DriverStep } from '../insight/drivers';
import { themeParams } from '../insight/theme-page';
import { journeyThemes, type Theme } from '../insight/theme-queries';
import { pickBottlenecks } from '../journey-map/journey-map';
import { findJourneyWithTouchpoints } from '../journeys/journeys';
import { isReportable } from '../min-group';
import { partnersOf } from '../organisations/chain-access';
import { markChain, rankChainDips, type ChainOwner, type ChainStep } from './chain-view';

/** How many recent negative comments on a step are read to pick its quotes from. */
const QUOTE_CANDIDATES = 30;

export interface ChainAction {
  action: ImprovementAction;
  organisation: ChainOwner;
  step?: Pick<Touchpoint, 'id' | 'name'>;
  overdue: boolean;
  /** The effect measurement of a finished action (src/actions/effect.ts): before/after at its step. */
  effect?: ActionEffect;
  /** Whether the viewer's organisation owns it, and so may change it. */
  editable: boolean;
}

export interface Knelpunt {
  step: ChainStep & { dip: NonNullable<ChainStep['dip']> };
  /** Masked negative quotes on this step; undefined when the step has too few answers. */
  quotes?: Pick<Comment, 'comment' | 'feeling' | 'answeredAt'>[];
  themes: Theme[];
  /** The step in the key-driver model, when it is in it. */
  driver?: DriverStep;
}

export interface ChainViewData {
  journey: Journey;
  /** The coordinator first. */
  partners: ChainOwner[];
  viewer: ChainOwner;
  filters: ResolvedFilters;
  steps: ChainStep[];
  knelpunten: Knelpunt[];
  /** Per partner the steps it owns, in journey order. */
  ownership: { partner: ChainOwner; steps: ChainStep[] }[];
  actions: ChainAction[];
  minGroupSize: number;
  today: string;
}

const ownerOf = (organisation: Organisation): ChainOwner => ({ id: organisation.id, name: organisation.name, slug: organisation.slug });

/** The partners of a chain journey, the coordinator first. */
export const chainPartners = (db: Db, journeyId: number): ChainOwner[] => partnersOf(db, journeyId).map(ownerOf);

/** The chain journey's steps with their owners (null = the coordinator), in journey order. */
function chainSteps(db: Db, journey: Journey): { touchpoints: Touchpoint[]; partners: ChainOwner[]; owner: (touchpointId: number) => ChainOwner } {
  const touchpoints = findJourneyWithTouchpoints(db, journey.id)?.touchpoints ?? [];
  const partners = chainPartners(db, journey.id);
  const byId = new Map(partners.map((partner) => [partner.id, partner]));
  const stepOwner = new Map(touchpoints.map((step) => [step.id, byId.get(step.ownerOrganisationId ?? journey.organisationId)!]));
  return { touchpoints, partners, owner: (touchpointId) => stepOwner.get(touchpointId)! };
}

/** The chain actions of a journey, each with its owner organisation, step, overdue flag and effect. */
export function chainActions(db: Db, journey: Journey, partners: ChainOwner[], viewerId: number, today: string, minGroupSize: number): ChainAction[] {
  const touchpoints = findJourneyWithTouchpoints(db, journey.id)?.touchpoints ?? [];
  const steps = new Map(touchpoints.map((step) => [step.id, step]));
  const byId = new Map(partners.map((partner) => [partner.id, partner]));
  return listActionsForJourney(db, journey.id).map((action) => ({
    action,
    organisation: byId.get(action.organisationId) ?? { id: action.organisationId, name: '', slug: '' },
    step: steps.get(action.touchpointId),
    overdue: isOverdue(action, today),
    effect: actionEffect(db, action, today, minGroupSize),
    editable: action.organisationId === viewerId,
  }));
}

/**
 * Everything the chain view and its printable map show for the dashboard's filters (period,
 * segment, channel): the heart line over all partners' responses, owners and hand-offs, the
 * ketenknelpunten first with their quotes, themes and drivers, and the shared actions.
 */
export function loadChainView(db: Db, journey: Journey, viewerId: number, filters: ResolvedFilters, options: { minGroupSize: number; now: Date }): ChainViewData {
  const { minGroupSize } = options;
  const today = dayOf(options.now);
  const { touchpoints, partners, owner } = chainSteps(db, journey);
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  const current = feelingByTouchpoint(db, filter);
  const points = buildHeartMonitor(touchpoints, current, feelingByTouchpoint(db, { ...filter, from: filters.previousFrom, to: filters.previousTo }), minGroupSize);
  const steps = markChain(points, owner, current);

  const dips = rankChainDips(steps);
  const { start, end } = dayRangeInstants(filters.from, filters.to);
  const themes = dips.length > 0 ? journeyThemes(db, themeParams(journey.id, filters, minGroupSize)) : new Map<number, Theme[]>();
  const drivers = dips.length > 0 ? loadDrivers(db, filter, touchpoints, minGroupSize, { resamples: 0 }) : undefined;
  const knelpunten = dips.map((step): Knelpunt => {
    const id = step.point.touchpoint.id;
    return {
      step,
      quotes: isReportable(step.point.answers, minGroupSize) ? pickBottlenecks(recentComments(db, filter, start, end, id, 'negative', QUOTE_CANDIDATES)) : undefined,
      themes: themes.get(id) ?? [],
      driver: drivers?.steps.find((driver) => driver.touchpoint.id === id && driver.rank !== undefined),
    };
  });

  const viewer = partners.find((partner) => partner.id === viewerId)!;
  return {
    journey,
    partners,
    viewer,
    filters,
    steps,
    knelpunten,
    ownership: partners.map((partner) => ({ partner, steps: steps.filter((step) => step.owner.id === partner.id) })),
    actions: chainActions(db, journey, partners, viewerId, today, minGroupSize),
    minGroupSize,
    today,
  };
}
