import type { HeartMonitorPoint } from '../heartmonitor/heart-monitor';

/**
 * The geometry of the printed heart line: one column per step (as wide as the map's columns),
 * the feeling from −2 (bottom) to +2 (top) around the neutral zero line, in SVG user units.
 * The drawing is stretched to its cell (preserveAspectRatio="none" with non-scaling strokes), so
 * the points stay above their columns at any width. Pure, so it can be tested without a browser;
 * the view only turns it into elements.
 */
export const COLUMN_WIDTH = 100;
export const HEIGHT = 100;
const PADDING = 8;
const SCALE = (HEIGHT / 2 - PADDING) / 2;

export interface HeartLineMark {
  slug: string;
  x: number;
  /** Undefined when the step's figure is withheld (fewer answers than the minimum group size). */
  y?: number;
  mean?: number;
  /** The 95% interval as y values, clipped to the scale; undefined when it is unbounded. */
  low?: number;
  high?: number;
  dip: boolean;
}

export interface HeartLine {
  width: number;
  height: number;
  zeroY: number;
  /** y of the scale's reference lines (+2, +1, −1, −2) with their value. */
  gridLines: { value: number; y: number }[];
  marks: HeartLineMark[];
  /** Lines between neighbouring steps that both have a figure; a withheld step breaks the line. */
  segments: { x1: number; y1: number; x2: number; y2: number }[];
}

/** y for a feeling on the −2…+2 scale (SVG y grows downwards). */
export const yOf = (value: number) => HEIGHT / 2 - Math.max(-2, Math.min(2, value)) * SCALE;

export function heartLine(points: HeartMonitorPoint[]): HeartLine {
  const marks = points.map((point, index): HeartLineMark => {
    const x = (index + 0.5) * COLUMN_WIDTH;
    const estimate = point.estimate;
    if (!estimate) return { slug: point.touchpoint.slug, x, dip: false };
    const bounded = Number.isFinite(estimate.low) && Number.isFinite(estimate.high);
    return {
      slug: point.touchpoint.slug,
      x,
      y: yOf(estimate.mean),
      mean: estimate.mean,
      low: bounded ? yOf(estimate.low) : undefined,
      high: bounded ? yOf(estimate.high) : undefined,
      dip: Boolean(point.dip),
    };
  });
  const segments = marks.slice(1).flatMap((mark, index) => {
    const before = marks[index]!;
    return before.y !== undefined && mark.y !== undefined ? [{ x1: before.x, y1: before.y, x2: mark.x, y2: mark.y }] : [];
  });
  return {
    width: Math.max(1, points.length) * COLUMN_WIDTH,
    height: HEIGHT,
    zeroY: yOf(0),
    gridLines: [2, 1, -1, -2].map((value) => ({ value, y: yOf(value) })),
    marks,
    segments,
  };
}
