import { dayOf, quarterOfDay, type Quarter } from '../calendar';

// The quarter of a day lives with the other calendar periods; re-exported for the pages that group by it here.
export { quarterOfDay, type Quarter };

/** The day an improvement counts for: the day it was done, or (not done yet) the day it was published. */
export function dayOfImprovement(item: { doneOn: string | null; publishedAt: Date }): string {
  return item.doneOn ?? dayOf(item.publishedAt);
}

/** Published improvements per quarter, the newest quarter first and the newest improvement first within it. */
export function groupByQuarter<T extends { id: number; doneOn: string | null; publishedAt: Date }>(items: T[]): { quarter: Quarter; items: T[] }[] {
  const sorted = [...items].sort((a, b) => dayOfImprovement(b).localeCompare(dayOfImprovement(a)) || b.id - a.id);
  const groups: { quarter: Quarter; items: T[] }[] = [];
  for (const item of sorted) {
    const quarter = quarterOfDay(dayOfImprovement(item));
    const last = groups.at(-1);
    if (last && last.quarter.key === quarter.key) last.items.push(item);
    else groups.push({ quarter, items: [item] });
  }
  return groups;
}
