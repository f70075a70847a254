import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { onTableWrites, watchOtherConnections } from '../../src/db/write-hooks';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): { path: string; sqlite: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'meethuis-write-hooks-'));
  dirs.push(dir);
  const path = join(dir, 'test.db');
  const sqlite = new Database(path);
  sqlite.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, day TEXT NOT NULL); CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
  return { path, sqlite };
}

describe('write hooks', () => {
  it('calls back with the day of every inserted, updated (old and new) and deleted row, until stopped', () => {
    const { sqlite } = database();
    const days: string[] = [];
    const other: string[] = [];
    const stop = onTableWrites(sqlite, ['visits'], (day) => days.push(day), 'day');
    onTableWrites(sqlite, ['visits'], (day) => other.push(day), 'day');
    sqlite.prepare("INSERT INTO visits (id, day) VALUES (1, '2026-11-16'), (2, '2026-11-17')").run();
    sqlite.prepare("UPDATE visits SET day = '2026-11-20' WHERE id = 1").run();
    sqlite.prepare('DELETE FROM visits WHERE id = 2').run();
    expect(days).toEqual(['2026-11-16', '2026-11-17', '2026-11-16', '2026-11-20', '2026-11-17']);
    stop();
    sqlite.prepare("INSERT INTO visits (id, day) VALUES (3, '2026-11-18')").run();
    expect(days).toHaveLength(5);
    expect(other).toEqual([...days, '2026-11-18']);
    sqlite.close();
  });

  it('without a day column, calls back once per written row of any of the tables', () => {
    const { sqlite } = database();
    let writes = 0;
    onTableWrites(sqlite, ['visits', 'notes'], () => writes++);
    sqlite.prepare("INSERT INTO notes (text) VALUES ('a'), ('b')").run();
    sqlite.prepare("UPDATE notes SET text = 'c'").run();
    sqlite.prepare("INSERT INTO visits (day) VALUES ('2026-11-16')").run();
    sqlite.prepare('DELETE FROM notes').run();
    expect(writes).toBe(7);
    sqlite.close();
  });

  it('tells once when another connection committed, and not for this connection’s own writes', () => {
    const { path, sqlite } = database();
    const otherConnectionsWrote = watchOtherConnections(sqlite);
    sqlite.prepare("INSERT INTO visits (day) VALUES ('2026-11-16')").run();
    expect(otherConnectionsWrote()).toBe(false);
    const other = new Database(path);
    other.prepare("INSERT INTO visits (day) VALUES ('2026-11-17')").run();
    other.close();
    expect(otherConnectionsWrote()).toBe(true);
    expect(otherConnectionsWrote()).toBe(false);
    sqlite.close();
  });
});
