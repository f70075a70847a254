import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDb } from '../src/db/client';
import { mailLinks } from '../src/mail/mailbox';
import { spawnCli } from './helpers/cli';
import { childEnv, prepareDatabase, projectRoot } from './helpers/child-server';
import { caseClosedEvent, TEST_DATA_KEY, TestClock } from './helpers/test-context';
import { surveyPathOf } from './helpers/survey-link';

// What a newcomer meets on the command line and at start-up: mistakes answered with one line
// (never a stack trace), every link of a mail listed, and the base URL of the links said.

let dir: string;
let databasePath: string;
let apiKey: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-cli-start-up-'));
  databasePath = join(dir, 'data', 'meethuis.db');
  ({ apiKey } = prepareDatabase(databasePath));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stackLine = /^\s+at /m;

describe('CLI mistakes', () => {
  it.each([
    [['user', 'create', '--email', 'x@example.nl', '--rol', 'manager'], `Unknown option '--rol' for "user" (did you mean --role?).`],
    [['demo', '--day', '10'], `Unknown option '--day' for "demo" (did you mean --days?).`],
    [['api-key', 'create', '--name'], `Option '--name <value>' argument missing`],
  ])('%j exits 2 with one line and the usage, no stack trace', async (args, line) => {
    const result = await spawnCli(databasePath, args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(line);
    expect(result.stderr).toContain('Usage: npm run cli -- <command>');
    expect(result.stderr + result.stdout).not.toMatch(stackLine);
    expect(result.stdout).toBe('');
  });

  it('prints nothing about a .env file when there is none, and reads the one ENV_FILE names', async () => {
    const without = await spawnCli(databasePath, ['journey', 'list'], { ENV_FILE: join(dir, 'absent.env') });
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout + without.stderr).not.toContain('.env');

    const envFile = join(dir, 'test.env');
    writeFileSync(envFile, 'PUBLIC_URL=http://from-env-file.test\n');
    const { PUBLIC_URL: _shellUrl, ...env } = childEnv({ ENV_FILE: envFile });
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'user', 'create', '--email', 'nieuw@example.nl', '--role', 'manager'], {
        cwd: projectRoot,
        env: { ...env, DATABASE_PATH: databasePath },
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^http:\/\/from-env-file\.test\/setup\/\S+$/m);
    expect(result.stdout).toContain('(Links use http://from-env-file.test: set PUBLIC_URL, or PORT, in .env');
  });
});

describe('npm run cli -- mailbox', () => {
  it('lists every link of the panel confirmation mail, labelled: the confirmation link too', async () => {
    const config = loadConfig({ DATABASE_PATH: databasePath, PUBLIC_URL: 'http://meethuis.test' });
    const db = openDb(databasePath);
    try {
      const app = createApp({ db, config, clock: new TestClock(), addressHashKey: 'test-address-hash-key-with-enough-length', dataKey: TEST_DATA_KEY, mailbox: true });
      const event = caseClosedEvent({ citizen: { email: 'panel@example.nl', language: 'nl' } });
      const accepted = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` }, body: JSON.stringify(event) });
      expect(accepted.status).toBe(202);
      const path = surveyPathOf(db);
      const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(await (await app.request(path)).text())![1]!;
      const answers = { 'feeling-afspraak-maken': '0', 'feeling-balie': '1', 'feeling-ophalen': '1', grade: '7', effort: '2' };
      const answered = await app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'panel@example.nl', 'panel-text-hash': hash }) });
      expect(answered.status).toBe(200);
    } finally {
      db.$client.close();
    }

    const result = await spawnCli(databasePath, ['mailbox']);
    expect(result.code, result.stderr).toBe(0);
    const block = result.stdout.slice(result.stdout.lastIndexOf('\n#'));
    expect(block).toMatch(/to panel@example\.nl: Bevestig/);
    expect(block).toMatch(/\n {2}[^\n]+:\n {4}http:\/\/meethuis\.test\/burgerpanel\/bevestigen\/[A-Za-z0-9_-]+\n/);
    expect(block).toMatch(/\n {2}[^\n]+:\n {4}http:\/\/meethuis\.test\/burgerpanel\/afmelden\/[A-Za-z0-9_-]+\n/);
    expect(block).toContain('http://meethuis.test/privacy');
  });

  it('labels a link by the text before it on its line, or by the line above it', () => {
    expect(mailLinks('Hallo\n\nBevestig uw aanmelding:\nhttps://x.nl/a/1\n\nPrivacy: https://x.nl/privacy')).toEqual([
      { label: 'Bevestig uw aanmelding', url: 'https://x.nl/a/1' },
      { label: 'Privacy', url: 'https://x.nl/privacy' },
    ]);
  });
});

describe('start-up', () => {
  let taken: Server;
  afterAll(() => taken?.close());

  it('a port already in use: one line saying so, a non-zero exit, no stack trace', async () => {
    taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: projectRoot, env: childEnv({ DATABASE_PATH: databasePath, PORT: String(port) }) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
    expect(result.stdout + result.stderr).not.toMatch(stackLine);
    expect(result.stdout).not.toContain('listens on');
  });
});
