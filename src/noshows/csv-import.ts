/**
 * Appointment files from booking systems that only export (JCC, Qmatic and the like): a CSV file
 * with a header row, validated row by row before anything is stored, then imported in batches
 * through the same order-proof upsert as the event API. The format is documented in docs/appointments-and-no-shows.md
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
import type { Db } from '../db/client';
import { nl } from '../texts';
import { mapHeader, validateRecord, type ColumnMap, type ImportRowError, type ParsedRow } from './appointment-row-schema';
import { changesAppointment, nextAppointmentValues, prepareAppointmentStatements, type AppointmentInput } from './appointments';
import { CsvFormatError, decodeCsv, detectSeparator, parseCsv, type CsvRecord } from './csv-read';

const messages = nl.csvImport;

// Callers of the import catch its format error: they need only this module.
export { CsvFormatError } from './csv-read';

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
  const text = decodeCsv(input);
  if (text.trim() === '') throw new CsvFormatError(messages.emptyFile);
  const [header, ...rows] = parseCsv(text, detectSeparator(text));
  if (!header) throw new CsvFormatError(messages.emptyFile);
  const columns = mapHeader(header.fields);
  if (rows.length === 0) throw new CsvFormatError(messages.noRows);
  return { columns, records: rows };
}

const time = (date: Date | undefined) => date?.getTime();

/** Whether two rows of one reference say the same (the values as the file had them): else they conflict. */
function sameRow(a: ParsedRow, b: ParsedRow): boolean {
  return (
    a.product === b.product &&
    a.location === b.location &&
    a.channel === b.channel &&
    time(a.bookedAt) === time(b.bookedAt) &&
    time(a.startsAt) === time(b.startsAt) &&
    a.status === b.status &&
    time(a.reminderSentAt) === time(b.reminderSentAt) &&
    a.email === b.email &&
    // Segment keys come in the file's column order, the same in every row.
    JSON.stringify(a.segment) === JSON.stringify(b.segment)
  );
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
  const parsed: { row: number; data: ParsedRow }[] = [];
  const rejectedRows = new Set<number>();
  for (let i = 0; i < file.records.length; i++) {
    if (i > 0 && i % chunk === 0) await tick();
    const record = file.records[i]!;
    const before = errors.length;
    const data = validateRecord(record, file.columns, now, errors);
    if (data) parsed.push({ row: record.line, data });
    else if (errors.length > before) rejectedRows.add(record.line);
  }

  // Duplicates: the first line of each reference, and the first line that disagrees with it.
  const first = new Map<string, { row: number; data: ParsedRow; conflict?: number }>();
  for (const entry of parsed) {
    const seen = first.get(entry.data.reference);
    if (!seen) first.set(entry.data.reference, { row: entry.row, data: entry.data });
    else if (seen.conflict === undefined && !sameRow(seen.data, entry.data)) seen.conflict = entry.row;
  }
  const referenceColumn = file.columns.names[file.columns.fields.reference!];
  const valid: ValidRow[] = [];
  for (const entry of parsed) {
    const seen = first.get(entry.data.reference)!;
    if (seen.conflict !== undefined) {
      const other = entry.row === seen.row ? seen.conflict : seen.row;
      errors.push({ row: entry.row, column: referenceColumn, message: messages.conflictingDuplicate(entry.data.reference, other) });
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
  /**
   * Called before the first row (0, total), every IMPORT_PROGRESS_ROWS rows stored (also inside
   * a transaction not yet committed) and after the last; total = rows that passed validation.
   */
  onProgress?: (done: number, total: number) => void;
  /** Rows per transaction. */
  batchSize?: number;
}

/**
 * Rows per transaction: a commit writes the pattern index's pages again each time, so a few
 * thousand rows share one (about as long without the event loop as 1,000 rows took before the
 * import was made faster).
 */
export const IMPORT_BATCH_SIZE = 5000;
export const IMPORT_PROGRESS_ROWS = 1000;

/** What an import needs besides the file; the appointments become `organisationId`'s (default: the hosting organisation). */
export interface ImportDeps {
  addressHashKey: string;
  now: Date;
  organisationId?: number;
}

/**
 * Imports the rows that passed validation in batched transactions, with the same values as
 * recordAppointment (source "import") through statements prepared once per import. A row that
 * changes nothing is not written (the stored updated_at stays too), so importing a file twice
 * changes nothing. Each batch commits on its own: after a crash, importing the file again
 * completes it.
 */
export async function importValidRows(
  db: Db,
  deps: ImportDeps,
  rows: ValidRow[],
  options: ImportOptions = {},
): Promise<Pick<ImportCounts, 'imported' | 'updated' | 'unchanged'>> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const { onProgress } = options;
  const counts = { imported: 0, updated: 0, unchanged: 0 };
  const statements = prepareAppointmentStatements(db, deps.organisationId);
  const store = (from: number, to: number) => db.transaction(() => {
    const done = { imported: 0, updated: 0, unchanged: 0 };
    const known = statements.findMany(rows.slice(from, to).map((row) => row.input.reference));
    // References written in this batch: an exact repeat further on reads what was written.
    const written = new Set<string>();
    for (let i = from; i < to; i++) {
      const { input } = rows[i]!;
      const existing = written.has(input.reference) ? statements.find(input.reference) : known.get(input.reference);
      const values = nextAppointmentValues(existing, input, deps);
      if (existing && !changesAppointment(existing, values)) done.unchanged++;
      else {
        statements.upsert(values, { reference: input.reference, source: 'import', createdAt: deps.now });
        written.add(input.reference);
        if (existing) done.updated++;
        else done.imported++;
      }
      if (onProgress && (i + 1) % IMPORT_PROGRESS_ROWS === 0 && i + 1 < rows.length) onProgress(i + 1, rows.length);
    }
    return done;
  });
  onProgress?.(0, rows.length);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batchCounts = store(start, Math.min(start + batchSize, rows.length));
    counts.imported += batchCounts.imported;
    counts.updated += batchCounts.updated;
    counts.unchanged += batchCounts.unchanged;
    await tick();
  }
  if (rows.length > 0) onProgress?.(rows.length, rows.length);
  return counts;
}

/** Validates every row, then imports the good ones. The file must have been read (readAppointmentFile). */
export async function importAppointmentFile(
  db: Db,
  deps: ImportDeps,
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
  deps: ImportDeps,
  input: string | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importAppointmentFile(db, deps, readAppointmentFile(input), options);
}
