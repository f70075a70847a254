/**
 * The CSV appointment import (src/noshows/csv-import.ts) of a generated file, in rows/s, against
 * a bare baseline in the same run: csv-parse and one prepared INSERT per row in one transaction,
 * on a database opened with the same pragmas. Our path reads, validates every row (plain checks,
 * zod for a row they do not accept), looks the references up and upserts each row in batched
 * transactions; the phases are timed apart for the notes.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDb } from '../src/db/client';
import { importValidRows, readAppointmentFile, validateAppointmentFile } from '../src/noshows/csv-import';
import { mb, scaled, type Result } from './harness';

const ROWS = scaled(100_000, 2_000);
const TARGET_ROWS_PER_SECOND = 20_000;

const statuses = ['verschenen', 'niet_verschenen', 'geannuleerd', 'geboekt'];
const products = ['paspoort', 'rijbewijs', 'id-kaart', 'verhuizing', 'huwelijk'];
const locations = ['Stadskantoor', 'Wijkbureau Noord', 'Wijkbureau Zuid', ''];
const channels = ['web', 'telefoon', 'balie'];
const wijken = ['Centrum', 'Woensel', 'Strijp', 'Gestel', ''];
const pad = (n: number) => String(n).padStart(2, '0');

/** A file as a booking system exports it: Dutch dates, some reminders, addresses and segments. */
export function generateAppointmentCsv(rows: number, run = 'b'): string {
  const lines = ['referentie;product;locatie;kanaal;geboekt_op;start;status;herinnering_verstuurd_op;email;segment_wijk'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 9);
    const hour = 8 + (i % 9);
    const start = `${pad(day)}-${pad(month + 1)}-2025 ${pad(hour)}:${pad((i * 15) % 60)}`;
    const booked = `${pad(day)}-${pad(month)}-2025 10:00`;
    const reminder = i % 2 === 0 ? `${pad(day)}-${pad(month + 1)}-2025` : '';
    const email = i % 4 === 0 ? `burger-${run}-${i}@example.nl` : '';
    lines.push(
      [`${run}-${i}`, products[i % 5], locations[i % 4], channels[i % 3], booked, start, statuses[i % 4], reminder, email, wijken[i % 5]].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export async function csvImportBenchmark(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const csv = Buffer.from(generateAppointmentCsv(ROWS));
  const deps = { addressHashKey: 'bench-key-bench-key-bench-key-bench', now: new Date() };

  // Bare: csv-parse and one prepared INSERT per row, one transaction, the same pragmas (openDb).
  const bareDb = openDb(join(dir, 'csv-bare.db'));
  const bare = bareDb.$client;
  bare.exec('CREATE TABLE bare_appointments (reference TEXT NOT NULL UNIQUE, product TEXT, location TEXT, channel TEXT, booked_at TEXT, starts_at TEXT, status TEXT, reminder_sent_at TEXT, email TEXT, wijk TEXT)');
  const insert = bare.prepare('INSERT INTO bare_appointments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let start = process.hrtime.bigint();
  const records = parse(csv, { delimiter: ';', from_line: 2 }) as string[][];
  bare.transaction(() => {
    for (const record of records) insert.run(record);
  })();
  const bareSeconds = seconds(start);
  bare.close();

  const db = openDb(join(dir, 'csv-import.db'));
  start = process.hrtime.bigint();
  const file = readAppointmentFile(csv);
  const readSeconds = seconds(start);
  start = process.hrtime.bigint();
  const validation = await validateAppointmentFile(file, deps.now);
  const validateSeconds = seconds(start);
  start = process.hrtime.bigint();
  const counts = await importValidRows(db, deps, validation.valid);
  const storeSeconds = seconds(start);
  if (counts.imported !== ROWS) throw new Error(`csv import: ${counts.imported} of ${ROWS} rows imported`);
  start = process.hrtime.bigint();
  const again = await importValidRows(db, deps, (await validateAppointmentFile(readAppointmentFile(csv), deps.now)).valid);
  const againSeconds = seconds(start);
  if (again.unchanged !== ROWS) throw new Error(`csv import again: ${again.unchanged} of ${ROWS} rows unchanged`);
  const memory = process.memoryUsage();
  db.$client.close();

  const ours = ROWS / (readSeconds + validateSeconds + storeSeconds);
  const baseline = ROWS / bareSeconds;
  const rate = (value: number) => Math.round(value).toLocaleString('en');
  return {
    results: [
      {
        name: `CSV appointment import, ${rate(ROWS)} new rows (read, validate, store)`,
        ours,
        baseline,
        baselineName: 'csv-parse and one prepared INSERT per row in one transaction, the same pragmas',
        unit: 'rows/s',
        higherIsBetter: true,
        target: `≥ ${rate(TARGET_ROWS_PER_SECOND)} rows/s`,
        met: ours >= TARGET_ROWS_PER_SECOND,
        gap: ours >= TARGET_ROWS_PER_SECOND ? undefined : `${rate(ours)} rows/s; see the phases in the notes`,
        memory: `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
      },
    ],
    notes: [
      `CSV import of ${rate(ROWS)} rows: reading ${(readSeconds * 1e3).toFixed(0)} ms, validating ${(validateSeconds * 1e3).toFixed(0)} ms, storing ${(storeSeconds * 1e3).toFixed(0)} ms; ` +
        `the same file again (every row unchanged) ${rate(ROWS / againSeconds)} rows/s.`,
    ],
  };
}
