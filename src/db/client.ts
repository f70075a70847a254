import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { commitGroup, undoingDeferredOnThrow } from './group-commit';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle `db.transaction((tx) => …)` passes in. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What a query that may run inside a caller's transaction takes: the database or that transaction. */
export type Store = Db | Tx;

// Resolved from this file, not from the working directory, so the CLI and tests find it anywhere.
export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Opens (creating if needed) the database, sets pragmas and applies pending migrations. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a 202 to a source system or a 200 to a citizen must survive power loss too.
  sqlite.pragma('synchronous = FULL');
  const db = drizzle({ client: reusingStatements(sqlite), schema }) as Db;
  db.$client = sqlite;
  immediateTransactions(db);
  applyMigrations(db);
  return db;
}

/**
 * drizzle prepares every query anew, and SQLite compiling it costs more than running most of our
 * queries: about a fifth of the CPU of a survey submission or an event (BENCHMARKS.md). So the
 * connection drizzle uses hands out a compiled statement again for the same SQL text. Only
 * drizzle's: it never keeps a statement between queries and asks for raw rows itself whenever it
 * wants them (so raw mode is reset here); a statement busy in an iteration is never shared. Code
 * that uses `$client` directly (with pluck, raw, its own statements) gets the plain connection.
 */
function reusingStatements(sqlite: Database.Database, max = 500): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = sqlite.prepare(source);
    if (!cached) {
      if (statements.size >= max) statements.delete(statements.keys().next().value!);
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Transactions take the write lock at BEGIN (IMMEDIATE) unless a caller asks otherwise. A deferred
 * transaction that reads and then writes cannot wait for another process's write lock (a CLI import,
 * a backup restore): SQLite fails it at once with SQLITE_BUSY instead of honouring busy_timeout,
 * because its snapshot could be stale. Within the server's single connection nothing changes.
 * A group commit still open (src/db/group-commit.ts) is committed first, so this transaction is
 * its own; inside a grouped request's work it becomes that request's savepoint.
 *
 * The work gets the database itself as its transaction handle, run in better-sqlite3's own
 * transaction (a savepoint when nested): the same connection, so the same transaction. drizzle's
 * handle builds a query builder for every table on each call, about 20 µs of a request's CPU on
 * the hot paths (BENCHMARKS.md, issue 22); `tx.rollback()`, its only extra, is not used: throwing
 * rolls back.
 */
function immediateTransactions(db: Db): void {
  const sqlite = db.$client;
  db.transaction = ((run, config) => {
    commitGroup(sqlite);
    const transaction = sqlite.transaction(() => run(db as unknown as Tx));
    return undoingDeferredOnThrow(sqlite, transaction[config?.behavior ?? 'immediate']);
  }) as Db['transaction'];
}

/**
 * The migrator runs inside one transaction, where SQLite ignores `PRAGMA foreign_keys=OFF`;
 * table rebuilds would then cascade-delete child rows. So keys go off before, and are checked after.
 */
export function applyMigrations(db: Db): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new Error(`Migration left ${violations.length} foreign key violation(s); refusing to start.`);
  }
  sqlite.pragma('foreign_keys = ON');
}
