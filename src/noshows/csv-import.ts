/**
 * Appointment files from booking systems that only export (JCC, Qmatic and the like): a CSV file
 * with a header row, validated row by row before anything is stored, then imported in batches
 * through the same order-proof upsert as the event API. The format is documented in the README
 * ("Appointments and no-shows"); in short:
 *
 * - A header row is required. Column names are Dutch or English, case-insensitive (spaces and
 *   hyphens count as underscores): `referentie|reference`, `product`, `locatie|location`,
 *   `kanaal|channel`, `geboekt_op|booked_at`, `start|starts_at`, `status` — all required — and
 *   optionally `herinnering_verstuurd_op|reminder_sent_at`, `email`, and any number (at most 20)
 *   of `segment_<naam>` columns, whose values become segment `<naam>`. Other columns are refused,
 *   so a misspelt optional column is not silently ignored.
 * - Separator `,` or `;`, whichever the header row uses most. Fields may be quoted with `"`,
 *   a `"` inside a quoted field is written `""`; quoted fields may span lines. UTF-8 with or
 *   without byte-order mark; CRLF or LF line ends. Empty lines are skipped.
 * - Status: `geboekt|booked`, `verschenen|attended`, `niet_verschenen|no_show`,
 *   `geannuleerd|cancelled` (case-insensitive; a space or hyphen counts as `_`).
 * - Dates: ISO 8601 (`2026-11-02T09:30:00+01:00`, `…Z`; without an offset, and `2026-11-02 09:30`,
 *   it is Dutch time) or Dutch `dd-mm-jjjj uu:mm` (seconds optional) in Europe/Amsterdam.
 *   `geboekt_op` and `herinnering_verstuurd_op` may be a date alone (midnight); `start` needs a time.
 * - `locatie` and `kanaal` may be empty (stored as "onbekend"); so may the optional columns.
 *
 * Which moment a row's status is "at" decides how it ranks against events and other imports
 * (see nextStatus): the start time for `verschenen`/`niet_verschenen`, else the booking time. So a
 * later file saying `geboekt` never undoes `verschenen`, a cancellation overrides a booking, and
 * re-importing the same file changes nothing. A corrected outcome (niet_verschenen → verschenen)
 * for the same appointment has the same moment and is not taken from a file: send it as an
 * event with its own time.
 *
 * Row numbers in messages are the line numbers in the file (the header is line 1), as a text
 * editor or spreadsheet shows them.
 */
import { z } from 'zod';
import { amsterdamWallClock } from '../calendar';
import type { Db } from '../db/client';
import type { AppointmentStatus } from '../db/schema';
import { normaliseAddress } from '../tokens';
import { recordAppointment, type AppointmentInput } from './appointments';

// ── Messages (Dutch: they are shown to the admin who uploads the file) ───────────────────────

export const importMessages = {
  emptyFile: 'Het bestand is leeg.',
  notUtf8: 'Het bestand is geen UTF-8-tekst. Sla het op als "CSV UTF-8 (door komma’s gescheiden)".',
  noRows: 'Het bestand heeft een kopregel maar geen afspraken.',
  unterminatedQuote: (line: number) => `Het aanhalingsteken aan het begin van een waarde op regel ${line} wordt nergens afgesloten.`,
  missingColumns: (columns: string[]) =>
    `De kopregel mist ${columns.length === 1 ? 'de kolom' : 'de kolommen'} ${columns.join(', ')}. De eerste regel moet de kolomnamen bevatten: ${requiredColumnList}.`,
  unknownColumn: (column: string) =>
    `Onbekende kolom "${column}" in de kopregel. Gebruik de kolomnamen uit de beschrijving, of laat de naam beginnen met segment_ voor een segment.`,
  duplicateColumn: (column: string) => `De kolom "${column}" staat meer dan eens in de kopregel.`,
  badSegmentColumn: (column: string) => `De kolomnaam "${column}" is geen geldig segment: gebruik segment_ gevolgd door letters, cijfers of _.`,
  tooManySegments: (max: number) => `Er zijn meer dan ${max} segmentkolommen.`,
  missingReference: 'De referentie ontbreekt.',
  missingProduct: 'Het product ontbreekt.',
  missingBookedAt: 'Het moment van boeken ontbreekt.',
  missingStartsAt: 'De start van de afspraak ontbreekt.',
  missingStatus: 'De status ontbreekt.',
  tooLong: (max: number) => `Deze waarde is te lang: maximaal ${max} tekens.`,
  unknownStatus: (value: string) => `Onbekende status "${value}". Gebruik geboekt, verschenen, niet_verschenen of geannuleerd.`,
  badDate: (value: string) => `"${value}" is geen geldige datum en tijd. Schrijf bijvoorbeeld 02-11-2026 09:30 of 2026-11-02T09:30:00+01:00.`,
  startNeedsTime: (value: string) => `Bij de start hoort ook een tijd: "${value}" heeft alleen een datum. Schrijf bijvoorbeeld 02-11-2026 09:30.`,
  startBeforeBooking: 'De afspraak begint vóór het moment van boeken.',
  outcomeInFuture: 'De afspraak moet nog beginnen, dus de status kan nog niet verschenen of niet_verschenen zijn.',
  badEmail: 'Dit is geen geldig e-mailadres.',
  tooManyColumns: (count: number, expected: number) =>
    `Te veel kolommen: ${count} in plaats van ${expected}. Staat er een scheidingsteken in een waarde zonder aanhalingstekens?`,
  tooFewColumns: (count: number, expected: number) => `Te weinig kolommen: ${count} in plaats van ${expected}.`,
  badQuotes: 'De aanhalingstekens kloppen niet. Zet de hele waarde tussen aanhalingstekens en schrijf een " in de waarde als "".',
  conflictingDuplicate: (reference: string, line: number) =>
    `Referentie "${reference}" staat ook op regel ${line}, met andere gegevens. Geen van beide regels is geïmporteerd.`,
};

