/**
 * "Fightin' Words" (Monroe, Colaresi & Quinn 2008, Political Analysis 16(4), §3.5): the weighted
 * log-odds ratio of a term between two groups of comments with an informative Dirichlet prior, and
 * its z-score. The prior is the pooled counts of both groups (α_w = y_w^a + y_w^b, α_0 = n^a + n^b),
 * so a rare term needs more evidence than a frequent one before it stands out, and the z-score
 * divides by the estimated standard deviation so frequent and rare terms can be ranked together.
 *
 *   δ_w = log((y_w^a + α_w) / (n^a + α_0 − y_w^a − α_w)) − log((y_w^b + α_w) / (n^b + α_0 − y_w^b − α_w))
 *   σ²(δ_w) ≈ 1 / (y_w^a + α_w) + 1 / (y_w^b + α_w)
 *   z_w = δ_w / σ(δ_w)
 *
 * Counts here are documents (a term counts once per comment), n the total of the term counts of a
 * group, as in the paper's word counts. Pure.
 */

export interface TermScore {
  term: string;
  /** Comments of the focus group that contain the term. */
  focus: number;
  /** Comments of the other group that contain the term. */
  rest: number;
  delta: number;
  z: number;
}

/**
 * The weighted log-odds of one term: `yA` of the focus group's `nA` term counts, `yB` of the rest's
 * `nB`. Undefined when the term is every term of both groups (no odds to compare).
 */
export function logOdds(yA: number, yB: number, nA: number, nB: number): { delta: number; z: number } | undefined {
  const alpha = yA + yB;
  const alpha0 = nA + nB;
  const delta = Math.log((yA + alpha) / (nA + alpha0 - yA - alpha)) - Math.log((yB + alpha) / (nB + alpha0 - yB - alpha));
  const z = delta / Math.sqrt(1 / (yA + alpha) + 1 / (yB + alpha));
  return Number.isFinite(z) ? { delta, z } : undefined;
}

/**
 * The z-score of every term that occurs in either group, highest first. `focus` and `rest` map a
 * term to its count in that group; the totals are the sums of each map.
 */
export function weightedLogOdds(focus: ReadonlyMap<string, number>, rest: ReadonlyMap<string, number>): TermScore[] {
  const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const nA = total(focus);
  const nB = total(rest);
  const scores: TermScore[] = [];
  for (const term of new Set([...focus.keys(), ...rest.keys()])) {
    const yA = focus.get(term) ?? 0;
    const yB = rest.get(term) ?? 0;
    const score = logOdds(yA, yB, nA, nB);
    if (score) scores.push({ term, focus: yA, rest: yB, ...score });
  }
  return scores.sort((a, b) => b.z - a.z || a.term.localeCompare(b.term));
}
