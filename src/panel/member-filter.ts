import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journeyDimensions, journeys, MODE_SEGMENT_KEY, touchpoints } from '../db/schema';
import { listJourneys } from '../journeys/journeys';

/**
 * What the member filters offer: every journey, every touchpoint with its journey's name, and every
 * segment key/value seen in the answers ("key:value", as the dashboard's segment filter).
 */
export function memberFilterChoices(db: Db) {
  return {
    journeys: listJourneys(db),
    segments: db
      .selectDistinct({ key: journeyDimensions.dimension, value: journeyDimensions.value })
      .from(journeyDimensions)
      // The mode is how an answer was given, not something members are: not a filter here.
      .where(and(eq(journeyDimensions.isChannel, false), ne(journeyDimensions.dimension, MODE_SEGMENT_KEY)))
      .orderBy(asc(journeyDimensions.dimension), asc(journeyDimensions.value))
      .all(),
    touchpoints: db
      .select({ tp: touchpoints, journeyName: journeys.name })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .orderBy(journeys.name, touchpoints.position)
      .all()
      .map(({ tp, journeyName }) => ({ ...tp, journeyName })),
  };
}
