import { filtersToSearch, type DashboardQuery } from '../../src/heartmonitor/filters';
import type { ModelWithheld, StepExclusion } from '../../src/insight/drivers-model';
import type { DriverEntry, Drivers } from '../../src/insight/drivers';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.drivers;
// Every reason the model gives has its words (a new reason without them fails tsc here).
const excludedText = t.excluded satisfies Record<StepExclusion, (min: number) => string>;
const withheldText = t.withheld satisfies Record<ModelWithheld, (min: number, responses: string) => string>;
const i = nl.itemFigures.drivers;
const itemExcludedText = i.excluded satisfies Record<StepExclusion, (min: number) => string>;

/** The drivers page for the dashboard's filters: what it uses of them (no comparison, no granularity). */
export function driversHref(query: DashboardQuery, journeySlug: string): string {
  return `/dashboard/drijfveren?${filtersToSearch({ ...query, reis: journeySlug, vergelijk: '', per: '' as DashboardQuery['per'] })}`;
}

const percent = (share: number) => formatPercent(share);
const feeling = (value: number) => formatNumber(value, 2, true);
const round = (value: number) => Math.round(value * 10000) / 10000;

function assessment(entry: DriverEntry, min: number): string {
  if (entry.excluded) return (entry.kind === 'step' ? excludedText : itemExcludedText)[entry.excluded](min);
  if (entry.quadrant) return t.quadrants[entry.quadrant];
  return '–';
}

/** A step by its name; an item by its question, with its step when asked at one. */
const entryName = (entry: DriverEntry) => (entry.kind === 'step' ? entry.touchpoint.name : entry.touchpoint ? i.atStep(entry.question, entry.touchpoint.name) : entry.question);
/** The attribute a row or list item is found by: the step's slug or the item's code. */
const entryHook = (entry: DriverEntry) => (entry.kind === 'step' ? { 'data-touchpoint': entry.touchpoint.slug } : { 'data-item': entry.code, 'data-item-step': entry.touchpoint?.slug ?? '' });
const performanceText = (entry: DriverEntry) =>
  entry.kind === 'step' ? (entry.feeling === undefined ? '–' : feeling(entry.feeling)) : entry.performance === undefined ? '–' : i.score(percent(entry.performance));

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
      {drivers.ranked.map((entry) => (
        <TableRow class={entry.quadrant === 'priority' ? 'mh-row-dip' : undefined} {...entryHook(entry)} data-share={entry.share === undefined ? '' : round(entry.share)}>
          <TableHeaderCell scope="row">{entryName(entry)}</TableHeaderCell>
          <TableCell kind="numeric-data">{entry.rank ?? '–'}</TableCell>
          <TableCell kind="numeric-data">{entry.share === undefined ? '–' : percent(entry.share)}</TableCell>
          <TableCell>{entry.interval ? `${percent(entry.interval.low)} tot ${percent(entry.interval.high)}` : '–'}</TableCell>
          <TableCell kind="numeric-data">{performanceText(entry)}</TableCell>
          <TableCell kind="numeric-data">{formatNumber(entry.kind === 'step' ? entry.feelings : entry.answers, 0)}</TableCell>
          <TableCell kind="numeric-data">{formatNumber(entry.kind === 'step' ? entry.notApplicable : entry.dontKnow, 0)}</TableCell>
          <TableCell>{assessment(entry, drivers.minGroupSize)}</TableCell>
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
          {drivers.priority.map((entry) => (
            <li {...entryHook(entry)}>
              {entry.kind === 'step' ? t.priorityItem(entry.touchpoint.name, percent(entry.share!), feeling(entry.feeling!)) : i.priorityItem(entryName(entry), percent(entry.share!), percent(entry.performance!))}
            </li>
          ))}
        </ol>
      )}
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.quadrantRule(percent(drivers.meanShare!), feeling(drivers.meanFeeling!))}</p>
    </div>
  );
}

/** Importance (x) × feeling (y) per step, drawn by /assets/dashboard.js; the table holds the same figures. */
export function DriversChart({ drivers, journey }: { drivers: Drivers; journey: string }) {
  const inModel = drivers.ranked.filter((entry) => entry.share !== undefined && entry.position !== undefined);
  const point = (entry: DriverEntry) => ({ x: round(entry.share! * 100), y: round(entry.position!), label: entryName(entry) });
  const withItems = inModel.some((entry) => entry.kind === 'item');
  const data = {
    priority: inModel.filter((entry) => entry.quadrant === 'priority').map(point),
    other: inModel.filter((entry) => entry.quadrant !== 'priority').map(point),
    meanShare: round(drivers.meanShare! * 100),
    meanFeeling: round(drivers.meanFeeling!),
    labelsText: withItems ? { ...t.chart, feeling: i.axis } : t.chart,
  };
  return <ChartFigure id="drijfveren-grafiek" kind="drivers" label={t.chartLabel(journey)} data={data} />;
}

/** The summary line, or why nothing is shown. */
export function DriversSummary({ drivers }: { drivers: Drivers }) {
  if (drivers.withheld) return <p class="utrecht-paragraph" data-hook="drivers-withheld">{withheldText[drivers.withheld](drivers.minGroupSize, formatNumber(drivers.responses, 0))}</p>;
  const top = drivers.ranked[0]!;
  return (
    <>
      <p class="utrecht-paragraph">{t.summary(percent(drivers.r2!), formatNumber(drivers.r2!, 2), formatNumber(drivers.responses, 0))}</p>
      <p class="utrecht-paragraph" data-hook="drivers-top" {...entryHook(top)}>
        {top.kind === 'step' ? t.top(top.touchpoint.name, percent(top.share!)) : i.top(entryName(top), percent(top.share!))}
      </p>
      {drivers.items.length > 0 ? <p class="utrecht-paragraph">{i.note}</p> : null}
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
