/**
 * "Gewogen": the heart monitor and the grades re-weighted to the mix of the invited inhabitants on
 * one segment key (post-stratification). If 65+ is half of the invited but a fifth of those who
 * answered, the unweighted mean speaks mostly for the younger; the weighted mean gives every group
 * the share it has among the invited.
 *
 * For strata h with N_h invited (share W_h = N_h / ΣN) and n_h respondents with mean ȳ_h and
 * sample variance s_h²:
 *
 *   ȳ_w      = Σ W_h · ȳ_h
 *   Var(ȳ_w) ≈ Σ W_h² · s_h² / n_h        (without finite-population correction: conservative)
 *   df       = (Σ a_h s_h²)² / Σ (a_h s_h²)² / (n_h − 1),  a_h = W_h² / n_h   (Satterthwaite)
 *   n_eff    = 1 / Σ W_h² / n_h            (Kish: (Σw)² / Σw² with w = W_h / n_h per respondent)
 *
 * (Cochran, Sampling Techniques, 3rd ed. 1977, §5A.9 "Stratification after selection of the
 * sample" and §5.4 for the Satterthwaite degrees of freedom; Lohr, Sampling: Design and Analysis,
 * §4.4 post-stratification; Kish, Survey Sampling, 1965, §11.7.) With one stratum all four are the
 * unweighted mean, its standard error, n − 1 and n, so the interval is the unweighted t interval.
 *
 * A stratum stands on its own only when both its invited and its respondents reach the minimum
 * group size. The others are pooled, invited and respondents alike, into one "overig" stratum.
 * When that pool has invited inhabitants but too few respondents, it joins the own stratum with the
 * fewest respondents if it is a small part of the invited (at most MERGE_SHARE: a few 85+ nobody
 * heard should not hide the whole weighting — collapsing cells, Kalton & Flores-Cervantes 2003,
 * §3); a larger unheard part means the weighted figure is not shown: it cannot speak for invited
 * inhabitants we hardly heard. A pool without invited inhabitants weighs nothing and is left out.
 */
import type { FunnelRow } from './response-rates';
import { tQuantile, type Moments } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';

/** One segment value: how many were invited, and the respondents' moments of one measure. */
export interface StratumInput {
  /** The segment value; '' for inhabitants without one ("onbekend"). */
  value: string;
  invited: number;
  moments: Moments;
}

/** The largest share of the invited an "overig" with too few answers may have to be merged rather than refused. */
export const MERGE_SHARE = 0.1;

export interface WeightedStratum {
  /** The values pooled in it: one for a stratum of its own, the small ones for "overig". */
  values: string[];
  pooled: boolean;
  /** A stratum of its own that took in a small "overig" with too few answers: those values. */
  mergedWith?: string[];
  invited: number;
  /** W_h: the stratum's share of the invited. */
  share: number;
  n: number;
  mean: number;
}

export interface WeightedMean {
  mean: number;
  standardError: number;
  /** Satterthwaite's degrees of freedom of the interval. */
  df: number;
  low: number;
  high: number;
  /** Kish's effective number of respondents. */
  effectiveN: number;
  /** Respondents used (in strata with invited inhabitants). */
  n: number;
  strata: WeightedStratum[];
}

/** Why no weighted figure is shown; the Dutch words are in src/texts/weighting.ts. */
export type WeightingRefusal = 'no-invitations' | 'too-few-answers' | 'other-too-small';

export type WeightingOutcome =
  | { shown: true; estimate: WeightedMean; collapsed: string[] }
  | { shown: false; reason: WeightingRefusal; collapsed: string[] };

const zero: Moments = { n: 0, sum: 0, sumSquares: 0 };
const add = (a: Moments, b: Moments): Moments => ({ n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares });
const variance = (m: Moments) => (m.n < 2 ? 0 : Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1)));

