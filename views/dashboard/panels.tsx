import type { DashboardData } from '../../src/dashboard/dashboard-data';
import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import type { Comment } from '../../src/heartmonitor/queries';
import type { MeanEstimate } from '../../src/heartmonitor/statistics';
import { daysOfPeriod } from '../../src/calendar';
import { formatDate, formatDayRange, formatNumber, formatPercent, formatPeriods, nl, segmentKeyLabel, segmentValueLabel } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { ActionsCell, ActionsPanel, DipActions } from '../actions/dashboard-actions';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { SegmentGapsPanel } from './segment-gaps-panel';
import { WeightingPanel } from './weighting-panel';
import { DriversPanel } from '../insight/drivers-panel';
import { ResponseRatesPanel } from '../insight/response-rates-panel';
import { CallbackFiguresPanel } from '../callbacks/figures-panel';
import { ItemFiguresPanel } from '../items/item-figures-panel';

const t = nl.dashboard;

const interval = (estimate: MeanEstimate, digits: 0 | 1 | 2 = 2) =>
  Number.isFinite(estimate.low) ? `${formatNumber(estimate.low, digits, true)} tot ${formatNumber(estimate.high, digits, true)}` : '–';

const round = (value: number) => Math.round(value * 1000) / 1000;

function statusOf(point: HeartMonitorPoint, min: number): string {
  if (!point.estimate) return t.heartMonitor.tooFew(min);
  const labels = [point.dip ? t.heartMonitor.dip : point.good ? t.heartMonitor.good : ''];
  if (point.touchpoint.momentOfTruth) labels.push(t.heartMonitor.momentOfTruth);
  return labels.filter(Boolean).join(', ') || '–';
}

/** The heart monitor at a glance: the chart, with the legend explaining its markers; the figures follow the dips. */
function HeartMonitorPanel({ data }: { data: DashboardData }) {
  const { points } = data;
  const chart = {
    labels: points.map((point) => point.touchpoint.name),
    mean: points.map((point) => (point.estimate ? round(point.estimate.mean) : null)),
    low: points.map((point) => (point.estimate && Number.isFinite(point.estimate.low) ? round(point.estimate.low) : null)),
    high: points.map((point) => (point.estimate && Number.isFinite(point.estimate.high) ? round(point.estimate.high) : null)),
    n: points.map((point) => point.n),
    dip: points.map((point) => Boolean(point.dip)),
    momentOfTruth: points.map((point) => point.touchpoint.momentOfTruth),
    labelsText: {
      mean: t.heartMonitor.mean,
      interval: t.heartMonitor.interval,
      neutral: t.heartMonitor.neutralLine,
      dip: t.heartMonitor.dip,
      dipMarker: t.heartMonitor.dipMarker,
      momentOfTruth: t.heartMonitor.momentOfTruth,
      momentOfTruthMarker: t.heartMonitor.momentOfTruthMarker,
    },
  };
  return (
    <Section id="hartmonitor-titel" title={t.heartMonitor.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.heartMonitor.intro}</p>
      <ChartFigure id="hartmonitor-grafiek" kind="heartmonitor" label={t.heartMonitor.chartLabel(data.journey!.name)} data={chart} />
      <LinkParagraph href="#gevoel-per-stap-titel">{t.heartMonitor.toTable}</LinkParagraph>
    </Section>
  );
}

