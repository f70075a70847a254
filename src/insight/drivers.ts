import type { Db } from '../db/client';
import { driverRollups, type Touchpoint } from '../db/schema';
import { addPairwise, decodePairwise, type PairwiseMoments } from '../heartmonitor/pairwise-moments';
import { feelingByTouchpoint, rollupWhere, type DashboardFilter } from '../heartmonitor/queries';
import { itemQuestion } from '../items/item-figures';
import { isReportable } from '../min-group';
import { fitDrivers, type ModelWithheld, type StepExclusion } from './drivers-model';
import { itemDriverMoments } from './item-drivers';

export type Quadrant = 'priority' | 'keep' | 'low' | 'fine';

/** What a step and an item have alike in the model. */
interface DriverFigures {
  /** In the model: its share of R², interval and rank. */
  share?: number;
  interval?: { low: number; high: number };
  rank?: number;
  /**
   * Importance × performance, against the average share and the average performance of the
   * model's steps and items: 'priority' is more important and lower than average ("hier eerst verbeteren").
   */
  quadrant?: Quadrant;
  excluded?: StepExclusion;
  /** Where it stands on the performance axis (−2…+2): a step's feeling, an item's score on the same scale; absent below the minimum group size. */
  position?: number;
}

export interface DriverStep extends DriverFigures {
  kind: 'step';
  touchpoint: Touchpoint;
  /** Feelings given in the period, and answers "niet van toepassing". */
  feelings: number;
  notApplicable: number;
  /** The mean feeling (−2…+2) as on the heart monitor; absent below the minimum group size. */
  feeling?: number;
}

/** A question of the item bank (or an own eens-1-5 question) as a candidate driver. */
export interface DriverItem extends DriverFigures {
  kind: 'item';
  code: string;
  /** The question as citizens read it (Dutch). */
  question: string;
  /** Asked at this step; absent when asked once for the journey. */
  touchpoint?: Touchpoint;
  /** Answers with a value, and "weet ik niet". */
  answers: number;
  dontKnow: number;
  /** The mean answer on 0–1 (worst to best, normalised from its own scale); absent below the minimum group size. */
  performance?: number;
}

export type DriverEntry = DriverStep | DriverItem;

/** An item's score (0–1) on the feeling's −2…+2, so steps and items share one performance axis. */
const onFeelingScale = (performance: number | undefined) => (performance === undefined ? undefined : performance * 4 - 2);

export interface Drivers {
  minGroupSize: number;
  responses: number;
  days: number;
  /** Why no model is shown; absent when it is. */
  withheld?: ModelWithheld;
  r2?: number;
  repaired?: boolean;
  /** Whether the shares have intervals (enough days to resample). */
  intervals?: boolean;
  /** The cross-hairs of importance × performance: the average share and the average performance (on the feeling's −2…+2). */
  meanShare?: number;
  meanFeeling?: number;
  /** Model steps by rank, then the steps left out, in journey order. */
  steps: DriverStep[];
  /** The items that were candidates (asked and driver-capable), by rank, then those left out. */
  items: DriverItem[];
  /** Steps and items together: by rank, then those left out. */
  ranked: DriverEntry[];
  /** The "hier eerst verbeteren" steps and items, most important first. */
  priority: DriverEntry[];
}

/** The pairwise moments per day in the period and filter (channels added together), by day. */
export function driverMomentsByDay(db: Db, filter: DashboardFilter): Map<string, PairwiseMoments> {
  const byDay = new Map<string, PairwiseMoments>();
  for (const row of db.select({ day: driverRollups.day, moments: driverRollups.moments }).from(driverRollups).where(rollupWhere(driverRollups, filter)).all()) {
    const moments = decodePairwise(row.moments);
    const known = byDay.get(row.day);
    byDay.set(row.day, known ? addPairwise(known, moments) : moments);
  }
  return byDay;
}

