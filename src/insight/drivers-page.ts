/** What the drivers page shows: the chosen journey (or the first), its filter choices and its key drivers. */
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type Journey } from '../db/schema';
import type { ResolvedFilters } from '../heartmonitor/filters';
import { journeyDimensionValues, type DashboardFilter } from '../heartmonitor/queries';
import { chosenJourney } from '../journeys/regular-journeys';
import { loadDrivers, type Drivers } from './drivers';

export interface DriversPageData {
  journeys: Journey[];
  journey?: Journey;
  filters: ResolvedFilters;
  dimensions: { segments: Map<string, string[]>; channels: string[] };
  drivers?: Drivers;
}

export function driversPageData(db: Db, filters: ResolvedFilters, minGroupSize: number, organisationId: number = HOSTING_ORGANISATION_ID): DriversPageData {
  const { journeys, found } = chosenJourney(db, filters.query.reis, organisationId);
  if (!found) return { journeys, filters, dimensions: { segments: new Map(), channels: [] } };
  const { journey, touchpoints } = found;
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  return { journeys, journey, filters, dimensions: journeyDimensionValues(db, journey.id), drivers: loadDrivers(db, filter, touchpoints, minGroupSize, { items: true }) };
}
