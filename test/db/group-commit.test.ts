/**
 * Group commit (src/db/group-commit.ts) on a real database file, watched from a second connection
 * to the same file: what that connection sees is what a crash would leave. Requests posted at once
 * share commits; none is answered before its rows are committed; a failing request is rolled back
 * alone; a failing COMMIT takes its whole group; other transactions commit an open group first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atCommit, type CommitBatch, groupCommitCounts, runInGroupCommit } from '../../src/db/group-commit';
import { hashToken } from '../../src/tokens';
import { SURVEY_ANSWERS } from '../helpers/load';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

let dir: string;
let ctx: TestContext;
/** A second connection to the same file: sees only what is committed. */
let outside: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-group-commit-'));
  ctx = createTestContext({ DATABASE_PATH: join(dir, 'meethuis.db') });
  // Tables of the test's own, so the direct calls below depend on nothing but the group commit.
  ctx.db.$client.exec(`
    CREATE TABLE probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
    CREATE TABLE probe_child (id INTEGER PRIMARY KEY, probe_id INTEGER NOT NULL REFERENCES probe(id));
  `);
  outside = new Database(join(dir, 'meethuis.db'));
});

afterEach(() => {
  outside.close();
  ctx.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const seenOutside = (sqlText: string, ...params: unknown[]) => (outside.prepare(sqlText).get(...params) as { n: number }).n;
const probeOutside = (label: string) => seenOutside('SELECT count(*) AS n FROM probe WHERE label = ?', label);
const probeInside = (label: string) => (ctx.db.$client.prepare('SELECT count(*) AS n FROM probe WHERE label = ?').get(label) as { n: number }).n;
const insertProbe = (label: string) => Number(ctx.db.$client.prepare('INSERT INTO probe (label) VALUES (?)').run(label).lastInsertRowid);

/** Commits and requests since `before`. */
const since = (before: { requests: number; commits: number }) => {
  const now = groupCommitCounts(ctx.db.$client);
  return { requests: now.requests - before.requests, commits: now.commits - before.commits };
};

describe('events posted at once', () => {
  it('are all accepted, share fewer commits than requests, and each is committed before its answer', async () => {
    const before = groupCommitCounts(ctx.db.$client);
    const bodies = Array.from({ length: 24 }, () => caseClosedEvent());
    const seenAtAnswer = await Promise.all(
      bodies.map(async (body) => {
        const response = await ctx.postEvent(body);
        // Right when the answer arrives, the other connection must already see event, invitation and mails.
        const committed = seenOutside(
          `SELECT count(*) AS n FROM events e JOIN invitations i ON i.id = e.invitation_id JOIN outbox o ON o.invitation_id = i.id WHERE e.event_id = ?`,
          body.id,
        );
        return { status: response.status, outcome: ((await response.json()) as { status: string }).status, committed };
      }),
    );
    expect(seenAtAnswer.map((answer) => answer.status)).toEqual(bodies.map(() => 202));
    expect(seenAtAnswer.map((answer) => answer.outcome)).toEqual(bodies.map(() => 'accepted'));
    // The invitation mail and its reminder.
    expect(seenAtAnswer.map((answer) => answer.committed)).toEqual(bodies.map(() => 2));
    const counts = since(before);
    expect(counts.requests).toBe(24);
    expect(counts.commits).toBeGreaterThanOrEqual(1);
    expect(counts.commits).toBeLessThan(counts.requests);
  });

  it('answer a bad event 422 while the others of its group are accepted and kept', async () => {
    const before = groupCommitCounts(ctx.db.$client);
    const good = Array.from({ length: 6 }, () => caseClosedEvent());
    const bad = caseClosedEvent({ case: { reference: 'Z-ONBEKEND', caseType: 'bestaat-niet', openedAt: '2026-11-01T09:00:00Z' } });
    const responses = await Promise.all([...good.slice(0, 3), bad, ...good.slice(3)].map((body) => ctx.postEvent(body)));
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 422, 202, 202, 202]);
    for (const body of good) expect(seenOutside('SELECT count(*) AS n FROM events WHERE event_id = ?', body.id), body.id).toBe(1);
    expect(seenOutside('SELECT count(*) AS n FROM events WHERE event_id = ?', bad.id)).toBe(0);
    expect(since(before).commits).toBeLessThan(good.length);
  });
});

