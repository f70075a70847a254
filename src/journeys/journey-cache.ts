/*
 * The journey with the touchpoints an invitation asks about (and their questions), kept between
 * requests per connection: every survey page and submission read them anew, while they change
 * only when the designer or an import edits a journey.
 *
 * Kept current the way the no-show cache is (src/noshows/queries.ts): temporary triggers on this
 * connection drop everything on any write to journeys, touchpoints or their questions, whichever
 * code path writes, and `PRAGMA data_version` tells when another connection committed. Inside an
 * open transaction the cache is neither read nor filled: what it would see might still roll back.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import type { Journey } from '../db/schema';
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
  private readonly dataVersion: Database.Statement;
  private seenVersion: number;

  constructor(readonly sqlite: Database.Database) {
    this.dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
    this.seenVersion = this.dataVersion.get() as number;
    sqlite.function('meethuis_journeys_changed', () => {
      this.entries.clear();
      return null;
    });
    const triggers = ['journeys', 'touchpoints', 'touchpoint_questions'].flatMap((table) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (event) =>
          `CREATE TEMP TRIGGER IF NOT EXISTS meethuis_${table}_${event.toLowerCase()}_cache AFTER ${event} ON main.${table}
             BEGIN SELECT meethuis_journeys_changed(); END;`,
      ),
    );
    sqlite.exec(triggers.join('\n'));
  }

  /** Drops everything when another connection committed since the last look. */
  checkOtherConnections(): void {
    const version = this.dataVersion.get() as number;
    if (version === this.seenVersion) return;
    this.entries.clear();
    this.seenVersion = version;
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
