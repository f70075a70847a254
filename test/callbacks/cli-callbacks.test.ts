/** `npm run cli -- callbacks list [--late]` as an operator runs it: its own process on a database file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client';
import { callbackRequests, journeys } from '../../src/db/schema';
import { spawnCli } from '../helpers/cli';
import { hoursLater } from './time';

let dir: string;
let databasePath: string;
const cli = (...args: string[]) => spawnCli(databasePath, args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-cli-callbacks-'));
  databasePath = join(dir, 'data', 'meethuis.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('callbacks list', () => {
  it('lists open requests oldest due first; --late exits 1 while one is late and 0 when none is', async () => {
    const empty = await cli('callbacks', 'list', '--late');
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('0 late request(s).');

    const db = openDb(databasePath);
    const journey = db.select().from(journeys).get()!;
    const now = new Date();
    // The CLI reads the system clock: one request due tomorrow, one a day late, one closed.
    const values = (dueAt: Date, extra: Partial<typeof callbackRequests.$inferInsert> = {}) => ({
      journeyId: journey.id,
      reason: 'low-grade' as const,
      createdAt: hoursLater(dueAt, -16),
      dueAt,
      ...extra,
    });
    db.insert(callbackRequests)
      .values([values(hoursLater(now, 24)), values(hoursLater(now, -24)), values(hoursLater(now, -48), { status: 'closed', closedAt: now, outcome: 'solved' })])
      .run();
    db.$client.close();

    const all = await cli('callbacks', 'list');
    expect(all.code, all.stderr).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^#2 open due .* LATE · /);
    expect(lines[1]).toMatch(/^#1 open due /);
    expect(lines[1]).not.toContain('LATE');
    expect(lines[2]).toBe('2 request(s).');

    const late = await cli('callbacks', 'list', '--late');
    expect(late.code).toBe(1);
    expect(late.stdout).toContain('#2 open');
    expect(late.stdout).not.toContain('#1 open');

    const wrong = await cli('callbacks', 'purge');
    expect(wrong.code).toBe(2);
  }, 30_000);
});
