/**
 * Appointment files (issue 5): the CSV format, validation of every row with its line number,
 * column and Dutch message, idempotent batched import through the order-proof upsert, the CLI
 * with its exit codes, and the admin upload and product-mapping pages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDb, type Db } from '../../src/db/client';
import { appointmentProducts, auditLog } from '../../src/db/schema';
import { parseImportDate } from '../../src/noshows/appointment-dates';
import { CsvFormatError, importAppointmentCsv, MAX_KEPT_ERRORS, readAppointmentFile, type ImportResult } from '../../src/noshows/csv-import';
import { detectSeparator, parseCsv } from '../../src/noshows/csv-read';
import { listProductMappings, mapProduct, ProductMappingError } from '../../src/noshows/products';
import { nl } from '../../src/texts';
import { csvImportMessages as m } from '../../src/texts/csv-import';
import { addressHash } from '../../src/tokens';
import { spawnCli } from '../helpers/cli';
import { unescapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { onTodaysCalendar } from '../helpers/calendar-shift';
import { createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.admin.appointments;
const HEADER = 'referentie,product,locatie,kanaal,geboekt_op,start,status,herinnering_verstuurd_op,email,segment_wijk';

/** A row with sensible defaults (comma-separated, 10 columns as HEADER). */
function row(values: Partial<Record<'ref' | 'product' | 'location' | 'channel' | 'booked' | 'start' | 'status' | 'reminder' | 'email' | 'wijk', string>>) {
  const v = {
    ref: 'X-1',
    product: 'paspoort',
    location: 'Stadskantoor',
    channel: 'web',
    booked: '2026-10-01T08:00:00Z',
    start: '2026-11-02T08:30:00Z',
    status: 'verschenen',
    reminder: '',
    email: '',
    wijk: '',
    ...values,
  };
  return [v.ref, v.product, v.location, v.channel, v.booked, v.start, v.status, v.reminder, v.email, v.wijk].join(',');
}

const longProduct = 'p'.repeat(121);

/** Good rows, each kind of bad row, duplicates; line numbers in the comments (header = 1). */
const MIXED = [
  HEADER,
  row({ ref: 'A-1', reminder: '2026-11-01T17:00:00Z', wijk: 'Woensel' }), // 2 good
  row({ ref: 'A-2', product: 'rijbewijs', channel: 'telefoon', booked: '01-10-2026 10:00', start: '03-11-2026 14:15', status: 'niet_verschenen', email: 'Jan@Example.nl', wijk: 'Centrum' }), // 3 good
  row({ ref: 'A-3', location: 'Wijkbureau Noord', channel: 'balie', booked: '10-11-2026 09:00', start: '15-12-2026 10:00', status: 'geboekt' }), // 4 good
  row({ ref: '' }), // 5 missing reference
  row({ ref: 'A-5', status: 'misschien' }), // 6 unknown status
  row({ ref: 'A-6', booked: '32-10-2026 10:00' }), // 7 bad date
  row({ ref: 'A-7', booked: '2026-11-05T08:00:00Z' }), // 8 start before booking
  `${row({ ref: 'A-8' })},extra`, // 9 too many columns
  'A-9,paspoort,Stadskantoor', // 10 too few columns
  row({ ref: 'A-10', booked: '2026-11-01T08:00:00Z', start: '2026-12-02T08:30:00Z', status: 'niet_verschenen' }), // 11 outcome in the future
  row({ ref: 'A-11', email: 'geen-adres' }), // 12 bad e-mail
  row({ ref: 'A-12', booked: '2026-10-01', start: '02-11-2026' }), // 13 start without time
  row({ ref: 'A-13', wijk: 'Noord' }), // 14 conflicts with 16
  row({ ref: 'A-1', reminder: '2026-11-01T17:00:00Z', wijk: 'Woensel' }), // 15 exact repeat of 2: fine
  row({ ref: 'A-13', status: 'niet_verschenen', wijk: 'Noord' }), // 16 conflicts with 14
  `"A-14"x,${row({}).split(',').slice(1).join(',')}`, // 17 stray quote
  '', // 18 blank: skipped
  row({ ref: 'A-15', product: '' }), // 19 missing product
  row({ ref: 'A-16', product: longProduct }), // 20 too long
  row({ ref: 'A-17', product: '"paspoort, spoed"' }), // 21 good, quoted separator
].join('\n');

const NOW = new Date('2026-11-20T15:00:00Z');

function deps(ctx: TestContext, now = ctx.clock.now()) {
  return { addressHashKey: ctx.addressHashKey, now };
}

function stored(db: Db, reference: string) {
  return db.$client.prepare('SELECT * FROM appointments WHERE reference = ?').get(reference) as Record<string, unknown> | undefined;
}

function allAppointments(db: Db) {
  return db.$client.prepare('SELECT * FROM appointments ORDER BY id').all();
}

function counts(result: ImportResult) {
  const { rows, imported, updated, unchanged, rejected } = result;
  return { rows, imported, updated, unchanged, rejected };
}

