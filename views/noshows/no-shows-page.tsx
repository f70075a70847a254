import type { User } from '../../src/db/schema';
import type { NoShowData } from '../../src/noshows/dashboard-data';
import { noShowFiltersToSearch } from '../../src/noshows/filters';
import { nl, segmentKeyLabel } from '../../src/texts';
import { Select } from '../components/form';
import { chartScripts, DashboardLayout } from '../dashboard/dashboard-layout';
import { PeriodFields } from '../dashboard/period-fields';
import { NoShowPanels } from './panels';
import { SubmitRow } from '../components/button';

const t = nl.noShowDashboard;

/** The filter form: a plain GET form without JavaScript; with htmx it swaps the panels in place and pushes the URL. */
export function NoShowFiltersForm({ data }: { data: NoShowData }) {
  const { query, errors } = data.filters;
  const choices = (values: string[], all: string, label = (value: string) => value) => [{ value: '', label: all }, ...values.map((value) => ({ value, label: label(value) }))];
  return (
    <form
      method="get"
      action="/dashboard/no-shows"
      class="mh-filters"
      aria-label={t.filtersTitle}
      hx-get="/dashboard/no-shows"
      hx-target="#no-shows"
      hx-push-url="true"
      hx-trigger="change, submit"
    >
      <PeriodFields query={query} errors={errors} from={data.filters.from} to={data.filters.to} />
      <Select name="product" label={t.product} value={query.product} options={choices(data.options.products, t.allProducts)} />
      <Select name="locatie" label={t.location} value={query.locatie} options={choices(data.options.locations, t.allLocations)} />
      <Select name="kanaal" label={t.channel} value={query.kanaal} options={choices(data.options.channels, t.allChannels)} />
      {data.options.segmentKeys.length > 0 ? (
        <Select name="segment" label={t.segment} value={data.filters.segmentKey ?? ''} options={choices(data.options.segmentKeys, t.noSegment, segmentKeyLabel)} />
      ) : null}
      <SubmitRow label={nl.dashboard.apply} variant="secondary" />
    </form>
  );
}

/** The part htmx swaps: the filters (their choices depend on the period) and the panels. */
export function NoShowContent({ data }: { data: NoShowData }) {
  return (
    <>
      <NoShowFiltersForm data={data} />
      <p class="utrecht-paragraph mh-period" role="status">
        {t.periodSummary(data.filters.from, data.filters.to)}
      </p>
      <NoShowPanels data={data} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/dashboard/no-shows/export.csv?${noShowFiltersToSearch(data.filters.query)}`} download>
          {t.export}
        </a>
      </p>
    </>
  );
}

export function NoShowPage({ data, user }: { data: NoShowData; user: Pick<User, 'email' | 'role'> }) {
  const hasErrors = Object.keys(data.filters.errors).length > 0;
  return (
    <DashboardLayout title={t.title} heading={t.title} user={user} current="no-shows" hasErrors={hasErrors} scripts={chartScripts}>
      <p class="utrecht-paragraph">{t.intro}</p>
      <div id="no-shows">
        <NoShowContent data={data} />
      </div>
    </DashboardLayout>
  );
}
