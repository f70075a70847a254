import { z } from 'zod';
import { channels, journeyTypes } from '../db/schema';
import { nl } from '../texts';
import { BASE_LANGUAGE, LANGUAGE_CODE } from './touchpoint-questions';
import { bankItem } from '../items/item-bank';
import type { ItemTexts } from '../db/schema';
import { itemDesigner } from '../texts';
import { ownCodeProblem, OWN_OPTION_MAX, OWN_OPTIONS, OWN_QUESTION_MAX, OWN_SCALES } from './designer-item-forms';

/** The most active touchpoints a journey has: a survey stays short (2–3 minutes). */
export const MAX_TOUCHPOINTS = 12;
export const MAX_CASE_TYPES = 50;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Languages a touchpoint's question can have besides Dutch. */
export const MAX_QUESTION_LANGUAGES = 20;

/** A language code for a question besides the Dutch one, lower-cased ("EN" → "en"). */
export const languageCodeSchema = z
  .string()
  .trim()
  .regex(LANGUAGE_CODE, nl.journeyDesigner.errors.languageCode)
  .transform((code) => code.toLowerCase())
  .refine((code) => code !== BASE_LANGUAGE, nl.journeyDesigner.errors.languageDutch);

const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(SLUG_PATTERN, 'gebruik kleine letters, cijfers en streepjes (bijvoorbeeld "balie-bezoek")');

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

const questionText = z.string().trim().min(1).max(200);

/**
 * A touchpoint in a definition. `questions` holds its question per language besides Dutch
 * (`{ "en": "…", "ar": "…" }`); the older `questionEn` is still read, as `questions.en`.
 */
export const touchpointDefinitionSchema = z
  .strictObject({
    slug,
    name: z.string().trim().min(1).max(120),
    channel: z.enum(channels),
    serviceNorm: optionalText(200),
    momentOfTruth: z.boolean().default(false),
    askedByDefault: z.boolean().default(true),
    question: optionalText(200),
    questions: z
      .record(z.string(), questionText)
      .optional()
      .superRefine((questions, ctx) => {
        const codes = Object.keys(questions ?? {});
        if (codes.length > MAX_QUESTION_LANGUAGES) ctx.addIssue({ code: 'custom', message: nl.journeyDesigner.errors.tooManyLanguages(MAX_QUESTION_LANGUAGES) });
        const seen = new Set<string>();
        for (const code of codes) {
          const parsed = languageCodeSchema.safeParse(code);
          if (!parsed.success) ctx.addIssue({ code: 'custom', path: [code], message: parsed.error.issues[0]!.message });
          else if (seen.has(parsed.data)) ctx.addIssue({ code: 'custom', path: [code], message: nl.journeyDesigner.errors.languageTwice(parsed.data) });
          else seen.add(parsed.data);
        }
      }),
    questionEn: questionText.optional(),
    // A chain journey's step: the slug of the organisation that owns it (optional; files from before chains have none).
    organisation: slug.optional(),
  })
  .superRefine((touchpoint, ctx) => {
    if (touchpoint.questionEn !== undefined && Object.keys(touchpoint.questions ?? {}).some((code) => code.toLowerCase() === 'en')) {
      ctx.addIssue({ code: 'custom', path: ['questionEn'], message: nl.journeyDesigner.errors.questionEnTwice });
    }
  })
  .transform(({ questionEn, questions, ...touchpoint }): typeof touchpoint & { questions?: Record<string, string> } => {
    const merged: Record<string, string> = questionEn === undefined ? {} : { en: questionEn };
    for (const [code, question] of Object.entries(questions ?? {})) merged[code.trim().toLowerCase()] = question;
    return Object.keys(merged).length > 0 ? { ...touchpoint, questions: merged } : touchpoint;
  });

/** Dutch and, optionally, English text of an own item or one of its options. */
const ownTexts = (max: number) =>
  z
    .strictObject({ nl: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max).optional() })
    .transform(({ nl, en }): ItemTexts => (en === undefined ? { nl } : { nl, en }));

