/**
 * The journey designer over real HTTP: an admin signed in to the real app on a fresh migrated
 * database, and the form a stored touchpoint would post (as its edit page shows it).
 */
import type { Db } from '../../src/db/client';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from './staff';
import { createTestContext, type TestContext } from './test-context';
import { surveyPathOf } from './survey-link';

type Row = Record<string, unknown>;
const all = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as Row[];
const one = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).get(...params) as Row;

export interface Designer {
  ctx: TestContext;
  /** Signs in again (after the clock moved past the session's end). */
  login(): Promise<void>;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** An admin at /admin/reizen (no second factor needed), on a fresh test context. */
export async function designer(env: Record<string, string> = {}): Promise<Designer> {
  const ctx = createTestContext(env);
  // The designer's tests add and remove languages themselves: they start from the demo journeys without their English questions.
  ctx.db.$client.exec('DELETE FROM touchpoint_questions');
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@gemeente.test');
  let request = asStaff(ctx.app, (await login(ctx.app, 'beheer@gemeente.test')).cookie!);
  return {
    ctx,
    async login() {
      request = asStaff(ctx.app, (await login(ctx.app, 'beheer@gemeente.test')).cookie!);
    },
    get: async (path) => request(path),
    post: async (path, fields, headers) => request(path, { method: 'POST', body: new URLSearchParams(fields), headers }),
  };
}

export const journeyId = (db: Db, slug: string) => findJourneyBySlug(db, slug)!.journey.id;
export const touchpointIds = (db: Db, slug: string): Record<string, number> =>
  Object.fromEntries(all(db, 'SELECT t.slug, t.id FROM touchpoints t JOIN journeys j ON j.id = t.journey_id WHERE j.slug = ?', slug).map((row) => [row.slug, row.id as number]));

/**
 * The full touchpoint form for a stored touchpoint, with some fields changed: its questions in
 * other languages as numbered rows (stored languages first), then an empty row to add one.
 */
export function touchpointForm(db: Db, touchpointId: number, changes: Record<string, string> = {}): Record<string, string> {
  const row = one(db, 'SELECT * FROM touchpoints WHERE id = ?', touchpointId);
  const form: Record<string, string> = {
    touchpointName: String(row.name),
    channel: String(row.channel),
    serviceNorm: (row.service_norm as string | null) ?? '',
    question: (row.question as string | null) ?? '',
  };
  if (row.moment_of_truth) form.momentOfTruth = 'on';
  if (row.asked_by_default) form.askedByDefault = 'on';
  const languages = all(db, 'SELECT language, question FROM touchpoint_questions WHERE touchpoint_id = ? ORDER BY language', touchpointId);
  languages.forEach((language, index) => {
    form[`questionLanguage${index}`] = String(language.language);
    form[`questionText${index}`] = String(language.question);
  });
  form[`questionLanguage${languages.length}`] = '';
  form[`questionText${languages.length}`] = '';
  return { ...form, ...changes };
}

/** The survey link of the newest invitation mail. */
export function latestSurveyPath(db: Db): string {
  return surveyPathOf(db);
}
