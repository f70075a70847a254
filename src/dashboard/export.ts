import { spreadsheetCsv } from '../spreadsheet-csv';
import type { MeanEstimate } from '../heartmonitor/statistics';
import { formatNumber } from '../texts';
import type { DashboardData } from './dashboard-data';

/**
 * The aggregated figures the dashboard shows, as CSV for Dutch spreadsheets: semicolons,
 * decimal commas, UTF-8 with a byte-order mark. Groups below the minimum size carry only
 * their count — the same rule as on screen.
 */
export function dashboardCsv(data: DashboardData): string {
  const header = ['onderdeel', 'klantreis', 'van', 'tot', 'groep', 'stap', 'n', 'gemiddelde', 'interval_laag', 'interval_hoog', 'aandeel_7_of_hoger'];
  const rows: string[][] = [];
  const journey = data.journey?.name ?? '';
  const base = [journey, data.filters.from, data.filters.to];
  const number = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '' : formatNumber(value, 3));
  const estimate = (e?: MeanEstimate) => [number(e?.mean), number(e?.low), number(e?.high)];
  const segment = data.filters.segment ? `${data.filters.segment.key}=${data.filters.segment.value}` : 'alle inwoners';

  for (const point of data.points) rows.push(['hartmonitor', ...base, segment, point.touchpoint.name, String(point.n), ...estimate(point.estimate), '']);
  for (const line of data.comparison?.lines ?? []) {
    for (const point of line.points) {
      rows.push(['vergelijking', ...base, `${data.comparison!.key}=${line.value}`, point.touchpoint.name, String(point.n), ...estimate(point.estimate), '']);
    }
  }
  for (const period of data.scores) {
    rows.push(['rapportcijfer', ...base, segment, period.period, String(period.n), ...estimate(period.grade), number(period.gradeAtLeastSeven?.rate)]);
    rows.push(['moeite', ...base, segment, period.period, String(period.n), ...estimate(period.effort), '']);
  }
  for (const band of data.process) {
    rows.push(['doorlooptijd-gevoel', ...base, segment, band.band, String(band.n), ...estimate(band.feeling), '']);
    rows.push(['doorlooptijd-cijfer', ...base, segment, band.band, String(band.responses), ...estimate(band.grade), '']);
  }
  if (data.rate) {
    for (const [label, count] of Object.entries(data.rate)) rows.push(['respons', ...base, 'hele klantreis', label, String(count), '', '', '', '']);
  }
  return spreadsheetCsv([header, ...rows]);
}
