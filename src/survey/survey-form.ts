import { z } from 'zod';
import { dutch, type CitizenLanguage } from '../texts/citizen';
import { DONT_KNOW, type SurveyItem } from '../items/survey-items';

export const MAX_COMMENT_LENGTH = 2000;

export interface SurveyAnswers {
  grade: number;
  effort: number;
  steps: { slug: string; feeling: number | null; comment: string | null }[];
  /** The item bank's questions this survey asked (only when it asked any); value null for "weet ik niet". */
  items?: { code: string; touchpointId: number | null; value: number | null }[];
}

export type SurveyParseResult =
  | { ok: true; answers: SurveyAnswers }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

const feelingValues = ['-2', '-1', '0', '1', '2', 'nvt'] as const;
const comment = (tooLong: string) =>
  z
    .string()
    .max(MAX_COMMENT_LENGTH * 2, tooLong)
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .refine((text) => text.length <= MAX_COMMENT_LENGTH, tooLong)
    .optional();
const intInRange = (min: number, max: number, message: string) =>
  z.string({ error: message }).regex(/^\d{1,2}$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));

// Building a zod object schema costs more than parsing with it: one per set of steps, kept.
const schemas = new Map<string, { shape: Record<string, z.ZodType>; schema: z.ZodObject }>();

function surveySchema(stepSlugs: string[], language: CitizenLanguage, items: readonly SurveyItem[]) {
  const t = language.texts.survey;
  const key = `${language.code}\n${stepSlugs.join('\n')}\n${items.map((item) => `${item.field}:${item.options.length}`).join('\n')}`;
  let found = schemas.get(key);
  if (!found) {
    // Fields in page order, so the error summary lists problems in the order the citizen meets them.
    const shape: Record<string, z.ZodType> = {};
    const itemField = (item: SurveyItem, message: string) => z.enum(item.options.map((option) => option.value) as [string, ...string[]], { error: message });
    stepSlugs.forEach((slug, index) => {
      const step = (message: string) => `${t.stepPrefix(index + 1)} ${message}`;
      shape[`feeling-${slug}`] = z.enum(feelingValues, { error: step(t.errors.feeling) });
      for (const item of items) if (item.stepSlug === slug) shape[item.field] = itemField(item, step(language.texts.items.errors.required));
      shape[`comment-${slug}`] = comment(step(t.errors.comment));
    });
    for (const item of items) if (item.stepSlug === undefined) shape[item.field] = itemField(item, language.texts.items.errors.required);
    shape.grade = intInRange(1, 10, t.errors.grade);
    shape.effort = intInRange(1, 7, t.errors.effort);
    found = { shape, schema: z.object(shape) };
    if (schemas.size >= 1000) schemas.clear();
    schemas.set(key, found);
  }
  return found;
}

/**
 * Validates a submitted survey for the steps and items this invitation asks. Field names:
 * `feeling-<slug>`, `comment-<slug>`, `grade`, `effort`, and each item's (src/items/survey-items.ts). On failure it returns the values to re-render and an
 * error per field, in the citizen's language.
 */
export function parseSurvey(body: Record<string, unknown>, stepSlugs: string[], language: CitizenLanguage = dutch, items: readonly SurveyItem[] = []): SurveyParseResult {
  const { shape, schema } = surveySchema(stepSlugs, language, items);
  const result = schema.safeParse(body);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]);
      errors[field] ??= issue.message;
    }
    const values: Record<string, string> = {};
    for (const field of Object.keys(shape)) {
      const value = body[field];
      if (typeof value === 'string') values[field] = value.slice(0, MAX_COMMENT_LENGTH * 2);
    }
    return { ok: false, values, errors };
  }
  const data = result.data as Record<string, unknown>;
  return {
    ok: true,
    answers: {
      grade: data.grade as number,
      effort: data.effort as number,
      steps: stepSlugs.map((slug) => {
        const chosen = data[`feeling-${slug}`] as string;
        const text = data[`comment-${slug}`] as string | undefined;
        return { slug, feeling: chosen === 'nvt' ? null : Number(chosen), comment: text ? text : null };
      }),
      ...(items.length > 0 && {
        items: items.map((item) => {
          const chosen = data[item.field] as string;
          return { code: item.code, touchpointId: item.touchpointId, value: chosen === DONT_KNOW ? null : Number(chosen) };
        }),
      }),
    },
  };
}
