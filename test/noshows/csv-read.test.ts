/**
 * The CSV reading around csv-parse: what the import adds on top of the library (line numbers,
 * a stray quote rejecting only its row, quoted values that start with a quote).
 */
import { describe, expect, it } from 'vitest';
import { requiredColumnNames } from '../../src/noshows/appointment-row-schema';
import { CsvFormatError, parseCsv } from '../../src/noshows/csv-read';
import { seededRandom } from '../../src/seeded-random';
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

  it('reads a file without quotes (split directly) as csv-parse reads it', () => {
    const random = seededRandom(7);
    const pieces = ['a', 'bé', ' ', '\t', ';', ',', ';;', '\n', '\r\n', '\r', '\n\n', '  \n', "'"];
    for (let i = 0; i < 2_000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 40); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      for (const separator of [';', ','] as const) {
        // A quoted record after the file's own sends it through csv-parse; the records before it must be the same.
        const throughCsvParse = parseCsv(`${text}\n"x"`, separator).slice(0, -1);
        expect(parseCsv(text, separator), JSON.stringify(text)).toEqual(throughCsvParse);
      }
    }
    expect(parseCsv('h1;h2\r\n\n a ; b\r;;\n\t\nc;d', ';')).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 3, fields: [' a ', ' b'] },
      { line: 6, fields: ['c', 'd'] },
    ]);
  });

  it('names every required column in the message about missing ones', () => {
    expect(m.missingColumns(['status'])).toContain(`: ${requiredColumnNames.join(', ')}.`);
  });
});
