import type { ResponseDimension, ResponseRates, ResponseTable } from '../../src/insight/response-rates';
import { formatNumber, formatPercent, howOften, nl, segmentKeyLabel } from '../../src/texts';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.responseRates;

const dimensionLabel = (dimension: ResponseDimension) => (dimension.kind === 'channel' ? t.channel : segmentKeyLabel(dimension.key));
/** A group as staff read it: the segment value, or the channel ('onbekend' for cases without one). */
export const responseGroupLabel = (dimension: ResponseDimension, value: string) => (dimension.kind === 'channel' && value === '' ? t.noChannel : value);
const dimensionId = (dimension: ResponseDimension) => (dimension.kind === 'channel' ? 'kanaal' : `segment:${dimension.key}`);

function RateTable({ table, minGroupSize }: { table: ResponseTable; minGroupSize: number }) {
  const label = dimensionLabel(table.dimension);
  return (
    <>
      {table.groups.length > 0 ? (
        <DataTable
          caption={t.caption(label)}
          columns={[label, { label: t.columns.invited, kind: 'numeric-data' }, { label: t.columns.reached, kind: 'numeric-data' }, { label: t.columns.answered, kind: 'numeric-data' }, { label: t.columns.rate, kind: 'numeric-data' }, t.columns.interval, { label: t.columns.noAddress, kind: 'numeric-data' }]}
          data-hook="response-rates-table"
        >
          {table.groups.map((group) => (
            <TableRow data-group={`${dimensionId(table.dimension)}=${group.value}`}>
              <TableHeaderCell scope="row">{responseGroupLabel(table.dimension, group.value)}</TableHeaderCell>
              <TableCell kind="numeric-data">{formatNumber(group.counts.invited, 0)}</TableCell>
              <TableCell kind="numeric-data">{formatNumber(group.counts.reached, 0)}</TableCell>
              <TableCell kind="numeric-data">{formatNumber(group.counts.answered, 0)}</TableCell>
              <TableCell kind="numeric-data">{formatPercent(group.rate.rate)}</TableCell>
              <TableCell>{t.interval(group.rate.low, group.rate.high)}</TableCell>
              <TableCell kind="numeric-data">{formatNumber(group.counts.noAddress, 0)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
      {table.hidden > 0 ? <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{`${label}: ${t.hidden(table.hidden, minGroupSize)}`}</p> : null}
    </>
  );
}

/** "Wie antwoordt, wie niet": the groups heard less in words first, then the funnel per segment key and channel. */
export function ResponseRatesPanel({ rates, minGroupSize, filtered }: { rates: ResponseRates; minGroupSize: number; filtered: boolean }) {
  const { total } = rates;
  return (
    <Section id="wie-antwoordt-titel" sectionId="wie-antwoordt" title={t.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.intro(minGroupSize)}</p>
      {filtered ? <p class="utrecht-paragraph">{t.filterNote}</p> : null}
      {rates.totalRate ? (
        <>
          <h3 class="utrecht-heading-3">{t.underHeardTitle}</h3>
          {rates.underHeard.length === 0 ? (
            <p class="utrecht-paragraph">{t.none}</p>
          ) : (
            <ul class="mh-gaps">
              {rates.underHeard.map((group) => (
                <li class="mh-gap" data-group={`${dimensionId(group.dimension)}=${group.value}`}>
                  <p class="utrecht-paragraph">
                    <strong>{t.sentence(responseGroupLabel(group.dimension, group.value), howOften(group.ratio), group.group.rate, group.rest.rate)}</strong>
                  </p>
                  <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">
                    {`${dimensionLabel(group.dimension)} · ${t.detail(group.group.n, group.rest.n, group.change.difference, group.change.low, group.change.high, group.adjustedP)}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.tested(rates.tested)}</p>
          {rates.tables.map((table) => (
            <RateTable table={table} minGroupSize={minGroupSize} />
          ))}
          <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.reachedNote}</p>
        </>
      ) : (
        <p class="utrecht-paragraph">{t.tooFew(minGroupSize)}</p>
      )}
      <h3 class="utrecht-heading-3">{t.notInvitedTitle}</h3>
      {total.noAddress > 0 ? (
        <p class="utrecht-paragraph" data-hook="no-address">
          <strong>{t.noAddress(total.noAddress, total.cases)}</strong>
        </p>
      ) : null}
      {total.cases > 0 ? <p class="utrecht-paragraph" data-hook="not-invited">{t.notInvited(total)}</p> : null}
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.noAddressNote}</p>
    </Section>
  );
}
