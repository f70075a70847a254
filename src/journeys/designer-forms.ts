/** The journey designer's forms, parsed and checked without the database (pure), and slugs made from names. */
import { z } from 'zod';
import { channels, type Journey, journeyTypes } from '../db/schema';
import { nl } from '../texts';
import { languageCodeSchema, MAX_CASE_TYPES, MAX_QUESTION_LANGUAGES, SLUG_PATTERN } from './definition';
import { languageField, languageQuestionField } from './language-fields';
import type { QuestionsByLanguage, TouchpointWithQuestions } from './touchpoint-questions';

const t = nl.journeyDesigner;

// ── Slugs ──────────────────────────────────────────────────────────────────────────────────

/** The slug itself when free, otherwise the first free "slug-2", "slug-3", … */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ── Forms (pure) ───────────────────────────────────────────────────────────────────────────

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; values: FormValues; errors: FormErrors };

const tooLong = (max: number) => t.errors.tooLong(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .transform((text) => (text === '' ? null : text));
const checkbox = z.string().transform((value) => value === 'on');

/** One case type per line (also checked alone when a journey changes); blank lines ignored; each at most 120 characters, none twice. */
export const caseTypeLines = z.string().transform((text, ctx) => {
  const list = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const long = list.find((caseType) => caseType.length > 120);
  if (long) {
    ctx.addIssue({ code: 'custom', message: t.errors.caseTypeTooLong(`${long.slice(0, 40)}…`) });
    return z.NEVER;
  }
  if (list.length > MAX_CASE_TYPES) {
    ctx.addIssue({ code: 'custom', message: t.errors.tooManyCaseTypes });
    return z.NEVER;
  }
  const twice = list.find((caseType, index) => list.indexOf(caseType) !== index);
  if (twice) {
    ctx.addIssue({ code: 'custom', message: t.errors.caseTypeTwice(twice) });
    return z.NEVER;
  }
  return list;
});

export const journeyFormSchema = z.object({
  name: z.string().trim().min(1, t.errors.nameRequired).max(120, tooLong(120)),
  slug: z
    .string()
    .trim()
    .max(80, tooLong(80))
    .refine((slug) => slug === '' || SLUG_PATTERN.test(slug), t.errors.slug),
  type: z.enum(journeyTypes, { error: t.errors.type }),
  lifeEvent: optionalText(120),
  description: optionalText(2000),
  caseTypes: caseTypeLines,
  publicResults: checkbox,
});
export type JourneyForm = z.output<typeof journeyFormSchema>;
export const journeyFormFields = ['name', 'slug', 'type', 'lifeEvent', 'description', 'caseTypes'] as const;
export const journeyCheckboxes = ['publicResults'] as const;

export const touchpointFormSchema = z.object({
  touchpointName: z.string().trim().min(1, t.errors.touchpointNameRequired).max(120, tooLong(120)),
  channel: z.enum(channels, { error: t.errors.channel }),
  serviceNorm: optionalText(200),
  momentOfTruth: checkbox,
  askedByDefault: checkbox,
  question: optionalText(200),
});
export type TouchpointForm = z.output<typeof touchpointFormSchema> & { questions: QuestionsByLanguage };
export const touchpointFormFields = ['touchpointName', 'channel', 'serviceNorm', 'question'] as const;
export const touchpointCheckboxes = ['momentOfTruth', 'askedByDefault'] as const;

const languageRowSchema = z.object({ language: z.string().trim(), question: optionalText(200) });

/**
 * The rows' questions by language code. A row without question text is left out (so clearing a
 * text removes that language); a text needs a well-formed code that is not Dutch and not used twice.
 */
function parseLanguageRows(body: Record<string, unknown>): { values: FormValues; errors: FormErrors; questions: Record<string, string> } {
  const values: FormValues = {};
  const errors: FormErrors = {};
  const questions: Record<string, string> = {};
  const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');
  for (let row = 0; row <= MAX_QUESTION_LANGUAGES + 1 && (languageField(row) in body || languageQuestionField(row) in body); row++) {
    values[languageField(row)] = text(languageField(row));
    values[languageQuestionField(row)] = text(languageQuestionField(row));
    const parsed = languageRowSchema.safeParse({ language: values[languageField(row)], question: values[languageQuestionField(row)] });
    if (!parsed.success) {
      errors[languageQuestionField(row)] = parsed.error.issues[0]!.message;
      continue;
    }
    const { question } = parsed.data;
    if (question === null) continue;
    const code = languageCodeSchema.safeParse(parsed.data.language);
    if (parsed.data.language === '') errors[languageField(row)] = t.errors.languageMissing;
    else if (!code.success) errors[languageField(row)] = code.error.issues[0]!.message;
    else if (code.data in questions) errors[languageField(row)] = t.errors.languageTwice(code.data);
    else if (Object.keys(questions).length >= MAX_QUESTION_LANGUAGES) errors[languageField(row)] = t.errors.tooManyLanguages(MAX_QUESTION_LANGUAGES);
    else questions[code.data] = question;
  }
  return { values, errors, questions };
}

/**
 * Validates a submitted form: the values to re-render (strings; anything else — a file, a
 * repeated field — counts as empty) and the first error per field, in form order.
 */
function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>, fields: readonly string[], checkboxes: readonly string[] = []): FormResult<z.output<S>> {
  const values: FormValues = {};
  for (const field of fields) values[field] = typeof body[field] === 'string' ? (body[field] as string) : '';
  for (const field of checkboxes) values[field] = body[field] === 'on' ? 'on' : '';
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, values, errors };
}

