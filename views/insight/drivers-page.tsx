import type { DriversPageData } from '../../src/insight/drivers-page';
import type { User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { Section } from '../components/page-parts';
import { chartScripts, DashboardLayout } from '../dashboard/dashboard-layout';
import { FiltersForm } from '../dashboard/dashboard-page';
import { DriversChart, DriversSummary, DriversTable, PriorityList } from './drivers-panel';

const t = nl.drivers;

/** How the figures were made, in plain Dutch: the method, missing answers, the minimum, the intervals. */
function Method({ data }: { data: DriversPageData }) {
  const drivers = data.drivers!;
  return (
    <Section id="drijfveren-methode-titel" title={t.methodTitle} class="mh-panel">
      <p class="utrecht-paragraph">{t.method.lmg}</p>
      <p class="utrecht-paragraph">{t.method.missing}</p>
      <p class="utrecht-paragraph">{t.method.minimum(drivers.minGroupSize)}</p>
      <p class="utrecht-paragraph">{t.method.interval}</p>
      {drivers.intervals === false ? <p class="utrecht-paragraph">{t.method.noIntervals(drivers.days)}</p> : null}
      {drivers.repaired ? <p class="utrecht-paragraph">{t.method.repaired}</p> : null}
      <p class="utrecht-paragraph">{t.method.association}</p>
    </Section>
  );
}

/** The part htmx swaps: filters, the model and its explanation. */
export function DriversContent({ data }: { data: DriversPageData }) {
  const { journey, drivers } = data;
  return (
    <>
      <FiltersForm data={data} page="drijfveren" />
      <p class="utrecht-paragraph mh-period" role="status">
        {journey ? `${journey.name}: ` : ''}
        {nl.dashboard.periodSummary(data.filters.from, data.filters.to, data.filters.previousFrom, data.filters.previousTo)}
      </p>
      {!journey || !drivers ? (
        <p class="utrecht-paragraph">{nl.dashboard.noJourneys}</p>
      ) : (
        <div>
          <Section id="drijfveren-model-titel" title={journey.name} class="mh-panel">
            <p class="utrecht-paragraph">{t.intro}</p>
            <p class="utrecht-paragraph">
              <strong>{t.association}</strong>
            </p>
            <DriversSummary drivers={drivers} />
            {drivers.withheld ? null : (
              <>
                <DriversChart drivers={drivers} journey={journey.name} />
                <PriorityList drivers={drivers} />
              </>
            )}
          </Section>
          {drivers.withheld ? null : (
            <Section id="drijfveren-tabel-titel" title={t.tableTitle} class="mh-panel">
              <DriversTable drivers={drivers} />
            </Section>
          )}
          <Method data={data} />
        </div>
      )}
    </>
  );
}

export function DriversPage({ data, user }: { data: DriversPageData; user: Pick<User, 'email' | 'role'> }) {
  const hasErrors = Object.keys(data.filters.errors).length > 0;
  return (
    <DashboardLayout title={t.title} heading={t.title} user={user} current="drijfveren" hasErrors={hasErrors} scripts={chartScripts}>
      <div id="drijfveren">
        <DriversContent data={data} />
      </div>
    </DashboardLayout>
  );
}
