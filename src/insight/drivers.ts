import type { Db } from '../db/client';
import { driverRollups, type Touchpoint } from '../db/schema';
import { addPairwise, decodePairwise, type PairwiseMoments } from '../heartmonitor/pairwise-moments';
import { feelingByTouchpoint, rollupWhere, type DashboardFilter } from '../heartmonitor/queries';
import { isReportable } from '../min-group';
import { fitDrivers, type ModelWithheld, type StepExclusion } from './drivers-model';

export type Quadrant = 'priority' | 'keep' | 'low' | 'fine';

export interface DriverStep {
  touchpoint: Touchpoint;
  /** Feelings given in the period, and answers "niet van toepassing". */
  feelings: number;
  notApplicable: number;
  /** The mean feeling (−2…+2) as on the heart monitor; absent below the minimum group size. */
  feeling?: number;
  /** In the model: its share of R², interval and rank. */
  share?: number;
  interval?: { low: number; high: number };
  rank?: number;
  /**
   * Importance × performance, against the average share and the average feeling of the model's
   * steps: 'priority' is more important and felt worse than average ("hier eerst verbeteren").
   */
  quadrant?: Quadrant;
  excluded?: StepExclusion;
}

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
  /** The cross-hairs of importance × performance: the average share and the average step feeling. */
  meanShare?: number;
  meanFeeling?: number;
  /** Model steps by rank, then the steps left out, in journey order. */
  steps: DriverStep[];
  /** The "hier eerst verbeteren" steps, most important first. */
  priority: DriverStep[];
}

/** The pairwise moments per day in the period and filter (channels added together). */
export function driverMomentsByDay(db: Db, filter: DashboardFilter): PairwiseMoments[] {
  const byDay = new Map<string, PairwiseMoments>();
  for (const row of db.select({ day: driverRollups.day, moments: driverRollups.moments }).from(driverRollups).where(rollupWhere(driverRollups, filter)).all()) {
    const moments = decodePairwise(row.moments);
    const known = byDay.get(row.day);
    byDay.set(row.day, known ? addPairwise(known, moments) : moments);
  }
  return [...byDay.values()];
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
  /** 0 resamples: shares and ranks without intervals (the overview, which links to the page that has them). */
  options: { resamples?: number } = {},
): Drivers {
  const fit = fitDrivers(driverMomentsByDay(db, filter), touchpoints.map((touchpoint) => touchpoint.id), { minGroupSize, resamples: options.resamples });
  const moments = feelingByTouchpoint(db, filter);
  const shares = new Map(fit.model?.shares.map((share) => [share.id, share]));
  const excluded = new Map(fit.excluded.map((step) => [step.id, step.reason]));
  const steps = touchpoints.map((touchpoint): DriverStep => {
    const m = moments.get(touchpoint.id);
    const share = shares.get(touchpoint.id);
    return {
      touchpoint,
      feelings: m?.n ?? 0,
      notApplicable: m ? m.answers - m.n : 0,
      feeling: m && isReportable(m.n, minGroupSize) ? m.sum / m.n : undefined,
      share: share?.share,
      interval: share?.interval,
      rank: share?.rank,
      excluded: excluded.get(touchpoint.id),
    };
  });
  const base = { minGroupSize, responses: fit.responses, days: fit.days };
  if (!fit.model) return { ...base, withheld: fit.withheld, steps, priority: [] };

  const inModel = steps.filter((step) => step.share !== undefined && step.feeling !== undefined);
  const meanShare = fit.model.r2 / fit.model.shares.length;
  const meanFeeling = inModel.reduce((total, step) => total + step.feeling!, 0) / inModel.length;
  for (const step of inModel) {
    const important = step.share! > meanShare;
    const low = step.feeling! < meanFeeling;
    step.quadrant = important ? (low ? 'priority' : 'keep') : low ? 'low' : 'fine';
  }
  const ranked = [...steps.filter((step) => step.rank !== undefined).sort((a, b) => a.rank! - b.rank!), ...steps.filter((step) => step.rank === undefined)];
  return {
    ...base,
    r2: fit.model.r2,
    repaired: fit.model.repaired,
    intervals: fit.model.resamples > 0,
    meanShare,
    meanFeeling,
    steps: ranked,
    priority: ranked.filter((step) => step.quadrant === 'priority'),
  };
}
