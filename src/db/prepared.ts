import { getTableColumns, Param, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { Store } from './client';

/**
 * Drizzle builds a query's SQL anew on every call, which costs more than SQLite running it for the
 * small queries of the hot paths (event ingest, survey submission; BENCHMARKS.md). Queries made
 * with `.prepare()` and `sql.placeholder` are built once: this keeps them per connection, built on
 * first use from whatever the caller holds (the database or a transaction: both run on the same
 * connection, so a query prepared from one serves the other).
 *
 * Inserts prepared this way must name every column they set: drizzle fills defaults once, when
 * the query is built.
 */
export function preparedPerConnection<T>(build: (store: Store) => T): (store: Store) => T {
  const byConnection = new WeakMap<object, T>();
  return (store) => {
    // A transaction shares its database's session; the session is per connection.
    const session = (store as unknown as { session: object }).session;
    let prepared = byConnection.get(session);
    if (!prepared) byConnection.set(session, (prepared = build(store)));
    return prepared;
  };
}

/**
 * The same for statements written in SQL on the connection itself (`db.$client`): prepared once
 * per connection, on first use, instead of compiled on every call.
 */
export function statementsPerConnection<T>(build: (sqlite: Database.Database) => T): (sqlite: Database.Database) => T {
  const byConnection = new WeakMap<Database.Database, T>();
  return (sqlite) => {
    let prepared = byConnection.get(sqlite);
    if (!prepared) byConnection.set(sqlite, (prepared = build(sqlite)));
    return prepared;
  };
}

/**
 * `{ column: placeholder }` for the named columns of `table`: the values of a prepared insert.
 * Each value given at run time goes through its column's mapping (Date to epoch ms, JSON to text),
 * and null stays null (drizzle's own placeholder binding would pass null to the mapping).
 */
export function placeholdersFor<T extends SQLiteTable, const K extends keyof T['_']['columns'] & string>(table: T, columns: readonly K[]): Record<K, SQL> {
  const byName = getTableColumns(table);
  return Object.fromEntries(
    columns.map((name) => {
      const column = byName[name]!;
      const encoder = { mapToDriverValue: (value: unknown) => (value === null ? null : column.mapToDriverValue(value)) };
      return [name, sql`${new Param(sql.placeholder(name), encoder)}`];
    }),
  ) as Record<K, SQL>;
}
