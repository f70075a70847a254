import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import { heartLine } from '../../src/journey-map/heart-line';
import { formatNumber, nl } from '../../src/texts';

const t = nl.journeyMap;

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The heart line, drawn on the server as inline SVG so it needs no script and prints: the
 * neutral zero line, per step the 95% interval as a band and the mean as a dot (a square for a
 * dip), joined by a line. It is stretched to the width of the map's columns; strokes and dots
 * keep their size (non-scaling strokes, dots drawn as round line caps). The text alternative is
 * its title and description; the same figures are in the map's "Gevoel" row.
 */
export function HeartLineSvg(props: {
  points: HeartMonitorPoint[];
  journeyName: string;
  /** Prefix of the title's and description's ids: unique per line when a page shows several. */
  id?: string;
  /** Title and description in other words (the public page speaks to citizens). */
  title?: string;
  summary?: string;
}) {
  const { points, id = 'hartlijn' } = props;
  const line = heartLine(points);
  const summary = props.summary ?? t.heartLineSummary(
    points.map((point) =>
      point.estimate
        ? `${point.touchpoint.name} ${formatNumber(point.estimate.mean, 2, true)}${point.dip ? ` (${t.dip})` : ''}`
        : `${point.touchpoint.name} ${t.tooFewShort}`,
    ),
  );
  const ns = { 'vector-effect': 'non-scaling-stroke' };
  return (
    <svg
      class="mh-heartline"
      viewBox={`0 0 ${line.width} ${line.height}`}
      preserveAspectRatio="none"
      role="img"
      aria-labelledby={`${id}-titel ${id}-beschrijving`}
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-titel`}>{props.title ?? t.heartLineTitle(props.journeyName)}</title>
      <desc id={`${id}-beschrijving`}>{summary}</desc>
      {line.gridLines.map((grid) => (
        <line class="mh-hl-grid" x1="0" x2={line.width} y1={grid.y} y2={grid.y} {...ns} />
      ))}
      <line class="mh-hl-zero" x1="0" x2={line.width} y1={line.zeroY} y2={line.zeroY} {...ns} />
      {line.marks.map((mark) =>
        mark.low !== undefined && mark.high !== undefined ? (
          <line class="mh-hl-interval" x1={mark.x} x2={mark.x} y1={round(mark.low)} y2={round(mark.high)} {...ns} />
        ) : null,
      )}
      {line.segments.map((segment) => (
        <line class="mh-hl-line" x1={segment.x1} y1={round(segment.y1)} x2={segment.x2} y2={round(segment.y2)} {...ns} />
      ))}
      {/* A withheld step (too few answers) gets no dot: the line breaks there. */}
      {line.marks.map((mark) =>
        mark.y === undefined ? null : (
          <path
            class={mark.dip ? 'mh-hl-point mh-hl-dip' : 'mh-hl-point'}
            d={`M${mark.x} ${round(mark.y)}h0.01`}
            data-touchpoint={mark.slug}
            data-mean={round(mark.mean!)}
            {...ns}
          />
        ),
      )}
    </svg>
  );
}
