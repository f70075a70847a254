/**
 * What a row of an appointment file must be: the header's columns mapped to fields, and each
 * record checked field by field with zod, so a row gets every field's error, not only the first.
 */
import { z } from 'zod';
import type { AppointmentStatus } from '../db/schema';
import { nl } from '../texts';
import { normaliseAddress } from '../tokens';
import { parseImportDate } from './appointment-dates';
import { CsvFormatError, type CsvRecord } from './csv-read';

const messages = nl.csvImport;

export type Field = 'reference' | 'product' | 'location' | 'channel' | 'bookedAt' | 'startsAt' | 'status' | 'reminderSentAt' | 'email';

const columnNames: Record<Field, readonly string[]> = {
  reference: ['referentie', 'reference'],
  product: ['product'],
  location: ['locatie', 'location'],
  channel: ['kanaal', 'channel'],
  bookedAt: ['geboekt_op', 'booked_at'],
  startsAt: ['start', 'starts_at'],
  status: ['status'],
  reminderSentAt: ['herinnering_verstuurd_op', 'reminder_sent_at'],
  email: ['email', 'e_mail'],
};
const requiredFields: readonly Field[] = ['reference', 'product', 'location', 'channel', 'bookedAt', 'startsAt', 'status'];
/** The required columns by their Dutch names, as the missing-columns message lists them. */
export const requiredColumnNames = requiredFields.map((field) => columnNames[field][0]!);
const fieldByName = new Map(Object.entries(columnNames).flatMap(([field, names]) => names.map((name) => [name, field as Field])));

export const MAX_SEGMENT_COLUMNS = 20;
const SEGMENT_PREFIX = 'segment_';

const normaliseName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

export interface ColumnMap {
  /** Index of each known field's column. */
  fields: Partial<Record<Field, number>>;
  /** Segment key → column index. */
  segments: [key: string, index: number][];
  /** The header names as written in the file, for messages. */
  names: string[];
}

export function mapHeader(header: string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, segments: [], names: header.map((name) => name.trim()) };
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normaliseName(raw);
    if (name === '') throw new CsvFormatError(messages.unknownColumn(raw.trim()));
    const field = fieldByName.get(name);
    if (field) {
      if (seen.has(field)) throw new CsvFormatError(messages.duplicateColumn(raw.trim()));
      seen.add(field);
      map.fields[field] = index;
    } else if (name.startsWith(SEGMENT_PREFIX)) {
      const key = name.slice(SEGMENT_PREFIX.length);
      // "__proto__" cannot be kept as a key of a plain object: refused rather than silently dropped.
      if (!/^[\p{L}\p{N}_]{1,60}$/u.test(key) || key === '__proto__') throw new CsvFormatError(messages.badSegmentColumn(raw.trim()));
      if (seen.has(name)) throw new CsvFormatError(messages.duplicateColumn(raw.trim()));
      seen.add(name);
      map.segments.push([key, index]);
    } else {
      throw new CsvFormatError(messages.unknownColumn(raw.trim()));
    }
  });
  const missing = requiredFields.filter((field) => map.fields[field] === undefined).map((field) => columnNames[field][0]!);
  if (missing.length) throw new CsvFormatError(messages.missingColumns(missing));
  if (map.segments.length > MAX_SEGMENT_COLUMNS) throw new CsvFormatError(messages.tooManySegments(MAX_SEGMENT_COLUMNS));
  return map;
}

const statusNames: Record<string, AppointmentStatus> = {
  geboekt: 'booked',
  booked: 'booked',
  verschenen: 'attended',
  attended: 'attended',
  niet_verschenen: 'no_show',
  no_show: 'no_show',
  noshow: 'no_show',
  geannuleerd: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

const emailSchema = z.email();
// Labels for grouping: a line break or run of spaces inside a value counts as one space.
const oneLine = (value: string) => value.trim().replace(/\s+/g, ' ');
const requiredText = (max: number, missing: string) => z.string().transform(oneLine).pipe(z.string().min(1, missing).max(max, messages.tooLong(max)));
const optionalText = (max: number) =>
  z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(max, messages.tooLong(max)))
    .transform((value) => value || undefined);