/** The file as a whole cannot be used: no header, wrong columns, not UTF-8, an unclosed quote. */
export class CsvFormatError extends Error {}

// ── Columns ──────────────────────────────────────────────────────────────────────────────────

type Field = 'reference' | 'product' | 'location' | 'channel' | 'bookedAt' | 'startsAt' | 'status' | 'reminderSentAt' | 'email';

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
const requiredColumnList = requiredFields.map((field) => columnNames[field][0]!).join(', ');
const fieldByName = new Map(Object.entries(columnNames).flatMap(([field, names]) => names.map((name) => [name, field as Field])));

export const MAX_SEGMENT_COLUMNS = 20;
const SEGMENT_PREFIX = 'segment_';

const normaliseName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

interface ColumnMap {
  /** Index of each known field's column. */
  fields: Partial<Record<Field, number>>;
  /** Segment key → column index. */
  segments: [key: string, index: number][];
  /** The header names as written in the file, for messages. */
  names: string[];
}

function mapHeader(header: string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, segments: [], names: header.map((name) => name.trim()) };
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normaliseName(raw);
    if (name === '') throw new CsvFormatError(importMessages.unknownColumn(raw.trim()));
    const field = fieldByName.get(name);
    if (field) {
      if (seen.has(field)) throw new CsvFormatError(importMessages.duplicateColumn(raw.trim()));
      seen.add(field);
      map.fields[field] = index;
    } else if (name.startsWith(SEGMENT_PREFIX)) {
      const key = name.slice(SEGMENT_PREFIX.length);
      // "__proto__" cannot be kept as a key of a plain object: refused rather than silently dropped.
      if (!/^[\p{L}\p{N}_]{1,60}$/u.test(key) || key === '__proto__') throw new CsvFormatError(importMessages.badSegmentColumn(raw.trim()));
      if (seen.has(name)) throw new CsvFormatError(importMessages.duplicateColumn(raw.trim()));
      seen.add(name);
      map.segments.push([key, index]);
    } else {
      throw new CsvFormatError(importMessages.unknownColumn(raw.trim()));
    }
  });
  const missing = requiredFields.filter((field) => map.fields[field] === undefined).map((field) => columnNames[field][0]!);
  if (missing.length) throw new CsvFormatError(importMessages.missingColumns(missing));
  if (map.segments.length > MAX_SEGMENT_COLUMNS) throw new CsvFormatError(importMessages.tooManySegments(MAX_SEGMENT_COLUMNS));
  return map;
}

// ── CSV parsing ──────────────────────────────────────────────────────────────────────────────