describe('runInGroupCommit', () => {
  it('shows nothing to another connection before its promise resolves, and everything after', async () => {
    const answer = runInGroupCommit(ctx.db.$client, () => insertProbe('early'));
    // Written on this connection, not yet committed.
    expect(probeInside('early')).toBe(1);
    expect(probeOutside('early')).toBe(0);
    const id = await answer;
    expect(probeOutside('early')).toBe(1);
    expect(outside.prepare('SELECT label FROM probe WHERE id = ?').get(id)).toEqual({ label: 'early' });
  });

  it('rolls a request whose work throws back alone: the rest of its group is committed and resolves', async () => {
    const before = groupCommitCounts(ctx.db.$client);
    const failure = new Error('work failed after writing');
    const requests = [
      runInGroupCommit(ctx.db.$client, () => insertProbe('first')),
      runInGroupCommit(ctx.db.$client, () => {
        insertProbe('failing');
        ctx.db.$client.prepare('INSERT INTO probe_child (probe_id) VALUES (?)').run(insertProbe('failing-parent'));
        throw failure;
      }),
      runInGroupCommit(ctx.db.$client, () => insertProbe('last')),
    ];
    // The failing request's rows are gone at once, the others' are still there (uncommitted).
    expect([probeInside('first'), probeInside('failing'), probeInside('failing-parent'), probeInside('last')]).toEqual([1, 0, 0, 1]);
    const settled = await Promise.allSettled(requests);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(failure);
    expect([probeOutside('first'), probeOutside('failing'), probeOutside('failing-parent'), probeOutside('last')]).toEqual([1, 0, 0, 1]);
    expect(seenOutside('SELECT count(*) AS n FROM probe_child')).toBe(0);
    expect(since(before)).toEqual({ requests: 2, commits: 1 });
  });

  it('rejects every request of a group whose COMMIT fails, keeps none of their rows, and works again afterwards', async () => {
    const before = groupCommitCounts(ctx.db.$client);
    const requests = [
      runInGroupCommit(ctx.db.$client, () => insertProbe('a')),
      runInGroupCommit(ctx.db.$client, () => {
        // Deferred: the savepoint is released, the violation is found only at the group's COMMIT.
        ctx.db.$client.pragma('defer_foreign_keys = ON');
        ctx.db.$client.prepare('INSERT INTO probe_child (probe_id) VALUES (?)').run(999_999);
        return 'b';
      }),
      runInGroupCommit(ctx.db.$client, () => insertProbe('c')),
    ];
    const settled = await Promise.allSettled(requests);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const result of settled) expect(String((result as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
    // Nothing of the group stays, on either connection, and no transaction is left open.
    expect(ctx.db.$client.inTransaction).toBe(false);
    expect([probeInside('a'), probeInside('c')]).toEqual([0, 0]);
    expect([probeOutside('a'), probeOutside('c')]).toEqual([0, 0]);
    expect(seenOutside('SELECT count(*) AS n FROM probe_child')).toBe(0);
    expect(since(before).commits).toBe(0);

    // The next request, and the next event through the app, are committed normally.
    await expect(runInGroupCommit(ctx.db.$client, () => insertProbe('after'))).resolves.toEqual(expect.any(Number));
    expect(probeOutside('after')).toBe(1);
    const event = caseClosedEvent();
    expect((await ctx.postEvent(event)).status).toBe(202);
    expect(seenOutside('SELECT count(*) AS n FROM events WHERE event_id = ?', event.id)).toBe(1);
    expect(since(before).commits).toBe(2);
  });

  it('rejects the whole group when SQLite itself rolls its transaction back (a full disk), and the next request starts a new group', async () => {
    // SQLITE_FULL in a statement makes SQLite roll back the whole transaction, not only the
    // request's savepoint: the requests already in the group lose their work with it.
    const pages = ctx.db.$client.pragma('page_count', { simple: true }) as number;
    const first = runInGroupCommit(ctx.db.$client, () => insertProbe('before-full'));
    ctx.db.$client.pragma(`max_page_count = ${pages}`);
    const filling = runInGroupCommit(ctx.db.$client, () => {
      for (let i = 0; i < 10_000; i++) insertProbe(`filler-${i}-${'x'.repeat(200)}`);
    });
    const settled = await Promise.allSettled([first, filling]);
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of settled) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_FULL' });
    expect(ctx.db.$client.inTransaction).toBe(false);
    expect(probeInside('before-full')).toBe(0);
    expect(seenOutside("SELECT count(*) AS n FROM probe WHERE label LIKE 'filler-%'")).toBe(0);

    ctx.db.$client.pragma('max_page_count = 1000000');
    await expect(runInGroupCommit(ctx.db.$client, () => insertProbe('after-full'))).resolves.toEqual(expect.any(Number));
    expect(probeOutside('after-full')).toBe(1);
  });

  it('is committed first by a plain db.transaction that other code runs while the group is open; that transaction commits on its own', async () => {
    const before = groupCommitCounts(ctx.db.$client);
    let grouped = false;
    const answer = runInGroupCommit(ctx.db.$client, () => insertProbe('grouped')).then(() => (grouped = true));
    // Other code in a later microtask of the same turn, before the group's setImmediate.
    await Promise.resolve();
    expect(probeOutside('grouped')).toBe(0);
    ctx.db.transaction((tx) => {
      // The group is already committed when this transaction begins.
      expect(probeOutside('grouped')).toBe(1);
      tx.run(sql`INSERT INTO probe (label) VALUES ('plain')`);
    });
    expect(ctx.db.$client.inTransaction).toBe(false);
    expect(probeOutside('plain')).toBe(1);
    await answer;
    expect(grouped).toBe(true);
    expect(since(before)).toEqual({ requests: 1, commits: 1 });
  });

  it('keeps a db.transaction inside a grouped request’s work in the group (a savepoint, not a commit of its own)', async () => {
    const answer = runInGroupCommit(ctx.db.$client, () => ctx.db.transaction((tx) => tx.run(sql`INSERT INTO probe (label) VALUES ('nested')`)));
    expect(ctx.db.$client.inTransaction).toBe(true);
    expect(probeOutside('nested')).toBe(0);
    await answer;
    expect(probeOutside('nested')).toBe(1);
  });
});

describe('atCommit', () => {
  /** A probe batch: records each write it is asked for, and sums its items into one probe row. */
  function summingBatch(failWith?: Error) {
    const writes: number[][] = [];
    const batch: CommitBatch<number> = {
      write(sqlite, items) {
        writes.push(items);
        if (failWith) throw failWith;
        sqlite.prepare('INSERT INTO probe (label) VALUES (?)').run(`sum-${items.reduce((total, item) => total + item, 0)}`);
      },
    };
    return { batch, writes };
  }

  it('writes what the requests of a group handed over once, together, in their COMMIT and not before', async () => {
    const { batch, writes } = summingBatch();
    const requests = [1, 2, 3].map((item) =>
      runInGroupCommit(ctx.db.$client, () => {
        insertProbe(`request-${item}`);
        atCommit(ctx.db.$client, batch, item);
      }),
    );
    expect(writes).toEqual([]);
    expect(probeInside('sum-6')).toBe(0);
    await Promise.all(requests);
    expect(writes).toEqual([[1, 2, 3]]);
    expect([probeOutside('request-1'), probeOutside('request-3'), probeOutside('sum-6')]).toEqual([1, 1, 1]);
  });

  it('drops what a request handed over when its work throws, and what a savepoint handed over when it rolls back', async () => {
    const { batch, writes } = summingBatch();
    const requests = [
      runInGroupCommit(ctx.db.$client, () => atCommit(ctx.db.$client, batch, 1)),
      runInGroupCommit(ctx.db.$client, () => {
        atCommit(ctx.db.$client, batch, 10);
        throw new Error('work failed after handing over');
      }),
      runInGroupCommit(ctx.db.$client, () => {
        try {
          ctx.db.transaction(() => {
            atCommit(ctx.db.$client, batch, 100);
            throw new Error('inner step failed');
          });
        } catch {
          // The request goes on without the inner step, as code that catches does.
        }
        atCommit(ctx.db.$client, batch, 1000);
      }),
    ];
    const settled = await Promise.allSettled(requests);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[1, 1000]]);
    expect(probeOutside('sum-1001')).toBe(1);
  });

  it('writes at once, alone, outside grouped work', () => {
    const { batch, writes } = summingBatch();
    ctx.db.transaction(() => atCommit(ctx.db.$client, batch, 5));
    atCommit(ctx.db.$client, batch, 7);
    expect(writes).toEqual([[5], [7]]);
    expect([probeOutside('sum-5'), probeOutside('sum-7')]).toEqual([1, 1]);
  });

  it('rejects the whole group and keeps none of it when the batch cannot be written', async () => {
    const failure = new Error('roll-up write failed');
    const { batch } = summingBatch(failure);
    const requests = ['a', 'b'].map((label) =>
      runInGroupCommit(ctx.db.$client, () => {
        insertProbe(label);
        atCommit(ctx.db.$client, batch, 1);
      }),
    );
    const settled = await Promise.allSettled(requests);
    expect(settled.map((result) => (result as PromiseRejectedResult).reason)).toEqual([failure, failure]);
    expect(ctx.db.$client.inTransaction).toBe(false);
    expect([probeInside('a'), probeInside('b'), probeOutside('a')]).toEqual([0, 0, 0]);
    await expect(runInGroupCommit(ctx.db.$client, () => insertProbe('after'))).resolves.toEqual(expect.any(Number));
    expect(probeOutside('after')).toBe(1);
  });
});