const dateField = (missing: string | undefined, needsTime: boolean) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') {
      if (missing) ctx.addIssue({ code: 'custom', message: missing });
      return missing ? z.NEVER : undefined;
    }
    const parsed = parseImportDate(value);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: messages.badDate(value) });
      return z.NEVER;
    }
    if (needsTime && !parsed.hasTime) {
      ctx.addIssue({ code: 'custom', message: messages.startNeedsTime(value) });
      return z.NEVER;
    }
    return parsed.at;
  });

/** One field at a time, so a row gets every field's error, not only the first. */
const rowSchema = z.object({
  reference: requiredText(200, messages.missingReference),
  product: requiredText(120, messages.missingProduct),
  location: optionalText(120),
  channel: optionalText(60),
  bookedAt: dateField(messages.missingBookedAt, false).pipe(z.date()),
  startsAt: dateField(messages.missingStartsAt, true).pipe(z.date()),
  status: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: messages.missingStatus });
      return z.NEVER;
    }
    // Own properties only: a status "__proto__" or "constructor" is unknown, not Object's.
    const name = normaliseName(value);
    const status = Object.hasOwn(statusNames, name) ? statusNames[name] : undefined;
    if (!status) {
      ctx.addIssue({ code: 'custom', message: messages.unknownStatus(value) });
      return z.NEVER;
    }
    return status;
  }),
  reminderSentAt: dateField(undefined, false),
  email: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') return undefined;
      if (value.length > 254 || !emailSchema.safeParse(value).success) {
        ctx.addIssue({ code: 'custom', message: messages.badEmail });
        return z.NEVER;
      }
      return normaliseAddress(value);
    }),
});

const segmentValue = optionalText(120);

export type ParsedRow = z.output<typeof rowSchema> & { segment?: Record<string, string> };

export interface ImportRowError {
  /** Line in the file (the header is line 1). */
  row: number;
  /** The column's name as written in the header; absent for errors about the whole row. */
  column?: string;
  message: string;
}

/**
 * One record checked on its own: column count, quotes, every field, start after booking, and no
 * outcome for an appointment still to come. Its problems are added to `errors`.
 */
export function validateRecord(record: CsvRecord, columns: ColumnMap, now: Date, errors: ImportRowError[]): ParsedRow | undefined {
  const expected = columns.names.length;
  const row = record.line;
  if (record.fields.length > expected) {
    errors.push({ row, message: messages.tooManyColumns(record.fields.length, expected) });
    return undefined;
  }
  if (record.fields.length < expected) {
    errors.push({ row, message: messages.tooFewColumns(record.fields.length, expected) });
    return undefined;
  }
  if (record.badQuotes) {
    errors.push({ row, message: messages.badQuotes });
    return undefined;
  }
  const raw: Record<string, string> = {};
  for (const [field, index] of Object.entries(columns.fields)) raw[field] = record.fields[index]!;
  const before = errors.length;
  const result = rowSchema.safeParse({ reminderSentAt: '', email: '', ...raw });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as Field;
      errors.push({ row, column: columns.names[columns.fields[field]!], message: issue.message });
    }
  }
  const segment: Record<string, string> = {};
  for (const [key, index] of columns.segments) {
    const value = segmentValue.safeParse(record.fields[index]);
    if (!value.success) errors.push({ row, column: columns.names[index], message: value.error.issues[0]!.message });
    else if (value.data !== undefined) segment[key] = value.data;
  }
  if (!result.success || errors.length > before) return undefined;
  const parsed: ParsedRow = { ...result.data, segment: Object.keys(segment).length ? segment : undefined };
  const startColumn = columns.names[columns.fields.startsAt!];
  if (parsed.startsAt < parsed.bookedAt) errors.push({ row, column: startColumn, message: messages.startBeforeBooking });
  if ((parsed.status === 'attended' || parsed.status === 'no_show') && parsed.startsAt > now) {
    errors.push({ row, column: columns.names[columns.fields.status!], message: messages.outcomeInFuture });
  }
  return errors.length > before ? undefined : parsed;
}