/** A journey's own closed question in a definition: made on import when its code is free. */
const ownItemSchema = z
  .strictObject({
    scale: z.enum(OWN_SCALES),
    texts: ownTexts(OWN_QUESTION_MAX),
    options: z.array(ownTexts(OWN_OPTION_MAX)).max(OWN_OPTIONS.max).default([]),
  })
  .superRefine((own, ctx) => {
    if (own.scale === 'keuze' && own.options.length < OWN_OPTIONS.min) ctx.addIssue({ code: 'custom', path: ['options'], message: itemDesigner.errors.optionsCount(OWN_OPTIONS.min, OWN_OPTIONS.max) });
    if (own.scale !== 'keuze' && own.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'alleen een vraag met één keuze uit een lijst heeft keuzes' });
    const english = own.options.filter((option) => option.en !== undefined).length;
    if (english > 0 && english !== own.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: itemDesigner.errors.optionsEnCount(own.options.length) });
  });

/**
 * An item the journey asks, in survey order: a bank code (with `touchpoint`, a step's slug, to
 * ask it at that step) or an own question with its definition in `own` (journey level only).
 */
export const itemDefinitionSchema = z
  .strictObject({ code: z.string().trim().min(1).max(40), touchpoint: slug.optional(), own: ownItemSchema.optional() })
  .superRefine((item, ctx) => {
    if (item.own && bankItem(item.code)) ctx.addIssue({ code: 'custom', path: ['own'], message: itemDesigner.errors.importOwnIsBank(item.code) });
    else if (item.own) {
      const problem = ownCodeProblem(item.code);
      if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
      if (item.touchpoint) ctx.addIssue({ code: 'custom', path: ['touchpoint'], message: itemDesigner.errors.importWrongLevel(item.code) });
    }
  });
export type ItemDefinitionEntry = z.infer<typeof itemDefinitionSchema>;

/** The JSON shape of a journey for import and export (CLI now, the journey designer later). */
export const journeyDefinitionSchema = z
  .strictObject({
    slug,
    name: z.string().trim().min(1).max(120),
    type: z.enum(journeyTypes),
    lifeEvent: optionalText(120),
    description: optionalText(2000),
    caseTypes: z.array(z.string().trim().min(1).max(120)).max(MAX_CASE_TYPES).default([]),
    // A chain journey (ketenreis), and per partner organisation (by slug) the case types with which its system triggers the survey.
    chain: z.boolean().optional(),
    partnerCaseTypes: z.record(slug, z.array(z.string().trim().min(1).max(120)).max(MAX_CASE_TYPES)).optional(),
    touchpoints: z.array(touchpointDefinitionSchema).min(1).max(MAX_TOUCHPOINTS),
    // Optional: a file from before the item bank leaves the journey's items as they are.
    items: z.array(itemDefinitionSchema).max(40).optional(),
  })
  .superRefine((journey, ctx) => {
    const seen = new Set<string>();
    journey.touchpoints.forEach((touchpoint, index) => {
      if (seen.has(touchpoint.slug)) {
        ctx.addIssue({
          code: 'custom',
          path: ['touchpoints', index, 'slug'],
          message: `touchpoint "${touchpoint.slug}" komt twee keer voor`,
        });
      }
      seen.add(touchpoint.slug);
    });
    const places = new Set<string>();
    journey.items?.forEach((item, index) => {
      if (item.touchpoint !== undefined && !seen.has(item.touchpoint)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'touchpoint'], message: itemDesigner.errors.importStepUnknown(item.touchpoint) });
      }
      const place = `${item.code}@${item.touchpoint ?? ''}`;
      if (places.has(place)) ctx.addIssue({ code: 'custom', path: ['items', index, 'code'], message: itemDesigner.errors.importTwice(item.code) });
      places.add(place);
    });
    if (new Set(journey.caseTypes).size !== journey.caseTypes.length) {
      ctx.addIssue({ code: 'custom', path: ['caseTypes'], message: 'een zaaktype komt twee keer voor' });
    }
    for (const [organisation, caseTypes] of Object.entries(journey.partnerCaseTypes ?? {})) {
      if (new Set(caseTypes).size !== caseTypes.length) ctx.addIssue({ code: 'custom', path: ['partnerCaseTypes', organisation], message: 'een zaaktype komt twee keer voor' });
    }
  });

export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;
export type JourneyDefinitionInput = z.input<typeof journeyDefinitionSchema>;

/** A definition as the CLI and the journey designer write it: indented JSON with a final newline. */
export function definitionJson(definition: JourneyDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** Formats zod issues as "path: message" lines, readable in a terminal. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
