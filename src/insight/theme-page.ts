/** What the themes page shows: the journey's themes per step and the codebook's counts, for the dashboard's filters. */
import type { ResolvedFilters } from '../heartmonitor/filters';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type Journey, type ThemeCode, type Touchpoint } from '../db/schema';
import { journeyDimensionValues } from '../heartmonitor/queries';
import { chosenJourney } from '../journeys/regular-journeys';
import { codeCounts, journeyThemes, type CodeCount, type Theme, type ThemeParams } from './theme-queries';
import { listCodes } from './codebook';

export interface ThemesPageData {
  journeys: Journey[];
  journey?: Journey;
  touchpoints: Touchpoint[];
  filters: ResolvedFilters;
  dimensions: { segments: Map<string, string[]>; channels: string[] };
  minGroupSize: number;
  themes: Map<number, Theme[]>;
  codes: { code: ThemeCode; counts: CodeCount[] }[];
}

export const themeParams = (journeyId: number, filters: ResolvedFilters, minGroupSize: number): ThemeParams => ({
  journeyId,
  from: filters.from,
  to: filters.to,
  previousFrom: filters.previousFrom,
  previousTo: filters.previousTo,
  segment: filters.segment,
  channel: filters.channel,
  minGroupSize,
});

export function themesPageData(db: Db, filters: ResolvedFilters, minGroupSize: number, organisationId: number = HOSTING_ORGANISATION_ID): ThemesPageData {
  const { journeys, found } = chosenJourney(db, filters.query.reis, organisationId);
  const base = { journeys, filters, minGroupSize, touchpoints: [], themes: new Map(), codes: [] };
  if (!found) return { ...base, dimensions: { segments: new Map(), channels: [] } };
  const params = themeParams(found.journey.id, filters, minGroupSize);
  return {
    ...base,
    journey: found.journey,
    touchpoints: found.touchpoints,
    dimensions: journeyDimensionValues(db, found.journey.id),
    themes: journeyThemes(db, params),
    codes: listCodes(db, organisationId).map((code) => ({ code, counts: codeCounts(db, params, code) })),
  };
}
