/**
 * SIGKILL in the middle of group commits: the real server (src/server.ts) as a child process on a
 * database file, 16 source systems posting events and 4 citizens answering surveys at once, so
 * requests share commits (src/db/group-commit.ts) — killed at a random moment, restarted, several
 * times. Afterwards every answer it gave holds: each event answered 202 has its invitation and its
 * mails, each survey answered 200 all its answers; nothing is half-written, integrity is ok.
 *
 * That batches really formed in the child is read from the outside: right after each kill the
 * write-ahead log holds the last commits as SQLite wrote them (one commit = the frames up to a
 * frame marked as a commit), and the events each commit inserted are the event ids that appear in
 * its pages for the first time.
 */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/tokens';
import { loadTestEnv, startChildServer, useChildServerFiles, type ChildServer } from './helpers/child-server';
import { consistencyProblems, countOf } from './helpers/consistency';
import { Load, pause, seededRandom } from './helpers/load';

const ROUNDS = 3;

const files = useChildServerFiles('meethuis-group-crash-');

const env = () => loadTestEnv(files, 'group-crash-address-hash-key-of-enough-length');

/**
 * The committed transactions in a WAL file, oldest first, each as the page images it wrote. Only
 * frames of the log's current generation count (the salts of its header); a transaction whose
 * commit frame was never written is left out. Checksums are not checked: after SIGKILL (not a
 * power cut) every write the process made is in the file.
 */
function walCommits(path: string): Buffer[][] {
  if (!existsSync(path)) return [];
  const wal = readFileSync(path);
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  const commits: Buffer[][] = [];
  let pages: Buffer[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break;
    pages.push(wal.subarray(at + 24, at + 24 + pageSize));
    // A frame's "database size after commit" is set only on the last frame of a transaction.
    if (wal.readUInt32BE(at + 4) !== 0) {
      commits.push(pages);
      pages = [];
    }
  }
  return commits;
}

/** For each commit in the WAL that inserted events: how many (ids seen neither in the database file nor in an earlier commit). */
function eventsPerCommit(databasePath: string, idPattern: RegExp): number[] {
  const idsIn = (bytes: Buffer) => new Set(bytes.toString('latin1').match(idPattern) ?? []);
  const seen = idsIn(readFileSync(databasePath));
  const counts: number[] = [];
  for (const pages of walCommits(`${databasePath}-wal`)) {
    let inserted = 0;
    for (const id of idsIn(Buffer.concat(pages))) {
      if (seen.has(id)) continue;
      seen.add(id);
      inserted++;
    }
    if (inserted > 0) counts.push(inserted);
  }
  return counts;
}

describe('SIGKILL while requests share commits', () => {
  it('keeps every event answered 202 and every survey answered 200 whole, and leaves nothing half-written', async () => {
    const started = Date.now();
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const next = seededRandom(seed);
    const tag = `gc${seed}`;
    const load = new Load(files.smtp, files.apiKey, tag);
    const context = () => `seed ${seed} (rerun with CRASH_SEED=${seed})`;
    // loadEvent's ids: evt-<tag>-<pid>-<six digits>.
    const eventId = new RegExp(`evt-${tag}-${process.pid}-\\d{6}`, 'g');

    const batches: number[] = [];
    let server: ChildServer | undefined;
    for (let round = 1; round <= ROUNDS; round++) {
      server = await startChildServer(env());
      await load.settleUnknowns(server.url);
      const running = load.start(server.url, { eventWorkers: 16, surveyWorkers: 4 });
      // The kill's random moment counts from the point where this round carries real load.
      const sentBefore = load.events.size;
      const submittedBefore = load.submissions.size;
      const loaded = Date.now() + 20_000;
      while ((load.events.size < sentBefore + 48 || (round > 1 && load.submissions.size < submittedBefore + 4)) && Date.now() < loaded) await pause(10);
      await pause(50 + Math.floor(next() * 700));
      server.child.kill('SIGKILL');
      expect((await server.exited).signal, context()).toBe('SIGKILL');
      // Read before anything opens the file again (a restart may checkpoint and reset the log).
      batches.push(...eventsPerCommit(files.databasePath, eventId));
      await running.stop();
    }

    // One more start: what was lost with the last kill is asked again; then a clean stop.
    server = await startChildServer(env());
    await load.settleUnknowns(server.url);
    server.child.kill('SIGTERM');
    expect((await server.exited).code, server.output()).toBe(0);

    const db = new Database(files.databasePath, { readonly: true });
    try {
      load.expectEveryClientAnswered(context, { events: ROUNDS * 48, stored: 8 });

      // Every event answered 202 (or, after a lost answer, found seen) with its invitation and both its mails.
      const invitationWithMails = db.prepare(
        `SELECT i.status, (SELECT group_concat(o.kind, ',') FROM (SELECT kind FROM outbox WHERE invitation_id = i.id ORDER BY kind) o) AS mails
         FROM events e JOIN invitations i ON i.id = e.invitation_id WHERE e.event_id = ? AND e.outcome = 'accepted'`,
      );
      for (const [id] of load.events) {
        expect(invitationWithMails.get(id), `event ${id}; ${context()}`).toEqual({ status: expect.stringMatching(/^(open|answered)$/), mails: 'invitation,reminder' });
      }
      expect(countOf(db, `SELECT count(*) AS n FROM events`)).toBe(load.events.size);

      // Every survey answered 200 (or found answered when asked again) stored with all three answers.
      const responseOf = db.prepare(
        `SELECT r.grade, r.effort, (SELECT group_concat(a.feeling, ',') FROM (SELECT feeling FROM answers WHERE response_id = r.id ORDER BY touchpoint_id) a) AS feelings
         FROM invitations i JOIN responses r ON r.invitation_id = i.id WHERE i.token_hash = ? AND i.status = 'answered'`,
      );
      for (const [path] of load.submissions) {
        expect(responseOf.get(hashToken(path.split('/').pop()!)), `survey ${path}; ${context()}`).toEqual({ grade: 7, effort: 5, feelings: '1,-1,2' });
      }
      expect(countOf(db, `SELECT count(*) AS n FROM responses`)).toBe(load.submissions.size);

      expect(consistencyProblems(db), context()).toEqual([]);
    } finally {
      db.close();
    }

    // Batches formed: some commit in the child inserted several events at once.
    expect(Math.max(0, ...batches), `events per commit in the WAL after each kill: ${batches.join(' ')}; ${context()}`).toBeGreaterThanOrEqual(2);
    const grouped = batches.reduce((sum, n) => sum + n, 0);
    console.log(
      `group commit crash, ${context()}: ${ROUNDS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; ${load.events.size} events, ` +
        `${load.submissions.size} surveys; in the WAL after the kills ${grouped} events in ${batches.length} commits (at most ${Math.max(0, ...batches)} in one)`,
    );
  }, 90_000);
});
