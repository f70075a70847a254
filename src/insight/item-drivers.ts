/*
 * The item bank's questions as candidate drivers of the rapportcijfer, beside the step feelings.
 * Items have no roll-up: their pairwise moments are built per response from the period's item
 * answers (with the grade and the step feelings of the same response) and added to the day's
 * moments from the driver roll-ups. Only pairs that involve an item are built here, so nothing the
 * roll-ups already hold is counted twice. Items take ids below 0 (GRADE_ID is 0, steps are their
 * positive touchpoint ids); they are numbered per request and never stored. The per-response
 * work is kept per day in a cache of the connection (below), so only changed days are read again.
 */
import type Database from 'better-sqlite3';
import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { dayOf, dayRangeInstants, shiftDay } from '../calendar';
import type { Db } from '../db/client';
import { answers, itemAnswers, responses, type ItemScale } from '../db/schema';
import { onTableWrites, watchOtherConnections } from '../db/write-hooks';
import { emptyPairwise, GRADE_ID, PAIR_FIELDS, pairIndex, type PairwiseMoments } from '../heartmonitor/pairwise-moments';
import { isOrdered, normalised } from '../items/item-bank';
import { itemAnswersWhere, type ItemFilter } from '../items/item-figures';
import { itemDefinitions, type ItemDefinition } from '../items/journey-items';

/** One item (at one step, or for the journey) as a variable of the model. */
export interface ItemVariable {
  /** Below 0. */
  id: number;
  code: string;
  touchpointId: number | null;
  scale: ItemScale;
  definition: ItemDefinition;
  /** Answers with a value in the filter, and the sum of their values on 0–1 (the performance's numerator). */
  n: number;
  normalisedSum: number;
  /** Answers "weet ik niet" in the filter. */
  dontKnow: number;
}

/**
 * Adds one response's pairs that involve an item to `moments` (already laid out for every variable
 * it has; `position` gives each id's place): item with grade, with each feeling, with each other
 * item, and each item alone. Pairs of grade and feelings only are left to the roll-ups. Pure; null
 * values (not applicable, don't know) are absent. No allocation per pair: thousands of responses a request.
 */
export function addItemPairs(
  moments: PairwiseMoments,
  position: ReadonlyMap<number, number>,
  grade: number,
  feelings: readonly { id: number; value: number | null }[],
  items: readonly { id: number; value: number | null }[],
): void {
  const given = [{ id: GRADE_ID, value: grade }, ...feelings, ...items].filter((variable): variable is { id: number; value: number } => variable.value !== null);
  const into = moments.values;
  for (let b = 0; b < given.length; b++) {
    for (let a = 0; a <= b; a++) {
      if (given[a]!.id >= 0 && given[b]!.id >= 0) continue;
      const i = position.get(given[a]!.id)!;
      const j = position.get(given[b]!.id)!;
      // x is the variable packed first (see pairIndex).
      const [x, y] = i <= j ? [given[a]!.value, given[b]!.value] : [given[b]!.value, given[a]!.value];
      const at = pairIndex(i, j) * PAIR_FIELDS;
      into[at]! += 1;
      into[at + 1]! += x;
      into[at + 2]! += y;
      into[at + 3]! += x * x;
      into[at + 4]! += y * y;
      into[at + 5]! += x * y;
    }
  }
}

/** Whether an item can explain the grade: an ordered scale the bank marks as a driver (own eens-1-5 items too). */
const canDrive = (definition: ItemDefinition) => definition.driver && isOrdered(definition.scale);

interface ItemCounts {
  n: number;
  normalisedSum: number;
  dontKnow: number;
}

/** One day's item moments: variable −(i + 1) is `keys[i]` ("code|touchpoint id"). */
interface DayItems {
  keys: string[];
  moments: PairwiseMoments;
  counts: ItemCounts[];
}

const keyOf = (code: string, touchpointId: number | null) => `${code}|${touchpointId ?? ''}`;

/** The item moments of every day in `from`…`to` (days without answers included, as empty). */
function loadDays(db: Db, filter: ItemFilter, from: string, to: string): Map<string, DayItems> {
  const where = itemAnswersWhere({ ...filter, from, to });
  const rows = db
    .select({ responseId: itemAnswers.responseId, code: itemAnswers.itemCode, touchpointId: itemAnswers.touchpointId, value: itemAnswers.value, grade: responses.grade, submittedAt: responses.submittedAt })
    .from(itemAnswers)
    .innerJoin(responses, eq(responses.id, itemAnswers.responseId))
    .where(where)
    .all();
  const definitions = itemDefinitions(db, [...new Set(rows.map((row) => row.code))]);
  const days = new Map<string, DayItems>();
  for (let day = from; day <= to; day = shiftDay(day, 1)) days.set(day, { keys: [], moments: emptyPairwise(), counts: [] });
  const byResponse = new Map<number, { grade: number; day: DayItems; items: { id: number; value: number | null }[] }>();
  for (const row of rows) {
    const definition = definitions.get(row.code);
    if (!definition || !canDrive(definition)) continue;
    const day = days.get(dayOf(row.submittedAt));
    if (!day) continue;
    const key = keyOf(row.code, row.touchpointId);
    let index = day.keys.indexOf(key);
    if (index < 0) index = day.keys.push(key) - 1;
    const counts = (day.counts[index] ??= { n: 0, normalisedSum: 0, dontKnow: 0 });
    const value = normalised(definition.scale, row.value) ?? null;
    if (value === null) counts.dontKnow++;
    else {
      counts.n++;
      counts.normalisedSum += value;
    }
    const response = byResponse.get(row.responseId) ?? { grade: row.grade, day, items: [] };
    response.items.push({ id: -(index + 1), value });
    byResponse.set(row.responseId, response);
  }
  const feelings = new Map<number, { id: number; value: number | null }[]>();
  const steps = new Set<number>();
  if (byResponse.size > 0) {
    // The period's feelings of the journey by the answers' own index; those of other responses (another segment or channel) are skipped here.
    const { start, end } = dayRangeInstants(from, to);
    for (const row of db
      .select({ responseId: answers.responseId, touchpointId: answers.touchpointId, feeling: answers.feeling })
      .from(answers)
      .where(and(eq(answers.journeyId, filter.journeyId), gte(answers.answeredAt, start), lt(answers.answeredAt, end), isNotNull(answers.feeling)))
      .all()) {
      if (!byResponse.has(row.responseId)) continue;
      steps.add(row.touchpointId);
      const list = feelings.get(row.responseId);
      if (list) list.push({ id: row.touchpointId, value: row.feeling });
      else feelings.set(row.responseId, [{ id: row.touchpointId, value: row.feeling }]);
    }
  }
  // Each day laid out once for the grade, every step and its own items; the responses are added in place.
  const positions = new Map<DayItems, Map<number, number>>();
  for (const day of days.values()) {
    if (day.keys.length === 0) continue;
    day.moments = emptyPairwise([GRADE_ID, ...steps, ...day.keys.map((_, index) => -(index + 1))]);
    positions.set(day, new Map(day.moments.ids.map((id, index) => [id, index])));
  }
  for (const [responseId, response] of byResponse) addItemPairs(response.day.moments, positions.get(response.day)!, response.grade, feelings.get(responseId) ?? [], response.items);
  return days;
}