export interface CsvRecord {
  /** Line in the file where the record starts (1-based). */
  line: number;
  fields: string[];
  /** A quote in the wrong place: text after a closing quote. */
  badQuotes?: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The separator the header row uses most: `;` (Dutch spreadsheets) or `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * RFC 4180 records, with `,` or `;`: quoted fields with `""` escapes and line breaks inside,
 * CRLF, LF or CR line ends. A quote inside an unquoted field is taken literally (as spreadsheets
 * do); text after a closing quote marks the record as badly quoted. Records whose fields are all
 * empty (blank lines, `;;;`) are left out. Throws CsvFormatError for a quote that never closes.
 */
export function parseCsv(text: string, separator: ',' | ';'): CsvRecord[] {
  const SEP = separator.charCodeAt(0);
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let quotedAny = false;
    let badQuotes = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) throw new CsvFormatError(importMessages.unterminatedQuote(start));
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        line += countLineBreaks(value);
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== SEP && c !== LF && c !== CR) {
            badQuotes = true;
            while (i < n && text.charCodeAt(i) !== SEP && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
          }
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === SEP || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(from, i);
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === SEP) {
        i++;
        if (i === n) fields.push('');
        else continue;
      }
      if (text.charCodeAt(i) === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (!quotedAny && fields.every((field) => field.trim() === '')) continue;
    records.push(badQuotes ? { line: start, fields, badQuotes } : { line: start, fields });
  }
  return records;
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────────

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const dutchPattern = /^(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;

/**
 * A date and time from a file: ISO 8601 (with an offset, or without one as Dutch time) or Dutch
 * `dd-mm-jjjj uu:mm[:ss]` in Europe/Amsterdam. `hasTime` tells whether a time was given.
 */
export function parseImportDate(value: string): { at: Date; hasTime: boolean } | undefined {
  let year: number, month: number, day: number;
  let hour: number | undefined, minute = 0, second = 0;
  let offset: string | undefined;
  const iso = isoPattern.exec(value);
  const dutch = iso ? null : dutchPattern.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] !== undefined) [hour, minute, second] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    offset = iso[7];
  } else if (dutch) {
    [day, month, year] = [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])];
    if (dutch[4] !== undefined) [hour, minute, second] = [Number(dutch[4]), Number(dutch[5]), Number(dutch[6] ?? 0)];
  } else {
    return undefined;
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || year > 2999 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if ((hour ?? 0) > 23 || minute > 59 || second > 59) return undefined;
  if (offset) {
    // Let the platform apply the offset: only after the parts above were checked.
    const at = new Date(Date.parse(value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00')));
    return Number.isNaN(at.getTime()) ? undefined : { at, hasTime: true };
  }
  return { at: new Date(amsterdamHour(year, month, day, hour ?? 0) + minute * 60_000 + second * 1000), hasTime: hour !== undefined };
}

// The offset changes only on whole hours (at the daylight-saving switches), and files repeat
// the same hours endlessly: remember each hour's start instead of asking Intl every time.
const hourStarts = new Map<number, number>();

function amsterdamHour(year: number, month: number, day: number, hour: number): number {
  const key = ((year * 100 + month) * 100 + day) * 100 + hour;
  let start = hourStarts.get(key);
  if (start === undefined) {
    if (hourStarts.size > 100_000) hourStarts.clear();
    start = amsterdamWallClock(year, month, day, hour).getTime();
    hourStarts.set(key, start);
  }
  return start;
}

// ── Row validation ───────────────────────────────────────────────────────────────────────────

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
const requiredText = (max: number, missing: string) => z.string().transform(oneLine).pipe(z.string().min(1, missing).max(max, importMessages.tooLong(max)));
const optionalText = (max: number) =>
  z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(max, importMessages.tooLong(max)))
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
      ctx.addIssue({ code: 'custom', message: importMessages.badDate(value) });
      return z.NEVER;
    }
    if (needsTime && !parsed.hasTime) {
      ctx.addIssue({ code: 'custom', message: importMessages.startNeedsTime(value) });
      return z.NEVER;
    }
    return parsed.at;
  });

/** One field at a time, so a row gets every field's error, not only the first. */
const rowSchema = z.object({
  reference: requiredText(200, importMessages.missingReference),
  product: requiredText(120, importMessages.missingProduct),
  location: optionalText(120),
  channel: optionalText(60),
  bookedAt: dateField(importMessages.missingBookedAt, false).pipe(z.date()),
  startsAt: dateField(importMessages.missingStartsAt, true).pipe(z.date()),
  status: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: importMessages.missingStatus });
      return z.NEVER;
    }
    // Own properties only: a status "__proto__" or "constructor" is unknown, not Object's.
    const name = normaliseName(value);
    const status = Object.hasOwn(statusNames, name) ? statusNames[name] : undefined;
    if (!status) {
      ctx.addIssue({ code: 'custom', message: importMessages.unknownStatus(value) });
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
        ctx.addIssue({ code: 'custom', message: importMessages.badEmail });
        return z.NEVER;
      }
      return normaliseAddress(value);
    }),
});

const segmentValue = optionalText(120);

type ParsedRow = z.output<typeof rowSchema> & { segment?: Record<string, string> };

export interface ImportRowError {
  /** Line in the file (the header is line 1). */
  row: number;
  /** The column's name as written in the header; absent for errors about the whole row. */
  column?: string;
  message: string;
}

export interface ValidRow {
  row: number;
  input: AppointmentInput;
}

/** A file that was read: its column map and records (header not included). */
export interface AppointmentFile {
  columns: ColumnMap;
  records: CsvRecord[];
}

/**
 * Reads a whole file: decodes UTF-8 (with or without BOM), detects the separator, parses the
 * records and maps the header. Throws CsvFormatError when the file as a whole is unusable.
 */
export function readAppointmentFile(input: string | Uint8Array): AppointmentFile {
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new CsvFormatError(importMessages.notUtf8);
    }
  }
  if (text.trim() === '') throw new CsvFormatError(importMessages.emptyFile);
  const records = parseCsv(text, detectSeparator(text));
  const [header, ...rows] = records;
  if (!header) throw new CsvFormatError(importMessages.emptyFile);
  const columns = mapHeader(header.fields);
  if (rows.length === 0) throw new CsvFormatError(importMessages.noRows);
  return { columns, records: rows };
}

/** The row's values as the file had them: what decides whether two rows conflict. */
function comparable(row: ParsedRow): string {
  return JSON.stringify([
    row.product,
    row.location,
    row.channel,
    row.bookedAt.getTime(),
    row.startsAt.getTime(),
    row.status,
    row.reminderSentAt?.getTime(),
    row.email,
    row.segment,
  ]);
}

function validateRecord(record: CsvRecord, columns: ColumnMap, now: Date, errors: ImportRowError[]): ParsedRow | undefined {
  const expected = columns.names.length;
  const row = record.line;
  if (record.fields.length > expected) {
    errors.push({ row, message: importMessages.tooManyColumns(record.fields.length, expected) });
    return undefined;
  }
  if (record.fields.length < expected) {
    errors.push({ row, message: importMessages.tooFewColumns(record.fields.length, expected) });
    return undefined;
  }
  if (record.badQuotes) {
    errors.push({ row, message: importMessages.badQuotes });
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
  if (parsed.startsAt < parsed.bookedAt) errors.push({ row, column: startColumn, message: importMessages.startBeforeBooking });
  if ((parsed.status === 'attended' || parsed.status === 'no_show') && parsed.startsAt > now) {
    errors.push({ row, column: columns.names[columns.fields.status!], message: importMessages.outcomeInFuture });
  }
  return errors.length > before ? undefined : parsed;
}

/** When a row's status happened: the start for an outcome, else the booking (see the file comment). */
function statusMoment(row: ParsedRow): Date {
  return row.status === 'attended' || row.status === 'no_show' ? row.startsAt : row.bookedAt;
}

export interface ValidationResult {
  rows: number;
  valid: ValidRow[];
  /** The first MAX_KEPT_ERRORS problems, by row. */
  errors: ImportRowError[];
  /** All problems, also those not kept. */
  errorCount: number;
  rejected: number;
}

/** Problems kept in a result (pages show 200, the CLI 50): a file of only bad rows stays small in memory. */
export const MAX_KEPT_ERRORS = 10_000;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks every row (all fields, start after booking, no outcome for an appointment still to
 * come) and references that occur more than once with different data — all those rows are
 * rejected, as there is no telling which is right. Rows repeated exactly are imported once
 * (the repeat counts as unchanged).
 */
export async function validateAppointmentFile(file: AppointmentFile, now: Date, chunk = 5000): Promise<ValidationResult> {
  const errors: ImportRowError[] = [];
  const parsed: { row: number; data: ParsedRow; key: string }[] = [];
  const rejectedRows = new Set<number>();
  for (let i = 0; i < file.records.length; i++) {
    if (i > 0 && i % chunk === 0) await tick();
    const record = file.records[i]!;
    const before = errors.length;
    const data = validateRecord(record, file.columns, now, errors);
    if (data) parsed.push({ row: record.line, data, key: comparable(data) });
    else if (errors.length > before) rejectedRows.add(record.line);
  }

  // Duplicates: the first line of each reference, and the first line that disagrees with it.
  const first = new Map<string, { row: number; key: string; conflict?: number }>();
  for (const entry of parsed) {
    const seen = first.get(entry.data.reference);
    if (!seen) first.set(entry.data.reference, { row: entry.row, key: entry.key });
    else if (seen.key !== entry.key && seen.conflict === undefined) seen.conflict = entry.row;
  }
  const referenceColumn = file.columns.names[file.columns.fields.reference!];
  const valid: ValidRow[] = [];
  for (const entry of parsed) {
    const seen = first.get(entry.data.reference)!;
    if (seen.conflict !== undefined) {
      const other = entry.row === seen.row ? seen.conflict : seen.row;
      errors.push({ row: entry.row, column: referenceColumn, message: importMessages.conflictingDuplicate(entry.data.reference, other) });
      rejectedRows.add(entry.row);
      continue;
    }
    const { data } = entry;
    valid.push({
      row: entry.row,
      input: {
        reference: data.reference,
        status: data.status,
        at: statusMoment(data),
        product: data.product,
        location: data.location,
        channel: data.channel,
        bookedAt: data.bookedAt,
        startsAt: data.startsAt,
        reminderSentAt: data.reminderSentAt,
        segment: data.segment,
        email: data.email,
      },
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows: file.records.length, valid, errors: errors.slice(0, MAX_KEPT_ERRORS), errorCount: errors.length, rejected: rejectedRows.size };
}

// ── Import ───────────────────────────────────────────────────────────────────────────────────

export interface ImportCounts {
  /** Data rows in the file (blank lines not counted). */
  rows: number;
  /** New appointments. */
  imported: number;
  /** Existing appointments whose status or details changed. */
  updated: number;
  /** Rows that changed nothing (already known exactly so, or overruled by a newer status). */
  unchanged: number;
  rejected: number;
}

export interface ImportResult extends ImportCounts {
  /** The problems by row (a row can have more than one), at most MAX_KEPT_ERRORS of them. */
  errors: ImportRowError[];
  /** How many problems there were in all. */
  errorCount: number;
}

export interface ImportOptions {
  /** Called before the first batch (0, total) and after each batch; total = rows that passed validation. */
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

export const IMPORT_BATCH_SIZE = 1000;

// What the import compares before and after a row: everything but updated_at.
const SNAPSHOT_SQL =
  'SELECT id, product, location, channel, booked_at, starts_at, reminder_sent_at, status, status_at, segment, day, weekday, hour, lead_band, reminded, address_hash, updated_at FROM appointments WHERE reference = ?';

interface Snapshot {
  id: number;
  updated_at: number;
  [column: string]: unknown;
}

const sameApartFromUpdate = (a: Snapshot, b: Snapshot) => JSON.stringify({ ...a, updated_at: 0 }) === JSON.stringify({ ...b, updated_at: 0 });

/**
 * Imports the rows that passed validation in batched transactions through recordAppointment
 * (source "import"). A row that changes nothing leaves the stored appointment exactly as it was
 * (its updated_at too), so importing a file twice changes nothing. Each batch commits on its own:
 * after a crash, importing the file again completes it.
 */
export async function importValidRows(
  db: Db,
  deps: { addressHashKey: string; now: Date },
  rows: ValidRow[],
  options: ImportOptions = {},
): Promise<Pick<ImportCounts, 'imported' | 'updated' | 'unchanged'>> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const counts = { imported: 0, updated: 0, unchanged: 0 };
  const snapshot = db.$client.prepare(SNAPSHOT_SQL);
  const restore = db.$client.prepare('UPDATE appointments SET updated_at = ? WHERE id = ?');
  options.onProgress?.(0, rows.length);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const batchCounts = db.transaction((tx) => {
      const done = { imported: 0, updated: 0, unchanged: 0 };
      for (const { input } of batch) {
        const before = snapshot.get(input.reference) as Snapshot | undefined;
        const outcome = recordAppointment(tx, deps, input, 'import');
        if (outcome.created) {
          done.imported++;
          continue;
        }
        const after = snapshot.get(input.reference) as Snapshot;
        if (before && sameApartFromUpdate(before, after)) {
          if (after.updated_at !== before.updated_at) restore.run(before.updated_at, before.id);
          done.unchanged++;
        } else {
          done.updated++;
        }
      }
      return done;
    });
    counts.imported += batchCounts.imported;
    counts.updated += batchCounts.updated;
    counts.unchanged += batchCounts.unchanged;
    options.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
    await tick();
  }
  return counts;
}

/** Validates every row, then imports the good ones. The file must have been read (readAppointmentFile). */
export async function importAppointmentFile(
  db: Db,
  deps: { addressHashKey: string; now: Date },
  file: AppointmentFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const validation = await validateAppointmentFile(file, deps.now);
  const counts = await importValidRows(db, deps, validation.valid, options);
  return { rows: validation.rows, ...counts, rejected: validation.rejected, errors: validation.errors, errorCount: validation.errorCount };
}

/** Reads, validates and imports a CSV file (bytes or text). Throws CsvFormatError for an unusable file. */
export async function importAppointmentCsv(
  db: Db,
  deps: { addressHashKey: string; now: Date },
  input: string | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importAppointmentFile(db, deps, readAppointmentFile(input), options);
}