/** The heart monitor's figures per step: the table alternative of its chart, with the previous period and the actions. */
function HeartMonitorTablePanel({ data }: { data: DashboardData }) {
  const { points, minGroupSize } = data;
  return (
    <Section id="gevoel-per-stap-titel" title={t.heartMonitor.tableTitle} class="mh-panel">
      <DataTable caption={t.heartMonitor.caption} columns={[t.heartMonitor.step, t.heartMonitor.channel, { label: t.heartMonitor.n, kind: 'numeric-data' }, { label: t.heartMonitor.mean, kind: 'numeric-data' }, t.heartMonitor.interval, { label: t.heartMonitor.previous, kind: 'numeric-data' }, { label: t.heartMonitor.change, kind: 'numeric-data' }, t.heartMonitor.status, nl.actions.dashboard.column]} data-hook="heartmonitor-table">
        {points.map((point) => (
          <TableRow class={point.dip ? 'mh-row-dip' : undefined} data-touchpoint={point.touchpoint.slug}>
            <TableHeaderCell scope="row">
              {point.touchpoint.name}
              {point.touchpoint.serviceNorm ? <span class="mh-norm">{`${t.heartMonitor.serviceNorm}: ${point.touchpoint.serviceNorm}`}</span> : null}
            </TableHeaderCell>
            <TableCell>{point.touchpoint.channel}</TableCell>
            <TableCell kind="numeric-data">{formatNumber(point.n, 0)}</TableCell>
            <TableCell kind="numeric-data" data-mean={point.estimate ? round(point.estimate.mean) : ''}>
              {point.estimate ? formatNumber(point.estimate.mean, 2, true) : '–'}
            </TableCell>
            <TableCell>{point.estimate ? interval(point.estimate) : '–'}</TableCell>
            <TableCell kind="numeric-data">{point.previous ? formatNumber(point.previous.mean, 2, true) : '–'}</TableCell>
            <TableCell kind="numeric-data">{point.change ? formatNumber(point.change.difference, 2, true) : '–'}</TableCell>
            <TableCell>
              {statusOf(point, minGroupSize)}
              <CallbacksOnStep data={data} touchpointId={point.touchpoint.id} />
            </TableCell>
            <TableCell>
              <ActionsCell data={data} point={point} />
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

/** A step that drew call-back requests (at least the minimum group) says so, linked to the panel's figures. */
function CallbacksOnStep({ data, touchpointId }: { data: DashboardData; touchpointId: number }) {
  const requests = data.callbacks?.perStep.find((step) => step.touchpointId === touchpointId)?.requests;
  if (!requests) return null;
  return (
    <span class="mh-norm">
      <a class="utrecht-link" href="#terugbellen" data-hook="callbacks-on-step">
        {nl.callbacksKcc.figures.onStep(requests)}
      </a>
    </span>
  );
}

function Comments({ comments }: { comments: Comment[] }) {
  if (comments.length === 0) return <p class="utrecht-paragraph mh-muted">{t.dips.noWords}</p>;
  return (
    <ul class="mh-quotes">
      {comments.map((comment) => (
        <li>
          <blockquote class="mh-quote">
            <p class="utrecht-paragraph">{comment.comment}</p>
          </blockquote>
          <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">
            {`${formatDate(comment.answeredAt)} · ${comment.feeling === null ? '' : nl.feelingOptions.find((o) => o.value === String(comment.feeling))?.label ?? ''}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Whether the step got better since the previous period, by the test, with the previous value: so a dip does not hide progress. */
function DipTrend({ data, point }: { data: DashboardData; point: HeartMonitorPoint }) {
  const { change, previous } = point;
  const detail =
    change && previous
      ? t.dips.trendDetail(formatNumber(previous.mean, 2, true), formatNumber(change.difference, 2, true), change.significant)
      : t.dips.noComparison(data.minGroupSize);
  return (
    <p class="utrecht-paragraph" data-hook="dip-trend" data-trend={point.trend}>
      {`${t.dips.trendLabel(formatDayRange(data.filters.previousFrom, data.filters.previousTo))}: `}
      <strong>{t.dips.trends[point.trend]}</strong>
      {` (${detail})`}
    </p>
  );
}

function DipsPanel({ data }: { data: DashboardData }) {
  return (
    <Section id="dips-titel" title={t.dips.title} class="mh-panel">
      {data.dips.length === 0 ? (
        <p class="utrecht-paragraph">{t.dips.none}</p>
      ) : (
        <ol class="mh-dips">
          {data.dips.map(({ point, comments }) => (
            <li class="mh-dip" data-touchpoint={point.touchpoint.slug}>
              <h3 class="utrecht-heading-3">
                {point.touchpoint.name}
                {point.touchpoint.momentOfTruth ? <span class="mh-badge">{t.heartMonitor.momentOfTruth}</span> : null}
              </h3>
              <p class="utrecht-paragraph">
                {[
                  `${t.heartMonitor.mean}: ${formatNumber(point.estimate!.mean, 2, true)}`,
                  point.dip!.belowNeutral ? t.dips.belowNeutral : '',
                  point.dip!.worseThanBefore ? t.dips.worse(formatNumber(point.change!.difference, 2, true)) : '',
                  t.dips.reach(point.n),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <DipTrend data={data} point={point} />
              <DipActions data={data} point={point} />
              <h4 class="utrecht-heading-4 mh-small-heading">{t.dips.words}</h4>
              <Comments comments={comments} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function GoodNewsPanel({ data }: { data: DashboardData }) {
  return (
    <Section id="goed-titel" title={t.goodNews.title} class="mh-panel">
      {data.goodNews.length === 0 ? (
        <p class="utrecht-paragraph">{t.goodNews.none}</p>
      ) : (
        <ul class="mh-dips">
          {data.goodNews.map(({ point, comments }) => (
            <li class="mh-good" data-touchpoint={point.touchpoint.slug}>
              <h3 class="utrecht-heading-3">{point.touchpoint.name}</h3>
              <p class="utrecht-paragraph">{`${t.heartMonitor.mean}: ${formatNumber(point.estimate!.mean, 2, true)} · ${t.dips.reach(point.n)}`}</p>
              <Comments comments={comments} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function ComparisonPanel({ data }: { data: DashboardData }) {
  const comparison = data.comparison!;
  const touchpoints = data.points.map((point) => point.touchpoint);
  const chart = {
    labels: touchpoints.map((touchpoint) => touchpoint.name),
    series: comparison.lines.map((line) => ({ label: segmentValueLabel(comparison.key, line.value), data: line.points.map((point) => (point.estimate ? round(point.estimate.mean) : null)) })),
    neutral: t.heartMonitor.neutralLine,
  };
  return (
    <Section id="vergelijking-titel" title={t.comparison.title(comparison.key)} class="mh-panel">
      {data.filters.segment ? <p class="utrecht-paragraph">{t.comparison.segmentFilterNote}</p> : null}
      {comparison.hidden > 0 ? <p class="utrecht-paragraph">{t.comparison.hidden(comparison.hidden, data.minGroupSize)}</p> : null}
      {comparison.lines.length === 0 ? (
        <p class="utrecht-paragraph">{t.comparison.noneShown(data.minGroupSize)}</p>
      ) : (
        <ComparisonFigures comparison={comparison} touchpoints={touchpoints} chart={chart} />
      )}
    </Section>
  );
}

function ComparisonFigures({
  comparison,
  touchpoints,
  chart,
}: {
  comparison: NonNullable<DashboardData['comparison']>;
  touchpoints: DashboardData['points'][number]['touchpoint'][];
  chart: object;
}) {
  return (
    <>
      <ChartFigure id="vergelijking-grafiek" kind="comparison" label={t.comparison.chartLabel(comparison.key)} data={chart} />
      <DataTable
        caption={t.comparison.title(comparison.key)}
        columns={[segmentKeyLabel(comparison.key), ...touchpoints.map((touchpoint) => ({ label: touchpoint.name, kind: 'numeric-data' as const }))]}
      >
        {comparison.lines.map((line) => (
          <TableRow>
            <TableHeaderCell scope="row">{segmentValueLabel(comparison.key, line.value)}</TableHeaderCell>
            {line.points.map((point) => (
              <TableCell kind="numeric-data">
                {point.estimate ? `${formatNumber(point.estimate.mean, 2, true)} (n=${point.n})` : `– (n=${point.n})`}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </DataTable>
    </>
  );
}

/**
 * Rapportcijfer (1–10, with the target) and effort (1–7) each on a chart of its own: on one shared
 * axis the effort line would read as a poor grade. Periods in Dutch ("week 36", "sep 2026").
 */
function ScoresPanel({ data }: { data: DashboardData }) {
  const labels = formatPeriods(data.scores.map((period) => period.period));
  // Each period's days within the chosen period, for the tooltips ("31 aug – 6 sep 2026").
  const ranges = data.scores.map((period) => {
    const days = daysOfPeriod(period.period);
    return [days.from < data.filters.from ? data.filters.from : days.from, days.to > data.filters.to ? data.filters.to : days.to];
  });
  const n = data.scores.map((period) => period.n);
  const grade = {
    labels,
    ranges,
    n,
    values: data.scores.map((period) => (period.grade ? round(period.grade.mean) : null)),
    scale: { min: 1, max: 10 },
    target: data.targetGrade,
    labelsText: { series: t.scores.grade, axis: t.scores.gradeAxis, target: t.scores.target(data.targetGrade), n: t.scores.n },
  };
  const effort = {
    labels,
    ranges,
    n,
    values: data.scores.map((period) => (period.effort ? round(period.effort.mean) : null)),
    scale: { min: 1, max: 7 },
    labelsText: { series: t.scores.effort, axis: t.scores.effortAxis, n: t.scores.n },
  };
  const rows = [...data.scores.map((period, i) => ({ ...period, period: labels[i]! })), { period: t.scores.total, ...data.totals }];
  return (
    <Section id="scores-titel" title={t.scores.title} class="mh-panel">
      <div class="mh-chart-pair">
        <ChartFigure id="scores-cijfer-grafiek" kind="score" label={t.scores.gradeChartLabel} caption={t.scores.gradeAxis} data={grade} />
        <ChartFigure id="scores-moeite-grafiek" kind="score" label={t.scores.effortChartLabel} caption={t.scores.effortAxis} data={effort} />
      </div>
      <DataTable caption={t.scores.caption} columns={[t.scores.period, { label: t.scores.n, kind: 'numeric-data' }, { label: t.scores.grade, kind: 'numeric-data' }, { label: t.scores.atLeastSeven, kind: 'numeric-data' }, { label: t.scores.effort, kind: 'numeric-data' }]}>
        {rows.map((row) => (
          <TableRow>
            <TableHeaderCell scope="row">{row.period}</TableHeaderCell>
            <TableCell kind="numeric-data">{formatNumber(row.n, 0)}</TableCell>
            <TableCell kind="numeric-data">{row.grade ? formatNumber(row.grade.mean, 1) : '–'}</TableCell>
            <TableCell kind="numeric-data">{row.gradeAtLeastSeven ? formatPercent(row.gradeAtLeastSeven.rate) : '–'}</TableCell>
            <TableCell kind="numeric-data">{row.effort ? formatNumber(row.effort.mean, 1) : '–'}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

function RatePanel({ data }: { data: DashboardData }) {
  const rate = data.rate!;
  const rows: [string, string][] = [
    [t.rate.invited, formatNumber(rate.invited, 0)],
    [t.rate.sent, formatNumber(rate.sent, 0)],
    [t.rate.undeliverable, formatNumber(rate.undeliverable, 0)],
    [t.rate.answered, formatNumber(rate.answered, 0)],
    [t.rate.expired, formatNumber(rate.expired, 0)],
    [t.rate.optedOut, formatNumber(rate.optedOut, 0)],
    [t.rate.suppressed, formatNumber(rate.suppressed, 0)],
    [t.rate.responseRate, rate.invited > 0 ? formatPercent(rate.answered / rate.invited) : '–'],
  ];
  return (
    <Section id="respons-titel" title={t.rate.title} class="mh-panel">
      <DataTable caption={t.rate.caption} class="mh-narrow-table">
        {rows.map(([label, value]) => (
          <TableRow>
            <TableHeaderCell scope="row">{label}</TableHeaderCell>
            <TableCell kind="numeric-data">{value}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

function ProcessPanel({ data }: { data: DashboardData }) {
  return (
    <Section id="proces-titel" title={t.process.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.process.intro}</p>
      <DataTable caption={t.process.caption} columns={[t.process.band, { label: t.process.responses, kind: 'numeric-data' }, { label: t.process.feeling, kind: 'numeric-data' }, { label: t.process.grade, kind: 'numeric-data' }]} class="mh-narrow-table">
        {data.process.map((row) => (
          <TableRow>
            <TableHeaderCell scope="row">{t.process.bands[row.band as keyof typeof t.process.bands]}</TableHeaderCell>
            <TableCell kind="numeric-data">{formatNumber(row.responses, 0)}</TableCell>
            <TableCell kind="numeric-data">{row.feeling ? formatNumber(row.feeling.mean, 2, true) : '–'}</TableCell>
            <TableCell kind="numeric-data">{row.grade ? formatNumber(row.grade.mean, 1) : '–'}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

/** What a manager needs first (the heart monitor at a glance, the dips, the gaps) before the long tables and trends. */
export function Panels({ data }: { data: DashboardData }) {
  return (
    <div>
      <HeartMonitorPanel data={data} />
      {data.weighting ? <WeightingPanel data={data} /> : null}
      <DipsPanel data={data} />
      <SegmentGapsPanel data={data} />
      <GoodNewsPanel data={data} />
      {data.drivers ? <DriversPanel drivers={data.drivers} query={data.filters.query} journeySlug={data.journey!.slug} /> : null}
      <HeartMonitorTablePanel data={data} />
      {data.items ? <ItemFiguresPanel data={data.items} steps={data.points.map((point) => point.touchpoint)} minGroupSize={data.minGroupSize} /> : null}
      <ActionsPanel data={data} />
      {data.callbacks && data.callbacks.total > 0 ? <CallbackFiguresPanel figures={data.callbacks} touchpoints={data.points.map((point) => point.touchpoint)} minGroupSize={data.minGroupSize} /> : null}
      {data.comparison ? <ComparisonPanel data={data} /> : null}
      <ScoresPanel data={data} />
      <div class="mh-panel-row">
        <RatePanel data={data} />
        <ProcessPanel data={data} />
      </div>
      {data.responseRates ? <ResponseRatesPanel rates={data.responseRates} minGroupSize={data.minGroupSize} filtered={Boolean(data.filters.segment || data.filters.channel)} /> : null}
    </div>
  );
}
