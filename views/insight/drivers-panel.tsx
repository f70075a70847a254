import { filtersToSearch, type DashboardQuery } from '../../src/heartmonitor/filters';
import type { ModelWithheld, StepExclusion } from '../../src/insight/drivers-model';
import type { DriverStep, Drivers } from '../../src/insight/drivers';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.drivers;
// Every reason the model gives has its words (a new reason without them fails tsc here).
const excludedText = t.excluded satisfies Record<StepExclusion, (min: number) => string>;
const withheldText = t.withheld satisfies Record<ModelWithheld, (min: number, responses: string) => string>;

/** The drivers page for the dashboard's filters: what it uses of them (no comparison, no granularity). */
export function driversHref(query: DashboardQuery, journeySlug: string): string {
  return `/dashboard/drijfveren?${filtersToSearch({ ...query, reis: journeySlug, vergelijk: '', per: '' as DashboardQuery['per'] })}`;
}

const percent = (share: number) => formatPercent(share);
const feeling = (value: number) => formatNumber(value, 2, true);
const round = (value: number) => Math.round(value * 10000) / 10000;

function assessment(step: DriverStep, min: number): string {
  if (step.excluded) return excludedText[step.excluded](min);
  if (step.quadrant) return t.quadrants[step.quadrant];
  return '–';
}

/** The figures as a table: always there, with or without the chart. */
export function DriversTable({ drivers }: { drivers: Drivers }) {
  const c = t.columns;
  const numeric = (label: string) => ({ label, kind: 'numeric-data' as const });
  return (
    <DataTable
      caption={t.caption}
      columns={[c.step, numeric(c.rank), numeric(c.share), c.interval, numeric(c.feeling), numeric(c.feelings), numeric(c.notApplicable), c.assessment]}
      data-hook="drivers-table"
    >
      {drivers.steps.map((step) => (
        <TableRow class={step.quadrant === 'priority' ? 'mh-row-dip' : undefined} data-touchpoint={step.touchpoint.slug} data-share={step.share === undefined ? '' : round(step.share)}>
          <TableHeaderCell scope="row">{step.touchpoint.name}</TableHeaderCell>
          <TableCell kind="numeric-data">{step.rank ?? '–'}</TableCell>
          <TableCell kind="numeric-data">{step.share === undefined ? '–' : percent(step.share)}</TableCell>
          <TableCell>{step.interval ? `${percent(step.interval.low)} tot ${percent(step.interval.high)}` : '–'}</TableCell>
          <TableCell kind="numeric-data">{step.feeling === undefined ? '–' : feeling(step.feeling)}</TableCell>
          <TableCell kind="numeric-data">{formatNumber(step.feelings, 0)}</TableCell>
          <TableCell kind="numeric-data">{formatNumber(step.notApplicable, 0)}</TableCell>
          <TableCell>{assessment(step, drivers.minGroupSize)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The "hier eerst verbeteren" steps named in words, with the rule that put them there. */
export function PriorityList({ drivers }: { drivers: Drivers }) {
  return (
    <div data-hook="drivers-priority">
      <h3 class="utrecht-heading-3">{t.priorityTitle}</h3>
      <p class="utrecht-paragraph">{t.priorityIntro}</p>
      {drivers.priority.length === 0 ? (
        <p class="utrecht-paragraph">{t.priorityNone}</p>
      ) : (
        <ol data-hook="drivers-priority-list">
          {drivers.priority.map((step) => (
            <li data-touchpoint={step.touchpoint.slug}>{t.priorityItem(step.touchpoint.name, percent(step.share!), feeling(step.feeling!))}</li>
          ))}
        </ol>
      )}
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.quadrantRule(percent(drivers.meanShare!), feeling(drivers.meanFeeling!))}</p>
    </div>
  );
}

/** Importance (x) × feeling (y) per step, drawn by /assets/dashboard.js; the table holds the same figures. */
export function DriversChart({ drivers, journey }: { drivers: Drivers; journey: string }) {
  const inModel = drivers.steps.filter((step) => step.share !== undefined && step.feeling !== undefined);
  const point = (step: DriverStep) => ({ x: round(step.share! * 100), y: round(step.feeling!), label: step.touchpoint.name });
  const data = {
    priority: inModel.filter((step) => step.quadrant === 'priority').map(point),
    other: inModel.filter((step) => step.quadrant !== 'priority').map(point),
    meanShare: round(drivers.meanShare! * 100),
    meanFeeling: round(drivers.meanFeeling!),
    labelsText: t.chart,
  };
  return <ChartFigure id="drijfveren-grafiek" kind="drivers" label={t.chartLabel(journey)} data={data} />;
}

/** The summary line, or why nothing is shown. */
export function DriversSummary({ drivers }: { drivers: Drivers }) {
  if (drivers.withheld) return <p class="utrecht-paragraph" data-hook="drivers-withheld">{withheldText[drivers.withheld](drivers.minGroupSize, formatNumber(drivers.responses, 0))}</p>;
  const top = drivers.steps[0]!;
  return (
    <>
      <p class="utrecht-paragraph">{t.summary(percent(drivers.r2!), formatNumber(drivers.r2!, 2), formatNumber(drivers.responses, 0))}</p>
      <p class="utrecht-paragraph" data-hook="drivers-top" data-touchpoint={top.touchpoint.slug}>
        {t.top(top.touchpoint.name, percent(top.share!))}
      </p>
    </>
  );
}

/** The panel on a journey's dashboard: the words, the table and the way to the full page. */
export function DriversPanel({ drivers, query, journeySlug }: { drivers: Drivers; query: DashboardQuery; journeySlug: string }) {
  return (
    <Section id="drijfveren-titel" title={t.title} class="mh-panel">
      <DriversSummary drivers={drivers} />
      {drivers.withheld ? null : (
        <>
          <PriorityList drivers={drivers} />
          <DriversTable drivers={drivers} />
          <p class="utrecht-paragraph mh-muted">{t.association}</p>
        </>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={driversHref(query, journeySlug)}>
          {t.panelLink}
        </a>
      </p>
    </Section>
  );
}
