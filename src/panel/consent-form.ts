import { z } from 'zod';
import type { PanelContact } from './panel';
import type { CitizenTexts } from '../texts/citizen';

/** Field names of the consent block in the survey form. */
export const consentFields = ['panel-consent', 'panel-email', 'panel-name', 'panel-phone', 'panel-contact'] as const;

export type ConsentParseResult =
  | { ok: true; consent: { contact: PanelContact; shownTextHash: string | undefined } | null }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string().max(max, message).optional());

function buildSchema(e: CitizenTexts['panel']['consent']['errors']) {
  return z
    .object({
      'panel-email': z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.email({ error: e.email }).max(254, e.email)),
      'panel-name': optionalText(100, e.name),
      'panel-phone': z.preprocess(
        (value) => (typeof value === 'string' ? value.trim() : value),
        z.union([z.literal(''), z.string().regex(/^\+?[0-9][0-9 ()-]{7,18}[0-9]$/, e.phone)]).optional(),
      ),
      'panel-contact': z.enum(['e-mail', 'telefoon'], { error: e.preferred }).optional(),
    })
    .superRefine((data, ctx) => {
      if (data['panel-contact'] === 'telefoon' && !data['panel-phone']) ctx.addIssue({ code: 'custom', path: ['panel-phone'], message: e.phoneNeeded });
    });
}

// One schema per language, built on first use: the error messages are the citizen's language.
const schemas = new WeakMap<CitizenTexts, ReturnType<typeof buildSchema>>();
function schemaFor(texts: CitizenTexts) {
  let schema = schemas.get(texts);
  if (!schema) schemas.set(texts, (schema = buildSchema(texts.panel.consent.errors)));
  return schema;
}

/**
 * The optional consent block. Without the (never pre-ticked) checkbox nothing of it is used or
 * stored; with it, the address is required and phone and name are checked (errors in `texts`' language).
 */
export function parseConsent(body: Record<string, unknown>, texts: CitizenTexts): ConsentParseResult {
  const values: Record<string, string> = {};
  for (const field of consentFields) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, 300);
  }
  if (body['panel-consent'] !== 'ja') return { ok: true, consent: null };
  const result = schemaFor(texts).safeParse(body);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, values, errors };
  }
  const data = result.data;
  const hash = typeof body['panel-text-hash'] === 'string' && /^[0-9a-f]{64}$/.test(body['panel-text-hash']) ? body['panel-text-hash'] : undefined;
  return {
    ok: true,
    consent: {
      contact: {
        email: data['panel-email'],
        name: data['panel-name'] || null,
        phone: data['panel-phone'] || null,
        preferredContact: data['panel-contact'] ?? null,
      },
      shownTextHash: hash,
    },
  };
}
