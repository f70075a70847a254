/**
 * `npm run cli -- backup <file>` while the real server (a child process) ingests events, sends
 * mail and stores surveys: the copy passes integrity_check and is a consistent snapshot (every
 * invitation with its mails, every response with all its answers); an existing file is refused
 * unless --force; and a server restored from it as docs/operations.md describes (database file plus
 * secrets.json) is ready, knows its events and API key, and takes surveys.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/tokens';
import { startChildServer, useChildServerFiles } from '../helpers/child-server';
import { spawnCli } from '../helpers/cli';
import { consistencyProblems, countOf } from '../helpers/consistency';
import { Load, pause, SURVEY_ANSWERS } from '../helpers/load';
import { surveyLink } from '../helpers/smtp';

const files = useChildServerFiles('meethuis-backup-');

const cli = (...args: string[]) => spawnCli(files.databasePath, args);

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backup under load, and restoring it', () => {
  it('copies the live database consistently while the server writes, refuses to overwrite without --force, and restores to a working server', async () => {
    const backupFile = join(files.dir, 'meethuis-backup.db');
    const server = await startChildServer({ DATABASE_PATH: files.databasePath, SMTP_URL: files.smtp.url, TRUST_PROXY: 'true', EVENTS_PER_MINUTE_PER_KEY: '1000000' });
    const load = new Load(files.smtp, files.apiKey, 'backup');
    const running = load.start(server.url, { eventWorkers: 3 });
    // Some history first, so the copy has events, mail and responses in every state.
    const deadline = Date.now() + 20_000;
    while ([...load.submissions.values()].filter((outcome) => outcome === 'stored').length < 5) {
      if (Date.now() > deadline) throw new Error(`No surveys stored under load:\n${server.output()}`);
      await pause(50);
    }

    const taken = await cli('backup', backupFile);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(/^Backup written to .*meethuis-backup\.db: \d+\.\d MB \(\d+ bytes, \d+ pages\) in \d+\.\d\d s\.$/m);
    expect(taken.stdout).toContain(`Keep ${join(files.dir, 'data', 'secrets.json')} with it`);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);

    // The copy taken under load is whole: every invitation with its mails, every response with all its answers.
    const first = new Database(backupFile, { readonly: true });
    try {
      expect(consistencyProblems(first)).toEqual([]);
      expect(countOf(first, `SELECT count(*) AS n FROM responses`)).toBeGreaterThanOrEqual(5);
    } finally {
      first.close();
    }
    // The server kept working during and after the backup.
    const eventsAtBackup = load.events.size;
    await pause(500);
    expect(load.events.size).toBeGreaterThan(eventsAtBackup);

    // Never over an existing file without --force; the old copy stays as it was.
    const before = sha256(backupFile);
    const refused = await cli('backup', backupFile);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; choose another name or add --force/);
    expect(sha256(backupFile)).toBe(before);

    const forced = await cli('backup', backupFile, '--force');
    expect(forced.code).toBe(0);
    expect(sha256(backupFile)).not.toBe(before);
    await running.stop();
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    // The second copy (also under load): intact, complete, a snapshot of what the server had stored.
    const copy = new Database(backupFile, { readonly: true });
    let openInvitation: { path: string } | undefined;
    let someEventId: string;
    try {
      expect(consistencyProblems(copy)).toEqual([]);
      expect(countOf(copy, `SELECT count(*) AS n FROM events`)).toBeGreaterThan(10);
      expect(countOf(copy, `SELECT count(*) AS n FROM responses`)).toBeGreaterThanOrEqual(5);
      expect(countOf(copy, `SELECT count(*) AS n FROM outbox WHERE status = 'sent'`)).toBeGreaterThan(5);
      // It opens on its own, without a -wal file beside it, in WAL mode like the live database.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('wal');
      const live = new Database(files.databasePath, { readonly: true });
      try {
        const inLive = live.prepare('SELECT 1 FROM events WHERE event_id = ?');
        const ids = (copy.prepare('SELECT event_id AS id FROM events').all() as { id: string }[]).map((row) => row.id);
        for (const id of ids) expect(inLive.get(id), id).toBeDefined();
        // A snapshot taken while events kept coming: the live database has more by now.
        expect(ids.length).toBeLessThan(countOf(live, 'SELECT count(*) AS n FROM events'));
        someEventId = ids[0]!;
      } finally {
        live.close();
      }
      // A survey link whose invitation is still open in the copy.
      const isOpen = copy.prepare(`SELECT 1 FROM invitations WHERE token_hash = ? AND status = 'open'`);
      for (const mail of files.smtp.received) {
        const path = new URL(surveyLink(mail)).pathname;
        if (isOpen.get(hashToken(path.split('/').pop()!))) {
          openInvitation = { path };
          break;
        }
      }
    } finally {
      copy.close();
    }

    // Restore as docs/operations.md says: the file as DATABASE_PATH (no -wal/-shm beside it), with secrets.json.
    const restoredPath = join(files.dir, 'restored', 'data', 'meethuis.db');
    mkdirSync(join(files.dir, 'restored', 'data'), { recursive: true });
    copyFileSync(backupFile, restoredPath);
    copyFileSync(join(files.dir, 'data', 'secrets.json'), join(files.dir, 'restored', 'data', 'secrets.json'));
    const restored = await startChildServer({ DATABASE_PATH: restoredPath, SMTP_URL: files.smtp.url });
    try {
      expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
      const again = await fetch(`${restored.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${files.apiKey}` },
        body: JSON.stringify({ ...load.events.get(someEventId!)!.body }),
      });
      expect(again.status).toBe(202);
      expect(await again.json()).toMatchObject({ status: 'duplicate' });
      expect(openInvitation, 'an open invitation in the copy').toBeDefined();
      const answered = await fetch(`${restored.url}${openInvitation!.path}`, { method: 'POST', body: new URLSearchParams(SURVEY_ANSWERS) });
      expect(answered.status).toBe(200);
    } finally {
      restored.child.kill('SIGTERM');
      expect((await restored.exited).code).toBe(0);
    }
  }, 90_000);
});