/** About three years of days per filter, a few hundred filters: beyond that the cache starts over. */
const MAX_CACHED_DAYS = 50_000;

/**
 * Item moments per filter and day, kept per connection. Past days hardly change, so a request
 * reads only the days that changed: temporary triggers (src/db/write-hooks.ts) drop the day of
 * every written item answer, feeling or response on this connection, and a commit by another
 * connection drops everything.
 */
class ItemMomentsCache {
  private readonly perFilter = new Map<string, Map<string, DayItems>>();
  private size = 0;
  private readonly otherConnectionsWrote: () => boolean;

  constructor(sqlite: Database.Database) {
    const drop = (at: string) => {
      const day = dayOf(new Date(Number(at)));
      for (const days of this.perFilter.values()) if (days.delete(day)) this.size--;
    };
    onTableWrites(sqlite, ['item_answers', 'answers'], drop, 'answered_at');
    onTableWrites(sqlite, ['responses'], drop, 'submitted_at');
    this.otherConnectionsWrote = watchOtherConnections(sqlite);
  }

  days(db: Db, filter: ItemFilter): DayItems[] {
    if (this.otherConnectionsWrote() || this.size > MAX_CACHED_DAYS) {
      this.perFilter.clear();
      this.size = 0;
    }
    const name = JSON.stringify([filter.journeyId, filter.segment?.key, filter.segment?.value, filter.channel, filter.mode]);
    let days = this.perFilter.get(name);
    if (!days) this.perFilter.set(name, (days = new Map()));
    // Runs of missing days are read with one query each.
    let runStart: string | undefined;
    const fill = (from: string, to: string) => {
      for (const [day, items] of loadDays(db, filter, from, to)) {
        days.set(day, items);
        this.size++;
      }
    };
    for (let day = filter.from; day <= filter.to; day = shiftDay(day, 1)) {
      if (days.has(day)) {
        if (runStart) fill(runStart, shiftDay(day, -1));
        runStart = undefined;
      } else runStart ??= day;
    }
    if (runStart) fill(runStart, filter.to);
    const result: DayItems[] = [];
    for (let day = filter.from; day <= filter.to; day = shiftDay(day, 1)) result.push(days.get(day)!);
    return result;
  }
}

const caches = new WeakMap<Database.Database, ItemMomentsCache>();

/**
 * The driver-capable items answered in the filter, numbered −1, −2, … (by code, journey level
 * first), and per day the moments of their pairs.
 */
export function itemDriverMoments(db: Db, filter: ItemFilter): { variables: ItemVariable[]; byDay: Map<string, PairwiseMoments> } {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new ItemMomentsCache(db.$client)));
  const days = cache.days(db, filter);
  const keys = [...new Set(days.flatMap((day) => day.keys))].sort();
  const definitions = itemDefinitions(db, keys.map((key) => key.split('|')[0]!));
  const variables = new Map(
    keys.map((key, index): [string, ItemVariable] => {
      const [code, step] = key.split('|') as [string, string];
      const definition = definitions.get(code)!;
      return [key, { id: -(index + 1), code, touchpointId: step === '' ? null : Number(step), scale: definition.scale, definition, n: 0, normalisedSum: 0, dontKnow: 0 }];
    }),
  );
  const byDay = new Map<string, PairwiseMoments>();
  days.forEach((day, offset) => {
    if (day.keys.length === 0) return;
    day.keys.forEach((key, index) => {
      const variable = variables.get(key)!;
      variable.n += day.counts[index]!.n;
      variable.normalisedSum += day.counts[index]!.normalisedSum;
      variable.dontKnow += day.counts[index]!.dontKnow;
    });
    // The day's own numbering of its items, turned into this request's; the values are only read (addPairwise's source).
    const ids = day.moments.ids.map((id) => (id < 0 ? variables.get(day.keys[-id - 1]!)!.id : id));
    byDay.set(shiftDay(filter.from, offset), { ids, values: day.moments.values });
  });
  return { variables: [...variables.values()], byDay };
}
