import type { User } from '../../src/db/schema';
import type { DigestContent } from '../../src/digest/digest';
import type { DigestOver } from '../../src/digest/periods';
import type { ResolvedFilters } from '../../src/heartmonitor/filters';
import { nl } from '../../src/texts';
import { SubmitRow } from '../components/button';
import { ErrorSummary, Select } from '../components/form';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { PeriodFields } from '../dashboard/period-fields';
import { digestSections, periodLabel, previousLabel, responseRows, type DigestItem } from './digest-sections';

const t = nl.digest;

function Item({ item }: { item: DigestItem }) {
  return (
    <li class="mh-digest-item" data-journey={item.journey} data-touchpoint={item.touchpoint}>
      <p class="utrecht-paragraph mh-knelpunt-title">{item.heading}</p>
      {item.lines.map((line) => (
        <p class="utrecht-paragraph">{line}</p>
      ))}
      {item.quote ? (
        <blockquote class="mh-quote">
          <p class="utrecht-paragraph">
            <span class="mh-visually-hidden">{nl.overview.knelpunten.quoteLabel} </span>„{item.quote}”
          </p>
        </blockquote>
      ) : null}
    </li>
  );
}

/** The period choice: a plain GET form, left out when printed. */
function PeriodForm({ over, filters }: { over: DigestOver; filters: ResolvedFilters }) {
  return (
    <form method="get" action="/dashboard/samenvatting" class="mh-filters mh-no-print" aria-label={t.page.formLabel}>
      <Select
        name="over"
        label={t.page.choose}
        value={over}
        options={[
          { value: 'maand', label: t.page.lastMonth },
          { value: 'week', label: t.page.lastWeek },
          { value: 'periode', label: t.page.ownPeriod },
        ]}
      />
      <PeriodFields query={filters.query} errors={filters.errors} from={filters.from} to={filters.to} />
      <SubmitRow label={nl.dashboard.apply} variant="secondary" />
    </form>
  );
}

/**
 * /dashboard/samenvatting: the digest "Ongezouten feedback" as a page for the intranet, in the
 * words of the mail; printed without navigation, form or buttons (public/css/digest.css).
 */
export function DigestPage(props: { digest: DigestContent; over: DigestOver; filters: ResolvedFilters; user: Pick<User, 'email' | 'role'> }) {
  const { digest } = props;
  const period = periodLabel(digest.period);
  const hasErrors = Object.values(props.filters.errors).some(Boolean);
  return (
    <DashboardLayout title={t.page.heading(period)} heading={t.page.heading(period)} user={props.user} current="samenvatting" hasErrors={hasErrors} stylesheets={['/assets/digest.css']}>
      <ErrorSummary errors={props.filters.errors} />
      <PeriodForm over={props.over} filters={props.filters} />
      <p class="utrecht-paragraph mh-no-print">{t.page.printHint}</p>
      <div id="samenvatting" class="mh-digest" data-period={digest.period.key}>
        <p class="utrecht-paragraph">{t.intro(period, previousLabel(digest.period))}</p>
        {digestSections(digest).map((section) => (
          <Section id={`${section.id}-titel`} sectionId={`samenvatting-${section.id}`} title={section.title} class="mh-digest-section">
            {section.intro ? <p class="utrecht-paragraph">{section.intro}</p> : null}
            {section.items.length === 0 ? (
              <p class="utrecht-paragraph">{section.none}</p>
            ) : (
              <ul class="mh-knelpunten">
                {section.items.map((item) => (
                  <Item item={item} />
                ))}
              </ul>
            )}
            {section.more ? <p class="utrecht-paragraph">{section.more}</p> : null}
          </Section>
        ))}
        <Section id="respons-titel" sectionId="samenvatting-respons" title={t.responses.title} class="mh-digest-section">
          <DataTable
            caption={t.responses.caption(period)}
            columns={[
              t.responses.columns.journey,
              { label: t.responses.columns.invited, kind: 'numeric' },
              { label: t.responses.columns.answered, kind: 'numeric' },
              { label: t.responses.columns.rate, kind: 'numeric' },
            ]}
          >
            {responseRows(digest).map((row) => (
              <TableRow data-journey={row.journey.slug}>
                <TableHeaderCell scope="row">{row.journey.name}</TableHeaderCell>
                {row.invited === undefined ? (
                  <TableCell colspan={3}>{t.responses.tooFew(digest.minGroupSize)}</TableCell>
                ) : (
                  <>
                    <TableCell kind="numeric" data-invited={row.invited}>
                      {row.invited}
                    </TableCell>
                    <TableCell kind="numeric">{row.answered}</TableCell>
                    <TableCell kind="numeric">{row.rate}</TableCell>
                  </>
                )}
              </TableRow>
            ))}
          </DataTable>
        </Section>
        <p class="utrecht-paragraph utrecht-paragraph--small">{t.privacy(digest.minGroupSize)}</p>
      </div>
    </DashboardLayout>
  );
}
