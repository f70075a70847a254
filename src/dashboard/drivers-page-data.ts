import type { Db } from '../db/client';
import { journeyDimensionValues, type DashboardFilter } from '../heartmonitor/queries';
import { loadDrivers, type Drivers } from '../insight/drivers';
import { findJourneyBySlug, listJourneys } from '../journeys/journeys';
import type { DashboardData } from './dashboard-data';
import type { ResolvedFilters } from './filters';

export type DriversPageData = Pick<DashboardData, 'journeys' | 'journey' | 'filters' | 'dimensions'> & { drivers?: Drivers };

/** /dashboard/drijfveren: the chosen journey (or the first), its filter choices and its key drivers. */
export function loadDriversPage(db: Db, filters: ResolvedFilters, minGroupSize: number): DriversPageData {
  const journeys = listJourneys(db);
  const found = findJourneyBySlug(db, filters.query.reis) ?? (journeys[0] ? findJourneyBySlug(db, journeys[0].slug) : undefined);
  if (!found) return { journeys, filters, dimensions: { segments: new Map(), channels: [] } };
  const { journey, touchpoints } = found;
  const filter: DashboardFilter = { journeyId: journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  return { journeys, journey, filters, dimensions: journeyDimensionValues(db, journey.id), drivers: loadDrivers(db, filter, touchpoints, minGroupSize) };
}
