/**
 * The digest "Ongezouten feedback": what a manager should know about a period, for the mail and
 * the printable page /dashboard/samenvatting alike. Built on the overview "Waar nu eerst"
 * (src/insight/overview.ts), so its knelpunten, compliments and response figures are the same
 * numbers as on /dashboard: the minimum group size and the masking of quotes come with them.
 */
import { isOverdue, listActionsForJourney, touchpointsOfJourney } from '../actions/action-queries';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type ImprovementAction, type Journey } from '../db/schema';
import { risingThemes } from '../insight/theme-queries';
import { loadOverview, type GoingWell, type Knelpunt } from '../insight/overview';
import { maskPersonalData } from '../mask';
import { isReportable } from '../min-group';
import type { DigestPeriod } from './periods';

/** Positive news gets equal room: as many compliments as knelpunten. */
export const DIGEST_TOP = 3;
/** Actions listed at most; the rest is counted. */
export const DIGEST_ACTIONS = 10;

type JourneyRef = Pick<Journey, 'slug' | 'name'>;

/**
 * A theme whose share of a step's negative comments rose significantly against the period before
 * (see risingThemes in src/insight/theme-queries.ts): held to the minimum group size, quote masked.
 */
export interface RisingTheme {
  journey: JourneyRef;
  touchpoint: { slug: string; name: string };
  label: string;
  /** Respondents who mentioned it in the period. */
  respondents: number;
  /** Its share of the step's negative comments, now and in the previous period. */
  share: number;
  previousShare: number;
  quote?: string;
}

export interface DigestAction {
  journey: JourneyRef;
  touchpointName: string;
  /** Masked: a title is free text. Owners and descriptions stay out of the digest. */
  title: string;
  status: ImprovementAction['status'];
  dueOn: string;
  overdue: boolean;
}

export interface DigestResponse {
  journey: JourneyRef;
  /** Undefined when fewer invitations than the minimum group size went out. */
  figures?: { invited: number; answered: number; rate: number };
}

export interface DigestContent {
  period: DigestPeriod;
  knelpunten: Knelpunt[];
  compliments: GoingWell[];
  /** The themes that rose, most first (at most DIGEST_TOP). */
  risingThemes: RisingTheme[];
  /** Open actions overdue or due by the end of the coming period, overdue first. */
  actions: DigestAction[];
  /** How many such actions there are in all (the list holds at most DIGEST_ACTIONS). */
  actionCount: number;
  responses: DigestResponse[];
  minGroupSize: number;
}

export interface DigestOptions {
  minGroupSize: number;
  /** The Dutch calendar day of the clock: overdue is judged against it. */
  today: string;
}

function dueActions(db: Db, journeys: { journey: JourneyRef & { id: number } }[], period: DigestPeriod, today: string): DigestAction[] {
  return journeys
    .flatMap(({ journey }) => {
      const steps = new Map(touchpointsOfJourney(db, journey.id).map((step) => [step.id, step.name]));
      return listActionsForJourney(db, journey.id)
        .filter((action): action is ImprovementAction & { dueOn: string } => action.status !== 'klaar' && action.dueOn !== null && action.dueOn <= period.comingTo)
        .map((action) => ({
          journey: { slug: journey.slug, name: journey.name },
          touchpointName: steps.get(action.touchpointId) ?? '',
          title: maskPersonalData(action.title),
          status: action.status,
          dueOn: action.dueOn,
          overdue: isOverdue(action, today),
        }));
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.journey.name.localeCompare(b.journey.name));
}

/** The digest for a period across the organisation's regular journeys (everyone, all channels). */
export function buildDigest(db: Db, period: DigestPeriod, options: DigestOptions, organisationId: number = HOSTING_ORGANISATION_ID): DigestContent {
  const { minGroupSize, today } = options;
  const overview = loadOverview(db, period, { minGroupSize, today }, organisationId);
  const actions = dueActions(db, overview.journeys, period, today);
  return {
    period,
    knelpunten: overview.knelpunten.slice(0, DIGEST_TOP),
    compliments: overview.goingWell.slice(0, DIGEST_TOP),
    risingThemes: overview.journeys
      .flatMap(({ journey, touchpoints }) =>
        risingThemes(db, { journeyId: journey.id, ...period, minGroupSize }).map(({ touchpointId, theme }) => ({
          journey: { slug: journey.slug, name: journey.name },
          touchpoint: touchpoints.find((touchpoint) => touchpoint.id === touchpointId)!,
          label: theme.label,
          respondents: theme.responses,
          share: theme.share,
          previousShare: theme.previousShare ?? 0,
          quote: theme.quote,
        })),
      )
      .sort((a, b) => b.share - b.previousShare - (a.share - a.previousShare))
      .slice(0, DIGEST_TOP),
    actions: actions.slice(0, DIGEST_ACTIONS),
    actionCount: actions.length,
    responses: overview.journeys.map(({ journey, response }) => ({
      journey: { slug: journey.slug, name: journey.name },
      figures: isReportable(response.invited, minGroupSize)
        ? { invited: response.invited, answered: response.answered, rate: response.answered / response.invited }
        : undefined,
    })),
    minGroupSize,
  };
}
