/**
 * What a row of an appointment file must be: the header's columns mapped to fields, and each
 * record checked field by field with zod, so a row gets every field's error, not only the first.
 * A well-formed row, the common case, is first read by plain checks of the same rules (zod costs
 * more than the rest of a row of an import); any row they do not accept goes through zod, which
 * says why. test/noshows/appointment-row-schema.test.ts holds both to the same results.
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

// Each field's rule once, for zod and for the plain checks of the quick path.
const limits = { reference: 200, product: 120, location: 120, channel: 60, segment: 120 } as const;
const EMAIL_MAX = 254;

/** A status name as written (any case, a space or hyphen for `_`); own properties only, so "__proto__" is unknown. */
function statusOf(value: string): AppointmentStatus | undefined {
  const name = normaliseName(value);
  return Object.hasOwn(statusNames, name) ? statusNames[name] : undefined;
}

/** A valid address, normalised; undefined when it is not one. */
function emailOf(trimmed: string): string | undefined {
  return trimmed.length <= EMAIL_MAX && emailSchema.safeParse(trimmed).success ? normaliseAddress(trimmed) : undefined;
}

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
  reference: requiredText(limits.reference, messages.missingReference),
  product: requiredText(limits.product, messages.missingProduct),
  location: optionalText(limits.location),
  channel: optionalText(limits.channel),
  bookedAt: dateField(messages.missingBookedAt, false).pipe(z.date()),
  startsAt: dateField(messages.missingStartsAt, true).pipe(z.date()),
  status: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: messages.missingStatus });
      return z.NEVER;
    }
    const status = statusOf(value);
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
      const email = emailOf(value);
      if (!email) {
        ctx.addIssue({ code: 'custom', message: messages.badEmail });
        return z.NEVER;
      }
      return email;
    }),
});

const segmentValue = optionalText(limits.segment);

export type ParsedRow = z.output<typeof rowSchema> & { segment?: Record<string, string> };

export interface ImportRowError {
  /** Line in the file (the header is line 1). */
  row: number;
  /** The column's name as written in the header; absent for errors about the whole row. */
  column?: string;
  message: string;
}

/** A field's text in a record; empty for an optional column the file does not have. */
function valueOf(fields: string[], columns: ColumnMap, field: Field): string {
  const index = columns.fields[field];
  return index === undefined ? '' : fields[index]!;
}

/**
 * The fields of a well-formed record, by plain checks of the same rules as the zod schema;
 * undefined for a record with any problem (parseRecordFields then tells which). The quick path
 * of validateRecord; exported for the test that holds it to parseRecordFields.
 */
export function quickRecordFields(fields: string[], columns: ColumnMap): ParsedRow | undefined {
  const reference = oneLine(valueOf(fields, columns, 'reference'));
  const product = oneLine(valueOf(fields, columns, 'product'));
  const location = oneLine(valueOf(fields, columns, 'location'));
  const channel = oneLine(valueOf(fields, columns, 'channel'));
  if (reference === '' || reference.length > limits.reference || product === '' || product.length > limits.product) return undefined;
  if (location.length > limits.location || channel.length > limits.channel) return undefined;
  const booked = parseImportDate(valueOf(fields, columns, 'bookedAt').trim());
  const starts = parseImportDate(valueOf(fields, columns, 'startsAt').trim());
  if (!booked || !starts?.hasTime) return undefined;
  const status = statusOf(valueOf(fields, columns, 'status').trim());
  if (!status) return undefined;
  const reminderText = valueOf(fields, columns, 'reminderSentAt').trim();
  const reminder = reminderText === '' ? undefined : parseImportDate(reminderText);
  if (reminder === undefined && reminderText !== '') return undefined;
  const emailText = valueOf(fields, columns, 'email').trim();
  const email = emailText === '' ? undefined : emailOf(emailText);
  if (email === undefined && emailText !== '') return undefined;
  let segment: Record<string, string> | undefined;
  for (const [key, index] of columns.segments) {
    const value = oneLine(fields[index]!);
    if (value.length > limits.segment) return undefined;
    if (value !== '') (segment ??= {})[key] = value;
  }
  return {
    reference,
    product,
    location: location || undefined,
    channel: channel || undefined,
    bookedAt: booked.at,
    startsAt: starts.at,
    status,
    reminderSentAt: reminder?.at,
    email,
    segment,
  };
}

/**
 * The fields of a record checked with zod, each field's problem added to `errors`; undefined
 * when there was any.
 */
export function parseRecordFields(record: CsvRecord, columns: ColumnMap, errors: ImportRowError[]): ParsedRow | undefined {
  const row = record.line;
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
  return { ...result.data, segment: Object.keys(segment).length ? segment : undefined };
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
  const parsed = quickRecordFields(record.fields, columns) ?? parseRecordFields(record, columns, errors);
  if (!parsed) return undefined;
  const before = errors.length;
  const startColumn = columns.names[columns.fields.startsAt!];
  if (parsed.startsAt < parsed.bookedAt) errors.push({ row, column: startColumn, message: messages.startBeforeBooking });
  if ((parsed.status === 'attended' || parsed.status === 'no_show') && parsed.startsAt > now) {
    errors.push({ row, column: columns.names[columns.fields.status!], message: messages.outcomeInFuture });
  }
  return errors.length > before ? undefined : parsed;
}
