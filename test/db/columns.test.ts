import { getTableConfig, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { foreignId, id } from '../../src/db/schema/columns';

describe('shared column builders', () => {
  const parents = sqliteTable('parents', { id: id(), name: text('name') });
  const children = sqliteTable('children', {
    id: id(),
    parentId: foreignId('parent_id', () => parents.id, { onDelete: 'cascade' }),
    otherParentId: foreignId('other_parent_id', () => parents.id).unique(),
  });
  const config = getTableConfig(children);
  const column = (name: string) => config.columns.find((c) => c.name === name)!;

  it('id is an autoincrementing integer primary key', () => {
    expect(column('id').primary).toBe(true);
    expect(column('id').getSQLType()).toBe('integer');
    expect((column('id') as unknown as { autoIncrement: boolean }).autoIncrement).toBe(true);
  });

  it('foreignId is a required integer referencing the target, with the given actions', () => {
    expect(column('parent_id').notNull).toBe(true);
    expect(column('other_parent_id').isUnique).toBe(true);
    const keys = config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return { from: ref.columns.map((c) => c.name), to: ref.foreignColumns.map((c) => c.name), onDelete: fk.onDelete };
    });
    expect(keys).toEqual([
      { from: ['parent_id'], to: ['id'], onDelete: 'cascade' },
      { from: ['other_parent_id'], to: ['id'], onDelete: undefined },
    ]);
  });
});
