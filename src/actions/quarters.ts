import { dayOf, daysOfPeriod, quarterOfDay, type Quarter } from '../calendar';

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

/** The first and last day of a quarter, both included. */
export function daysOfQuarter(quarter: Quarter): { from: string; to: string } {
  const first = (quarter.quarter - 1) * 3 + 1;
  return { from: daysOfPeriod(`${quarter.year}-${String(first).padStart(2, '0')}`).from, to: daysOfPeriod(`${quarter.year}-${String(first + 2).padStart(2, '0')}`).to };
}

/** The `count` quarters that ended before the one `day` lies in, the most recent first. */
export function completedQuarters(day: string, count: number): Quarter[] {
  const current = quarterOfDay(day);
  return Array.from({ length: count }, (_, index) => {
    const back = current.year * 4 + (current.quarter - 1) - (index + 1);
    return quarterOfDay(`${Math.floor(back / 4)}-${String((back % 4) * 3 + 1).padStart(2, '0')}-01`);
  });
}
