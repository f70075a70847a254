/**
 * The CSV reading around csv-parse: what the import adds on top of the library (line numbers,
 * a stray quote rejecting only its row, quoted values that start with a quote).
 */
import { describe, expect, it } from 'vitest';
import { requiredColumnNames } from '../../src/noshows/appointment-row-schema';
import { CsvFormatError, parseCsv } from '../../src/noshows/csv-read';
import { csvImportMessages as m } from '../../src/texts/csv-import';

describe('CSV reading with csv-parse', () => {
  it('keeps a quoted value that starts with an escaped quote, and rejects only the row with a stray quote', () => {
    expect(parseCsv('a,"""quoted"" text",b\n"x"y,z,w\nc,d,e\n', ',')).toEqual([
      { line: 1, fields: ['a', '"quoted" text', 'b'] },
      { line: 2, fields: ['x', 'z', 'w'], badQuotes: true },
      { line: 3, fields: ['c', 'd', 'e'] },
    ]);
  });

  it('counts lines across mixed line ends and line breaks inside quotes, and keeps quoted empty rows', () => {
    const text = 'h1;h2\r\n"one\r\ntwo";x\n\r\n"";""\rlast;"a\nb\rc"\n"open;\n\n';
    expect(() => parseCsv(text, ';')).toThrow(new CsvFormatError(m.unterminatedQuote(9)));
    expect(parseCsv(text.slice(0, text.indexOf('"open')), ';')).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['one\r\ntwo', 'x'] },
      { line: 5, fields: ['', ''] },
      { line: 6, fields: ['last', 'a\nb\rc'] },
    ]);
  });

  it('names every required column in the message about missing ones', () => {
    expect(m.missingColumns(['status'])).toContain(`: ${requiredColumnNames.join(', ')}.`);
  });
});
