/**
 * The quick path of the row validation (plain checks) against the zod schema it stands in for:
 * on many generated rows, good and bad in every field, the quick path accepts exactly the rows
 * zod accepts, with the same values, so messages for bad rows still come from zod alone.
 */
import { describe, expect, it } from 'vitest';
import { mapHeader, parseRecordFields, quickRecordFields, validateRecord, type ImportRowError } from '../../src/noshows/appointment-row-schema';
import { seededRandom } from '../../src/seeded-random';
import { csvImportMessages as m } from '../../src/texts/csv-import';

const random = seededRandom(22);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
/** A value with stray spaces, tabs or a line break around and inside it. */
const messy = (value: string) => `${pick(['', ' ', '\t', '  '])}${value.replace(' ', pick([' ', '  ', '\n', ' \t ']))}${pick(['', ' ', '\r\n'])}`;

const texts = ['paspoort', 'Wijkbureau Noord', 'x', '', '   ', 'é ü', 'a'.repeat(60), 'b'.repeat(61), 'c'.repeat(120), 'd'.repeat(121), 'e'.repeat(200), 'f'.repeat(201)];
const dates = [
  '01-10-2025 10:00',
  '1-2-2025 9.05',
  '31-12-2025 23:59:59',
  '2025-03-30 02:30',
  '2025-10-26T02:30:00',
  '2025-10-01T08:00:00Z',
  '2025-10-01T08:00:00+0200',
  '2025-10-01T08:00:00.123-05:00',
  '2025-10-01',
  '01-10-2025',
  '',
  '32-10-2025 10:00',
  '29-02-2025 10:00',
  '01-10-2025 24:00',
  '2025-13-01T08:00:00Z',
  '01/10/2025 10:00',
  'morgen',
  '1969-12-31T23:00:00Z',
];
const statuses = ['verschenen', 'Niet verschenen', 'NO-SHOW', 'geboekt', 'geannuleerd', 'canceled', 'noshow', '', 'misschien', '__proto__', 'constructor', 'toString'];
const emails = ['', 'Jan@Example.nl', 'a.b+c@gemeente.nl', 'geen-adres', 'a@b', '@example.nl', `${'x'.repeat(250)}@example.nl`, 'twee@@example.nl', 'spatie in@example.nl'];

const HEADER = ['referentie', 'product', 'locatie', 'kanaal', 'geboekt_op', 'start', 'status', 'herinnering_verstuurd_op', 'email', 'segment_wijk', 'segment_leeftijd'];

/** A row where each field is now and then bad, so some rows are all good and others have several problems. */
function generatedFields(): string[] {
  const good = random() < 0.5;
  const field = <T extends string>(fine: T, anyValue: () => string) => (good && random() < 0.9 ? fine : messy(anyValue()));
  return [
    field('R-1', () => pick([...texts, `R-${Math.floor(random() * 100)}`])),
    field('paspoort', () => pick(texts)),
    field('Stadskantoor', () => pick(texts)),
    field('web', () => pick(texts)),
    field('01-10-2025 10:00', () => pick(dates)),
    field('02-11-2025 09:30', () => pick(dates)),
    field('verschenen', () => pick(statuses)),
    field('', () => pick(dates)),
    field('', () => pick(emails)),
    field('Centrum', () => pick(texts)),
    field('', () => pick(texts)),
  ];
}

describe('the quick path of the row validation', () => {
  it('accepts exactly the rows the zod schema accepts, with the same values', () => {
    const columns = mapHeader(HEADER);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const record = { line: i + 2, fields: generatedFields() };
      const errors: ImportRowError[] = [];
      const full = parseRecordFields(record, columns, errors);
      const quick = quickRecordFields(record.fields, columns);
      expect(quick, JSON.stringify(record.fields)).toEqual(full);
      expect(errors.length === 0, JSON.stringify(record.fields)).toBe(full !== undefined);
      if (full) accepted++;
    }
    // Both kinds in number: the comparison covered good rows and bad ones.
    expect(accepted).toBeGreaterThan(5_000);
    expect(accepted).toBeLessThan(15_000);
  });

  it('reads a column order of its own and leaves absent optional columns empty', () => {
    const columns = mapHeader(['Status', 'start', 'geboekt_op', 'product', 'kanaal', 'locatie', 'referentie']);
    const fields = ['Geannuleerd', '02-11-2025 09:30', '2025-10-01', ' rijbewijs ', '', 'Noord', 'R-9'];
    const errors: ImportRowError[] = [];
    expect(quickRecordFields(fields, columns)).toEqual(parseRecordFields({ line: 2, fields }, columns, errors));
    expect(quickRecordFields(fields, columns)).toEqual({
      reference: 'R-9',
      product: 'rijbewijs',
      location: 'Noord',
      status: 'cancelled',
      bookedAt: new Date('2025-09-30T22:00:00Z'),
      startsAt: new Date('2025-11-02T08:30:00Z'),
    });
  });

  it('still gives every field its own message for a row the quick path does not accept', () => {
    const columns = mapHeader(HEADER);
    const errors: ImportRowError[] = [];
    const fields = ['', 'paspoort', 'Stadskantoor', 'web', '32-10-2025 10:00', '02-11-2025', 'misschien', '', 'geen-adres', '', ''];
    expect(validateRecord({ line: 7, fields }, columns, new Date('2026-01-01T00:00:00Z'), errors)).toBeUndefined();
    expect(errors).toEqual([
      { row: 7, column: 'referentie', message: m.missingReference },
      { row: 7, column: 'geboekt_op', message: m.badDate('32-10-2025 10:00') },
      { row: 7, column: 'start', message: m.startNeedsTime('02-11-2025') },
      { row: 7, column: 'status', message: m.unknownStatus('misschien') },
      { row: 7, column: 'email', message: m.badEmail },
    ]);
  });
});
