/** What the drivers page shows: the chosen journey (or the first), its filter choices and its key drivers. */
import type { Db } from '../db/client';
import type { Journey } from '../db/schema';
import type { ResolvedFilters } from '../heartmonitor/filters';
import { journeyDimensionValues, type DashboardFilter } from '../heartmonitor/queries';
import { findJourneyBySlug, listJourneys } from '../journeys/journeys';
import { loadDrivers, type Drivers } from './drivers';

export interface DriversPageData {
  journeys: Journey[];
  journey?: Journey;
  filters: ResolvedFilters;
  dimensions: { segments: Map<string, string[]>; channels: string[] };
  drivers?: Drivers;
}

export function driversPageData(db: Db, filters: ResolvedFilters, minGroupSize: number): DriversPageData {
  const journeys = listJourneys(db);
  const found = findJourneyBySlug(db, filters.query.reis) ?? (journeys[0] ? findJourneyBySlug(db, journeys[0].slug) : undefined);
  if (!found) return { journeys, filters, dimensions: { segments: new Map(), channels: [] } };
  const { journey, touchpoints } = found;
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  return { journeys, journey, filters, dimensions: journeyDimensionValues(db, journey.id), drivers: loadDrivers(db, filter, touchpoints, minGroupSize, { items: true }) };
}
