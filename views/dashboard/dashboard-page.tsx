import type { DashboardData } from '../../src/dashboard/dashboard-data';
import { filtersToSearch } from '../../src/heartmonitor/filters';
import type { Journey, User } from '../../src/db/schema';
import { journeyMapHref } from '../../src/journey-map/links';
import { itemExport, nl, segmentChoiceLabel, segmentKeyLabel } from '../../src/texts';
import { Select } from '../components/form';
import { chartScripts, DashboardLayout } from './dashboard-layout';
import { Panels } from './panels';
import { PeriodFields } from './period-fields';
import { SubmitRow } from '../components/button';
import type { Overview } from '../../src/insight/overview';
import { JourneysHeading, OverviewSection } from '../insight/overview';
import { Section } from '../components/page-parts';

const t = nl.dashboard;

export type FiltersFormData = Pick<DashboardData, 'journeys' | 'journey' | 'filters' | 'dimensions' | 'weightKeys'>;

/**
 * The filter form: a plain GET form without JavaScript; with htmx it swaps the panels in place.
 * The journey map, the themes and the drivers page use the same form (without the dashboard's
 * comparison and granularity, which they have no use for; only the drivers page with htmx).
 */
export function FiltersForm({ data, page = 'dashboard' }: { data: FiltersFormData; page?: 'dashboard' | 'klantreiskaart' | 'themas' | 'drijfveren' }) {
  const { query, errors } = data.filters;
  const dashboard = page === 'dashboard';
  const action = dashboard ? '/dashboard' : `/dashboard/${page}`;
  // The drivers page swaps its content in place like the dashboard; the other pages reload.
  const target = { dashboard: '#dashboard', drijfveren: '#drijfveren', klantreiskaart: undefined, themas: undefined }[page];
  const segmentOptions = [...data.dimensions.segments.entries()].flatMap(([key, values]) =>
    values.map((value) => ({ value: `${key}:${value}`, label: segmentChoiceLabel(key, value) })),
  );
  return (
    <form
      method="get"
      action={action}
      class="mh-filters"
      aria-label={t.filtersTitle}
      {...(target ? { 'hx-get': action, 'hx-target': target, 'hx-push-url': 'true', 'hx-trigger': 'change, submit' } : {})}
    >
      <Select
        name="reis"
        label={t.journey}
        value={data.journey?.slug ?? ''}
        options={data.journeys.map((journey) => ({ value: journey.slug, label: journey.name }))}
      />
      <PeriodFields query={query} errors={errors} from={data.filters.from} to={data.filters.to} />
      <Select name="segment" label={t.segment} value={query.segment} options={[{ value: '', label: t.allSegments }, ...segmentOptions]} />
      <Select
        name="kanaal"
        label={t.channel}
        value={query.kanaal}
        options={[{ value: '', label: t.allChannels }, ...data.dimensions.channels.map((channel) => ({ value: channel, label: channel }))]}
      />
      {dashboard ? (
        <Select
          name="vergelijk"
          label={t.compare}
          value={query.vergelijk}
          options={[{ value: '', label: t.noComparison }, ...[...data.dimensions.segments.keys()].map((key) => ({ value: key, label: segmentKeyLabel(key) }))]}
        />
      ) : null}
      {dashboard && data.weightKeys?.length ? (
        <Select
          name="weeg"
          label={nl.weighting.choice}
          value={data.weightKeys.includes(query.weeg) ? query.weeg : ''}
          options={[{ value: '', label: nl.weighting.none }, ...data.weightKeys.map((key) => ({ value: key, label: segmentKeyLabel(key) }))]}
        />
      ) : null}
      {dashboard ? (
        <Select name="per" label={t.granularity} value={query.per} options={[{ value: 'week', label: t.week }, { value: 'maand', label: t.month }]} />
      ) : null}
      <SubmitRow label={t.apply} variant="secondary" />
    </form>
  );
}

/** The part htmx swaps: filters (their choices depend on the journey) and panels. */
export function DashboardContent({ data }: { data: DashboardData }) {
  return (
    <>
      <FiltersForm data={data} />
      <p class="utrecht-paragraph mh-period" role="status">
        {data.journey ? `${data.journey.name}: ` : ''}
        {t.periodSummary(data.filters.from, data.filters.to, data.filters.previousFrom, data.filters.previousTo)}
      </p>
      {data.journey ? (
        <p class="utrecht-paragraph" data-hook="map-link">
          <a class="utrecht-link" href={journeyMapHref(data.filters.query, data.journey.slug)}>
            {nl.journeyMap.dashboardLink}
          </a>
        </p>
      ) : null}
      {data.journey ? <Panels data={data} /> : <p class="utrecht-paragraph">{t.noJourneys}</p>}
      {data.journey ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/dashboard/export.csv?${filtersToSearch({ ...data.filters.query, reis: data.journey.slug })}`} download>
            {t.export}
          </a>
        </p>
      ) : null}
      {data.journey ? <ItemExportLinks search={filtersToSearch({ ...data.filters.query, reis: data.journey.slug })} /> : null}
    </>
  );
}

/** The coded answers per response and their codebook, for a researcher's SPSS or R; shaped like the figures' link above them. */
function ItemExportLinks({ search }: { search: string }) {
  return (
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/dashboard/export/antwoorden.csv?${search}`} download>
          {itemExport.links.answers}
        </a>
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/dashboard/export/codeboek.csv?${search}`} download>
          {itemExport.links.codebook}
        </a>
      </p>
    </>
  );
}

/** The chain journeys the organisation takes part in: seen in the chain view, not on this dashboard. */
function ChainJourneys({ chains }: { chains: readonly Pick<Journey, 'slug' | 'name'>[] }) {
  return (
    <Section id="ketenreizen" title={t.chainsTitle}>
      <p class="utrecht-paragraph">{t.chainsIntro}</p>
      <ul class="utrecht-unordered-list">
        {chains.map((chain) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`/dashboard/keten/${encodeURIComponent(chain.slug)}`}>
              {chain.name}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function DashboardPage({
  data,
  user,
  overview,
  chains = [],
}: {
  data: DashboardData;
  user: Pick<User, 'email' | 'role'>;
  overview?: Overview;
  chains?: readonly Pick<Journey, 'slug' | 'name'>[];
}) {
  const hasErrors = Object.keys(data.filters.errors).length > 0;
  return (
    <DashboardLayout title={t.title} heading={t.title} user={user} current="hartmonitor" hasErrors={hasErrors} scripts={chartScripts}>
      {overview && chains.length > 0 ? <ChainJourneys chains={chains} /> : null}
      {overview ? <OverviewSection overview={overview} query={data.filters.query} /> : null}
      {overview && data.journey ? <JourneysHeading /> : null}
      <div id="dashboard">
        <DashboardContent data={data} />
      </div>
    </DashboardLayout>
  );
}
