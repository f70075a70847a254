import type { User } from '../../src/db/schema';
import type { JourneyMapData, JourneyMapStep } from '../../src/journey-map/journey-map';
import { formatDate, formatNumber, nl, segmentChoiceLabel } from '../../src/texts';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { FiltersForm } from '../dashboard/dashboard-page';
import { effectLine } from '../actions/effect-view';
import { formatDay } from '../actions/format';
import { HeartLineSvg } from './heart-line-svg';
import { Section } from '../components/page-parts';
import { MapRow, MapTable, type MapColumn } from './map-table';

const t = nl.journeyMap;
const d = nl.dashboard;

function groupOf(data: JourneyMapData): string {
  const { segment, channel } = data.filters;
  const group = segment ? segmentChoiceLabel(segment.key, segment.value) : t.allResidents;
  return channel ? `${group}, ${t.channelGroup(channel)}` : group;
}

/** A step's column header after its number: name and badges. */
function StepHeader({ step }: { step: JourneyMapStep }) {
  const { touchpoint } = step.point;
  return (
    <>
      <span class="mh-map-step-name">{touchpoint.name}</span>
      {step.archived ? <span class="mh-badge mh-map-archived">{t.archived}</span> : null}
      {step.point.dip ? <span class="mh-badge mh-map-dip-badge">{t.dip}</span> : null}
      {touchpoint.momentOfTruth ? <span class="mh-badge">{d.heartMonitor.momentOfTruth}</span> : null}
    </>
  );
}

/** A step as a column of the map: highlighted when it is a dip. */
const columnOf = (step: JourneyMapStep): MapColumn => ({ slug: step.point.touchpoint.slug, dip: Boolean(step.point.dip) });

function Feeling({ step, minGroupSize }: { step: JourneyMapStep; minGroupSize: number }) {
  const { estimate, dip, change, n } = step.point;
  if (!estimate) return <p class="mh-map-withheld">{t.tooFew(minGroupSize)}</p>;
  const bounded = Number.isFinite(estimate.low) && Number.isFinite(estimate.high);
  return (
    <>
      <p class="mh-map-mean">
        <span class="mh-visually-hidden">{`${t.mean}: `}</span>
        <strong data-mean={Math.round(estimate.mean * 1000) / 1000}>{formatNumber(estimate.mean, 2, true)}</strong>
      </p>
      {bounded ? <p>{t.interval(formatNumber(estimate.low, 2, true), formatNumber(estimate.high, 2, true))}</p> : null}
      <p data-n={n}>
        {t.answers(n)}
      </p>
      {dip ? (
        <p class="mh-map-dip">
          <strong>{`${t.dip}: `}</strong>
          {[dip.belowNeutral ? d.dips.belowNeutral : '', dip.worseThanBefore ? d.dips.worse(formatNumber(change!.difference, 2, true)) : '']
            .filter(Boolean)
            .join(', ')}
        </p>
      ) : step.point.good ? (
        <p>{t.good}</p>
      ) : null}
    </>
  );
}