export const parseJourneyForm = (body: Record<string, unknown>) => parseForm(journeyFormSchema, body, journeyFormFields, journeyCheckboxes);

/** The touchpoint form: its own fields and its questions in other languages. */
export function parseTouchpointForm(body: Record<string, unknown>): FormResult<TouchpointForm> {
  const fields = parseForm(touchpointFormSchema, body, touchpointFormFields, touchpointCheckboxes);
  const languages = parseLanguageRows(body);
  const values = { ...fields.values, ...languages.values };
  const errors = { ...(fields.ok ? {} : fields.errors), ...languages.errors };
  if (!fields.ok || Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, data: { ...fields.data, questions: languages.questions }, values };
}

/** A journey's form values as stored. */
export function journeyValues(journey: Journey, caseTypes: string[]): FormValues {
  return {
    name: journey.name,
    slug: journey.slug,
    type: journey.type,
    lifeEvent: journey.lifeEvent ?? '',
    description: journey.description ?? '',
    caseTypes: caseTypes.join('\n'),
    publicResults: journey.publicResults ? 'on' : '',
  };
}

/**
 * A touchpoint's form values as stored, with one empty row to add a language (for a touchpoint
 * without any yet, and for a new one, offered as English). A new touchpoint is asked by default.
 */
export function touchpointValues(touchpoint?: TouchpointWithQuestions): FormValues {
  const questions = Object.entries(touchpoint?.questions ?? {});
  const values: FormValues = touchpoint
    ? {
        touchpointName: touchpoint.name,
        channel: touchpoint.channel,
        serviceNorm: touchpoint.serviceNorm ?? '',
        momentOfTruth: touchpoint.momentOfTruth ? 'on' : '',
        askedByDefault: touchpoint.askedByDefault ? 'on' : '',
        question: touchpoint.question ?? '',
      }
    : { touchpointName: '', channel: '', serviceNorm: '', momentOfTruth: '', askedByDefault: 'on', question: '' };
  questions.forEach(([language, question], row) => {
    values[languageField(row)] = language;
    values[languageQuestionField(row)] = question;
  });
  values[languageField(questions.length)] = questions.length === 0 ? 'en' : '';
  values[languageQuestionField(questions.length)] = '';
  return values;
}
