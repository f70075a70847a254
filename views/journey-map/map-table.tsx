/**
 * The map as a table, shared by the klantreiskaart and the chain journey map: the steps are the
 * columns, the aspects the rows, the heart line across the top. Each map brings its own step
 * headers and rows.
 */
import type { Child } from 'hono/jsx';
import { nl } from '../../src/texts';
import { ScrollContainer } from '../components/table';

const t = nl.journeyMap;

/** What the table needs of a step: its slug (data-touchpoint) and whether it is a dip (highlighted). */
export interface MapColumn {
  slug: string;
  dip: boolean;
}

export function MapTable(props: { caption: Child; columns: MapColumn[]; header: (index: number) => Child; heartLine: Child; children: Child }) {
  const { columns } = props;
  return (
    <ScrollContainer labelledby="kaart-bijschrift" hint={t.scrollHint} class="mh-map-scroll">
      <table class="mh-map-table" data-steps={columns.length}>
        <caption class="mh-map-caption" id="kaart-bijschrift">
          {props.caption}
        </caption>
        <colgroup>
          <col class="mh-map-aspect-col" />
          {columns.map(() => (
            <col class="mh-map-step-col" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" class="mh-map-aspect">
              {t.aspect}
            </th>
            {columns.map((column, index) => (
              <th scope="col" class={column.dip ? 'mh-map-step--dip' : undefined} data-touchpoint={column.slug}>
                <span class="mh-map-step-number">{t.step(index + 1)}</span>
                {props.header(index)}
              </th>
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
            <td class="mh-map-heartline-cell" colspan={Math.max(1, columns.length)}>
              {props.heartLine}
            </td>
          </tr>
          {props.children}
        </tbody>
      </table>
    </ScrollContainer>
  );
}

/** One row of the map: an aspect (row header) with a cell per step. */
export function MapRow<S>(props: { id: string; label: string; steps: S[]; column: (step: S) => MapColumn; cell: (step: S) => Child }) {
  return (
    <tr data-hook="map-row" data-row={props.id}>
      <th scope="row" class="mh-map-aspect">
        {props.label}
      </th>
      {props.steps.map((step) => {
        const column = props.column(step);
        return (
          <td class={column.dip ? 'mh-map-cell--dip' : undefined} data-touchpoint={column.slug}>
            {props.cell(step)}
          </td>
        );
      })}
    </tr>
  );
}
