/**
 * The journeys the regular staff pages (dashboard, insight, journey map, exports, digest, actions,
 * assisted answering) show: the organisation's own journeys that are not chain journeys. A chain
 * journey's responses come from several organisations' invitations, so it is seen only through the
 * chain view (/dashboard/keten/<slug>).
 */
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, type Journey } from '../db/schema';
import { findJourneyBySlug, listJourneys, type JourneyWithTouchpoints } from './journeys';

/** The organisation's regular journeys, by name. */
export function regularJourneys(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): Journey[] {
  return listJourneys(db, organisationId).filter((journey) => !journey.chain);
}

/** A regular journey of the organisation by slug; another organisation's or a chain journey is not found. */
export function findRegularJourney(db: Db, slug: string | undefined, organisationId: number = HOSTING_ORGANISATION_ID): JourneyWithTouchpoints | undefined {
  if (!slug) return undefined;
  const found = findJourneyBySlug(db, slug, organisationId);
  return found && !found.journey.chain ? found : undefined;
}

/** The journey a page with `?reis=` shows: that one when it is the organisation's regular journey, otherwise its first. */
export function chosenJourney(
  db: Db,
  slug: string | undefined,
  organisationId: number = HOSTING_ORGANISATION_ID,
): { journeys: Journey[]; found?: JourneyWithTouchpoints } {
  const journeys = regularJourneys(db, organisationId);
  return { journeys, found: findRegularJourney(db, slug, organisationId) ?? findRegularJourney(db, journeys[0]?.slug, organisationId) };
}
