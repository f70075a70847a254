/**
 * The codebook: named themes managers keep with their words and phrases, read through the same Dutch
 * terms as the comments (./text/dutch-terms.ts), so "wachten" also counts "wacht" and "wachtte".
 * Each organisation keeps its own codebook (names unique within it); the organisation is the last
 * parameter, the hosting organisation when left out.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, themeCodes, type ThemeCode } from '../db/schema';
import { nl } from '../texts';
import { entriesTerms, entryTerm } from './text/dutch-terms';
import { recountCode } from './theme-index';

const t = nl.themes.codebook.errors;

export const MAX_CODE_ENTRIES = 30;

export interface CodeFormValues {
  name: string;
  entries: string;
}
export type CodeFormErrors = Partial<Record<keyof CodeFormValues, string>>;

/** Entries as typed: one per line or comma-separated, blanks and repeats left out. */
export const splitEntries = (text: string) => [...new Set(text.split(/[\n,;]/).map((entry) => entry.trim().replace(/\s+/g, ' ')).filter(Boolean))];

const codeForm = z.object({
  name: z.string().trim().min(1, t.name).max(80, t.name),
  entries: z
    .string()
    .transform(splitEntries)
    .superRefine((entries, context) => {
      if (entries.length === 0) return void context.addIssue({ code: 'custom', message: t.entries });
      if (entries.length > MAX_CODE_ENTRIES) return void context.addIssue({ code: 'custom', message: t.tooMany });
      for (const entry of entries) {
        const term = entryTerm(entry);
        if (!term.ok) return void context.addIssue({ code: 'custom', message: term.reason === 'empty' ? t.empty(entry) : t.tooLong(entry) });
      }
    }),
});

export type ParsedCodeForm = { ok: true; name: string; entries: string[] } | { ok: false; values: CodeFormValues; errors: CodeFormErrors };

/** Validates the codebook form; a name already used by another code of the organisation is an error too. */
export function parseCodeForm(db: Db, body: Record<string, unknown>, editing?: number, organisationId: number = HOSTING_ORGANISATION_ID): ParsedCodeForm {
  const values: CodeFormValues = { name: typeof body.name === 'string' ? body.name : '', entries: typeof body.entries === 'string' ? body.entries : '' };
  const result = codeForm.safeParse(values);
  const errors: CodeFormErrors = {};
  if (!result.success) for (const issue of result.error.issues) errors[issue.path[0] as keyof CodeFormValues] ??= issue.message;
  if (result.success) {
    const taken = db.select({ id: themeCodes.id }).from(themeCodes).where(and(eq(themeCodes.organisationId, organisationId), eq(themeCodes.name, result.data.name))).get();
    if (taken && taken.id !== editing) errors.name = t.nameTaken;
  }
  if (!result.success || Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, name: result.data.name, entries: result.data.entries };
}

/** The terms a code counts (each entry's stem or phrase). */
export const codeTerms = (code: Pick<ThemeCode, 'entries'>): string[] => entriesTerms(code.entries);

export const listCodes = (db: Db, organisationId: number = HOSTING_ORGANISATION_ID): ThemeCode[] =>
  db.select().from(themeCodes).where(eq(themeCodes.organisationId, organisationId)).orderBy(asc(themeCodes.name)).all();

/** A code by id, only when it is the organisation's (an id from an address). */
export const findCode = (db: Db, id: number, organisationId: number = HOSTING_ORGANISATION_ID): ThemeCode | undefined =>
  db.select().from(themeCodes).where(and(eq(themeCodes.id, id), eq(themeCodes.organisationId, organisationId))).get();

/** Keeps a new code and counts the comments indexed so far that match it (the indexer counts the later ones). */
export function createCode(
  db: Db,
  input: { name: string; entries: string[] },
  createdBy: number | null,
  now: Date,
  organisationId: number = HOSTING_ORGANISATION_ID,
): ThemeCode {
  return db.transaction(() => {
    const code = db.insert(themeCodes).values({ ...input, organisationId, createdBy, createdAt: now }).returning().get();
    recountCode(db, code.id, codeTerms(code));
    return code;
  });
}

/** Changes a code, and its counts with its words. */
export function updateCode(db: Db, id: number, input: { name: string; entries: string[] }, now: Date): void {
  db.transaction(() => {
    db.update(themeCodes).set({ ...input, updatedAt: now }).where(eq(themeCodes.id, id)).run();
    recountCode(db, id, entriesTerms(input.entries));
  });
}

export function deleteCode(db: Db, id: number): void {
  db.delete(themeCodes).where(eq(themeCodes.id, id)).run();
}