/** The post-stratified mean of one measure over the given strata (pure). */
export function postStratify(strata: StratumInput[], minGroupSize: number, confidence = 0.95): WeightingOutcome {
  // A variance needs two answers, whatever the configured minimum.
  const minimum = Math.max(2, minGroupSize);
  const own = strata.filter((stratum) => isReportable(stratum.invited, minimum) && isReportable(stratum.moments.n, minimum));
  const small = strata.filter((stratum) => !own.includes(stratum));
  const collapsed = small.map((stratum) => stratum.value).sort((a, b) => a.localeCompare(b, 'nl'));
  const other = { invited: small.reduce((total, stratum) => total + stratum.invited, 0), moments: small.reduce((total, stratum) => add(total, stratum.moments), zero) };

  const used: (StratumInput & { values: string[]; pooled: boolean; mergedWith?: string[] })[] = own.map((stratum) => ({ ...stratum, values: [stratum.value], pooled: false }));
  if (other.invited > 0) {
    if (isReportable(other.moments.n, minimum)) used.push({ value: '', values: collapsed, pooled: true, ...other });
    else {
      if (own.length === 0) return { shown: false, reason: 'too-few-answers', collapsed };
      const allInvited = used.reduce((total, stratum) => total + stratum.invited, other.invited);
      if (other.invited / allInvited > MERGE_SHARE) return { shown: false, reason: 'other-too-small', collapsed };
      const fewest = used.reduce((least, stratum) => (stratum.moments.n < least.moments.n ? stratum : least));
      Object.assign(fewest, { invited: fewest.invited + other.invited, moments: add(fewest.moments, other.moments), mergedWith: collapsed });
    }
  }
  const invited = used.reduce((total, stratum) => total + stratum.invited, 0);
  if (invited === 0) return { shown: false, reason: 'no-invitations', collapsed };

  let mean = 0;
  let varianceOfMean = 0;
  let inverseEffectiveN = 0;
  let dfDenominator = 0;
  const weighted: WeightedStratum[] = [];
  for (const stratum of used) {
    const { n, sum } = stratum.moments;
    const share = stratum.invited / invited;
    const part = ((share * share) / n) * variance(stratum.moments);
    mean += (share * sum) / n;
    varianceOfMean += part;
    inverseEffectiveN += (share * share) / n;
    dfDenominator += (part * part) / (n - 1);
    weighted.push({ values: stratum.values, pooled: stratum.pooled, ...(stratum.mergedWith && { mergedWith: stratum.mergedWith }), invited: stratum.invited, share, n, mean: sum / n });
  }
  const standardError = Math.sqrt(varianceOfMean);
  const df = dfDenominator === 0 ? Infinity : (varianceOfMean * varianceOfMean) / dfDenominator;
  const half = standardError === 0 ? 0 : tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return {
    shown: true,
    collapsed,
    estimate: {
      mean,
      standardError,
      df,
      low: mean - half,
      high: mean + half,
      effectiveN: 1 / inverseEffectiveN,
      n: used.reduce((total, stratum) => total + stratum.moments.n, 0),
      strata: weighted,
    },
  };
}

/** The invited per value of one segment key (suppressed cases were not invited); '' for invitations without it. */
export function invitedMix(rows: FunnelRow[], key: string): Map<string, number> {
  const mix = new Map<string, number>();
  for (const row of rows) {
    if (row.status === 'suppressed') continue;
    const value = row.segment[key] === undefined ? '' : String(row.segment[key]);
    mix.set(value, (mix.get(value) ?? 0) + row.count);
  }
  return mix;
}

/** The segment keys the invitations carry: the only keys there is an invited mix to weight to. */
export function invitationKeys(rows: FunnelRow[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row.segment)))].sort((a, b) => a.localeCompare(b, 'nl'));
}

/**
 * The strata of one measure: each value's invited and respondents, and "onbekend" ('') for those
 * without the key — respondents without it are everyone's moments minus every value's (exact: the
 * roll-ups count an answer once under '' and once under each of its own values).
 */
export function strataOf(invited: Map<string, number>, everyone: Moments, byValue: Map<string, Moments>): StratumInput[] {
  const values = new Set([...invited.keys(), ...byValue.keys()]);
  values.delete('');
  let unknown = everyone;
  const strata: StratumInput[] = [];
  for (const value of [...values].sort((a, b) => a.localeCompare(b, 'nl'))) {
    const moments = byValue.get(value) ?? zero;
    unknown = { n: unknown.n - moments.n, sum: unknown.sum - moments.sum, sumSquares: unknown.sumSquares - moments.sumSquares };
    strata.push({ value, invited: invited.get(value) ?? 0, moments });
  }
  if (unknown.n > 0 || (invited.get('') ?? 0) > 0) strata.push({ value: '', invited: invited.get('') ?? 0, moments: unknown });
  return strata;
}

/** The heart monitor weighted: per touchpoint, the feeling post-stratified on the same invited mix. */
export function weightTouchpoints(
  touchpointIds: number[],
  invited: Map<string, number>,
  everyone: Map<number, Moments>,
  byValue: Map<string, Map<number, Moments>>,
  minGroupSize: number,
): Map<number, WeightingOutcome> {
  return new Map(
    touchpointIds.map((id) => {
      const values = new Map([...byValue.entries()].flatMap(([value, moments]) => (moments.has(id) ? [[value, moments.get(id)!] as const] : [])));
      return [id, postStratify(strataOf(invited, everyone.get(id) ?? zero, values), minGroupSize)];
    }),
  );
}
