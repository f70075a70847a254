import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journeyDimensions, journeys, touchpoints } from '../db/schema';
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
      .where(eq(journeyDimensions.isChannel, false))
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