describe('CSV reading', () => {
  it('parses quoted fields, "" escapes, line breaks inside quotes, CRLF, and skips blank lines', () => {
    const text = 'a;b;c\r\n"x;1";"say ""hi""";"two\r\nlines"\r\n\r\n;;\r\nlast;;\r\n';
    expect(detectSeparator(text)).toBe(';');
    expect(parseCsv(text, ';')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x;1', 'say "hi"', 'two\r\nlines'] },
      // The quoted line break moved the count on: this record starts on line 6.
      { line: 6, fields: ['last', '', ''] },
    ]);
    expect(detectSeparator('referentie,product;x,y')).toBe(',');
    expect(parseCsv('a,b', ',')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(parseCsv('a,"b"c\n', ',')).toEqual([{ line: 1, fields: ['a', 'b'], badQuotes: true }]);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', ',')).toThrow(new CsvFormatError(m.unterminatedQuote(2)));
  });

  it('reads ISO 8601 and Dutch dates, in Amsterdam time when no offset is given', () => {
    const at = (value: string) => parseImportDate(value)?.at.toISOString();
    expect(at('2026-11-02T09:30:00Z')).toBe('2026-11-02T09:30:00.000Z');
    expect(at('2026-11-02T09:30:00+01:00')).toBe('2026-11-02T08:30:00.000Z');
    expect(at('2026-11-02T09:30:00+0100')).toBe('2026-11-02T08:30:00.000Z');
    expect(at('2026-11-02 09:30')).toBe('2026-11-02T08:30:00.000Z'); // winter: UTC+1
    expect(at('2026-07-15T09:30')).toBe('2026-07-15T07:30:00.000Z'); // summer: UTC+2
    expect(at('02-11-2026 09:30')).toBe('2026-11-02T08:30:00.000Z');
    expect(at('2-11-2026 9:30:15')).toBe('2026-11-02T08:30:15.000Z');
    expect(at('15-07-2026 09:30')).toBe('2026-07-15T07:30:00.000Z');
    expect(at('29-03-2026 03:30')).toBe('2026-03-29T01:30:00.000Z'); // the day summer time starts
    expect(parseImportDate('01-10-2026')).toEqual({ at: new Date('2026-09-30T22:00:00Z'), hasTime: false });
    for (const bad of ['31-02-2026 10:00', '2026-13-01', '01-10-2026 24:00', '2026-11-02T09:60', 'gisteren', '02/11/2026 09:30', '']) {
      expect(parseImportDate(bad), bad).toBeUndefined();
    }
  });

  it('refuses a file that cannot be used as a whole, with a message that says why', () => {
    const cases: [string | Uint8Array, string][] = [
      ['', m.emptyFile],
      ['\n\n', m.emptyFile],
      [HEADER, m.noRows],
      ['referentie,product,start,status\nA,b,c,d', m.missingColumns(['locatie', 'kanaal', 'geboekt_op'])],
      [`${HEADER},opmerking\n${row({})},x`, m.unknownColumn('opmerking')],
      [`${HEADER},Reference\n${row({})},x`, m.duplicateColumn('Reference')],
      [`${HEADER},segment_\n${row({})},x`, m.badSegmentColumn('segment_')],
      [new Uint8Array([0x72, 0x65, 0x66, 0xff, 0xfe, 0x0a]), m.notUtf8],
      [`${HEADER}\n"A-1,paspoort\n`, m.unterminatedQuote(2)],
    ];
    for (const [input, message] of cases) {
      expect(() => readAppointmentFile(input), String(message)).toThrow(new CsvFormatError(message));
    }
  });
});

