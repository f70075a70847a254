/**
 * The digest "Ongezouten feedback": what a manager should know about a period, for the mail and
 * the printable page /dashboard/samenvatting alike. Built on the overview "Waar nu eerst"
 * (src/insight/overview.ts), so its knelpunten, compliments and response figures are the same
 * numbers as on /dashboard: the minimum group size and the masking of quotes come with them.
 */
import { isOverdue, listActionsForJourney, touchpointsOfJourney } from '../actions/action-queries';
import type { Db } from '../db/client';
import type { ImprovementAction, Journey } from '../db/schema';
import { loadOverview, type GoingWell, type Knelpunt } from '../insight/overview';
import { maskPersonalData } from '../privacy/mask';
import { isReportable } from '../privacy/min-group';
import type { DigestPeriod } from './periods';

/** Positive news gets equal room: as many compliments as knelpunten. */
export const DIGEST_TOP = 3;
/** Actions listed at most; the rest is counted. */
export const DIGEST_ACTIONS = 10;

type JourneyRef = Pick<Journey, 'slug' | 'name'>;

/**
 * A theme that citizens mentioned clearly more often than in the period before. Filled in by the
 * themes feature (src/insight/text/); the digest only shows what it is given, already held to the
 * minimum group size and with masked quotes.
 */
export interface RisingTheme {
  journey: JourneyRef;
  touchpoint?: { slug: string; name: string };
  label: string;
  /** Respondents who mentioned it, now and in the previous period. */
  respondents: number;
  previousRespondents: number;
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
  /** The slot for "themes that rose": undefined until a themes source is wired in (then shown, also when empty). */
  risingThemes?: RisingTheme[];
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
  /** The source of "themes that rose" for the period, when there is one. */
  risingThemes?: (db: Db, period: DigestPeriod) => RisingTheme[];
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

/** The digest for a period across every journey (everyone, all channels). */
export function buildDigest(db: Db, period: DigestPeriod, options: DigestOptions): DigestContent {
  const { minGroupSize, today } = options;
  const overview = loadOverview(db, period, { minGroupSize, today });
  const actions = dueActions(db, overview.journeys, period, today);
  return {
    period,
    knelpunten: overview.knelpunten.slice(0, DIGEST_TOP),
    compliments: overview.goingWell.slice(0, DIGEST_TOP),
    risingThemes: options.risingThemes?.(db, period),
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
