import type { Child } from 'hono/jsx';

/** A column heading; `class` adds a modifier to its header cell (e.g. `utrecht-table__header-cell--numeric`). */
export type Column = string | { label: string; class: string };

/**
 * An NL Design System (Utrecht) table that scrolls sideways on narrow screens: caption,
 * one header row of column headings, and the body rows given as children.
 */
export function DataTable(props: { caption: Child; columns: Column[]; class?: string; id?: string; children?: Child }) {
  return (
    <div class="utrecht-table-container--overflow-inline">
      <table class={`utrecht-table utrecht-table--html-table${props.class ? ` ${props.class}` : ''}`} id={props.id}>
        <caption class="utrecht-table__caption">{props.caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {props.columns.map((column) =>
              typeof column === 'string' ? (
                <th class="utrecht-table__header-cell" scope="col">
                  {column}
                </th>
              ) : (
                <th class={`utrecht-table__header-cell ${column.class}`} scope="col">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{props.children}</tbody>
      </table>
    </div>
  );
}