describe('importing a file', () => {
  it('imports the good rows and reports every bad one with its line, column and message', async () => {
    const ctx = createTestContext();
    const result = await importAppointmentCsv(ctx.db, deps(ctx), MIXED);
    expect(counts(result)).toEqual({ rows: 19, imported: 4, updated: 0, unchanged: 1, rejected: 14 });
    expect(result.errors).toEqual([
      { row: 5, column: 'referentie', message: m.missingReference },
      { row: 6, column: 'status', message: m.unknownStatus('misschien') },
      { row: 7, column: 'geboekt_op', message: m.badDate('32-10-2026 10:00') },
      { row: 8, column: 'start', message: m.startBeforeBooking },
      { row: 9, message: m.tooManyColumns(11, 10) },
      { row: 10, message: m.tooFewColumns(3, 10) },
      { row: 11, column: 'status', message: m.outcomeInFuture },
      { row: 12, column: 'email', message: m.badEmail },
      { row: 13, column: 'start', message: m.startNeedsTime('02-11-2026') },
      { row: 14, column: 'referentie', message: m.conflictingDuplicate('A-13', 16) },
      { row: 16, column: 'referentie', message: m.conflictingDuplicate('A-13', 14) },
      { row: 17, message: m.badQuotes },
      { row: 19, column: 'product', message: m.missingProduct },
      { row: 20, column: 'product', message: m.tooLong(120) },
    ]);
    expect(result.errorCount).toBe(14);
    // The messages are Dutch and say what to do.
    expect(m.unknownStatus('misschien')).toBe('Onbekende status "misschien". Gebruik geboekt, verschenen, niet_verschenen of geannuleerd.');

    const references = (ctx.db.$client.prepare('SELECT reference FROM appointments ORDER BY reference').all() as { reference: string }[]).map((r) => r.reference);
    expect(references).toEqual(['A-1', 'A-17', 'A-2', 'A-3']);
    expect(stored(ctx.db, 'A-1')).toMatchObject({
      status: 'attended',
      status_at: Date.parse('2026-11-02T08:30:00Z'),
      source: 'import',
      reminded: 1,
      lead_band: '30+',
      segment: JSON.stringify({ wijk: 'Woensel' }),
      address_hash: null,
    });
    // Dutch date and time in Amsterdam time; the e-mail address only as its keyed hash.
    expect(stored(ctx.db, 'A-2')).toMatchObject({
      status: 'no_show',
      product: 'rijbewijs',
      channel: 'telefoon',
      booked_at: Date.parse('2026-10-01T08:00:00Z'),
      starts_at: Date.parse('2026-11-03T13:15:00Z'),
      day: '2026-11-03',
      weekday: 2,
      hour: 14,
      reminded: 0,
      address_hash: addressHash(ctx.addressHashKey, 'jan@example.nl'),
    });
    expect(JSON.stringify(allAppointments(ctx.db))).not.toContain('example.nl');
    // A booking's status moment is its booking time.
    expect(stored(ctx.db, 'A-3')).toMatchObject({ status: 'booked', status_at: Date.parse('2026-11-10T08:00:00Z'), lead_band: '30+', hour: 10 });
    expect(stored(ctx.db, 'A-17')).toMatchObject({ product: 'paspoort, spoed' });
  });

  it('reads the semicolon variant with BOM, CRLF, English column names in any case and Dutch dates', async () => {
    const ctx = createTestContext();
    const text = [
      'Reference;Product;Location;Channel;Booked_At;Starts At;STATUS;Reminder-Sent-At;segment_Wijk',
      'B-1;paspoort;Stadskantoor;web;01-07-2026 09:00;15-07-2026 09:30;attended;14-07-2026 18:00;Centrum',
      'B-2;"rijbewijs; spoed";"Stads""kantoor""";telefoon;1-10-2026 8:05;2-11-2026 9:30;Niet Verschenen;;',
      'B-3;paspoort;;;29-03-2026 01:30;29-03-2026 03:30;geannuleerd;;',
      '',
      '',
    ].join('\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const result = await importAppointmentCsv(ctx.db, deps(ctx), bytes);
    expect(result.errors).toEqual([]);
    expect(counts(result)).toEqual({ rows: 3, imported: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(stored(ctx.db, 'B-1')).toMatchObject({
      status: 'attended',
      starts_at: Date.parse('2026-07-15T07:30:00Z'),
      hour: 9,
      weekday: 3,
      reminder_sent_at: Date.parse('2026-07-14T16:00:00Z'),
      lead_band: '8-14',
      segment: JSON.stringify({ wijk: 'Centrum' }),
    });
    expect(stored(ctx.db, 'B-2')).toMatchObject({
      product: 'rijbewijs; spoed',
      location: 'Stads"kantoor"',
      status: 'no_show',
      starts_at: Date.parse('2026-11-02T08:30:00Z'),
      booked_at: Date.parse('2026-10-01T06:05:00Z'),
    });
    // The day summer time starts: 03:30 is already CEST. Empty location and channel are "onbekend".
    expect(stored(ctx.db, 'B-3')).toMatchObject({ status: 'cancelled', starts_at: Date.parse('2026-03-29T01:30:00Z'), hour: 3, location: 'onbekend', channel: 'onbekend', lead_band: 'zelfde dag' });
  });

  it('imports the example file from docs/appointments-and-no-shows.md as documented', async () => {
    const page = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/appointments-and-no-shows.md'), 'utf8');
    const example = /## CSV import[\s\S]*?```csv\n([\s\S]*?)```/.exec(page)?.[1];
    expect(example).toBeDefined();
    const ctx = createTestContext();
    const result = await importAppointmentCsv(ctx.db, deps(ctx), example!);
    expect(result.errors).toEqual([]);
    expect(counts(result)).toEqual({ rows: 3, imported: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(stored(ctx.db, 'A-1003')).toMatchObject({ product: 'uittreksel BRP', location: 'Wijkbureau "Noord"', status: 'cancelled' });
  });

  it('changes nothing when the same file is imported again: every good row is unchanged', async () => {
    const ctx = createTestContext();
    const first = await importAppointmentCsv(ctx.db, deps(ctx), MIXED);
    const before = allAppointments(ctx.db);
    ctx.clock.advanceDays(1);
    const again = await importAppointmentCsv(ctx.db, deps(ctx), MIXED);
    expect(counts(again)).toEqual({ rows: 19, imported: 0, updated: 0, unchanged: 5, rejected: 14 });
    expect(again.errors).toEqual(first.errors);
    // Not even updated_at moved.
    expect(allAppointments(ctx.db)).toEqual(before);
  });

  it('takes status updates from a later file, and a late "geboekt" never undoes "verschenen"', async () => {
    const ctx = createTestContext();
    const booked = { booked: '2026-10-20T09:00:00Z', start: '2026-11-10T09:00:00Z' };
    const first = [
      HEADER,
      row({ ref: 'C-1', ...booked, status: 'geboekt' }),
      row({ ref: 'C-2', ...booked, status: 'geboekt' }),
      row({ ref: 'C-3', ...booked, status: 'geboekt' }),
      row({ ref: 'C-4', ...booked, status: 'verschenen' }),
      row({ ref: 'C-5', ...booked, status: 'niet_verschenen' }),
    ].join('\n');
    const later = [
      HEADER,
      row({ ref: 'C-1', ...booked, status: 'verschenen' }),
      row({ ref: 'C-2', ...booked, status: 'niet_verschenen' }),
      row({ ref: 'C-3', ...booked, status: 'geannuleerd' }),
      row({ ref: 'C-4', ...booked, status: 'geboekt', location: 'Elders' }),
      row({ ref: 'C-5', ...booked, status: 'niet_verschenen', reminder: '2026-11-09T09:00:00Z' }),
    ].join('\n');
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), first))).toMatchObject({ imported: 5, updated: 0, unchanged: 0 });
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), later))).toEqual({ rows: 5, imported: 0, updated: 4, unchanged: 1, rejected: 0 });
    const status = (reference: string) => stored(ctx.db, reference)!.status;
    expect(['C-1', 'C-2', 'C-3', 'C-4', 'C-5'].map(status)).toEqual(['attended', 'no_show', 'cancelled', 'attended', 'no_show']);
    // The late booking's details do not overwrite the newer outcome's either.
    expect(stored(ctx.db, 'C-4')!.location).toBe('Stadskantoor');
    expect(stored(ctx.db, 'C-5')!.reminded).toBe(1);
    // The old export once more: nothing goes back.
    const before = allAppointments(ctx.db);
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), first))).toEqual({ rows: 5, imported: 0, updated: 0, unchanged: 5, rejected: 0 });
    expect(allAppointments(ctx.db)).toEqual(before);
  });

  it('updates an appointment that came in as an event', async () => {
    const ctx = createTestContext();
    const event = await ctx.postEvent({
      id: 'evt-d1',
      type: 'appointment.booked',
      occurredAt: '2026-10-20T09:00:00Z',
      appointment: { reference: 'D-1', product: 'paspoort', location: 'Stadskantoor', channel: 'web', bookedAt: '2026-10-20T09:00:00Z', startsAt: '2026-11-10T09:00:00Z' },
    });
    expect(event.status).toBe(202);
    const file = [HEADER, row({ ref: 'D-1', booked: '2026-10-20T09:00:00Z', start: '2026-11-10T09:00:00Z', status: 'niet_verschenen' })].join('\n');
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), file))).toMatchObject({ imported: 0, updated: 1 });
    expect(stored(ctx.db, 'D-1')).toMatchObject({ status: 'no_show', source: 'api' });
  });

  it('imports in batches and reports progress per batch', async () => {
    const ctx = createTestContext();
    const lines = [HEADER];
    for (let i = 0; i < 2500; i++) lines.push(row({ ref: `P-${i}`, status: i % 3 === 0 ? 'niet_verschenen' : 'verschenen' }));
    lines.push(row({ ref: 'P-bad', status: '?' }));
    const progress: [number, number][] = [];
    const result = await importAppointmentCsv(ctx.db, deps(ctx), lines.join('\n'), { batchSize: 1000, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    expect(counts(result)).toEqual({ rows: 2501, imported: 2500, updated: 0, unchanged: 0, rejected: 1 });
    expect(result.errors).toEqual([{ row: 2502, column: 'status', message: m.unknownStatus('?') }]);
  });

  it('finds the known appointments of a large batch: a later file updates those it changes and adds the new ones', async () => {
    const ctx = createTestContext();
    const file = (count: number, outcome: (i: number) => string) => {
      const lines = [HEADER];
      for (let i = 0; i < count; i++) lines.push(row({ ref: `G-${i}`, booked: '2026-10-01T08:00:00Z', start: '2026-11-02T08:30:00Z', status: outcome(i) }));
      return lines.join('\n');
    };
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), file(1203, () => 'geboekt')))).toMatchObject({ imported: 1203, updated: 0, unchanged: 0 });
    // Every seventh row now has an outcome; 97 rows are new.
    const later = file(1300, (i) => (i % 7 === 0 ? 'niet_verschenen' : 'geboekt'));
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), later))).toEqual({ rows: 1300, imported: 97, updated: 172, unchanged: 1031, rejected: 0 });
    expect(stored(ctx.db, 'G-1197')).toMatchObject({ status: 'no_show', source: 'import' });
    expect(stored(ctx.db, 'G-1198')).toMatchObject({ status: 'booked' });
    expect(stored(ctx.db, 'G-1296')).toMatchObject({ status: 'booked' });
  });

  it('keeps an exact repeat in a later batch unchanged, and a second import across batches changes nothing', async () => {
    const ctx = createTestContext();
    const lines = [HEADER];
    for (let i = 0; i < 7; i++) lines.push(row({ ref: `B-${i}`, status: i % 2 ? 'niet_verschenen' : 'verschenen', email: i === 3 ? 'b3@example.nl' : '' }));
    // B-0 again in the fourth batch, exactly as in the first.
    lines.push(row({ ref: 'B-0', status: 'verschenen' }));
    const file = lines.join('\n');
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), file, { batchSize: 2 }))).toEqual({ rows: 8, imported: 7, updated: 0, unchanged: 1, rejected: 0 });
    const before = allAppointments(ctx.db);
    ctx.clock.advanceDays(1);
    expect(counts(await importAppointmentCsv(ctx.db, deps(ctx), file, { batchSize: 3 }))).toEqual({ rows: 8, imported: 0, updated: 0, unchanged: 8, rejected: 0 });
    expect(allAppointments(ctx.db)).toEqual(before);
    expect(stored(ctx.db, 'B-3')!.address_hash).toBe(addressHash(ctx.addressHashKey, 'b3@example.nl'));
  });
});

