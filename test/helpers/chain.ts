/**
 * A chain journey for tests (issue 24): "Overlijden doorgeven", coordinated by the hosting
 * organisation (the gemeente), with the SVB and a pension fund owning later steps, so there are
 * two hand-offs: gemeente → SVB at "AOW stopzetten" and SVB → pension fund at "Pensioen regelen".
 * The SVB's key triggers it with its own case type.
 */
import { and, eq } from 'drizzle-orm';
import { createApiKey } from '../../src/api-keys/api-keys';
import type { Clock } from '../../src/clock';
import type { Db } from '../../src/db/client';
import { HOSTING_ORGANISATION_ID, journeyCaseTypes, journeys, touchpoints } from '../../src/db/schema';
import { importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';

export const CHAIN_SLUG = 'overlijden-doorgeven';

export const chainDefinition = {
  slug: CHAIN_SLUG,
  name: 'Overlijden doorgeven',
  type: 'ervaring' as const,
  caseTypes: ['overlijden'],
  touchpoints: [
    { slug: 'melding', name: 'Overlijden melden', channel: 'balie' as const, momentOfTruth: true, askedByDefault: true },
    { slug: 'akte', name: 'Akte van overlijden', channel: 'post' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'aow', name: 'AOW stopzetten', channel: 'post' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'nabestaanden', name: 'Nabestaandenuitkering', channel: 'web' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'pensioen', name: 'Pensioen regelen', channel: 'telefoon' as const, momentOfTruth: false, askedByDefault: true },
  ],
};

/** The partners, the chain journey with its step owners, the SVB's case type "svb-overlijden" and key. */
export function setUpChain(db: Db, clock: Clock) {
  const svb = createOrganisation(db, clock, { name: 'Sociale Verzekeringsbank', slug: 'svb' }).id;
  const pensioen = createOrganisation(db, clock, { name: 'Pensioenfonds Zorg', slug: 'pensioenfonds' }).id;
  const { journeyId } = importJourney(db, chainDefinition, clock, HOSTING_ORGANISATION_ID);
  db.update(journeys).set({ chain: true }).where(eq(journeys.id, journeyId)).run();
  const owners: Record<string, number> = { aow: svb, nabestaanden: svb, pensioen };
  for (const [slug, owner] of Object.entries(owners)) {
    db.update(touchpoints).set({ ownerOrganisationId: owner }).where(and(eq(touchpoints.journeyId, journeyId), eq(touchpoints.slug, slug))).run();
  }
  db.insert(journeyCaseTypes).values({ organisationId: svb, caseType: 'svb-overlijden', journeyId }).run();
  const step = (slug: string) => db.select().from(touchpoints).where(and(eq(touchpoints.journeyId, journeyId), eq(touchpoints.slug, slug))).get()!.id;
  return { svb, pensioen, journeyId, svbKey: createApiKey(db, 'svb', clock, svb).key, step };
}
