/** The journey designer's forms, parsed and checked without the database (pure), and slugs made from names. */
import { z } from 'zod';
import { channels, type Journey, journeyTypes, type Touchpoint } from '../db/schema';
import { nl } from '../texts';
import { MAX_CASE_TYPES, SLUG_PATTERN } from './definition';

const t = nl.journeyDesigner;

// ── Slugs ──────────────────────────────────────────────────────────────────────────────────

/** A slug from a name: "Aanvraag aan de balie" → "aanvraag-aan-de-balie"; accents dropped. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 72)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

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
});
export type JourneyForm = z.output<typeof journeyFormSchema>;
export const journeyFormFields = ['name', 'slug', 'type', 'lifeEvent', 'description', 'caseTypes'] as const;

export const touchpointFormSchema = z.object({
  touchpointName: z.string().trim().min(1, t.errors.touchpointNameRequired).max(120, tooLong(120)),
  channel: z.enum(channels, { error: t.errors.channel }),
  serviceNorm: optionalText(200),
  momentOfTruth: checkbox,
  askedByDefault: checkbox,
  question: optionalText(200),
  questionEn: optionalText(200),
});
export type TouchpointForm = z.output<typeof touchpointFormSchema>;
export const touchpointFormFields = ['touchpointName', 'channel', 'serviceNorm', 'question', 'questionEn'] as const;
export const touchpointCheckboxes = ['momentOfTruth', 'askedByDefault'] as const;

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

export const parseJourneyForm = (body: Record<string, unknown>) => parseForm(journeyFormSchema, body, journeyFormFields);
export const parseTouchpointForm = (body: Record<string, unknown>) => parseForm(touchpointFormSchema, body, touchpointFormFields, touchpointCheckboxes);

/** A journey's form values as stored. */
export function journeyValues(journey: Journey, caseTypes: string[]): FormValues {
  return {
    name: journey.name,
    slug: journey.slug,
    type: journey.type,
    lifeEvent: journey.lifeEvent ?? '',
    description: journey.description ?? '',
    caseTypes: caseTypes.join('\n'),
  };
}

/** A touchpoint's form values as stored (a new one: asked by default). */
export function touchpointValues(touchpoint?: Touchpoint): FormValues {
  if (!touchpoint) return { touchpointName: '', channel: '', serviceNorm: '', momentOfTruth: '', askedByDefault: 'on', question: '', questionEn: '' };
  return {
    touchpointName: touchpoint.name,
    channel: touchpoint.channel,
    serviceNorm: touchpoint.serviceNorm ?? '',
    momentOfTruth: touchpoint.momentOfTruth ? 'on' : '',
    askedByDefault: touchpoint.askedByDefault ? 'on' : '',
    question: touchpoint.question ?? '',
    questionEn: touchpoint.questionEn ?? '',
  };
}
