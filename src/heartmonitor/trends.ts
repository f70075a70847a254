import { isoWeekOf, monthOf } from '../calendar';
import { isReportable } from '../min-group';
import type { ResponseSums } from './queries';
import { meanEstimate, wilsonInterval, type MeanEstimate, type ProportionEstimate } from './statistics';

export type Granularity = 'week' | 'maand';

export interface ScorePeriod {
  period: string;
  n: number;
  /** Undefined below the minimum group size. */
  grade?: MeanEstimate;
  gradeAtLeastSeven?: ProportionEstimate;
  effort?: MeanEstimate;
}

const zero: ResponseSums = {
  n: 0,
  gradeSum: 0,
  gradeSumSquares: 0,
  gradeAtLeastSeven: 0,
  effortSum: 0,
  effortSumSquares: 0,
  feelingN: 0,
  feelingSum: 0,
  feelingSumSquares: 0,
};

function add(a: ResponseSums, b: ResponseSums): ResponseSums {
  return {
    n: a.n + b.n,
    gradeSum: a.gradeSum + b.gradeSum,
    gradeSumSquares: a.gradeSumSquares + b.gradeSumSquares,
    gradeAtLeastSeven: a.gradeAtLeastSeven + b.gradeAtLeastSeven,
    effortSum: a.effortSum + b.effortSum,
    effortSumSquares: a.effortSumSquares + b.effortSumSquares,
    feelingN: a.feelingN + b.feelingN,
    feelingSum: a.feelingSum + b.feelingSum,
    feelingSumSquares: a.feelingSumSquares + b.feelingSumSquares,
  };
}

/** Estimates for one group of responses, or only its size when it is too small to show. */
export function scoreEstimates(sums: ResponseSums, minGroupSize: number): Omit<ScorePeriod, 'period'> {
  if (!isReportable(sums.n, minGroupSize)) return { n: sums.n };
  return {
    n: sums.n,
    grade: meanEstimate({ n: sums.n, sum: sums.gradeSum, sumSquares: sums.gradeSumSquares }),
    gradeAtLeastSeven: wilsonInterval(sums.gradeAtLeastSeven, sums.n),
    effort: meanEstimate({ n: sums.n, sum: sums.effortSum, sumSquares: sums.effortSumSquares }),
  };
}

/** Daily sums grouped into ISO weeks or months, in order. */
export function scoresOverTime(days: ({ day: string } & ResponseSums)[], granularity: Granularity, minGroupSize: number): ScorePeriod[] {
  const keyOf = granularity === 'week' ? isoWeekOf : monthOf;
  const grouped = new Map<string, ResponseSums>();
  for (const { day, ...sums } of days) grouped.set(keyOf(day), add(grouped.get(keyOf(day)) ?? zero, sums));
  return [...grouped.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, sums]) => ({ period, ...scoreEstimates(sums, minGroupSize) }));
}

export function totalScores(days: ResponseSums[]): ResponseSums {
  return days.reduce(add, zero);
}