describe('a file of only bad rows', () => {
  it(`keeps the first ${MAX_KEPT_ERRORS} problems and counts them all`, async () => {
    const ctx = createTestContext();
    const lines = [HEADER];
    for (let i = 0; i <= MAX_KEPT_ERRORS; i++) lines.push(row({ ref: `E-${i}`, status: 'later' }));
    const result = await importAppointmentCsv(ctx.db, deps(ctx), lines.join('\n'));
    expect(counts(result)).toEqual({ rows: MAX_KEPT_ERRORS + 1, imported: 0, updated: 0, unchanged: 0, rejected: MAX_KEPT_ERRORS + 1 });
    expect(result.errors).toHaveLength(MAX_KEPT_ERRORS);
    expect(result.errorCount).toBe(MAX_KEPT_ERRORS + 1);
    expect(result.errors[0]).toEqual({ row: 2, column: 'status', message: m.unknownStatus('later') });
  });
});

describe('product mappings', () => {
  it('maps a product to a journey and touchpoint, replaces it, and refuses unknown slugs', () => {
    const ctx = createTestContext();
    const mapped = mapProduct(ctx.db, { product: ' paspoort ', journey: 'paspoort-aanvragen', touchpoint: 'balie' });
    expect(mapped).toMatchObject({ product: 'paspoort', journey: { slug: 'paspoort-aanvragen' }, touchpoint: { slug: 'balie' } });
    mapProduct(ctx.db, { product: 'paspoort', journey: 'paspoort-aanvragen' });
    expect(listProductMappings(ctx.db)).toEqual([
      { product: 'paspoort', journeySlug: 'paspoort-aanvragen', journeyName: 'Paspoort of ID-kaart aanvragen', touchpointSlug: null, touchpointName: null },
    ]);
    expect(() => mapProduct(ctx.db, { product: 'x', journey: 'bestaat-niet' })).toThrow(ProductMappingError);
    expect(() => mapProduct(ctx.db, { product: 'x', journey: 'paspoort-aanvragen', touchpoint: 'intakegesprek' })).toThrow(ProductMappingError);
    expect(() => mapProduct(ctx.db, { product: '  ', journey: 'paspoort-aanvragen' })).toThrow(ProductMappingError);
    expect(ctx.db.select().from(appointmentProducts).all()).toHaveLength(1);
  });
});

