/*
 * Touchpoint questions in other languages than Dutch: read for many touchpoints in one query,
 * and replaced per touchpoint by the journey designer and the journey import.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Store, Tx } from '../db/client';
import { type Touchpoint, touchpointQuestions } from '../db/schema';

/** A well-formed language code: "en", "tr", "pt-br", "sr-latn" (compared lower-cased). */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** The base language: its question is touchpoints.question, never a row here. */
export const BASE_LANGUAGE = 'nl';

/** Questions by lower-cased language code, e.g. `{ en: 'How did …?', ar: '…' }`. */
export type QuestionsByLanguage = Readonly<Record<string, string>>;

/** A touchpoint together with its questions in other languages: what a survey needs to show it. */
export type TouchpointWithQuestions = Touchpoint & { questions: QuestionsByLanguage };

/** The questions of these touchpoints, in one query; a touchpoint without any maps to `{}`. */
export function questionsOf(store: Store, touchpointIds: readonly number[]): Map<number, QuestionsByLanguage> {
  const byTouchpoint = new Map<number, Record<string, string>>(touchpointIds.map((id) => [id, {}]));
  if (touchpointIds.length === 0) return byTouchpoint;
  const rows = store
    .select()
    .from(touchpointQuestions)
    .where(inArray(touchpointQuestions.touchpointId, [...touchpointIds]))
    .orderBy(asc(touchpointQuestions.language))
    .all();
  for (const row of rows) byTouchpoint.get(row.touchpointId)![row.language] = row.question;
  return byTouchpoint;
}

/** These touchpoints, each with its questions (one query for all). */
export function withQuestions(store: Store, list: readonly Touchpoint[]): TouchpointWithQuestions[] {
  const questions = questionsOf(
    store,
    list.map((touchpoint) => touchpoint.id),
  );
  return list.map((touchpoint) => ({ ...touchpoint, questions: questions.get(touchpoint.id) ?? {} }));
}

/**
 * Makes a touchpoint's questions exactly these (languages left out are removed) and says which
 * languages were added, changed and removed, for the audit line.
 */
export function replaceQuestions(
  tx: Tx,
  touchpointId: number,
  questions: QuestionsByLanguage,
): { added: string[]; changed: string[]; removed: string[] } {
  const before = questionsOf(tx, [touchpointId]).get(touchpointId) ?? {};
  const added = Object.keys(questions).filter((language) => !(language in before));
  const changed = Object.keys(questions).filter((language) => language in before && before[language] !== questions[language]);
  const removed = Object.keys(before).filter((language) => !(language in questions));
  tx.delete(touchpointQuestions).where(eq(touchpointQuestions.touchpointId, touchpointId)).run();
  const rows = Object.entries(questions).map(([language, question]) => ({ touchpointId, language, question }));
  if (rows.length > 0) tx.insert(touchpointQuestions).values(rows).run();
  return { added, changed, removed };
}
