import type { NoShowReason } from '../db/schema';
import type { PatternDimensions } from './patterns';

/** "We hebben u gemist" answers counted per pattern dimension (see queries.ts reasonRowsForPeriod). */
export interface ReasonRow extends PatternDimensions {
  reason: NoShowReason;
  count: number;
}

/** Reasons of the rows that belong to one pattern, most given first. */
export function reasonCounts(rows: ReasonRow[], belongs: (row: ReasonRow) => boolean): { reason: NoShowReason; count: number }[] {
  const counts = new Map<NoShowReason, number>();
  for (const row of rows) if (belongs(row)) counts.set(row.reason, (counts.get(row.reason) ?? 0) + row.count);
  return [...counts.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}
