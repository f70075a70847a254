/*
 * The journey with the touchpoints an invitation asks about (and their questions), kept between
 * requests per connection: every survey page and submission read them anew, while they change
 * only when the designer or an import edits a journey.
 *
 * Kept current by src/db/write-hooks.ts, as the no-show caches are: any write to journeys,
 * touchpoints or their questions on this connection, whichever code path writes, drops
 * everything, and so does another connection's commit. Inside an open transaction the cache is
 * neither read nor filled: what it would see might still roll back.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import type { Journey } from '../db/schema';
import { onTableWrites, watchOtherConnections } from '../db/write-hooks';
import { findJourneyById, touchpointsByIds } from './journeys';
import type { TouchpointWithQuestions } from './touchpoint-questions';

export interface SurveyJourney {
  journey: Journey;
  /** Shared between requests: never to be changed by a caller. */
  touchpoints: TouchpointWithQuestions[];
}

/** Distinct (journey, touchpoints) pairs are few; beyond this the cache starts over rather than grow. */
const MAX_ENTRIES = 1000;

class JourneyCache {
  readonly entries = new Map<string, SurveyJourney | undefined>();
  private readonly otherConnectionsWrote: () => boolean;

  constructor(sqlite: Database.Database) {
    onTableWrites(sqlite, ['journeys', 'touchpoints', 'touchpoint_questions'], () => this.entries.clear());
    this.otherConnectionsWrote = watchOtherConnections(sqlite);
  }

  /** Drops everything when another connection committed since the last look. */
  checkOtherConnections(): void {
    if (this.otherConnectionsWrote()) this.entries.clear();
  }
}

const caches = new WeakMap<Database.Database, JourneyCache>();

/** The journey and these of its touchpoints with their questions (as findJourneyById and touchpointsByIds read them), cached. */
export function surveyJourney(db: Db, journeyId: number, touchpointIds: readonly number[]): SurveyJourney | undefined {
  const read = (): SurveyJourney | undefined => {
    const journey = findJourneyById(db, journeyId);
    return journey && { journey, touchpoints: touchpointsByIds(db, [...touchpointIds]) };
  };
  if (db.$client.inTransaction) return read();
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new JourneyCache(db.$client)));
  cache.checkOtherConnections();
  const key = `${journeyId}:${touchpointIds.join(',')}`;
  if (cache.entries.has(key)) return cache.entries.get(key);
  const found = read();
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
  cache.entries.set(key, found);
  return found;
}
