import { z } from 'zod';
import { nl } from '../texts';

export const MAX_COMMENT_LENGTH = 2000;

export interface SurveyAnswers {
  grade: number;
  effort: number;
  steps: { slug: string; feeling: number | null; comment: string | null }[];
}

export type SurveyParseResult =
  | { ok: true; answers: SurveyAnswers }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

const feeling = z.enum(['-2', '-1', '0', '1', '2', 'nvt'], { error: nl.survey.errors.feeling });
const comment = z
  .string()
  .max(MAX_COMMENT_LENGTH * 2)
  .transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .refine((text) => text.length <= MAX_COMMENT_LENGTH, nl.survey.errors.comment)
  .optional();
const intInRange = (min: number, max: number, message: string) =>
  z.string({ error: message }).regex(/^\d{1,2}$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));

/**
 * Validates a submitted survey for the steps this invitation asks. Field names: `feeling-<slug>`,
 * `comment-<slug>`, `grade`, `effort`. On failure it returns the values to re-render and an
 * error per field.
 */
export function parseSurvey(body: Record<string, unknown>, stepSlugs: string[]): SurveyParseResult {
  const shape: Record<string, z.ZodType> = {
    grade: intInRange(1, 10, nl.survey.errors.grade),
    effort: intInRange(1, 7, nl.survey.errors.effort),
  };
  for (const slug of stepSlugs) {
    shape[`feeling-${slug}`] = feeling;
    shape[`comment-${slug}`] = comment;
  }
  const result = z.object(shape).safeParse(body);
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
    },
  };
}
