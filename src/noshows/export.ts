import { spreadsheetCsv } from '../spreadsheet-csv';
import { formatNumber } from '../texts';
import type { NoShowData } from './dashboard-data';
import { groupLabel } from './dimensions';
import type { GroupSummary, OutcomeCounts } from './patterns';

const csvSections: Record<GroupSummary['dimension'], string> = {
  overall: 'totaal',
  weekdayHour: 'weekdag-uur',
  product: 'product',
  location: 'locatie',
  channel: 'kanaal',
  leadBand: 'boektermijn',
  reminded: 'herinnering',
  segment: 'segment',
};

/**
 * The aggregated no-show figures as CSV for Dutch spreadsheets (semicolons, decimal commas,
 * UTF-8 with a byte-order mark), like the main dashboard's export. A group below the minimum
 * group size carries only its size — the same rule as on screen.
 */
export function noShowCsv(data: NoShowData): string {
  const header = [
    'onderdeel',
    'van',
    'tot',
    'product',
    'locatie',
    'kanaal',
    'groep',
    'met_uitkomst',
    'gekomen',
    'niet_gekomen',
    'geannuleerd',
    'no_show_aandeel',
    'interval_laag',
    'interval_hoog',
    'verwachte_no_shows',
    'gemiste_afspraken_boven_gemiddeld',
    'opvallend',
  ];
  const { filters, patterns } = data;
  const all = (value: string | undefined) => value ?? 'alle';
  const base = [filters.from, filters.to, all(filters.filter.product), all(filters.filter.location), all(filters.filter.channel)];
  const number = (value: number | undefined, digits: 0 | 1 | 3 = 3) => (value === undefined || !Number.isFinite(value) ? '' : formatNumber(value, digits));
  const figures = (reportable: boolean, n: number, counts: OutcomeCounts) =>
    reportable ? [String(n), String(counts.attended), String(counts.noShow), String(counts.cancelled)] : [String(n), '', '', ''];
  const rows: string[][] = [];
  const groupRow = (section: string, group: GroupSummary) => [
    section,
    ...base,
    groupLabel(group),
    ...figures(group.reportable, group.n, group.counts),
    number(group.estimate?.rate),
    number(group.estimate?.low),
    number(group.estimate?.high),
    number(group.expected, 1),
    number(group.excess, 1),
    group.dimension === 'overall' ? '' : group.flagged ? 'ja' : 'nee',
  ];

  rows.push(groupRow(csvSections.overall, patterns.overall));
  for (const cell of patterns.heatMap.cells.values()) {
    if (cell.n + cell.counts.cancelled + cell.counts.booked > 0) rows.push(groupRow(csvSections.weekdayHour, cell));
  }
  for (const groups of Object.values(patterns.breakdowns)) for (const group of groups) rows.push(groupRow(csvSections[group.dimension], group));
  if (patterns.segment) for (const group of patterns.segment.groups) rows.push(groupRow(`segment ${patterns.segment.key}`, group));
  for (const week of data.trend) {
    rows.push([
      'week',
      ...base,
      week.partial ? `${week.week} (${week.from} t/m ${week.to})` : week.week,
      ...figures(week.reportable, week.n, week.counts),
      number(week.estimate?.rate),
      number(week.estimate?.low),
      number(week.estimate?.high),
      '',
      '',
      '',
    ]);
  }
  return spreadsheetCsv([header, ...rows]);
}