function Bottlenecks({ step, minGroupSize }: { step: JourneyMapStep; minGroupSize: number }) {
  if (!step.bottlenecks) return <p class="mh-map-withheld">{t.bottlenecksWithheld(minGroupSize)}</p>;
  if (step.bottlenecks.length === 0) return <p class="mh-muted">{t.noBottlenecks}</p>;
  return (
    <ul class="mh-map-quotes">
      {step.bottlenecks.map((quote) => (
        <li>
          <blockquote class="mh-map-quote">
            <p>{quote.comment}</p>
          </blockquote>
          <p class="mh-map-quote-meta">
            {`${formatDate(quote.answeredAt)} · ${nl.feelingOptions.find((option) => option.value === String(quote.feeling))?.label ?? ''}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Actions({ step }: { step: JourneyMapStep }) {
  if (step.actions.length === 0) return <p class="mh-muted">{t.noActions}</p>;
  return (
    <ul class="mh-map-actions">
      {step.actions.map((action) => (
        <li class={`mh-map-action${action.overdue ? ' mh-map-action--overdue' : ''}`} data-action-id={action.id} data-status={action.status}>
          <p>
            <a class="utrecht-link" href={`/dashboard/verbeteracties/${action.id}`}>
              <strong>{action.title}</strong>
            </a>
          </p>
          <p>{`${t.owner}: ${action.owner}`}</p>
          <p>{`${t.status}: ${t.statuses[action.status]}`}</p>
          {action.status === 'klaar' && action.doneOn ? <p>{`${t.done}: ${formatDay(action.doneOn)}`}</p> : null}
          {action.status === 'klaar' ? <p>{`${t.effect}: ${effectLine(action.effect)}`}</p> : null}
          {action.status !== 'klaar' && action.dueOn ? (
            <p>
              {`${t.due}: ${formatDay(action.dueOn)}`}
              {action.overdue ? <span class="mh-badge mh-map-overdue">{t.overdue}</span> : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The klantreiskaart as a table: the steps are the columns (in journey order), the aspects of
 * the KEK map the rows — the heart line across the top, then channel, norm, moment of truth,
 * feeling, the bottlenecks in the citizens' own words and the improvement actions.
 */
export function JourneyMap({ data }: { data: JourneyMapData }) {
  const journey = data.journey!;
  const { steps, minGroupSize } = data;
  return (
    <Section id="kaart-titel" title={journey.name} class="mh-map">
      {journey.description ? <p class="utrecht-paragraph">{journey.description}</p> : null}
      <MapTable
        caption={t.caption(journey.name, data.filters.from, data.filters.to, groupOf(data))}
        columns={steps.map(columnOf)}
        header={(index) => <StepHeader step={steps[index]!} />}
        heartLine={<HeartLineSvg points={steps.map((step) => step.point)} journeyName={journey.name} />}
      >
        <MapRow id="kanaal" label={t.rows.channel} steps={steps} column={columnOf} cell={(step) => step.point.touchpoint.channel} />
        <MapRow id="norm" label={t.rows.norm} steps={steps} column={columnOf} cell={(step) => step.point.touchpoint.serviceNorm ?? <span class="mh-muted">{t.noNorm}</span>} />
        <MapRow id="moment" label={t.rows.momentOfTruth} steps={steps} column={columnOf} cell={(step) => (step.point.touchpoint.momentOfTruth ? t.yes : t.no)} />
        <MapRow id="gevoel" label={t.rows.feeling} steps={steps} column={columnOf} cell={(step) => <Feeling step={step} minGroupSize={minGroupSize} />} />
        <MapRow id="knelpunten" label={t.rows.bottlenecks} steps={steps} column={columnOf} cell={(step) => <Bottlenecks step={step} minGroupSize={minGroupSize} />} />
        <MapRow id="acties" label={t.rows.actions} steps={steps} column={columnOf} cell={(step) => <Actions step={step} />} />
      </MapTable>
      <p class="utrecht-paragraph mh-map-legend">{`${t.heartLineHint} ${d.heartMonitor.intro}`}</p>
      <p class="utrecht-paragraph mh-map-generated">{t.generated(formatDay(data.today))}</p>
    </Section>
  );
}

export function JourneyMapPage({ data, user }: { data: JourneyMapData; user: Pick<User, 'email' | 'role'> }) {
  const hasErrors = Object.keys(data.filters.errors).length > 0;
  const title = data.journey ? `${t.title}: ${data.journey.name}` : t.title;
  return (
    <DashboardLayout title={title} heading={t.title} user={user} current="klantreiskaart" hasErrors={hasErrors} stylesheets={['/assets/journey-map.css']}>
      <p class="utrecht-paragraph mh-map-intro">{t.intro}</p>
      <FiltersForm data={data} page="klantreiskaart" />
      <p class="utrecht-paragraph mh-period" role="status">
        {data.journey ? `${data.journey.name}: ` : ''}
        {d.periodSummary(data.filters.from, data.filters.to, data.filters.previousFrom, data.filters.previousTo)}
      </p>
      <p class="utrecht-paragraph mh-map-print-hint">{t.printHint}</p>
      {data.journey ? <JourneyMap data={data} /> : <p class="utrecht-paragraph">{d.noJourneys}</p>}
    </DashboardLayout>
  );
}
