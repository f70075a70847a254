import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, journeyDimensions, journeys, MODE_SEGMENT_KEY, touchpoints } from '../db/schema';
import { listJourneys } from '../journeys/journeys';

/**
 * What the member filters offer: every journey, every touchpoint with its journey's name, and every
 * segment key/value seen in the answers ("key:value", as the dashboard's segment filter) — of the
 * organisation's own journeys only.
 */
export function memberFilterChoices(db: Db, organisationId: number = HOSTING_ORGANISATION_ID) {
  return {
    journeys: listJourneys(db, organisationId),
    segments: db
      .selectDistinct({ key: journeyDimensions.dimension, value: journeyDimensions.value })
      .from(journeyDimensions)
      .innerJoin(journeys, eq(journeys.id, journeyDimensions.journeyId))
      // The mode is how an answer was given, not something members are: not a filter here.
      .where(and(eq(journeys.organisationId, organisationId), eq(journeyDimensions.isChannel, false), ne(journeyDimensions.dimension, MODE_SEGMENT_KEY)))
      .orderBy(asc(journeyDimensions.dimension), asc(journeyDimensions.value))
      .all(),
    touchpoints: db
      .select({ tp: touchpoints, journeyName: journeys.name })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .where(eq(journeys.organisationId, organisationId))
      .orderBy(journeys.name, touchpoints.position)
      .all()
      .map(({ tp, journeyName }) => ({ ...tp, journeyName })),
  };
}
