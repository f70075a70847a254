/**
 * The one rule for every aggregate shown or exported: a group smaller than the minimum group
 * size (MIN_GROUP_SIZE, default 10) is not shown, so no small group can be singled out and no
 * mean rests on a handful of answers.
 */
export function isReportable(n: number, minGroupSize: number): boolean {
  return n >= minGroupSize;
}
