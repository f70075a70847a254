/*
 * The item bank's questions as candidate drivers of the rapportcijfer, beside the step feelings.
 * Items have no roll-up: their pairwise moments are built per response from the period's item
 * answers (with the grade and the step feelings of the same response) and added to the day's
 * moments from the driver roll-ups. Only pairs that involve an item are built here, so nothing the
 * roll-ups already hold is counted twice. Items take ids below 0 (GRADE_ID is 0, steps are their
 * positive touchpoint ids); they are numbered per request and never stored.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { dayOf } from '../calendar';
import type { Db } from '../db/client';
import { answers, itemAnswers, responses, type ItemScale } from '../db/schema';
import { emptyPairwise, GRADE_ID, PAIR_FIELDS, pairIndex, addPairwise, type PairwiseMoments } from '../heartmonitor/pairwise-moments';
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
 * The moments of one response's pairs that involve an item: item with grade, with each feeling,
 * with each other item, and each item alone. Pure; null values (not applicable, don't know) are absent.
 */
export function itemPairwise(grade: number, feelings: readonly { id: number; value: number | null }[], items: readonly { id: number; value: number | null }[]): PairwiseMoments {
  const given = [{ id: GRADE_ID, value: grade }, ...feelings, ...items].filter((variable): variable is { id: number; value: number } => variable.value !== null);
  const moments = emptyPairwise(given.map((variable) => variable.id));
  for (let j = 0; j < given.length; j++) {
    for (let i = 0; i <= j; i++) {
      if (given[i]!.id >= 0 && given[j]!.id >= 0) continue;
      const x = given[i]!.value;
      const y = given[j]!.value;
      moments.values.set([1, x, y, x * x, y * y, x * y], pairIndex(i, j) * PAIR_FIELDS);
    }
  }
  return moments;
}

/** Whether an item can explain the grade: an ordered scale the bank marks as a driver (own eens-1-5 items too). */
const canDrive = (definition: ItemDefinition) => definition.driver && isOrdered(definition.scale);

/**
 * The driver-capable items answered in the filter, numbered −1, −2, … (by code, journey level
 * first), and per day the moments of their pairs.
 */
export function itemDriverMoments(db: Db, filter: ItemFilter): { variables: ItemVariable[]; byDay: Map<string, PairwiseMoments> } {
  const where = itemAnswersWhere(filter);
  const rows = db
    .select({ responseId: itemAnswers.responseId, code: itemAnswers.itemCode, touchpointId: itemAnswers.touchpointId, value: itemAnswers.value, grade: responses.grade, submittedAt: responses.submittedAt })
    .from(itemAnswers)
    .innerJoin(responses, eq(responses.id, itemAnswers.responseId))
    .where(where)
    .all();
  const definitions = itemDefinitions(db, [...new Set(rows.map((row) => row.code))]);
  const keyOf = (code: string, touchpointId: number | null) => `${code}|${touchpointId ?? ''}`;
  const keys = [...new Set(rows.filter((row) => definitions.has(row.code) && canDrive(definitions.get(row.code)!)).map((row) => keyOf(row.code, row.touchpointId)))].sort();
  const variables = new Map(
    keys.map((key, index): [string, ItemVariable] => {
      const [code, step] = key.split('|') as [string, string];
      const definition = definitions.get(code)!;
      return [key, { id: -(index + 1), code, touchpointId: step === '' ? null : Number(step), scale: definition.scale, definition, n: 0, normalisedSum: 0, dontKnow: 0 }];
    }),
  );
  const byResponse = new Map<number, { grade: number; day: string; items: { id: number; value: number | null }[] }>();
  for (const row of rows) {
    const variable = variables.get(keyOf(row.code, row.touchpointId));
    if (!variable) continue;
    const value = normalised(variable.scale, row.value) ?? null;
    if (value === null) variable.dontKnow++;
    else {
      variable.n++;
      variable.normalisedSum += value;
    }
    const response = byResponse.get(row.responseId) ?? { grade: row.grade, day: dayOf(row.submittedAt), items: [] };
    response.items.push({ id: variable.id, value });
    byResponse.set(row.responseId, response);
  }
  const feelings = new Map<number, { id: number; value: number | null }[]>();
  if (byResponse.size > 0) {
    const answered = db.select({ id: itemAnswers.responseId }).from(itemAnswers).innerJoin(responses, eq(responses.id, itemAnswers.responseId)).where(where);
    for (const row of db
      .select({ responseId: answers.responseId, touchpointId: answers.touchpointId, feeling: answers.feeling })
      .from(answers)
      .where(and(inArray(answers.responseId, answered), isNotNull(answers.feeling)))
      .all()) {
      if (!byResponse.has(row.responseId)) continue;
      feelings.set(row.responseId, [...(feelings.get(row.responseId) ?? []), { id: row.touchpointId, value: row.feeling }]);
    }
  }
  const byDay = new Map<string, PairwiseMoments>();
  for (const [responseId, response] of byResponse) {
    const moments = itemPairwise(response.grade, feelings.get(responseId) ?? [], response.items);
    const known = byDay.get(response.day);
    byDay.set(response.day, known ? addPairwise(known, moments) : moments);
  }
  return { variables: [...variables.values()], byDay };
}
