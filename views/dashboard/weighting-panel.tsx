import type { DashboardData } from '../../src/dashboard/dashboard-data';
import type { ScoreMeasure } from '../../src/insight/weighted-dashboard';
import type { WeightedMean, WeightedStratum, WeightingOutcome } from '../../src/insight/weighting';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.weighting;

/** How each measure is written: feelings signed with two decimals, grades with one, shares in percent. */
type Format = (value: number) => string;
const feeling: Format = (value) => formatNumber(value, 2, true);
const scoreFormats: Record<ScoreMeasure, Format> = { grade: (value) => formatNumber(value, 1), gradeAtLeastSeven: formatPercent, effort: (value) => formatNumber(value, 1) };

const valueLabel = (value: string) => (value === '' ? t.unknownValue : value);
const round = (value: number) => Math.round(value * 1000) / 1000;

/** Why a weighted figure is missing, or which small groups were pooled into "overig". */
function note(outcome: WeightingOutcome, min: number): string {
  const values = outcome.collapsed.map(valueLabel);
  if (!outcome.shown) {
    if (outcome.reason === 'other-too-small') return t.refusals['other-too-small'](values, min);
    if (outcome.reason === 'too-few-answers') return t.refusals['too-few-answers'](min);
    return t.refusals['no-invitations'];
  }
  const merged = outcome.estimate.strata.find((stratum) => stratum.mergedWith);
  if (merged) return t.merged(valueLabel(merged.values[0]!), values);
  return outcome.estimate.strata.some((stratum) => stratum.pooled) ? t.overig(values) : '';
}

/** A stratum's name: its value, "overig (…)", or its value with the small groups it took in. */
const stratumLabel = (stratum: WeightedStratum) =>
  stratum.pooled ? t.overig(stratum.values.map(valueLabel)) : stratum.mergedWith ? t.merged(valueLabel(stratum.values[0]!), stratum.mergedWith.map(valueLabel)) : valueLabel(stratum.values[0]!);

/** The weighted cells of one row: gewogen, its interval, the effective number of respondents and the note. */
function WeightedCells({ outcome, format, min }: { outcome: WeightingOutcome; format: Format; min: number }) {
  const estimate = outcome.shown ? outcome.estimate : undefined;
  return (
    <>
      <TableCell kind="numeric-data" data-weighted={estimate ? round(estimate.mean) : ''}>
        {estimate ? format(estimate.mean) : '–'}
      </TableCell>
      <TableCell>{estimate ? t.interval(format(estimate.low), format(estimate.high)) : '–'}</TableCell>
      <TableCell kind="numeric-data">{estimate ? formatNumber(estimate.effectiveN, 0) : '–'}</TableCell>
      <TableCell>{note(outcome, min)}</TableCell>
    </>
  );
}

/** The invited mix beside the respondents' mix: what the weighting corrects for. */
function MixTable({ estimate }: { estimate: WeightedMean }) {
  return (
    <DataTable caption={t.mixCaption} columns={[t.columns.group, { label: t.columns.invitedShare, kind: 'numeric-data' }, { label: t.columns.answeredShare, kind: 'numeric-data' }]} class="mh-narrow-table" data-hook="weighting-mix">
      {estimate.strata.map((stratum) => (
        <TableRow>
          <TableHeaderCell scope="row">{stratumLabel(stratum)}</TableHeaderCell>
          <TableCell kind="numeric-data">{formatPercent(stratum.share)}</TableCell>
          <TableCell kind="numeric-data">{formatPercent(stratum.n / estimate.n)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/**
 * "Gewogen": the heart monitor per step and the period's grades weighted to the invited mix of one
 * segment key, each beside the unweighted figure, with what weighting does and costs in words.
 */
export function WeightingPanel({ data }: { data: DashboardData }) {
  const weighting = data.weighting!;
  const min = data.minGroupSize;
  const { key } = weighting;
  if (weighting.refusal) {
    return (
      <Section id="gewogen-titel" sectionId="gewogen" title={t.title(key)} class="mh-panel">
        <p class="utrecht-paragraph" data-hook="weighting-refusal">
          {t.refusals[weighting.refusal]}
        </p>
      </Section>
    );
  }
  const steps = data.points.map((point) => ({ point, outcome: weighting.steps.get(point.touchpoint.id)! }));
  const chart = {
    labels: steps.map(({ point }) => point.touchpoint.name),
    series: [
      { label: t.ongewogen, data: steps.map(({ point }) => (point.estimate ? round(point.estimate.mean) : null)) },
      { label: t.gewogen, data: steps.map(({ outcome }) => (outcome.shown ? round(outcome.estimate.mean) : null)) },
    ],
    neutral: nl.dashboard.heartMonitor.neutralLine,
  };
  const totals: Record<ScoreMeasure, number | undefined> = { grade: data.totals.grade?.mean, gradeAtLeastSeven: data.totals.gradeAtLeastSeven?.rate, effort: data.totals.effort?.mean };
  const grade = weighting.scores.find((score) => score.measure === 'grade')?.outcome;
  return (
    <Section id="gewogen-titel" sectionId="gewogen" title={t.title(key)} class="mh-panel">
      <p class="utrecht-paragraph">{t.intro(key)}</p>
      <p class="utrecht-paragraph">{t.effectiveNote}</p>
      <ChartFigure id="gewogen-grafiek" kind="comparison" label={t.chartLabel(key)} data={chart} />
      <DataTable
        caption={t.stepsCaption(key)}
        columns={[t.columns.step, { label: t.columns.n, kind: 'numeric-data' }, { label: t.columns.ongewogen, kind: 'numeric-data' }, { label: t.columns.gewogen, kind: 'numeric-data' }, t.columns.interval, { label: t.columns.effectiveN, kind: 'numeric-data' }, t.columns.note]}
        data-hook="weighted-steps"
      >
        {steps.map(({ point, outcome }) => (
          <TableRow data-touchpoint={point.touchpoint.slug}>
            <TableHeaderCell scope="row">{point.touchpoint.name}</TableHeaderCell>
            <TableCell kind="numeric-data">{formatNumber(point.n, 0)}</TableCell>
            <TableCell kind="numeric-data">{point.estimate ? feeling(point.estimate.mean) : '–'}</TableCell>
            <WeightedCells outcome={outcome} format={feeling} min={min} />
          </TableRow>
        ))}
      </DataTable>
      <DataTable
        caption={t.scoresCaption(key)}
        columns={[t.columns.measure, { label: t.columns.n, kind: 'numeric-data' }, { label: t.columns.ongewogen, kind: 'numeric-data' }, { label: t.columns.gewogen, kind: 'numeric-data' }, t.columns.interval, { label: t.columns.effectiveN, kind: 'numeric-data' }, t.columns.note]}
        data-hook="weighted-scores"
      >
        {weighting.scores.map(({ measure, outcome }) => {
          const unweighted = totals[measure];
          return (
            <TableRow data-measure={measure}>
              <TableHeaderCell scope="row">{t.measures[measure]}</TableHeaderCell>
              <TableCell kind="numeric-data">{formatNumber(data.totals.n, 0)}</TableCell>
              <TableCell kind="numeric-data">{unweighted === undefined ? '–' : scoreFormats[measure](unweighted)}</TableCell>
              <WeightedCells outcome={outcome} format={scoreFormats[measure]} min={min} />
            </TableRow>
          );
        })}
      </DataTable>
      {grade?.shown ? <MixTable estimate={grade.estimate} /> : null}
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.smallNote(min, weighting.mergeShare)}</p>
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.periodNote}</p>
    </Section>
  );
}