/**
 * The key drivers of the rapportcijfer for a journey and filter: the model from the roll-ups,
 * each step's feeling from the heart monitor's roll-ups, and importance × performance.
 */
export function loadDrivers(
  db: Db,
  filter: DashboardFilter,
  touchpoints: Touchpoint[],
  minGroupSize: number,
  /**
   * 0 resamples: shares and ranks without intervals (the overview, which links to the page that has them).
   * items: the item bank's questions are candidates too (read from the item answers of the period).
   */
  options: { resamples?: number; items?: boolean } = {},
): Drivers {
  const days = driverMomentsByDay(db, filter);
  const itemMoments = options.items ? itemDriverMoments(db, filter) : { variables: [], byDay: new Map<string, PairwiseMoments>() };
  for (const [day, moments] of itemMoments.byDay) {
    const known = days.get(day);
    if (known) days.set(day, addPairwise(known, moments));
  }
  const ids = [...touchpoints.map((touchpoint) => touchpoint.id), ...itemMoments.variables.map((variable) => variable.id)];
  const fit = fitDrivers([...days.values()], ids, { minGroupSize, resamples: options.resamples });
  const moments = feelingByTouchpoint(db, filter);
  const shares = new Map(fit.model?.shares.map((share) => [share.id, share]));
  const excluded = new Map(fit.excluded.map((step) => [step.id, step.reason]));
  const steps = touchpoints.map((touchpoint): DriverStep => {
    const m = moments.get(touchpoint.id);
    const share = shares.get(touchpoint.id);
    const feeling = m && isReportable(m.n, minGroupSize) ? m.sum / m.n : undefined;
    return {
      kind: 'step',
      touchpoint,
      feelings: m?.n ?? 0,
      notApplicable: m ? m.answers - m.n : 0,
      feeling,
      position: feeling,
      share: share?.share,
      interval: share?.interval,
      rank: share?.rank,
      excluded: excluded.get(touchpoint.id),
    };
  });
  const stepById = new Map(touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  const items = itemMoments.variables.map((variable): DriverItem => {
    const share = shares.get(variable.id);
    const performance = isReportable(variable.n, minGroupSize) ? variable.normalisedSum / variable.n : undefined;
    return {
      kind: 'item',
      code: variable.code,
      question: itemQuestion(variable.definition),
      touchpoint: variable.touchpointId === null ? undefined : stepById.get(variable.touchpointId),
      answers: variable.n,
      dontKnow: variable.dontKnow,
      performance,
      position: onFeelingScale(performance),
      share: share?.share,
      interval: share?.interval,
      rank: share?.rank,
      excluded: excluded.get(variable.id),
    };
  });
  const byRank = <T extends DriverEntry>(entries: T[]) => [...entries.filter((entry) => entry.rank !== undefined).sort((a, b) => a.rank! - b.rank!), ...entries.filter((entry) => entry.rank === undefined)];
  const base = { minGroupSize, responses: fit.responses, days: fit.days };
  if (!fit.model) return { ...base, withheld: fit.withheld, steps, items, ranked: [...steps, ...items], priority: [] };

  const inModel = [...steps, ...items].filter((entry) => entry.share !== undefined && entry.position !== undefined);
  const meanShare = fit.model.r2 / fit.model.shares.length;
  const meanFeeling = inModel.reduce((total, entry) => total + entry.position!, 0) / inModel.length;
  for (const entry of inModel) {
    const important = entry.share! > meanShare;
    const low = entry.position! < meanFeeling;
    entry.quadrant = important ? (low ? 'priority' : 'keep') : low ? 'low' : 'fine';
  }
  const ranked = byRank<DriverEntry>([...steps, ...items]);
  return {
    ...base,
    r2: fit.model.r2,
    repaired: fit.model.repaired,
    intervals: fit.model.resamples > 0,
    meanShare,
    meanFeeling,
    steps: byRank(steps),
    items: byRank(items),
    ranked,
    priority: ranked.filter((entry) => entry.quadrant === 'priority'),
  };
}
