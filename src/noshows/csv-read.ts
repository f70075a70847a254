/**
 * Reading a CSV file into records, with csv-parse (node-csv) doing the parsing. What this module
 * adds is what the import promises on top of RFC 4180: the separator chosen from the header row,
 * each record's starting line for messages, and a stray quote rejecting its own row instead of
 * the whole file.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { nl } from '../texts';

const csvImportMessages = nl.csvImport;

/** The file as a whole cannot be used: no header, wrong columns, not UTF-8, an unclosed quote. */
export class CsvFormatError extends Error {}

export interface CsvRecord {
  /** Line in the file where the record starts (1-based). */
  line: number;
  fields: string[];
  /** A quote in the wrong place: text after a closing quote. */
  badQuotes?: boolean;
}

type Separator = ',' | ';';

/** What on_record receives with `raw: true` (csv-parse's types describe it as the bare fields). */
interface RawRecord {
  record: string[];
  raw: string;
}

/** The separator the header row uses most: `;` (Dutch spreadsheets) or `,`. */
export function detectSeparator(text: string): Separator {
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

const QUOTE = 34;
const LF = 10;
const CR = 13;
const LINE_BREAK = /\r\n|\r|\n/g;

function countLineBreaks(fields: string[]): number {
  let count = 0;
  for (const field of fields) if (field.includes('\n') || field.includes('\r')) count += field.match(LINE_BREAK)!.length;
  return count;
}

const options = (separator: Separator) => ({
  delimiter: separator,
  // Any mix of line ends, as files edited by hand or joined from several exports have them.
  record_delimiter: ['\r\n', '\n', '\r'],
  // Row lengths are checked per row by the validation, with the row's own message.
  relax_column_count: true,
  skip_empty_lines: true,
});

/**
 * Whether a record's quotes go wrong (text after a closing quote), and in which field.
 * csv-parse in relaxed mode reads such a field as its raw text, which starts with a quote; so
 * does a correct field whose value starts with `""`. Only those rare records are read again
 * strictly, where csv-parse itself tells which one it is.
 */
function quoteProblem(fields: string[], raw: string, separator: Separator): { field?: number } | undefined {
  if (!fields.some((field) => field.charCodeAt(0) === QUOTE)) return undefined;
  try {
    parse(raw, options(separator));
    return undefined;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // A quote inside an unquoted field, before the suspect one, stops the strict reading early:
    // the row is then refused as badly quoted rather than imported with a quote-wrapped value.
    return error.code === 'CSV_INVALID_CLOSING_QUOTE' ? { field: error.column as number } : {};
  }
}

/**
 * A file without a single quote, record by record as csv-parse reads it (a record is a line, a
 * field what lies between separators), without csv-parse's cost per character: most exports
 * quote nothing.
 */
function splitLines(text: string, separator: Separator): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Line by line rather than text.split: a file of blank lines costs no array of them.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (let start = 0, line = 1; start < text.length; line++) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    const end = Math.min(lf === -1 ? text.length : lf, cr === -1 ? text.length : cr);
    if (end > start) {
      const fields = text.slice(start, end).split(separator);
      if (!fields.every((field) => field.trim() === '')) records.push({ line, fields });
    }
    start = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
  return records;
}

/**
 * RFC 4180 records, with `,` or `;`: quoted fields with `""` escapes and line breaks inside,
 * CRLF, LF or CR line ends. A quote inside an unquoted field is taken literally (as spreadsheets
 * do); text after a closing quote marks the record as badly quoted, its field cut at that quote.
 * Records whose fields are all empty (blank lines, `;;;`) are left out. Throws CsvFormatError for
 * a quote that never closes.
 */
export function parseCsv(text: string, separator: Separator): CsvRecord[] {
  if (!text.includes('"')) return splitLines(text, separator);
  const records: CsvRecord[] = [];
  // Lines taken by the records read so far. Counted here, not taken from csv-parse's info.lines,
  // which counts a CRLF inside a quoted field as two lines.
  let lines = 0;
  try {
    parse(text, {
      ...options(separator),
      // A quote inside an unquoted field is text; a misplaced closing quote is found below.
      relax_quotes: true,
      raw: true,
      on_record: (value, info) => {
        const { record: fields, raw } = value as unknown as RawRecord;
        const line = 1 + lines + info.empty_lines;
        lines += countLineBreaks(fields) + 1;
        // A quoted empty value is a value: only unquoted blanks make a blank record.
        if (fields.every((field) => field.trim() === '') && !raw.includes('"')) return null;
        const problem = quoteProblem(fields, raw, separator);
        if (!problem) {
          records.push({ line, fields });
          return null;
        }
        // The relaxed reading kept the field's raw text: keep what its quotes enclosed.
        const at = problem.field;
        if (at !== undefined && fields[at] !== undefined) fields[at] = fields[at].slice(1, fields[at].lastIndexOf('"'));
        records.push({ line, fields, badQuotes: true });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvFormatError(csvImportMessages.unterminatedQuote(1 + lines + (error.empty_lines as number)));
    }
    throw error;
  }
  return records;
}

/** A file's bytes as text: UTF-8 with or without byte-order mark, else CsvFormatError. */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    // The decoder drops a byte-order mark itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new CsvFormatError(csvImportMessages.notUtf8);
  }
}
