/**
 * Comparing like with like (issue 24, the "Overheidsbreed" step): organisations in one
 * installation whose journeys have the same definition — the same slug and the same steps in the
 * same order — see their heart lines side by side. Only organisations that opted in take part,
 * and only an organisation that opted in itself sees the others; the others stay anonymous unless
 * they agreed to be named; the minimum group size holds per organisation per step.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journeys, organisations, touchpoints, type Journey, type Organisation, type Touchpoint } from '../db/schema';
import type { ResolvedFilters } from '../heartmonitor/filters';
import { buildHeartMonitor, type HeartMonitorPoint } from '../heartmonitor/heart-monitor';
import { feelingByTouchpoint } from '../heartmonitor/queries';
import { findJourneyBySlug, listJourneys } from '../journeys/journeys';
import { findOrganisation } from '../organisations/organisations';
import { comparisonLabels } from './chain-view';

export interface ComparisonLine {
  /** The viewer's own line. */
  own: boolean;
  /** The organisation's name, or "vergelijkbare organisatie A" when it did not agree to be named. */
  label: string;
  points: HeartMonitorPoint[];
}

export type ComparisonData =
  | { state: 'not-opted-in'; organisation: Organisation }
  | { state: 'choose'; journeys: Journey[] }
  | { state: 'unknown-journey'; journeys: Journey[] }
  | { state: 'compared'; journey: Journey; touchpoints: Touchpoint[]; lines: ComparisonLine[]; journeys: Journey[]; minGroupSize: number; filters: ResolvedFilters };

const stepSlugs = (db: Db, journeyId: number) =>
  db
    .select({ slug: touchpoints.slug })
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .orderBy(asc(touchpoints.position))
    .all()
    .map((row) => row.slug)
    .join('\n');

/** Other opted-in organisations' journeys with the same slug and the same steps as `journey`. */
export function comparableJourneys(db: Db, journey: Journey): { journey: Journey; organisation: Organisation }[] {
  const definition = stepSlugs(db, journey.id);
  return db
    .select({ journey: journeys, organisation: organisations })
    .from(journeys)
    .innerJoin(organisations, eq(organisations.id, journeys.organisationId))
    .where(and(eq(journeys.slug, journey.slug), eq(organisations.comparisonOptIn, true)))
    .all()
    .filter((row) => row.journey.id !== journey.id && row.organisation.id !== journey.organisationId && stepSlugs(db, row.journey.id) === definition);
}

/**
 * The comparison page for the viewer's organisation: why it cannot compare (not opted in), which
 * journey to choose, or the lines per organisation for the chosen journey (`reis`).
 */
export function loadComparison(db: Db, organisationId: number, filters: ResolvedFilters, options: { minGroupSize: number; anonymous: (letter: string) => string }): ComparisonData {
  const viewer = findOrganisation(db, organisationId)!;
  if (!viewer.comparisonOptIn) return { state: 'not-opted-in', organisation: viewer };
  const own = listJourneys(db, organisationId);
  if (!filters.query.reis) return { state: 'choose', journeys: own };
  const found = findJourneyBySlug(db, filters.query.reis, organisationId);
  if (!found) return { state: 'unknown-journey', journeys: own };

  const others = comparableJourneys(db, found.journey);
  const labels = comparisonLabels([viewer, ...others.map((other) => other.organisation)], viewer.id, options.anonymous);
  const lineOf = (journey: Journey, organisation: Organisation): ComparisonLine => {
    // The other journey's steps by slug: the same definition, so the viewer's steps in the viewer's order.
    const theirs = new Map(
      db.select({ id: touchpoints.id, slug: touchpoints.slug }).from(touchpoints).where(eq(touchpoints.journeyId, journey.id)).all().map((step) => [step.slug, step.id]),
    );
    const sums = feelingByTouchpoint(db, { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel });
    const bySlug = new Map(found.touchpoints.map((step) => [step.id, sums.get(theirs.get(step.slug) ?? -1)]));
    const moments = new Map([...bySlug].filter((entry): entry is [number, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined));
    return { own: organisation.id === viewer.id, label: labels.get(organisation.id)!, points: buildHeartMonitor(found.touchpoints, moments, undefined, options.minGroupSize) };
  };
  const lines = [lineOf(found.journey, viewer), ...others.sort((a, b) => labels.get(a.organisation.id)!.localeCompare(labels.get(b.organisation.id)!, 'nl')).map((other) => lineOf(other.journey, other.organisation))];
  return { state: 'compared', journey: found.journey, touchpoints: found.touchpoints, lines, journeys: own, minGroupSize: options.minGroupSize, filters };
}
