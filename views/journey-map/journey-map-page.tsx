import type { Child } from 'hono/jsx';
import type { User } from '../../src/db/schema';
import type { JourneyMapData, JourneyMapStep } from '../../src/journey-map/journey-map';
import { formatDate, formatNumber, nl, segmentChoiceLabel } from '../../src/texts';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { FiltersForm } from '../dashboard/dashboard-page';
import { effectLine } from '../actions/effect-view';
import { formatDay } from '../actions/format';
import { HeartLineSvg } from './heart-line-svg';
import { Section } from '../components/page-parts';
import { ScrollContainer } from '../components/table';

const t = nl.journeyMap;
const d = nl.dashboard;

function groupOf(data: JourneyMapData): string {
  const { segment, channel } = data.filters;
  const group = segment ? segmentChoiceLabel(segment.key, segment.value) : t.allResidents;
  return channel ? `${group}, ${t.channelGroup(channel)}` : group;
}

function StepHeader({ step, index }: { step: JourneyMapStep; index: number }) {
  const { touchpoint } = step.point;
  return (
    <th scope="col" class={step.point.dip ? 'mh-map-step--dip' : undefined} data-touchpoint={touchpoint.slug}>
      <span class="mh-map-step-number">{t.step(index + 1)}</span>
      <span class="mh-map-step-name">{touchpoint.name}</span>
      {step.archived ? <span class="mh-badge mh-map-archived">{t.archived}</span> : null}
      {step.point.dip ? <span class="mh-badge mh-map-dip-badge">{t.dip}</span> : null}
      {touchpoint.momentOfTruth ? <span class="mh-badge">{d.heartMonitor.momentOfTruth}</span> : null}
    </th>
  );
}

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

/** One row of the map: an aspect (row header) with a cell per step. */
function Row({ id, label, steps, cell }: { id: string; label: string; steps: JourneyMapStep[]; cell: (step: JourneyMapStep) => Child }) {
  return (
    <tr data-hook="map-row" data-row={id}>
      <th scope="row" class="mh-map-aspect">
        {label}
      </th>
      {steps.map((step) => (
        <td class={step.point.dip ? 'mh-map-cell--dip' : undefined} data-touchpoint={step.point.touchpoint.slug}>
          {cell(step)}
        </td>
      ))}
    </tr>
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
      <ScrollContainer labelledby="kaart-bijschrift" hint={t.scrollHint} class="mh-map-scroll">
        <table class="mh-map-table" data-steps={steps.length}>
          <caption class="mh-map-caption" id="kaart-bijschrift">
            {t.caption(journey.name, data.filters.from, data.filters.to, groupOf(data))}
          </caption>
          <colgroup>
            <col class="mh-map-aspect-col" />
            {steps.map(() => (
              <col class="mh-map-step-col" />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" class="mh-map-aspect">
                {t.aspect}
              </th>
              {steps.map((step, index) => (
                <StepHeader step={step} index={index} />
              ))}
            </tr>
          </thead>
          <tbody>
            <tr class="mh-map-heartline-row" data-hook="map-row" data-row="hartlijn">
              <th scope="row" class="mh-map-aspect">
                {t.rows.heartLine}
                <span class="mh-map-scale" aria-hidden="true">
                  <span>+2</span>
                  <span>0</span>
                  <span>−2</span>
                </span>
              </th>
              <td class="mh-map-heartline-cell" colspan={Math.max(1, steps.length)}>
                <HeartLineSvg points={steps.map((step) => step.point)} journeyName={journey.name} />
              </td>
            </tr>
            <Row id="kanaal" label={t.rows.channel} steps={steps} cell={(step) => step.point.touchpoint.channel} />
            <Row id="norm" label={t.rows.norm} steps={steps} cell={(step) => step.point.touchpoint.serviceNorm ?? <span class="mh-muted">{t.noNorm}</span>} />
            <Row id="moment" label={t.rows.momentOfTruth} steps={steps} cell={(step) => (step.point.touchpoint.momentOfTruth ? t.yes : t.no)} />
            <Row id="gevoel" label={t.rows.feeling} steps={steps} cell={(step) => <Feeling step={step} minGroupSize={minGroupSize} />} />
            <Row id="knelpunten" label={t.rows.bottlenecks} steps={steps} cell={(step) => <Bottlenecks step={step} minGroupSize={minGroupSize} />} />
            <Row id="acties" label={t.rows.actions} steps={steps} cell={(step) => <Actions step={step} />} />
          </tbody>
        </table>
      </ScrollContainer>
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
