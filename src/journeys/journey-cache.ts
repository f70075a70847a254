/*
 * The journey with the touchpoints an invitation asks about (and their questions), kept between
 * requests per connection: every survey page and submission read them anew, while they change
 * only when the designer or an import edits a journey.
 *
 * Kept current by src/db/write-hooks.ts, as the no-show caches are: any write to journeys, their
 * case types, touchpoints, their questions or their items on this connection, whichever code path writes, drops
 * everything, and so does another connection's commit. After such a write the cache is neither
 * read nor filled until no transaction is open: what it would see might still roll back. Inside
 * a transaction that wrote none of them (a group of events or submissions, src/db/group-commit.ts)
 * it serves and fills as usual: it sees only what is committed.
 */
import type Database from 'better-sqlite3';
import type { Db, Store } from '../db/client';
import { activeJourneyItems, type ActiveJourneyItem } from '../items/journey-items';
import { HOSTING_ORGANISATION_ID, type Journey } from '../db/schema';
import { onTableWrites, watchOtherConnections } from '../db/write-hooks';
import { findJourneyByCaseType, findJourneyById, touchpointsByIds, type JourneyWithTouchpoints } from './journeys';
import type { TouchpointWithQuestions } from './touchpoint-questions';

export interface SurveyJourney {
  journey: Journey;
  /** Shared between requests: never to be changed by a caller. */
  touchpoints: TouchpointWithQuestions[];
}

/** Distinct (journey, touchpoints) pairs are few; beyond this the cache starts over rather than grow. */
const MAX_ENTRIES = 1000;

class JourneyCache {
  readonly surveys = new Map<string, SurveyJourney | undefined>();
  readonly byCaseType = new Map<string, JourneyWithTouchpoints | undefined>();
  readonly items = new Map<number, ActiveJourneyItem[]>();
  /** A write to the journey tables not known to be committed or rolled back yet. */
  private uncommittedWrite = false;
  private readonly otherConnectionsWrote: () => boolean;

  constructor(private readonly sqlite: Database.Database) {
    onTableWrites(sqlite, ['journeys', 'journey_case_types', 'touchpoints', 'touchpoint_questions', 'journey_items', 'custom_items'], () => {
      this.clear();
      this.uncommittedWrite = true;
    });
    this.otherConnectionsWrote = watchOtherConnections(sqlite);
  }

  private clear(): void {
    this.surveys.clear();
    this.byCaseType.clear();
    this.items.clear();
  }

  /** Whether the cache may be used now; drops everything when another connection committed since the last look. */
  usable(): boolean {
    if (!this.sqlite.inTransaction) this.uncommittedWrite = false;
    if (this.uncommittedWrite) return false;
    if (this.otherConnectionsWrote()) this.clear();
    return true;
  }
}

const caches = new WeakMap<Database.Database, JourneyCache>();

/**
 * The connection's cache, made on first use outside a transaction: its temporary triggers, created
 * inside one, would vanish with a rollback of it. The app makes it at start (startJourneyCache),
 * because under load every event is read inside a group's transaction.
 */
function journeyCacheOf(sqlite: Database.Database): JourneyCache | undefined {
  let cache = caches.get(sqlite);
  if (!cache && !sqlite.inTransaction) caches.set(sqlite, (cache = new JourneyCache(sqlite)));
  return cache;
}

/** Makes the connection's cache now (at start-up, outside any transaction). */
export function startJourneyCache(db: Db): void {
  journeyCacheOf(db.$client);
}

function cached<K, V>(db: Store, entries: (cache: JourneyCache) => Map<K, V>, key: K, read: () => V): V {
  // A transaction handle is the database itself (src/db/client.ts); anything else is read uncached.
  const sqlite = (db as Partial<Db>).$client;
  const cache = sqlite && journeyCacheOf(sqlite);
  if (!cache?.usable()) return read();
  const map = entries(cache);
  if (map.has(key)) return map.get(key)!;
  const found = read();
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, found);
  return found;
}

/** The journey and these of its touchpoints with their questions (as findJourneyById and touchpointsByIds read them), cached. */
export function surveyJourney(db: Db, journeyId: number, touchpointIds: readonly number[]): SurveyJourney | undefined {
  return cached(db, (cache) => cache.surveys, `${journeyId}:${touchpointIds.join(',')}`, () => {
    const journey = findJourneyById(db, journeyId);
    return journey && { journey, touchpoints: touchpointsByIds(db, [...touchpointIds]) };
  });
}

/** The journey an organisation's case type triggers with its active touchpoints (findJourneyByCaseType), cached: read for every event. */
export function journeyForCaseType(db: Db, caseType: string, organisationId: number = HOSTING_ORGANISATION_ID): JourneyWithTouchpoints | undefined {
  return cached(db, (cache) => cache.byCaseType, `${organisationId} ${caseType}`, () => findJourneyByCaseType(db, caseType, organisationId));
}

/** The items a journey asks now (activeJourneyItems), cached: read for every invitation. */
export function journeyItemsNow(store: Store, journeyId: number): ActiveJourneyItem[] {
  return cached(store, (cache) => cache.items, journeyId, () => activeJourneyItems(store, journeyId));
}
