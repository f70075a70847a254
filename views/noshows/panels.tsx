import type { FlaggedPattern, NoShowData } from '../../src/noshows/dashboard-data';
import { breakdownDimensions, groupLabel } from '../../src/noshows/dimensions';
import type { GroupSummary } from '../../src/noshows/patterns';
import type { ProportionEstimate } from '../../src/heartmonitor/statistics';
import { formatDayRange, formatNumber, formatPeriods, nl, segmentKeyLabel } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.noShowDashboard;

/** A share as a Dutch percentage with one decimal: "13,6%". */
const percent = (share: number) => `${formatNumber(share * 100, 1)}%`;
const interval = (estimate: ProportionEstimate) => `${percent(estimate.low)} tot ${percent(estimate.high)}`;
const chartPercent = (share: number | undefined) => (share === undefined ? null : Math.round(share * 1000) / 10);
const count = (value: number) => formatNumber(value, 0);

/** Colour step of a heat-map cell: five fixed bands of 10 percentage points, so colours mean the same in every view. */
export function heatLevel(rate: number): 0 | 1 | 2 | 3 | 4 {
  return Math.min(4, Math.floor(rate * 10)) as 0 | 1 | 2 | 3 | 4;
}

function Flag() {
  return (
    <>
      <span aria-hidden="true">
        ▲
      </span>
      <span class="mh-visually-hidden">{` ${t.heatMap.flagged}`}</span>
    </>
  );
}

