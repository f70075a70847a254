/**
 * What a chain journey shares. A chain journey (journeys.chain) belongs to the organisation that
 * coordinates it; every organisation that owns one of its steps (touchpoints.owner_organisation_id,
 * null meaning the coordinator) is a partner. Partners see the chain's aggregates, masked quotes
 * on its steps and its actions (src/chain/); never each other's raw responses, invitations,
 * addresses, panel members or call-back requests, which stay with the organisation whose event
 * made the invitation (invitations.organisation_id).
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, Store } from '../db/client';
import { journeys, organisations, touchpoints, type Journey, type Organisation } from '../db/schema';

/** The organisations that own a step of the journey (active steps), the coordinator first. */
export function partnersOf(db: Store, journeyId: number): Organisation[] {
  const journey = db.select().from(journeys).where(eq(journeys.id, journeyId)).get();
  if (!journey) return [];
  const owners = db
    .selectDistinct({ id: sql<number>`coalesce(${touchpoints.ownerOrganisationId}, ${journey.organisationId})` })
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .all()
    .map((row) => row.id);
  const ids = new Set([journey.organisationId, ...owners]);
  return db
    .select()
    .from(organisations)
    .all()
    .filter((organisation) => ids.has(organisation.id))
    .sort((a, b) => (a.id === journey.organisationId ? -1 : b.id === journey.organisationId ? 1 : a.id - b.id));
}

/** The chain journeys an organisation takes part in, by name. */
export function chainJourneysOf(db: Store, organisationId: number): Journey[] {
  return db
    .selectDistinct({ journey: journeys })
    .from(journeys)
    .leftJoin(touchpoints, and(eq(touchpoints.journeyId, journeys.id), isNull(touchpoints.archivedAt)))
    .where(and(eq(journeys.chain, true), or(eq(journeys.organisationId, organisationId), eq(touchpoints.ownerOrganisationId, organisationId))))
    .orderBy(asc(journeys.name))
    .all()
    .map((row) => row.journey);
}

/** A chain journey by slug among those the organisation takes part in (its own first, should two share a slug). */
export function findChainJourney(db: Db, slug: string, organisationId: number): Journey | undefined {
  const found = chainJourneysOf(db, organisationId).filter((journey) => journey.slug === slug);
  return found.find((journey) => journey.organisationId === organisationId) ?? found[0];
}
