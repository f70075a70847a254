/**
 * Crash safety: the real server (src/server.ts) as a child process on a database file, mail to a
 * real SMTP server, source systems posting events and citizens answering surveys at the same time —
 * and SIGKILL at a random moment, four times, each time restarted on the same files. Afterwards
 * the server must have kept every promise it made:
 * - every event answered 202 has its invitation (and re-sending an event whose answer was lost
 *   gives accepted or duplicate, never a second invitation);
 * - every invitation's mail is delivered exactly once, or — when the kill fell between the SMTP
 *   server's acceptance and the outbox row being marked sent — again with the same Message-ID;
 * - every survey answered 200 is stored with all its answers;
 * - integrity_check is ok and nothing is half-written (test/helpers/consistency.ts).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAIL_BATCH_SIZE } from '../src/mail/outbox-worker';
import { hashToken } from '../src/tokens';
import { loadTestEnv, startChildServer, useChildServerFiles, type ChildServer } from './helpers/child-server';
import { consistencyProblems, countOf } from './helpers/consistency';
import { Load, pause, seededRandom } from './helpers/load';

const ROUNDS = 4;

const files = useChildServerFiles('meethuis-crash-');

const env = () => loadTestEnv(files, 'crash-test-address-hash-key-of-enough-length');

describe('SIGKILL at random moments while events, surveys and mail are in flight', () => {
  it('keeps every answer it gave, delivers each invitation once (or again with the same Message-ID), and leaves nothing half-written', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const next = seededRandom(seed);
    const load = new Load(files.smtp, files.apiKey, `crash${seed}`);
    const context = () => `seed ${seed} (rerun with CRASH_SEED=${seed})`;

    let lostEventAnswers = 0;
    let lostSubmissionAnswers = 0;
    const countLost = () => {
      lostEventAnswers += [...load.events.values()].filter((entry) => entry.outcome === 'unknown').length;
      lostSubmissionAnswers += [...load.submissions.values()].filter((outcome) => outcome === 'unknown').length;
    };
    let server: ChildServer | undefined;
    for (let round = 1; round <= ROUNDS; round++) {
      server = await startChildServer(env());
      // What was lost with the last kill is asked again, as a source system's retry would.
      await load.settleUnknowns(server.url);
      const running = load.start(server.url, { eventWorkers: 3 });
      // On a busy machine the clients start slowly: the kill's random moment counts from the point
      // where this round has sent a share of the events (so the run always carries real load).
      const sentBefore = load.events.size;
      const loaded = Date.now() + 30_000;
      while (load.events.size < sentBefore + 14 && Date.now() < loaded) await pause(20);
      await pause(200 + Math.floor(next() * 1800));
      server.child.kill('SIGKILL');
      expect((await server.exited).signal, context()).toBe('SIGKILL');
      await running.stop();
      countLost();
    }

    // The last start: settle what is unknown, let the outbox drain, stop it properly.
    server = await startChildServer(env());
    await load.settleUnknowns(server.url);
    const sqlite = new Database(files.databasePath);
    try {
      const deadline = Date.now() + 20_000;
      while (countOf(sqlite, `SELECT count(*) AS n FROM outbox WHERE kind = 'invitation' AND status = 'queued'`) > 0) {
        if (Date.now() > deadline) throw new Error(`The outbox did not drain after the last restart; ${context()}\n${server.output()}`);
        await pause(100);
      }
      // Surveys for the last mails too, then a clean stop.
      for (const path of load.surveyPaths()) if (!load.submissions.has(path)) await load.submitSurvey(server.url, path);
      await load.settleUnknowns(server.url);
    } finally {
      sqlite.close();
    }
    server.child.kill('SIGTERM');
    expect((await server.exited).code, server.output()).toBe(0);

    const db = new Database(files.databasePath, { readonly: true });
    try {
      load.expectEveryClientAnswered(context, { events: 51, stored: 11 });

      // Every event the server accepted (or, after a lost answer, reported as seen) has its invitation.
      const invitationOf = db.prepare(`SELECT i.id, i.status FROM events e JOIN invitations i ON i.id = e.invitation_id WHERE e.event_id = ? AND e.outcome = 'accepted'`);
      for (const [id] of load.events) expect(invitationOf.get(id), `event ${id}; ${context()}`).toBeDefined();
      expect(countOf(db, `SELECT count(*) AS n FROM events`)).toBe(load.events.size);

      // Every survey answered 200 (or found answered when retried) is stored with all three answers.
      const responseOf = db.prepare(
        `SELECT r.grade, r.effort, (SELECT group_concat(a.feeling, ',') FROM (SELECT feeling FROM answers WHERE response_id = r.id ORDER BY touchpoint_id) a) AS feelings
         FROM invitations i JOIN responses r ON r.invitation_id = i.id WHERE i.token_hash = ? AND i.status = 'answered'`,
      );
      for (const [path] of load.submissions) {
        const stored = responseOf.get(hashToken(path.split('/').pop()!)) as { grade: number; effort: number; feelings: string } | undefined;
        expect(stored, `survey ${path}; ${context()}`).toEqual({ grade: 7, effort: 5, feelings: '1,-1,2' });
      }

      // Mail: each invitation mail reached the SMTP server; more than once only with one Message-ID,
      // and per kill at most the mails of one round (accepted but not yet marked sent).
      const invitationMails = db.prepare(`SELECT message_id AS messageId, status FROM outbox WHERE kind = 'invitation'`).all() as { messageId: string; status: string }[];
      const received = new Map<string, number>();
      for (const mail of files.smtp.received) received.set(mail.messageId ?? '', (received.get(mail.messageId ?? '') ?? 0) + 1);
      const ours = new Set(invitationMails.map((mail) => mail.messageId));
      for (const mail of invitationMails) {
        expect(mail.status, context()).toBe('sent');
        expect(received.get(mail.messageId) ?? 0, `mail ${mail.messageId}; ${context()}`).toBeGreaterThanOrEqual(1);
      }
      expect([...received.keys()].filter((messageId) => !ours.has(messageId)), 'mail not from the outbox').toEqual([]);
      const duplicates = [...received.values()].reduce((sum, times) => sum + times - 1, 0);
      expect(duplicates, context()).toBeLessThanOrEqual(ROUNDS * MAIL_BATCH_SIZE);
      expect(files.smtp.received.length).toBe(invitationMails.length + duplicates);

      expect(consistencyProblems(db), context()).toEqual([]);
      console.log(
        `crash safety, ${context()}: ${ROUNDS} kills; ${load.events.size} events (${lostEventAnswers} answers lost with a kill and asked again), ` +
          `${load.submissions.size} surveys (${lostSubmissionAnswers} asked again), ${invitationMails.length} invitation mails, ${duplicates} delivered twice with the same Message-ID`,
      );
    } finally {
      db.close();
    }
  }, 90_000);
});
