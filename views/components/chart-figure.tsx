import { raw } from 'hono/html';

/**
 * A Chart.js chart drawn by /assets/dashboard.js from a JSON data block (never executed), so the
 * CSP needs no inline script. The id sits on the figure, not the canvas: on a swap htmx copies
 * the style attribute of an element with the same id onto its replacement, and Chart.js styles
 * the canvas, so an id on the canvas would make htmx set an inline style the CSP refuses.
 * The same figures are always in a table next to the chart.
 */
export function ChartFigure(props: { id: string; kind: string; label: string; data: unknown; caption?: string }) {
  return (
    <figure class="mh-chart" id={props.id} data-chart={props.kind}>
      {props.caption ? <figcaption class="mh-chart-caption">{props.caption}</figcaption> : null}
      <div class="mh-chart-canvas">
        <canvas role="img" aria-label={props.label} />
      </div>
      <script type="application/json">{raw(JSON.stringify(props.data).replace(/</g, '\\u003c'))}</script>
    </figure>
  );
}
