import type { Child } from 'hono/jsx';
import { nl } from '../../src/texts';

/** How a cell's content is aligned: numbers line up on the right. */
export type CellKind = 'numeric' | 'numeric-data';

/** Utrecht aligns a numeric column right; `numeric-data` also gives its cells tabular figures. */
const cellClass: Record<CellKind, string> = {
  numeric: 'utrecht-table__cell--numeric-column',
  'numeric-data': 'utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data',
};

/** A column heading; `kind` aligns it with its numeric cells, `class` adds a class of our own. */
export type Column = string | { label: Child; kind?: CellKind; class?: string };

/** Attributes passed through to the element: ids, data-* values scripts read, and `data-hook`, the name tests select an element by (never a class). */
type Passed = { id?: string; [data: `data-${string}`]: string | number | boolean | undefined };

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

/**
 * An NL Design System (Utrecht) table: caption, a header row of `columns` (none for a table of
 * label–value rows) and the body rows given as children. It scrolls sideways inside its own
 * container when it is wider than the screen.
 */
export function DataTable(props: { caption: Child; columns?: Column[]; class?: string; id?: string; 'data-hook'?: string; children?: Child }) {
  const table = (
    <table class={classes('utrecht-table utrecht-table--html-table', props.class)} id={props.id} data-hook={props['data-hook']}>
      <caption class="utrecht-table__caption">{props.caption}</caption>
      {props.columns ? (
        <thead class="utrecht-table__header">
          <TableRow>
            {props.columns.map((column) =>
              typeof column === 'string' ? (
                <TableHeaderCell scope="col">{column}</TableHeaderCell>
              ) : (
                <TableHeaderCell scope="col" kind={column.kind} class={column.class}>
                  {column.label}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </thead>
      ) : null}
      <tbody class="utrecht-table__body">{props.children}</tbody>
    </table>
  );
  return <ScrollContainer label={typeof props.caption === 'string' ? props.caption : undefined}>{table}</ScrollContainer>;
}

/**
 * The container of anything wider than the screen (every DataTable, the journey map): it scrolls
 * sideways inside itself, is focusable and named so a keyboard user can scroll it too, and shows
 * a cue above it only while its content is wider than it is (see .mh-scroll in app.css).
 */
export function ScrollContainer(props: { label?: string; labelledby?: string; hint?: string; class?: string; children?: Child }) {
  return (
    <div class="mh-scroll">
      {/* Hidden from screen readers: they read the table cell by cell and need no scrolling. */}
      <p class="mh-scroll-hint" aria-hidden="true">
        {props.hint ?? nl.scrollHint}
      </p>
      <div
        class={classes('utrecht-table-container utrecht-table-container--overflow-inline mh-scroll-area', props.class)}
        tabindex={0}
        role="region"
        aria-label={props.label}
        aria-labelledby={props.labelledby}
      >
        {props.children}
      </div>
    </div>
  );
}

export function TableRow({ class: extra, children, ...passed }: Passed & { class?: string; children?: Child }) {
  return (
    <tr class={classes('utrecht-table__row', extra)} {...passed}>
      {children}
    </tr>
  );
}

export function TableCell({ kind, class: extra, colspan, children, ...passed }: Passed & { kind?: CellKind; class?: string; colspan?: number; children?: Child }) {
  return (
    <td class={classes('utrecht-table__cell', kind && cellClass[kind], extra)} colspan={colspan} {...passed}>
      {children}
    </td>
  );
}

/** A heading cell: of a column (`scope="col"`) or of its row (`scope="row"`). */
export function TableHeaderCell({ scope, kind, class: extra, children, ...passed }: Passed & { scope: 'col' | 'row'; kind?: CellKind; class?: string; children?: Child }) {
  return (
    <th class={classes('utrecht-table__header-cell', kind && 'utrecht-table__header-cell--numeric-column', extra)} scope={scope} {...passed}>
      {children}
    </th>
  );
}
