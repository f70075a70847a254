import { z } from 'zod';
import { dutch, type CitizenTexts } from '../texts/citizen';
import { bestTimes, type CallbackContact } from './requests';

/** Field names of the call-back question's form. */
export const callbackFields = ['callback-method', 'callback-phone', 'callback-email', 'callback-time'] as const;

export type CallbackParseResult =
  | { ok: true; contact: CallbackContact }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : trimmed(value));

function buildSchema(e: CitizenTexts['callbackQuestion']['errors']) {
  return z
    .object({
      'callback-method': z.enum(['phone', 'email'], { error: e.method }),
      // Dutch and international numbers with spaces, dashes or brackets: 06 12345678, +31 6 1234 5678.
      'callback-phone': z.preprocess(emptyAsUndefined, z.string().regex(/^\+?[0-9][0-9 ()-]{7,18}[0-9]$/, e.phone).optional()),
      'callback-email': z.preprocess(emptyAsUndefined, z.email({ error: e.email }).max(254, e.email).optional()),
      'callback-time': z.preprocess(emptyAsUndefined, z.enum(bestTimes, { error: e.bestTime }).optional()),
    })
    .superRefine((data, ctx) => {
      if (data['callback-method'] === 'phone' && !data['callback-phone']) ctx.addIssue({ code: 'custom', path: ['callback-phone'], message: e.phone });
      if (data['callback-method'] === 'email' && !data['callback-email']) ctx.addIssue({ code: 'custom', path: ['callback-email'], message: e.email });
    });
}

// One schema per language, built on first use: the error messages are the citizen's language.
const schemas = new WeakMap<CitizenTexts, ReturnType<typeof buildSchema>>();
function schemaFor(texts: CitizenTexts) {
  let schema = schemas.get(texts);
  if (!schema) schemas.set(texts, (schema = buildSchema(texts.callbackQuestion.errors)));
  return schema;
}

/**
 * The citizen's yes with how to be reached. Only the chosen way is kept: a phone number typed in
 * while choosing e-mail is not stored (and not checked).
 */
export function parseCallbackRequest(body: Record<string, unknown>, texts: CitizenTexts = dutch.texts): CallbackParseResult {
  const values: Record<string, string> = {};
  for (const field of callbackFields) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, 300);
  }
  const method = body['callback-method'];
  // The field of the way not chosen is left out before checking.
  const checked = { ...body, ...(method === 'phone' ? { 'callback-email': undefined } : method === 'email' ? { 'callback-phone': undefined } : {}) };
  const result = schemaFor(texts).safeParse(checked);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, values, errors };
  }
  const data = result.data;
  const contact: CallbackContact = { method: data['callback-method'] };
  if (data['callback-method'] === 'phone') contact.phone = data['callback-phone'];
  else contact.email = data['callback-email'];
  if (data['callback-time']) contact.bestTime = data['callback-time'];
  return { ok: true, contact };
}
