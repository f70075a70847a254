import type { ComparisonData } from '../../src/chain/comparison';
import type { Journey, User } from '../../src/db/schema';
import { formatNumber, nl } from '../../src/texts';
import { ChartFigure } from '../components/chart-figure';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { chartScripts, DashboardLayout } from '../dashboard/dashboard-layout';

const t = nl.chain.comparison;
const round = (value: number) => Math.round(value * 1000) / 1000;

function JourneyChoice({ journeys }: { journeys: Journey[] }) {
  return (
    <ul class="utrecht-unordered-list" aria-label={t.chooseCaption}>
      {journeys.map((journey) => (
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`/dashboard/vergelijken?${new URLSearchParams({ reis: journey.slug })}`}>
            {journey.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Compared({ data }: { data: Extract<ComparisonData, { state: 'compared' }> }) {
  const chart = {
    labels: data.touchpoints.map((step) => step.name),
    series: data.lines.map((line) => ({ label: line.label, data: line.points.map((point) => (point.estimate ? round(point.estimate.mean) : null)) })),
    neutral: t.neutral,
  };
  return (
    <Section id="vergelijking-titel" title={data.journey.name} class="mh-panel">
      {data.lines.length < 2 ? <p class="utrecht-paragraph">{t.noOthers}</p> : null}
      <ChartFigure id="vergelijking-grafiek" kind="comparison" label={t.chartLabel(data.journey.name)} data={chart} />
      <DataTable
        caption={t.caption(data.journey.name)}
        columns={[t.organisation, ...data.touchpoints.map((step) => ({ label: step.name, kind: 'numeric-data' as const }))]}
        data-hook="comparison"
      >
        {data.lines.map((line) => (
          <TableRow data-own={line.own ? 'ja' : 'nee'}>
            <TableHeaderCell scope="row">{line.own ? `${line.label} ${t.own}` : line.label}</TableHeaderCell>
            {line.points.map((point) => (
              <TableCell kind="numeric-data" data-touchpoint={point.touchpoint.slug}>
                {t.cell(point.estimate ? formatNumber(point.estimate.mean, 2, true) : undefined, point.n)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </DataTable>
      <p class="utrecht-paragraph mh-muted">{t.tooFewNote(data.minGroupSize)}</p>
    </Section>
  );
}

/** /dashboard/vergelijken: how to take part, which journey, or the heart lines side by side. */
export function ComparisonPage({ data, user }: { data: ComparisonData; user: Pick<User, 'email' | 'role'> }) {
  const compared = data.state === 'compared';
  return (
    <DashboardLayout title={compared ? `${t.title}: ${data.journey.name}` : t.title} heading={t.title} user={user} current="vergelijken" scripts={compared ? chartScripts : undefined}>
      <p class="utrecht-paragraph">{t.intro}</p>
      {data.state === 'not-opted-in' ? (
        <Section id="meedoen-titel" title={t.notOptedInTitle} class="mh-panel">
          <p class="utrecht-paragraph" data-hook="not-opted-in">
            {t.notOptedIn(data.organisation.name)}
          </p>
          <p class="utrecht-paragraph">{t.howToOptIn}</p>
        </Section>
      ) : data.state === 'compared' ? (
        <>
          <Compared data={data} />
          <p class="utrecht-paragraph">{t.choose}</p>
          <JourneyChoice journeys={data.journeys} />
        </>
      ) : (
        <>
          <p class="utrecht-paragraph">{data.state === 'unknown-journey' ? t.unknown : t.choose}</p>
          <JourneyChoice journeys={data.journeys} />
        </>
      )}
    </DashboardLayout>
  );
}
