import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journeys, touchpoints } from '../db/schema';
import { listJourneys } from '../journeys/journeys';

/** What the member filters offer: every journey, and every touchpoint with its journey's name. */
export function memberFilterChoices(db: Db) {
  return {
    journeys: listJourneys(db),
    touchpoints: db
      .select({ tp: touchpoints, journeyName: journeys.name })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .orderBy(journeys.name, touchpoints.position)
      .all()
      .map(({ tp, journeyName }) => ({ ...tp, journeyName })),
  };
}
