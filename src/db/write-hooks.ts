/*
 * How a per-connection cache learns that what it holds changed. Two ways together cover every
 * write: temporary triggers on this connection call back into JavaScript on every inserted,
 * updated or deleted row (whichever code path writes: domain code, imports, demo data, plain SQL),
 * and `PRAGMA data_version` tells when another connection (a CLI import in another process)
 * committed, which no trigger here sees.
 */
import type Database from 'better-sqlite3';

/** Called once per written row; with a day column, with that row's day (an update calls for the old day and the new). */
type WriteListener = (day: string) => void;

const hooks = new WeakMap<Database.Database, Map<string, Set<WriteListener>>>();

/** One SQL function and its triggers per table (and day column) per connection, however many listeners. */
function listenersOf(sqlite: Database.Database, table: string, dayColumn: string | undefined): Set<WriteListener> {
  let perConnection = hooks.get(sqlite);
  if (!perConnection) hooks.set(sqlite, (perConnection = new Map()));
  const name = `meethuis_${table}${dayColumn ? `_${dayColumn}` : ''}_written`;
  const existing = perConnection.get(name);
  if (existing) return existing;
  const listeners = new Set<WriteListener>();
  perConnection.set(name, listeners);
  sqlite.function(name, (day: unknown) => {
    for (const notify of listeners) notify(String(day));
    return null;
  });
  const call = (row: 'OLD' | 'NEW') => `SELECT ${name}(${dayColumn ? `${row}.${dayColumn}` : 'NULL'});`;
  sqlite.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_insert AFTER INSERT ON main.${table} BEGIN ${call('NEW')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_update AFTER UPDATE ON main.${table} BEGIN ${dayColumn ? `${call('OLD')} ` : ''}${call('NEW')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_delete AFTER DELETE ON main.${table} BEGIN ${call('OLD')} END;
  `);
  return listeners;
}

/**
 * Calls `listener` for every row inserted, updated or deleted in these tables on this connection
 * (with the row's `dayColumn` when given); returns the way to stop. Table and column names are
 * the code's own, never input.
 */
export function onTableWrites(sqlite: Database.Database, tables: readonly string[], listener: () => void): () => void;
export function onTableWrites(sqlite: Database.Database, tables: readonly string[], listener: (day: string) => void, dayColumn: string): () => void;
export function onTableWrites(sqlite: Database.Database, tables: readonly string[], listener: WriteListener, dayColumn?: string): () => void {
  const sets = tables.map((table) => listenersOf(sqlite, table, dayColumn));
  for (const listeners of sets) listeners.add(listener);
  return () => {
    for (const listeners of sets) listeners.delete(listener);
  };
}

/** A check that says whether another connection committed since the check last looked (each watcher keeps its own mark). */
export function watchOtherConnections(sqlite: Database.Database): () => boolean {
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get() as number;
  return () => {
    const version = dataVersion.get() as number;
    if (version === seen) return false;
    seen = version;
    return true;
  };
}
