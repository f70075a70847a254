import type Database from 'better-sqlite3';

/**
 * Group commit for the write paths that answer outside systems and citizens (event ingest, survey
 * submission). With synchronous=FULL every COMMIT waits for an fsync; one per request caps a
 * burst at the disk's fsync rate. Here the first request opens one transaction, every request
 * that runs before the event loop's next check phase joins it in a savepoint of its own, and one
 * COMMIT (one fsync) at setImmediate makes them all durable. Requests that arrive while that
 * COMMIT blocks the loop are read together afterwards and share the next one.
 *
 * Promises kept:
 * - a request's promise resolves only after the COMMIT that holds its writes returned, so nothing
 *   is answered before it is durable; if the COMMIT fails, every request in it is rejected;
 * - a request whose work throws is rolled back to its savepoint alone and rejected at once; the
 *   others in the group are untouched;
 * - any other transaction (db.transaction, see src/db/client.ts) first commits an open group, so
 *   code outside the hot paths keeps its own commit and its own durability.
 * Work that only adds to totals (the dashboard roll-ups) is handed to the COMMIT with `atCommit`:
 * the group's requests are summed in memory and written once, in the same transaction just before
 * the COMMIT; what a request handed over is dropped when its savepoint rolls back.
 * Other code on the same connection may read a group's rows in the moment before its COMMIT
 * (the same process, the same event-loop turn), never after a failed one. A single statement
 * written outside any transaction while a group is open (an API key's last use, a consent text's
 * hash) joins the group and is durable with it, in the same turn.
 */
interface Group {
  statements: { begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement };
  open: boolean;
  /** True while a request's work runs: transactions inside it become savepoints, not commits. */
  collecting: boolean;
  waiting: { resolve: () => void; reject: (error: unknown) => void }[];
  /** What the group's requests handed to the COMMIT, in order. */
  deferred: { batch: CommitBatch<unknown>; item: unknown }[];
  requests: number;
  commits: number;
}

const groups = new WeakMap<Database.Database, Group>();

function groupOf(sqlite: Database.Database): Group {
  let group = groups.get(sqlite);
  if (!group) {
    const statements = { begin: sqlite.prepare('BEGIN IMMEDIATE'), commit: sqlite.prepare('COMMIT'), rollback: sqlite.prepare('ROLLBACK') };
    groups.set(sqlite, (group = { statements, open: false, collecting: false, waiting: [], deferred: [], requests: 0, commits: 0 }));
  }
  return group;
}

/**
 * Runs `work` (synchronous, on this connection) in the current group's transaction, in a
 * savepoint of its own; resolves with its result once the group's COMMIT is durable.
 */
export function runInGroupCommit<T>(sqlite: Database.Database, work: () => T): Promise<T> {
  const group = groupOf(sqlite);
  if (group.open && !sqlite.inTransaction) failGroup(group, new Error('The group commit transaction was rolled back.'));
  if (!group.open) {
    // Inside a caller's own synchronous transaction: that transaction's commit decides.
    try {
      if (sqlite.inTransaction) return Promise.resolve(sqlite.transaction(work)());
      group.statements.begin.run();
    } catch (error) {
      return Promise.reject(error);
    }
    group.open = true;
    setImmediate(() => commitGroup(sqlite));
  }
  let result: T;
  // Restored, not cleared: grouped work may itself run grouped work.
  const collecting = group.collecting;
  group.collecting = true;
  try {
    result = undoingDeferredOnThrow(sqlite, sqlite.transaction(work));
  } catch (error) {
    // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction: the
    // work of every request already in the group went with it.
    if (!sqlite.inTransaction) failGroup(group, error);
    return Promise.reject(error);
  } finally {
    group.collecting = collecting;
  }
  return new Promise<T>((resolve, reject) => group.waiting.push({ resolve: () => resolve(result), reject }));
}

/**
 * Commits the open group now, if there is one and no request's work is running (then the caller
 * is inside that work and its transaction is a savepoint of the group).
 */
export function commitGroup(sqlite: Database.Database): void {
  const group = groups.get(sqlite);
  if (!group?.open || group.collecting) return;
  if (!sqlite.inTransaction) return failGroup(group, new Error('The group commit transaction was rolled back.'));
  const waiting = group.waiting;
  const deferred = group.deferred;
  group.waiting = [];
  group.deferred = [];
  group.open = false;
  try {
    writeDeferred(sqlite, deferred);
    group.statements.commit.run();
    group.commits += 1;
    group.requests += waiting.length;
  } catch (error) {
    // A failed COMMIT can leave the transaction open; nothing of it may stay.
    if (sqlite.inTransaction) group.statements.rollback.run();
    for (const request of waiting) request.reject(error);
    return;
  }
  for (const request of waiting) request.resolve();
}

/** Every request waiting in the group gets `error`; the group is closed (its transaction is gone). */
function failGroup(group: Group, error: unknown): void {
  const waiting = group.waiting;
  group.waiting = [];
  group.deferred = [];
  group.open = false;
  for (const request of waiting) request.reject(error);
}

/** Rows that many requests add to together: written once for all the items a group collected. */
export interface CommitBatch<T> {
  write(sqlite: Database.Database, items: T[]): void;
}

/**
 * Hands `item` to the open group's COMMIT when called from grouped work, where `batch` writes it
 * together with the other requests' items; anywhere else `batch` writes it at once.
 */
export function atCommit<T>(sqlite: Database.Database, batch: CommitBatch<T>, item: T): void {
  const group = groups.get(sqlite);
  if (group?.collecting) group.deferred.push({ batch: batch as CommitBatch<unknown>, item });
  else batch.write(sqlite, [item]);
}

/**
 * Runs `run` (a transaction or savepoint on this connection); if it throws, what it handed to
 * the COMMIT goes with its rolled-back rows. db.transaction (src/db/client.ts) runs through here.
 */
export function undoingDeferredOnThrow<T>(sqlite: Database.Database, run: () => T): T {
  const group = groups.get(sqlite);
  const mark = group?.deferred.length ?? 0;
  try {
    return run();
  } catch (error) {
    if (group?.collecting) group.deferred.length = mark;
    throw error;
  }
}

function writeDeferred(sqlite: Database.Database, deferred: Group['deferred']): void {
  const byBatch = new Map<CommitBatch<unknown>, unknown[]>();
  for (const { batch, item } of deferred) {
    const items = byBatch.get(batch);
    if (items) items.push(item);
    else byBatch.set(batch, [item]);
  }
  for (const [batch, items] of byBatch) batch.write(sqlite, items);
}

/** Requests committed and the commits they took, since the connection opened (for benchmarks and tests). */
export function groupCommitCounts(sqlite: Database.Database): { requests: number; commits: number } {
  const { requests, commits } = groupOf(sqlite);
  return { requests, commits };
}
