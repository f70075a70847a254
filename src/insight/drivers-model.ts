/**
 * Key drivers ("Wat bepaalt het cijfer?") from daily pairwise moments: which steps' feelings go
 * together with the rapportcijfer, as each step's LMG share of R², with an interval from
 * resampling days. Pure; association, not proof of cause.
 *
 * Missing feelings (a step not asked, or "niet van toepassing") are handled by pairwise deletion:
 * each correlation uses the responses that gave both of its variables. A step is left out of the
 * model when it has fewer feelings than the minimum group size, when everyone gave it the same
 * feeling, or when it was answered together with another step by fewer than that many.
 */
import { alignPairwise, GRADE_ID, PAIR_FIELDS, pairIndex, type PairwiseMoments } from '../heartmonitor/pairwise-moments';
import { isReportable } from '../min-group';
import { seededRandom } from '../seeded-random';
import { pairCorrelation, positiveDefinite } from './correlation';
import { lmgImportance, MAX_PREDICTORS } from './relative-importance';

/** Resamples of days for the intervals: enough for a stable 95% percentile interval of a share. */
export const RESAMPLES = 200;
/** Fewer days with answers than this give too few distinct resamples for an honest interval. */
export const MIN_INTERVAL_DAYS = 7;

export type StepExclusion = 'too-few-feelings' | 'no-variation' | 'too-few-together' | 'too-many-steps';
export type ModelWithheld = 'too-few-responses' | 'no-grade-variation' | 'no-steps' | 'not-computable';

export interface DriverShare {
  id: number;
  /** The step's LMG share of R²: the part of the differences in the grade it accounts for. */
  share: number;
  /** The 95% percentile interval over resampled days; absent when there are too few days. */
  interval?: { low: number; high: number };
  /** 1 for the largest share. */
  rank: number;
}

export interface DriverFit {
  /** Responses (grades) in the period. */
  responses: number;
  /** Days with at least one response: the units that are resampled. */
  days: number;
  excluded: { id: number; reason: StepExclusion }[];
  withheld?: ModelWithheld;
  model?: {
    r2: number;
    shares: DriverShare[];
    /** The pairwise correlation matrix was not positive definite and was repaired (see correlation.ts). */
    repaired: boolean;
    /** Resamples that gave a model (resamples of days where some step had no variation still do). */
    resamples: number;
  };
}

const statsAt = (packed: Float64Array, i: number, j: number) => {
  const at = pairIndex(i, j) * PAIR_FIELDS;
  return { n: packed[at]!, variance: packed[at]! * packed[at + 3]! - packed[at + 1]! ** 2 };
};

/** Which steps can enter the model, and why the others cannot. */
function chooseSteps(total: Float64Array, stepIds: number[], minGroupSize: number) {
  const excluded: DriverFit['excluded'] = [];
  let chosen: number[] = [];
  stepIds.forEach((id, i) => {
    const { n, variance } = statsAt(total, i, i);
    if (!isReportable(n, minGroupSize)) excluded.push({ id, reason: 'too-few-feelings' });
    else if (variance <= 0) excluded.push({ id, reason: 'no-variation' });
    else chosen.push(i);
  });
  const count = (i: number) => statsAt(total, i, i).n;
  // A pair answered together too rarely gives no trustworthy correlation: drop its less-answered step.
  for (;;) {
    const pair = chosen.flatMap((i) => chosen.filter((j) => j > i && !isReportable(statsAt(total, i, j).n, minGroupSize)).map((j) => [i, j] as const))[0];
    if (!pair) break;
    const drop = count(pair[0]) < count(pair[1]) ? pair[0] : pair[1];
    excluded.push({ id: stepIds[drop]!, reason: 'too-few-together' });
    chosen = chosen.filter((i) => i !== drop);
  }
  if (chosen.length > MAX_PREDICTORS) {
    const kept = [...chosen].sort((a, b) => count(b) - count(a)).slice(0, MAX_PREDICTORS);
    for (const i of chosen) if (!kept.includes(i)) excluded.push({ id: stepIds[i]!, reason: 'too-many-steps' });
    chosen = chosen.filter((i) => kept.includes(i));
  }
  return { chosen, excluded };
}

