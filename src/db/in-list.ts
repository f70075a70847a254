import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column IN (values)` with the values bound as one JSON text. Unlike `inArray` (a placeholder per
 * value) the SQL stays the same for any number of values, so the connection reuses its compiled
 * statement from batch to batch, and there is no limit on bound variables. One value is a plain
 * `column = ?`: SQLite cannot estimate what json_each yields, and beside another indexed condition
 * (`outbox.status = 'queued'`) it would pick that index and scan every queued mail per answer.
 */
export function inList<T extends string | number>(column: AnySQLiteColumn<{ data: T }>, values: readonly T[]): SQL {
  if (values.length === 1) return eq(column, values[0]!);
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
