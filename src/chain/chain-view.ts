/**
 * The chain view's pure logic (issue 24): who owns each step of a chain journey, where the
 * citizen is handed from one organisation to the next, and which dips are ketenknelpunten —
 * a dip at a hand-off or at the step just after one — ranked before the other dips. The KEK
 * method's point: quality is lost between organisations, so those dips come first.
 */
import type { HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import { compareMeans, type Difference, type Moments } from '../heartmonitor/statistics';

export interface ChainOwner {
  id: number;
  name: string;
  slug: string;
}

export interface ChainDip {
  /** The mean feeling is below zero. */
  negative: boolean;
  /** The feeling dropped significantly from the previous step (Welch), when both are reportable. */
  drop?: Difference;
  /** At a hand-off or at the step just after one: a ketenknelpunt. */
  chainRelated: boolean;
  /** How bad: the larger of the distance below zero and the drop from the previous step. */
  severity: number;
  /** Severity times reach (answers with a feeling): what ranks dips within their group. */
  score: number;
}

export interface ChainStep {
  point: HeartMonitorPoint;
  owner: ChainOwner;
  /** The citizen arrives here from another organisation's step: from → this step's owner. */
  handOff?: { from: ChainOwner; to: ChainOwner };
  /** The previous step was a hand-off. */
  afterHandOff: boolean;
  dip?: ChainDip;
}

/**
 * Marks owners, hand-offs and dips on the heart-monitor points (in journey order). `ownerOf`
 * gives a step's owner; `moments` the feeling sums per touchpoint id for the step-to-step test.
 * Only reportable steps (an estimate) can be dips or be compared.
 */
export function markChain(points: HeartMonitorPoint[], ownerOf: (touchpointId: number) => ChainOwner, moments: Map<number, Moments>): ChainStep[] {
  const steps: ChainStep[] = [];
  points.forEach((point, index) => {
    const owner = ownerOf(point.touchpoint.id);
    const before = index > 0 ? steps[index - 1] : undefined;
    const handOff = before && before.owner.id !== owner.id ? { from: before.owner, to: owner } : undefined;
    const afterHandOff = Boolean(before?.handOff);
    let dip: ChainDip | undefined;
    if (point.estimate) {
      const negative = point.estimate.mean < 0;
      const here = moments.get(point.touchpoint.id);
      const previous = before?.point.estimate ? moments.get(before.point.touchpoint.id) : undefined;
      const change = here && previous ? compareMeans(here, previous) : undefined;
      const drop = change?.significant && change.difference < 0 ? change : undefined;
      if (negative || drop) {
        const severity = Math.max(negative ? -point.estimate.mean : 0, drop ? -drop.difference : 0);
        dip = { negative, drop, chainRelated: Boolean(handOff) || afterHandOff, severity, score: severity * point.n };
      }
    }
    steps.push({ point, owner, handOff, afterHandOff, dip });
  });
  return steps;
}

/** The dips to discuss: ketenknelpunten first, then the other dips; worst (severity × reach) first within each. */
export function rankChainDips(steps: ChainStep[]): (ChainStep & { dip: ChainDip })[] {
  return steps
    .filter((step): step is ChainStep & { dip: ChainDip } => Boolean(step.dip))
    .sort((a, b) => Number(b.dip.chainRelated) - Number(a.dip.chainRelated) || b.dip.score - a.dip.score);
}

/** Comparison labels: the viewer's own organisation and the named ones by name, the others "A", "B", … in a stable order. */
export function comparisonLabels<T extends { id: number; name: string; comparisonNamed: boolean }>(
  organisations: T[],
  viewerId: number,
  anonymous: (letter: string) => string,
): Map<number, string> {
  const labels = new Map<number, string>();
  let next = 0;
  for (const organisation of [...organisations].sort((a, b) => a.id - b.id)) {
    if (organisation.id === viewerId || organisation.comparisonNamed) labels.set(organisation.id, organisation.name);
    else labels.set(organisation.id, anonymous(String.fromCharCode(65 + (next++ % 26))));
  }
  return labels;
}