// ── The CLI, as an operator runs it: a separate process on a database file ──────────────────

let dir: string;
let databasePath: string;

const cli = (...args: string[]) => spawnCli(databasePath, args);

function withDb<T>(run: (db: Db) => T): T {
  loadConfig({ DATABASE_PATH: databasePath });
  const db = openDb(databasePath);
  try {
    return run(db);
  } finally {
    db.$client.close();
  }
}

/** A CSV file for the CLI, its dates moved onto the calendar of the CLI's own clock (the real one). */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, onTodaysCalendar(content, NOW));
  return path;
}

// Each CLI run is a process of its own (about a second, more on a busy machine).
describe('CLI: appointments import and map', { timeout: 90_000 }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meethuis-appointments-'));
    databasePath = join(dir, 'data', 'meethuis.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a good file (exit 0), and again with every row unchanged', async () => {
    const good = file('goed.csv', [HEADER, row({ ref: 'G-1' }), row({ ref: 'G-2', status: 'niet_verschenen' }), row({ ref: 'G-3', status: 'geannuleerd' })].join('\n'));
    const first = await cli('appointments', 'import', good);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 rows: 3 new, 0 updated, 0 unchanged, 0 rejected.');
    expect(first.stdout).not.toContain('Rejected');
    const again = await cli('appointments', 'import', good);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('3 rows: 0 new, 0 updated, 3 unchanged, 0 rejected.');
    withDb((db) => {
      const lines = db.select().from(auditLog).all().filter((line) => line.action === 'appointments.imported');
      expect(lines.map((line) => line.details)).toEqual([
        { rows: 3, imported: 3, updated: 0, unchanged: 0, rejected: 0 },
        { rows: 3, imported: 0, updated: 0, unchanged: 3, rejected: 0 },
      ]);
      expect(lines[0]).toMatchObject({ object: 'goed.csv', actor: 'cli', result: 'success' });
    });
  });

  it('exits 1 when some rows were rejected, importing the rest and listing each problem', async () => {
    const mixed = file('gemengd.csv', MIXED);
    const result = await cli('appointments', 'import', mixed);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('19 rows: 4 new, 0 updated, 1 unchanged, 14 rejected.');
    expect(result.stdout).toContain(`line 6, status: ${m.unknownStatus('misschien')}`);
    expect(result.stdout).toContain(`line 9: ${m.tooManyColumns(11, 10)}`);
    expect(result.stdout).toContain('The other rows were imported.');
    withDb((db) => expect(stored(db, 'A-17')).toBeDefined());
  });

  it('exits 2 for a file it cannot use, and for a missing file', async () => {
    const unusable = await cli('appointments', 'import', file('fout.csv', `${HEADER},opmerking\n${row({})},x\n`));
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toContain(m.unknownColumn('opmerking'));
    const missing = await cli('appointments', 'import', join(dir, 'bestaat-niet.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    expect((await cli('appointments', 'import')).code).toBe(2);
  });

  it('prints progress lines for a large file', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 2500; i++) lines.push(row({ ref: `L-${i}` }));
    const result = await cli('appointments', 'import', file('groot.csv', lines.join('\n')));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('1000 of 2500 valid rows imported (40%)');
    expect(result.stdout).toContain('2000 of 2500 valid rows imported (80%)');
    expect(result.stdout).toContain('2500 of 2500 valid rows imported (100%)');
    expect(result.stdout).toContain('2500 rows: 2500 new, 0 updated, 0 unchanged, 0 rejected.');
  });

  it('maps products (validated) and lists the mappings', async () => {
    const mapped = await cli('appointments', 'map', '--product', 'paspoort', '--journey', 'paspoort-aanvragen', '--touchpoint', 'balie');
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toContain('Product "paspoort" mapped to journey paspoort-aanvragen, touchpoint balie.');
    const unknownJourney = await cli('appointments', 'map', '--product', 'paspoort', '--journey', 'bestaat-niet');
    expect(unknownJourney.code).toBe(2);
    expect(unknownJourney.stderr).toContain('Er is geen klantreis "bestaat-niet".');
    const unknownTouchpoint = await cli('appointments', 'map', '--product', 'paspoort', '--journey', 'paspoort-aanvragen', '--touchpoint', 'nergens');
    expect(unknownTouchpoint.code).toBe(2);
    expect(unknownTouchpoint.stderr).toContain('geen (actieve) stap "nergens"');
    const list = await cli('appointments', 'map', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(['paspoort\tpaspoort-aanvragen\tbalie']);
    withDb((db) => {
      const lines = db.select().from(auditLog).all().filter((line) => line.action === 'appointments.product-mapped');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ object: 'paspoort', details: { journey: 'paspoort-aanvragen', touchpoint: 'balie' } });
    });
  });
});

