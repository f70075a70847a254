/**
 * A database migrated up to just before the migration whose SQL contains `marker`, for tests of
 * what that migration does to data in the old shape (they then run the real applyMigrations).
 * Found by its content, not its number: migrations are renumbered when branches merge.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect } from 'vitest';
import { type Db, migrationsFolder } from '../../src/db/client';
import * as schema from '../../src/db/schema';

export function migratedUpToBefore(marker: string): { sqlite: Database.Database; db: Db } {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => readFileSync(join(migrationsFolder, `${entry.tag}.sql`), 'utf8').includes(marker));
  expect(index, `a migration containing ${marker}`).toBeGreaterThan(0);
  const folder = mkdtempSync(join(tmpdir(), 'meethuis-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    for (const file of readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql'))) copyFileSync(join(migrationsFolder, file), join(folder, file));
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
    const sqlite = new Database(':memory:');
    const db = drizzle({ client: sqlite, schema }) as Db;
    sqlite.pragma('foreign_keys = OFF');
    migrate(db, { migrationsFolder: folder });
    sqlite.pragma('foreign_keys = ON');
    return { sqlite, db };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