/** R² and the shares of the chosen steps (indices into the aligned packing; the grade is `grade`). */
function importance(packed: Float64Array, chosen: number[], grade: number) {
  const variables = [...chosen, grade];
  const correlation = variables.map((a) => variables.map((b) => (a === b ? 1 : pairCorrelation(packed, a, b))));
  const { matrix, repaired } = positiveDefinite(correlation);
  const { r2, shares } = lmgImportance(matrix);
  const finite = Number.isFinite(r2) && shares.every(Number.isFinite);
  return finite ? { r2, shares, repaired } : undefined;
}

/** The p-quantile of sorted values, interpolating between neighbours. */
export function quantile(sorted: number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * Fits the drivers model on daily moments (one PairwiseMoments per day) for the given steps in
 * journey order. Deterministic: the resampling uses a seeded generator.
 */
export function fitDrivers(days: PairwiseMoments[], stepIds: number[], options: { minGroupSize: number; resamples?: number; seed?: number }): DriverFit {
  const ids = [...stepIds, GRADE_ID];
  const grade = ids.length - 1;
  const aligned = days.map((day) => alignPairwise(day, ids)).filter((packed) => statsAt(packed, grade, grade).n > 0);
  const total = new Float64Array(((ids.length * (ids.length + 1)) / 2) * PAIR_FIELDS);
  for (const packed of aligned) for (let i = 0; i < total.length; i++) total[i]! += packed[i]!;
  const responses = statsAt(total, grade, grade).n;
  const base = { responses, days: aligned.length };
  if (!isReportable(responses, options.minGroupSize)) return { ...base, excluded: [], withheld: 'too-few-responses' };
  if (statsAt(total, grade, grade).variance <= 0) return { ...base, excluded: [], withheld: 'no-grade-variation' };
  const { chosen, excluded } = chooseSteps(total, stepIds, options.minGroupSize);
  if (chosen.length === 0) return { ...base, excluded, withheld: 'no-steps' };
  const point = importance(total, chosen, grade);
  if (!point) return { ...base, excluded, withheld: 'not-computable' };

  const samples: number[][] = chosen.map(() => []);
  if (aligned.length >= MIN_INTERVAL_DAYS) {
    const random = seededRandom(options.seed ?? 16);
    const sum = new Float64Array(total.length);
    for (let b = 0; b < (options.resamples ?? RESAMPLES); b++) {
      sum.fill(0);
      for (let d = 0; d < aligned.length; d++) {
        const day = aligned[Math.floor(random() * aligned.length)]!;
        for (let i = 0; i < sum.length; i++) sum[i]! += day[i]!;
      }
      const resampled = importance(sum, chosen, grade);
      if (resampled) resampled.shares.forEach((share, s) => samples[s]!.push(share));
    }
  }
  const order = point.shares.map((share, s) => ({ share, s })).sort((a, b) => b.share - a.share);
  const shares = chosen.map((index, s): DriverShare => {
    const sorted = samples[s]!.sort((a, b) => a - b);
    const share = point.shares[s]!;
    // Percentile limits, widened where needed so the interval never excludes its own estimate
    // (a share near zero has a skewed resampling distribution).
    const interval = sorted.length > 0 ? { low: Math.min(share, quantile(sorted, 0.025)), high: Math.max(share, quantile(sorted, 0.975)) } : undefined;
    return { id: stepIds[index]!, share, interval, rank: order.findIndex((entry) => entry.s === s) + 1 };
  });
  return { ...base, excluded, model: { r2: point.r2, shares, repaired: point.repaired, resamples: samples[0]!.length } };
}
