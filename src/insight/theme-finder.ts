/**
 * Which terms are themes of a step's negative comments, from document counts (pure). A theme is a
 * term the step's negative comments (feeling −1 or −2) use significantly more often than the rest of
 * the journey's comments in the period (weighted log-odds, ./text/log-odds.ts), mentioned by at least
 * the minimum group size. Every term mentioned that often at any step of the journey is tested: its
 * z-score gives a one-sided p-value, and the p-values are adjusted together with Benjamini–Hochberg
 * (as the segment gaps are), so a long tail of words cannot produce themes by chance. The trend
 * compares the share of the step's negative comments that mention it with the previous period (Welch
 * on the 0/1 mentions, as the heart monitor compares means).
 */
import type { ThemeTrend } from '../db/schema';
import { compareMeans, upperTailPValue } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';
import { benjaminiHochberg } from './multiple-testing';
import { logOdds } from './text/log-odds';

/** A step's negative comments in a period. */
export interface StepCounts {
  comments: number;
  /** The sum of their term counts (each comment counts each of its terms once): the n of the log-odds. */
  terms: number;
  /** Comments per term; at least every term mentioned by the minimum group size. */
  mentions: ReadonlyMap<string, number>;
}

/** The document counts of one period that the finder needs (./theme-queries.ts reads them). */
export interface PeriodCounts {
  steps: ReadonlyMap<number, StepCounts>;
  /** All the journey's comments (every step, every feeling): the sum of their term counts, and comments per term for at least every term of the steps' mentions. */
  journey: { terms: number; mentions: ReadonlyMap<string, number> };
}

export interface FoundTheme {
  term: string;
  /** The z-score of the weighted log-odds. */
  score: number;
  /** Its p-value adjusted across every term tested at every step of the journey. */
  adjustedP: number;
  /** Negative comments (one per response) at the step that mention it. */
  responses: number;
  /** Their share of the step's negative comments. */
  share: number;
  /** The step's negative comments in the period. */
  comments: number;
  previousShare?: number;
  trend: ThemeTrend;
}

export const FALSE_DISCOVERY_RATE = 0.05;
export const MAX_THEMES_PER_STEP = 8;

const proportion = (k: number, n: number) => ({ n, sum: k, sumSquares: k });

/** Whether a share (k of n) rose or fell against the previous period's; unknown while that period's group is too small. */
export function shareTrend(k: number, n: number, previousK: number, previousN: number, minGroupSize: number): ThemeTrend {
  if (!isReportable(previousN, minGroupSize)) return 'unknown';
  const difference = compareMeans(proportion(k, n), proportion(previousK, previousN));
  if (!difference) return 'unknown';
  if (!difference.significant) return 'steady';
  return difference.difference > 0 ? 'rising' : 'falling';
}

interface Test {
  touchpointId: number;
  term: string;
  focus: number;
  z: number;
  p: number;
}

/**
 * The terms tested: every term mentioned by at least the minimum group size in a step's negative
 * comments, scored against the rest of the journey's comments.
 */
function testedTerms(current: PeriodCounts, minGroupSize: number): Test[] {
  const tests: Test[] = [];
  for (const [touchpointId, step] of current.steps) {
    for (const [term, focus] of step.mentions) {
      if (!isReportable(focus, minGroupSize)) continue;
      const rest = (current.journey.mentions.get(term) ?? focus) - focus;
      const score = logOdds(focus, rest, step.terms, current.journey.terms - step.terms);
      if (score) tests.push({ touchpointId, term, focus, z: score.z, p: upperTailPValue(score.z) });
    }
  }
  return tests;
}

/** A theme as found in one period, before its trend. */
export type ScoredTheme = Omit<FoundTheme, 'previousShare' | 'trend'>;

/** The themes per step, highest score first. */
export function findThemes(current: PeriodCounts, minGroupSize: number): Map<number, ScoredTheme[]> {
  const tests = testedTerms(current, minGroupSize);
  const adjusted = benjaminiHochberg(tests.map((test) => test.p));
  const themes = new Map<number, ScoredTheme[]>();
  const significant = tests
    .map((test, i) => ({ ...test, adjustedP: adjusted[i]! }))
    .filter((test) => test.z > 0 && test.adjustedP <= FALSE_DISCOVERY_RATE)
    .sort((a, b) => b.z - a.z || a.term.localeCompare(b.term));
  for (const test of significant) {
    const list = themes.get(test.touchpointId) ?? [];
    if (list.length === 0) themes.set(test.touchpointId, list);
    if (list.length >= MAX_THEMES_PER_STEP) continue;
    const step = current.steps.get(test.touchpointId)!;
    list.push({ term: test.term, score: test.z, adjustedP: test.adjustedP, responses: test.focus, share: test.focus / step.comments, comments: step.comments });
  }
  return themes;
}

/** Each theme's share in the previous period and its trend; `previous` needs mentions only for the themes' terms. */
export function withTrends(found: ReadonlyMap<number, ScoredTheme[]>, previous: Pick<PeriodCounts, 'steps'>, minGroupSize: number): Map<number, FoundTheme[]> {
  return new Map(
    [...found].map(([touchpointId, themes]) => {
      const before = previous.steps.get(touchpointId);
      const previousN = before?.comments ?? 0;
      return [
        touchpointId,
        themes.map((theme): FoundTheme => {
          const previousK = before?.mentions.get(theme.term) ?? 0;
          return {
            ...theme,
            previousShare: previousN > 0 ? previousK / previousN : undefined,
            trend: shareTrend(theme.responses, theme.comments, previousK, previousN, minGroupSize),
          };
        }),
      ];
    }),
  );
}