describe('survey submissions posted at once', () => {
  /** Open invitations through the event API; the links are read from the invitation mails in the outbox. */
  async function openSurveys(count: number): Promise<string[]> {
    const responses = await Promise.all(Array.from({ length: count }, () => ctx.postEvent(caseClosedEvent())));
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { invitationId: number }).invitationId));
    return ids.map((id) => {
      return surveyPathOf(ctx.db, id);
    });
  }

  const submit = (path: string, answers: Record<string, string> = SURVEY_ANSWERS) => ctx.app.request(path, { method: 'POST', body: new URLSearchParams(answers) });
  const storedOutside = (path: string) =>
    outside
      .prepare(
        `SELECT r.grade, r.effort, count(a.id) AS answers FROM invitations i JOIN responses r ON r.invitation_id = i.id LEFT JOIN answers a ON a.response_id = r.id
         WHERE i.token_hash = ? AND i.status = 'answered' GROUP BY r.id`,
      )
      .all(hashToken(path.split('/').pop()!));

  it('are each stored once with all answers, committed before the answer, sharing commits', async () => {
    const paths = await openSurveys(12);
    const before = groupCommitCounts(ctx.db.$client);
    const results = await Promise.all(
      paths.map(async (path) => {
        const response = await submit(path);
        return { status: response.status, stored: storedOutside(path) };
      }),
    );
    expect(results.map((result) => result.status)).toEqual(paths.map(() => 200));
    for (const result of results) expect(result.stored).toEqual([{ grade: 7, effort: 5, answers: 3 }]);
    expect(seenOutside('SELECT count(*) AS n FROM responses')).toBe(12);
    const counts = since(before);
    expect(counts.requests).toBe(12);
    expect(counts.commits).toBeLessThan(counts.requests);
  });

  it('store a valid submission and nothing of an invalid one (422) posted together', async () => {
    const [valid, invalid] = await openSurveys(2);
    const [ok, rejected] = await Promise.all([submit(valid!), submit(invalid!, { ...SURVEY_ANSWERS, grade: '11' })]);
    expect([ok.status, rejected.status]).toEqual([200, 422]);
    expect(storedOutside(valid!)).toEqual([{ grade: 7, effort: 5, answers: 3 }]);
    expect(storedOutside(invalid!)).toEqual([]);
    expect(seenOutside(`SELECT count(*) AS n FROM invitations WHERE token_hash = ? AND status = 'answered'`, hashToken(invalid!.split('/').pop()!))).toBe(0);
    // The invalid one can still be answered.
    expect((await submit(invalid!)).status).toBe(200);
    expect(storedOutside(invalid!)).toEqual([{ grade: 7, effort: 5, answers: 3 }]);
  });
});
