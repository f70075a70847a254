import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client';
import { inList } from '../../src/db/in-list';
import { and, eq } from 'drizzle-orm';
import { auditLog, outbox, settings } from '../../src/db/schema';

describe('inList', () => {
  const db = openDb(':memory:');
  const at = new Date('2026-01-05T10:00:00Z');
  for (const key of ['a', 'b', 'c']) db.insert(settings).values({ key, value: key, updatedAt: at }).run();
  const manyIds = db
    .insert(auditLog)
    .values(Array.from({ length: 200 }, (_, i) => ({ at, action: `action.${i}`, result: 'success' as const, actor: 'system' })))
    .returning({ id: auditLog.id })
    .all()
    .map((row) => row.id);
  const keys = (values: string[]) => db.select({ key: settings.key }).from(settings).where(inList(settings.key, values)).orderBy(settings.key).all().map((row) => row.key);

  it('matches exactly the given values, none for an empty list', () => {
    expect(keys(['c', 'a', 'x'])).toEqual(['a', 'c']);
    expect(keys([])).toEqual([]);
    expect(db.delete(auditLog).where(inList(auditLog.id, manyIds.slice(0, 3))).run().changes).toBe(3);
  });

  it('writes the same SQL for any number of values from two on, and takes more than SQLite binds', () => {
    const query = (values: number[]) => db.select({ id: auditLog.id }).from(auditLog).where(inList(auditLog.id, values));
    expect(query([1, 2]).toSQL().sql).toBe(query(manyIds).toSQL().sql);
    expect(query([manyIds[5]!]).all()).toEqual([{ id: manyIds[5] }]);
    const huge = Array.from({ length: 40_000 }, (_, i) => i + 1);
    expect(query(huge).all()).toHaveLength(db.select({ id: auditLog.id }).from(auditLog).all().length);
  });

  it('finds the mail of one invitation by its index, not by scanning every queued mail', () => {
    const query = db.update(outbox).set({ status: 'cancelled' }).where(and(inList(outbox.invitationId, [7]), eq(outbox.status, 'queued'))).toSQL();
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[]).map((row) => row.detail);
    expect(plan.join('\n')).toContain('USING INDEX outbox_invitation (invitation_id=?)');
  });
});