function OverallPanel({ data }: { data: NoShowData }) {
  const { overall } = data.patterns;
  const total = overall.n + overall.counts.cancelled + overall.counts.booked;
  return (
    <Section id="totaal-titel" title={t.overall.title} class="mh-panel">
      {total === 0 ? (
        <p class="utrecht-paragraph">{t.overall.none}</p>
      ) : (
        <>
          {overall.reportable ? (
            <p class="utrecht-paragraph mh-key-figure" data-rate={chartPercent(overall.estimate!.rate)}>
              <strong>{percent(overall.estimate!.rate)}</strong>
              {` ${t.overall.rate.toLowerCase()} (${t.overall.interval}: ${interval(overall.estimate!)})`}
            </p>
          ) : (
            <p class="utrecht-paragraph">{t.overall.tooFew(data.minGroupSize)}</p>
          )}
          <DataTable caption={t.overall.caption} class="mh-narrow-table">
            {[
              [t.overall.outcomes, count(overall.n), 'n'],
              [t.overall.attended, overall.reportable ? count(overall.counts.attended) : '–', 'attended'],
              [t.overall.noShow, overall.reportable ? count(overall.counts.noShow) : '–', 'no-show'],
              [t.overall.cancelled, overall.reportable ? count(overall.counts.cancelled) : '–', 'cancelled'],
              [t.overall.booked, overall.reportable ? count(overall.counts.booked) : '–', 'booked'],
              [t.overall.rate, overall.estimate ? percent(overall.estimate.rate) : '–', 'rate'],
            ].map(([label, value, key]) => (
              <TableRow data-figure={key}>
                <TableHeaderCell scope="row">
                  {label}
                </TableHeaderCell>
                <TableCell kind="numeric-data">{value}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </>
      )}
    </Section>
  );
}

/** The flagged patterns shown open; the rest are folded away under the heat map (see FlaggedPanel). */
export const TOP_PATTERNS = 3;

function Pattern({ pattern: { group, reasons, answers }, average, data }: { pattern: FlaggedPattern; average: string; data: NoShowData }) {
  const reasonLabel = (reason: string) => nl.noShow.reasons.find((option) => option.value === reason)?.label ?? reason;
  return (
    <li class="mh-dip" data-hook="pattern" data-dimension={group.dimension} data-key={group.key}>
      <h3 class="utrecht-heading-3">{`${group.dimension === 'segment' ? segmentKeyLabel(data.patterns.segment!.key) : t.dimensions[group.dimension]}: ${groupLabel(group)}`}</h3>
      <p class="utrecht-paragraph">
        {[t.flagged.summary(percent(group.estimate!.rate), average, count(group.n)), `${t.overall.interval}: ${interval(group.estimate!)}`, t.flagged.lost(formatNumber(group.excess!, 0))].join(' · ')}
      </p>
      <h4 class="utrecht-heading-4 mh-small-heading">{t.flagged.reasonsTitle}</h4>
      {reasons.length > 0 ? (
        <ul class="mh-reasons">
          {reasons.map((reason) => (
            <li data-reason={reason.reason}>{`${reasonLabel(reason.reason)}: ${count(reason.count)}`}</li>
          ))}
        </ul>
      ) : (
        <p class="utrecht-paragraph mh-muted">{answers > 0 ? t.flagged.tooFewReasons(answers, data.minGroupSize) : t.flagged.noReasons}</p>
      )}
    </li>
  );
}

/**
 * The patterns with the most lost appointments first: the top few open, the rest folded in a
 * native <details> (keyboard operable, no script), its list numbered on from the open one.
 */
function FlaggedPanel({ data }: { data: NoShowData }) {
  const average = data.patterns.overall.estimate ? percent(data.patterns.overall.estimate.rate) : '–';
  const top = data.flagged.slice(0, TOP_PATTERNS);
  const rest = data.flagged.slice(TOP_PATTERNS);
  return (
    <Section id="patronen-titel" title={t.flagged.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.flagged.intro(data.minGroupSize)}</p>
      {data.flagged.length === 0 ? (
        <p class="utrecht-paragraph">{t.flagged.none}</p>
      ) : (
        <ol class="mh-dips">
          {top.map((pattern) => (
            <Pattern pattern={pattern} average={average} data={data} />
          ))}
        </ol>
      )}
      {rest.length > 0 ? (
        <details class="mh-fold" id="meer-patronen">
          <summary class="mh-fold-summary">{t.flagged.showMore(rest.length)}</summary>
          <ol class="mh-dips" start={TOP_PATTERNS + 1}>
            {rest.map((pattern) => (
              <Pattern pattern={pattern} average={average} data={data} />
            ))}
          </ol>
        </details>
      ) : null}
      {data.moreFlagged > 0 ? <p class="utrecht-paragraph">{t.flagged.more(data.moreFlagged)}</p> : null}
    </Section>
  );
}

function HeatMapPanel({ data }: { data: NoShowData }) {
  const { heatMap } = data.patterns;
  return (
    <Section id="heatmap-titel" title={t.heatMap.title} class="mh-panel">
      {heatMap.hours.length === 0 ? (
        <p class="utrecht-paragraph">{t.heatMap.empty}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t.heatMap.intro}</p>
          <DataTable
            caption={t.heatMap.caption}
            columns={[t.heatMap.weekday, ...heatMap.hours.map((hour) => t.hour(hour))]}
            class="mh-heatmap"
          >
            {heatMap.weekdays.map((weekday) => (
              <TableRow>
                <TableHeaderCell scope="row">
                  {t.weekdays[weekday - 1]}
                </TableHeaderCell>
                {heatMap.hours.map((hour) => {
                  const cell = heatMap.cells.get(`${weekday}-${hour}`)!;
                  const level = cell.estimate ? `mh-heat-${heatLevel(cell.estimate.rate)}` : 'mh-heat-none';
                  return (
                    <TableCell class={`mh-heat ${level}${cell.flagged ? ' mh-heat-flagged' : ''}`} data-cell={cell.key} data-n={cell.n}>
                      <span class="mh-heat-rate">{cell.estimate ? percent(cell.estimate.rate) : '–'}</span>
                      {cell.flagged ? <Flag /> : null}
                      <span class="mh-heat-n">{`n=${count(cell.n)}`}</span>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </DataTable>
          <div class="mh-heat-legend">
            <h3 class="utrecht-heading-3 mh-small-heading" id="legenda-titel">
              {t.heatMap.legend}
            </h3>
            <ul aria-labelledby="legenda-titel">
              {t.heatMap.levels.map((label, level) => (
                <li>
                  <span class={`mh-heat-swatch mh-heat-${level}`} aria-hidden="true" />
                  {label}
                </li>
              ))}
              <li>
                <span class="mh-heat-swatch mh-heat-none" aria-hidden="true">
                  –
                </span>
                {t.heatMap.tooFew(data.minGroupSize)}
              </li>
              <li>
                <span class="mh-heat-swatch mh-heat-symbol" aria-hidden="true">
                  ▲
                </span>
                {t.heatMap.flagged}
              </li>
            </ul>
          </div>
        </>
      )}
    </Section>
  );
}

function GroupsTable({ caption, column, groups, minGroupSize }: { caption: string; column: string; groups: GroupSummary[]; minGroupSize: number }) {
  return (
    <DataTable caption={caption} columns={[column, { label: t.columns.n, kind: 'numeric-data' }, { label: t.columns.attended, kind: 'numeric-data' }, { label: t.columns.noShow, kind: 'numeric-data' }, { label: t.columns.cancelled, kind: 'numeric-data' }, { label: t.columns.rate, kind: 'numeric-data' }, t.columns.interval, t.columns.status]}>
      {groups.map((group) => (
        <TableRow class={group.flagged ? 'mh-row-dip' : undefined} data-key={group.key} data-rate={group.estimate ? chartPercent(group.estimate.rate) : ''}>
          <TableHeaderCell scope="row">
            {groupLabel(group)}
          </TableHeaderCell>
          <TableCell kind="numeric-data">{count(group.n)}</TableCell>
          <TableCell kind="numeric-data">{group.reportable ? count(group.counts.attended) : '–'}</TableCell>
          <TableCell kind="numeric-data">{group.reportable ? count(group.counts.noShow) : '–'}</TableCell>
          <TableCell kind="numeric-data">{group.reportable ? count(group.counts.cancelled) : '–'}</TableCell>
          <TableCell kind="numeric-data">{group.estimate ? percent(group.estimate.rate) : '–'}</TableCell>
          <TableCell class="mh-nowrap">{group.estimate ? interval(group.estimate) : '–'}</TableCell>
          <TableCell>{group.flagged ? t.flaggedStatus : group.reportable ? '–' : t.tooFewStatus(minGroupSize)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function BreakdownPanel(props: { id: string; title: string; column: string; groups: GroupSummary[]; data: NoShowData }) {
  const { groups, data } = props;
  if (groups.length === 0) return null;
  const chart = {
    labels: groups.map((group) => groupLabel(group)),
    rates: groups.map((group) => chartPercent(group.estimate?.rate)),
    flagged: groups.map((group) => group.flagged),
    n: groups.map((group) => group.n),
    average: chartPercent(data.patterns.overall.estimate?.rate),
    labelsText: { rate: t.chartRate, average: t.chartAverage },
  };
  return (
    <Section id={`${props.id}-titel`} title={props.title} class="mh-panel">
      <ChartFigure id={`${props.id}-grafiek`} kind="noshow-bars" label={t.chartLabel(props.title)} data={chart} />
      <GroupsTable caption={props.title} column={props.column} groups={groups} minGroupSize={data.minGroupSize} />
    </Section>
  );
}

function TrendPanel({ data }: { data: NoShowData }) {
  // "week 36" (with the year when the period spans two), never the key "2026-W36".
  const labels = formatPeriods(data.trend.map((week) => week.week));
  const chart = {
    labels,
    rates: data.trend.map((week) => chartPercent(week.estimate?.rate)),
    n: data.trend.map((week) => week.n),
    average: chartPercent(data.patterns.overall.estimate?.rate),
    labelsText: { rate: t.chartRate, average: t.chartAverage },
  };
  return (
    <Section id="trend-titel" title={t.trend.title} class="mh-panel">
      <ChartFigure id="trend-grafiek" kind="noshow-trend" label={t.trend.chartLabel} data={chart} />
      <DataTable caption={t.trend.caption} columns={[t.trend.week, { label: t.columns.n, kind: 'numeric-data' }, { label: t.columns.noShow, kind: 'numeric-data' }, { label: t.columns.rate, kind: 'numeric-data' }, t.columns.interval]}>
        {data.trend.map((week, index) => (
          <TableRow data-week={week.week}>
            <TableHeaderCell scope="row" class="mh-nowrap">
              {labels[index]}
              {week.partial ? <span class="mh-norm">{`${t.trend.partial}: ${formatDayRange(week.from, week.to)}`}</span> : null}
            </TableHeaderCell>
            <TableCell kind="numeric-data">{count(week.n)}</TableCell>
            <TableCell kind="numeric-data">{week.reportable ? count(week.counts.noShow) : '–'}</TableCell>
            <TableCell kind="numeric-data">{week.estimate ? percent(week.estimate.rate) : '–'}</TableCell>
            <TableCell class="mh-nowrap">{week.estimate ? interval(week.estimate) : '–'}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

const panelIds = { product: 'product', location: 'locatie', channel: 'kanaal', leadBand: 'boektermijn', reminded: 'herinnering' } as const;

export function NoShowPanels({ data }: { data: NoShowData }) {
  const { patterns } = data;
  if (patterns.overall.n + patterns.overall.counts.cancelled + patterns.overall.counts.booked === 0) {
    return (
      <div>
        <OverallPanel data={data} />
      </div>
    );
  }
  return (
    <div>
      <OverallPanel data={data} />
      <HeatMapPanel data={data} />
      <FlaggedPanel data={data} />
      {breakdownDimensions.map((dimension) => (
        <BreakdownPanel
          id={panelIds[dimension]}
          title={t.breakdownTitles[dimension]}
          column={t.dimensions[dimension]}
          groups={patterns.breakdowns[dimension]}
          data={data}
        />
      ))}
      {patterns.segment ? (
        <BreakdownPanel id="segment" title={t.segmentTitle(patterns.segment.key)} column={segmentKeyLabel(patterns.segment.key)} groups={patterns.segment.groups} data={data} />
      ) : null}
      <TrendPanel data={data} />
    </div>
  );
}
