/** The dimensions no-show figures are broken down by, and how a group is named on screen and in the CSV. */
import { nl } from '../texts';
import type { GroupSummary } from './patterns';

const t = nl.noShowDashboard;

export const breakdownDimensions = ['product', 'location', 'channel', 'leadBand', 'reminded'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];
export type Dimension = 'overall' | 'weekdayHour' | BreakdownDimension | 'segment';

/** How a group is named in the CSV and on screen: "maandag 9:00", "meer dan 30 dagen", "geen herinnering". */
export function groupLabel(group: Pick<GroupSummary, 'dimension' | 'key'>): string {
  switch (group.dimension) {
    case 'overall':
      return t.dimensions.overall;
    case 'weekdayHour': {
      const [weekday, hour] = group.key.split('-').map(Number) as [number, number];
      return `${t.weekdays[weekday - 1]} ${t.hour(hour)}`;
    }
    case 'leadBand':
      return t.leadBands[group.key as keyof typeof t.leadBands] ?? group.key;
    case 'reminded':
      return t.reminded[group.key as keyof typeof t.reminded] ?? group.key;
    default:
      return group.key;
  }
}
