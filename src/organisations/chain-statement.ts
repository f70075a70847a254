/** What /privacy says about chain surveys: each chain journey with the organisations taking part. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { journeys } from '../db/schema';
import type { StatementChain } from '../texts';
import { partnersOf } from './chain-access';

/** Every chain journey of the installation by name, with its organisations (the coordinator first) and their privacy contacts. */
export function chainStatement(db: Db): StatementChain[] {
  return db
    .select()
    .from(journeys)
    .where(eq(journeys.chain, true))
    .orderBy(asc(journeys.name))
    .all()
    .map((journey) => ({
      journey: journey.name,
      organisations: partnersOf(db, journey.id).map((organisation) => ({ name: organisation.name, privacyContact: organisation.privacyContact })),
    }));
}
