/**
 * `npm run cli -- digest send` as an operator runs it: its own process on a database file, on the
 * real clock. It queues the last complete period's digest for the subscribers of that frequency,
 * once per user and period unless --again; wrong use exits 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users';
import { dayOf } from '../../src/calendar';
import { systemClock } from '../../src/clock';
import { openDb } from '../../src/db/client';
import { digestSubscriptions } from '../../src/db/schema';
import { lastCompletePeriod } from '../../src/digest/periods';
import { setSubscription } from '../../src/digest/subscriptions';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import { spawnCli } from '../helpers/cli';
import { STAFF_PASSWORD } from '../helpers/staff';

let dir: string;
let databasePath: string;
const cli = (...args: string[]) => spawnCli(databasePath, ['digest', ...args]);

/** The digest mails in the outbox, read in this process. */
function digestMails(): { to_address: string; subject: string; text_body: string }[] {
  const db = openDb(databasePath);
  try {
    return db.$client.prepare("SELECT to_address, subject, text_body FROM outbox WHERE kind = 'digest' ORDER BY id").all() as never;
  } finally {
    db.$client.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-digest-cli-'));
  databasePath = join(dir, 'meethuis.db');
  const db = openDb(databasePath);
  loadDemoJourneysIfEmpty(db, systemClock);
  const now = systemClock.now();
  const user = (email: string, role: 'manager' | 'admin' | 'researcher') => createUser(db, systemClock, { email, role, password: STAFF_PASSWORD });
  setSubscription(db, (await user('maand@gemeente.test', 'manager')).id, 'month', now);
  setSubscription(db, (await user('week@gemeente.test', 'admin')).id, 'week', now);
  // A researcher may not open the dashboard: a subscription left from an earlier role is not used.
  db.insert(digestSubscriptions).values({ userId: (await user('onderzoek@gemeente.test', 'researcher')).id, frequency: 'month', since: now }).run();
  db.$client.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('digest send', () => {
  it('queues the last complete month for its subscribers, once; --again sends it again; --period week for the weekly ones', { timeout: 60_000 }, async () => {
    const month = lastCompletePeriod('month', dayOf(new Date()));
    const first = await cli('send');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Digest ${month.key} (${month.from} to ${month.to}): queued for 1 subscriber(s).`);
    expect(digestMails().map((mail) => mail.to_address)).toEqual(['maand@gemeente.test']);
    expect(digestMails()[0]!.text_body).toContain('http://meethuis.test/account');

    const second = await cli('send', '--period', 'month');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('queued for 0 subscriber(s).');
    expect(second.stdout).toContain('1 subscriber(s) already had it');
    expect(digestMails()).toHaveLength(1);

    const again = await cli('send', '--again');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('queued for 1 subscriber(s).');
    expect(digestMails()).toHaveLength(2);

    const week = await cli('send', '--period', 'week');
    expect(week.code, week.stderr).toBe(0);
    expect(week.stdout).toContain(`Digest ${lastCompletePeriod('week', dayOf(new Date())).key}`);
    expect(digestMails().map((mail) => mail.to_address)).toEqual(['maand@gemeente.test', 'maand@gemeente.test', 'week@gemeente.test']);
  });

  it('exits 2 for wrong use, and queues nothing', { timeout: 60_000 }, async () => {
    const wrongPeriod = await cli('send', '--period', 'dag');
    expect(wrongPeriod.code).toBe(2);
    expect(wrongPeriod.stderr).toContain('--period must be month or week');
    const unknown = await cli('verstuur');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('digest send');
    expect(digestMails()).toHaveLength(3);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--again');
  });
});