// ── The admin pages ──────────────────────────────────────────────────────────────────────────

async function withAdmin() {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const admin = await createStaff(ctx.db, ctx.clock, 'admin');
  const { cookie } = await login(ctx.app, admin.email);
  return { ...ctx, admin, as: asStaff(ctx.app, cookie!) };
}

const upload = (content: string, name = 'afspraken.csv'): RequestInit => {
  const form = new FormData();
  form.set('bestand', new File([content], name, { type: 'text/csv' }));
  return { method: 'POST', body: form };
};

const countIn = (html: string, label: string) => new RegExp(`data-count="${label}">([\\d.]+)<`).exec(html)?.[1];
const errorRows = (html: string) => (html.split('data-hook="import-errors"')[1]?.split('</tbody>')[0] ?? '').split('<tr').slice(2);

describe('admin page /admin/appointments', () => {
  it('shows the upload form and the product mappings to an admin; a manager gets 403', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/admin/appointments');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<label class="utrecht-form-label" for="bestand">CSV-bestand</label>');
    expect(html).toContain('type="file" id="bestand" name="bestand"');
    expect(html).toContain('href="/admin/appointments" aria-current="page"');
    expect(html).toContain(t.noProducts);
    expect(html).not.toMatch(/<script(?! src="\/assets\/htmx\.js" defer)|\sstyle=/);
    // The admin menu links to it from every admin page.
    expect(await (await ctx.as('/admin/users')).text()).toContain('href="/admin/appointments"');

    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const manager = asStaff(ctx.app, cookie!);
    expect((await manager('/admin/appointments')).status).toBe(403);
    expect((await manager('/admin/appointments/import', upload(MIXED))).status).toBe(403);
    expect((await manager('/admin/appointments/products', { method: 'POST', body: new URLSearchParams({ product: 'paspoort', doel: 'paspoort-aanvragen' }) })).status).toBe(403);
    expect(allAppointments(ctx.db)).toHaveLength(0);
    expect((await ctx.app.request('/admin/appointments')).status).toBe(303);
  });

  it('imports an uploaded file and shows the counts and the rejected rows', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/admin/appointments/import', upload(MIXED, 'export-november.csv'));
    expect(response.status).toBe(200);
    const html = unescapeHtml(await response.text());
    expect(html).toContain(`<h1 class="utrecht-heading-1">${t.resultTitle}</h1>`);
    expect(html).toContain(t.resultFile('export-november.csv'));
    expect(countIn(html, t.counts.rows)).toBe('19');
    expect(countIn(html, t.counts.imported)).toBe('4');
    expect(countIn(html, t.counts.updated)).toBe('0');
    expect(countIn(html, t.counts.unchanged)).toBe('1');
    expect(countIn(html, t.counts.rejected)).toBe('14');
    const rows = errorRows(html);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toContain('>5</td>');
    expect(rows[0]).toContain('>referentie</td>');
    expect(rows[0]).toContain(m.missingReference);
    expect(rows[4]).toContain(`>${t.wholeRow}</td>`);
    expect(allAppointments(ctx.db)).toHaveLength(4);
    const line = ctx.db.select().from(auditLog).all().find((entry) => entry.action === 'appointments.imported')!;
    expect(line).toMatchObject({ object: 'export-november.csv', result: 'success', actor: 'admin@gemeente.test', details: { rows: 19, imported: 4, updated: 0, unchanged: 1, rejected: 14 } });

    // The same upload again changes nothing.
    const again = unescapeHtml(await (await ctx.as('/admin/appointments/import', upload(MIXED))).text());
    expect(countIn(again, t.counts.imported)).toBe('0');
    expect(countIn(again, t.counts.unchanged)).toBe('5');
  });

  it('shows the first 200 rejected rows and how many more there are', async () => {
    const ctx = await withAdmin();
    const lines = [HEADER];
    for (let i = 0; i < 250; i++) lines.push(row({ ref: `F-${i}`, status: 'onbekend' }));
    lines.push(row({ ref: 'F-goed' }));
    const html = unescapeHtml(await (await ctx.as('/admin/appointments/import', upload(lines.join('\n')))).text());
    expect(errorRows(html)).toHaveLength(200);
    expect(html).toContain(t.errorsCaption(200, 250));
    expect(html).toContain(t.moreErrors(50));
    expect(countIn(html, t.counts.imported)).toBe('1');
  });

  it('re-renders the form with an error for no file, an unusable file and a file that is too large', async () => {
    const ctx = await withAdmin();
    const none = await ctx.as('/admin/appointments/import', { method: 'POST', body: new FormData() });
    expect(none.status).toBe(422);
    const noneHtml = await none.text();
    expect(noneHtml).toContain(t.errorNoFile);
    expect(noneHtml).toContain('<title>Fout: ');
    expect(noneHtml).toContain('aria-invalid="true"');

    const unusable = await ctx.as('/admin/appointments/import', upload('referentie;product\nA;b\n'));
    expect(unusable.status).toBe(422);
    expect(unescapeHtml(await unusable.text())).toContain(t.errorUnusable(m.missingColumns(['locatie', 'kanaal', 'geboekt_op', 'start', 'status'])));
    expect(ctx.db.select().from(auditLog).all().find((entry) => entry.action === 'appointments.imported')).toMatchObject({ result: 'failure' });

    const tooLarge = await ctx.as('/admin/appointments/import', upload('x'.repeat(21 * 1024 * 1024)));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain(t.errorTooLarge(20));
    expect(allAppointments(ctx.db)).toHaveLength(0);
  });

  it('refuses a cross-site upload', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/admin/appointments/import', { ...upload(MIXED), headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(allAppointments(ctx.db)).toHaveLength(0);
  });

  it('with htmx, runs the import in the background and the status fragment polls until the result', async () => {
    const ctx = await withAdmin();
    const lines = [HEADER];
    for (let i = 0; i < 3000; i++) lines.push(row({ ref: `H-${i}` }));
    lines.push(row({ ref: 'H-fout', status: 'misschien' }));
    const started = await ctx.as('/admin/appointments/import', { ...upload(lines.join('\n')), headers: { 'HX-Request': 'true' } });
    expect(started.status).toBe(200);
    const fragment = await started.text();
    expect(fragment).not.toContain('<html');
    const id = /hx-get="\/admin\/appointments\/import\/([\w-]+)"/.exec(fragment)?.[1];
    expect(id).toBeDefined();
    expect(fragment).toContain('hx-trigger="every 1s"');
    expect(fragment).toContain('hx-swap="outerHTML"');

    // Without htmx the same URL is a full page (with a way to refresh while it runs).
    expect((await (await ctx.as(`/admin/appointments/import/${id}`)).text()).startsWith('<!DOCTYPE html>')).toBe(true);

    let status = '';
    for (let poll = 0; poll < 200; poll++) {
      status = unescapeHtml(await (await ctx.as(`/admin/appointments/import/${id}`, { headers: { 'HX-Request': 'true' } })).text());
      if (!status.includes('hx-trigger')) break;
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
    }
    expect(status).not.toContain('hx-trigger');
    expect(countIn(status, t.counts.imported)).toBe('3.000');
    expect(countIn(status, t.counts.rejected)).toBe('1');
    expect(status).toContain(m.unknownStatus('misschien'));
    expect(allAppointments(ctx.db)).toHaveLength(3000);
    expect(ctx.db.select().from(auditLog).all().filter((entry) => entry.action === 'appointments.imported')).toHaveLength(1);

    // Another admin does not see this import; an unknown id is 404.
    await createStaff(ctx.db, ctx.clock, 'admin', 'tweede@gemeente.test');
    const other = asStaff(ctx.app, (await login(ctx.app, 'tweede@gemeente.test')).cookie!);
    expect((await other(`/admin/appointments/import/${id}`, { headers: { 'HX-Request': 'true' } })).status).toBe(404);
    expect((await ctx.as('/admin/appointments/import/onbekend')).status).toBe(404);

    // An unusable file with htmx: the error in the status area (htmx 4 swaps 4xx answers).
    const bad = await ctx.as('/admin/appointments/import', { ...upload('a,b\n1,2\n'), headers: { 'HX-Request': 'true' } });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).not.toContain('<html');
    expect(badHtml).toContain('utrecht-alert--error');
  });

  it('maps a product seen in the appointments to a journey and touchpoint', async () => {
    const ctx = await withAdmin();
    await importAppointmentCsv(ctx.db, deps(ctx), [HEADER, row({ ref: 'M-1', product: 'paspoort' }), row({ ref: 'M-2', product: 'rijbewijs' })].join('\n'));
    const page = await (await ctx.as('/admin/appointments')).text();
    expect(page).toContain('<option value="paspoort">paspoort</option>');
    expect(page).toContain('<option value="paspoort-aanvragen/balie">');
    expect(page).toContain(t.notMapped);

    const saved = await ctx.as('/admin/appointments/products', { method: 'POST', body: new URLSearchParams({ product: 'paspoort', doel: 'paspoort-aanvragen/balie' }) });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe('/admin/appointments?melding=gekoppeld&product=paspoort#producten');
    const after = unescapeHtml(await (await ctx.as(saved.headers.get('Location')!)).text());
    expect(after).toContain(t.mapped('paspoort'));
    expect(after).toMatch(/scope="row">paspoort<\/th><td[^>]*>1<\/td><td[^>]*>Paspoort of ID-kaart aanvragen<\/td><td[^>]*>Aanvraag aan de balie<\/td>/);
    expect(listProductMappings(ctx.db)).toMatchObject([{ product: 'paspoort', journeySlug: 'paspoort-aanvragen', touchpointSlug: 'balie' }]);
    expect(ctx.db.select().from(auditLog).all().find((entry) => entry.action === 'appointments.product-mapped')).toMatchObject({
      object: 'paspoort',
      actor: 'admin@gemeente.test',
      details: { journey: 'paspoort-aanvragen', touchpoint: 'balie' },
    });

    // The whole journey, without a touchpoint.
    await ctx.as('/admin/appointments/products', { method: 'POST', body: new URLSearchParams({ product: 'rijbewijs', doel: 'verhuizing-doorgeven' }) });
    expect(listProductMappings(ctx.db).find((mapping) => mapping.product === 'rijbewijs')).toMatchObject({ journeySlug: 'verhuizing-doorgeven', touchpointSlug: null });

    // Wrong choices come back with the values kept and an error per field.
    const wrong = await ctx.as('/admin/appointments/products', { method: 'POST', body: new URLSearchParams({ product: 'onbekend', doel: 'paspoort-aanvragen/intakegesprek' }) });
    expect(wrong.status).toBe(422);
    const wrongHtml = unescapeHtml(await wrong.text());
    expect(wrongHtml).toContain(t.errorProduct);
    expect(wrongHtml).toContain(t.errorTarget);
    expect(wrongHtml).toContain('href="#product"');
    expect(listProductMappings(ctx.db)).toHaveLength(2);
  });
});

// The admin-page tests use the clock of the test context, which is NOW.
it('the test context clock is the moment the fixtures assume', () => {
  expect(createTestContext().clock.now()).toEqual(NOW);
});
