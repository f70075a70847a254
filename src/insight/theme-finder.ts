/**
 * Which terms are themes of a step's negative comments, from document counts (pure). A theme is a
 * term the step's negative comments (feeling −1 or −2) use significantly more often than the rest of
 * the journey's comments in the period (weighted log-odds, ./text/log-odds.ts), mentioned by at least
 * the minimum group size. "Significantly" is one-sided at 5% after a Bonferroni correction over the
 * terms that could be shown (those mentioned often enough), so a long tail of words cannot produce
 * themes by chance. The trend compares the share of the step's negative comments that mention it
 * with the previous period (Welch on the 0/1 mentions, as the heart monitor compares means).
 */
import type { ThemeTrend } from '../db/schema';
import { compareMeans, normalQuantile } from '../heartmonitor/statistics';
import { isReportable } from '../privacy/min-group';
import { weightedLogOdds } from './text/log-odds';

/** Document counts of one period: comments per (step, negative or not, term); term '' counts the comments. */
export interface TermCount {
  touchpointId: number;
  negative: boolean;
  term: string;
  comments: number;
}


export interface FoundTheme {
  term: string;
  /** The z-score of the weighted log-odds. */
  score: number;
  /** Negative comments (one per response) at the step that mention it. */
  responses: number;
  /** Their share of the step's negative comments. */
  share: number;
  previousShare?: number;
  trend: ThemeTrend;
}

export const FALSE_POSITIVE_RATE = 0.05;
export const MAX_THEMES_PER_STEP = 8;

interface StepCounts {
  negative: Map<string, number>;
  negativeComments: number;
}

function byStep(rows: readonly TermCount[]) {
  const steps = new Map<number, StepCounts>();
  const journey = new Map<string, number>();
  for (const row of rows) {
    if (row.term !== '') journey.set(row.term, (journey.get(row.term) ?? 0) + row.comments);
    if (!row.negative) continue;
    let step = steps.get(row.touchpointId);
    if (!step) steps.set(row.touchpointId, (step = { negative: new Map(), negativeComments: 0 }));
    if (row.term === '') step.negativeComments += row.comments;
    else step.negative.set(row.term, (step.negative.get(row.term) ?? 0) + row.comments);
  }
  return { steps, journey };
}

const proportion = (k: number, n: number) => ({ n, sum: k, sumSquares: k });

/** Whether a share (k of n) rose or fell against the previous period's; unknown while that period's group is too small. */
export function shareTrend(k: number, n: number, previousK: number, previousN: number, minGroupSize: number): ThemeTrend {
  if (!isReportable(previousN, minGroupSize)) return 'unknown';
  const difference = compareMeans(proportion(k, n), proportion(previousK, previousN));
  if (!difference) return 'unknown';
  if (!difference.significant) return 'steady';
  return difference.difference > 0 ? 'rising' : 'falling';
}

/** The themes per step (highest score first), from this period's counts and the previous period's. */
export function findThemes(current: readonly TermCount[], previous: readonly TermCount[], minGroupSize: number): Map<number, FoundTheme[]> {
  const now = byStep(current);
  const before = byStep(previous);
  const themes = new Map<number, FoundTheme[]>();
  for (const [touchpointId, step] of now.steps) {
    const rest = new Map<string, number>();
    for (const [term, all] of now.journey) {
      const others = all - (step.negative.get(term) ?? 0);
      if (others > 0) rest.set(term, others);
    }
    const candidates = weightedLogOdds(step.negative, rest).filter((score) => score.z > 0 && isReportable(score.focus, minGroupSize));
    if (candidates.length === 0) continue;
    const critical = normalQuantile(1 - FALSE_POSITIVE_RATE / candidates.length);
    const previousStep = before.steps.get(touchpointId);
    const found = candidates
      .filter((score) => score.z >= critical)
      .slice(0, MAX_THEMES_PER_STEP)
      .map((score): FoundTheme => {
        const previousK = previousStep?.negative.get(score.term) ?? 0;
        const previousN = previousStep?.negativeComments ?? 0;
        return {
          term: score.term,
          score: score.z,
          responses: score.focus,
          share: score.focus / step.negativeComments,
          previousShare: previousN > 0 ? previousK / previousN : undefined,
          trend: shareTrend(score.focus, step.negativeComments, previousK, previousN, minGroupSize),
        };
      });
    if (found.length) themes.set(touchpointId, found);
  }
  return themes;
}
