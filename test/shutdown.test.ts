/**
 * Graceful shutdown of the real server process: on SIGTERM or SIGINT it stops accepting
 * connections, lets requests in progress finish (a request whose body is still arriving), lets
 * the mail in flight finish — against an SMTP server that takes its time to accept — and marks it
 * sent, sends no further mail, closes the pool and the database and exits 0. Nothing is lost: after
 * a restart every queued mail goes out once. When something hangs past SHUTDOWN_TIMEOUT_SECONDS
 * the process exits anyway (1), and the mail in flight is sent again with the same Message-ID.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/tokens';
import { killAllChildServers, prepareDatabase, startChildServer, type ChildServer } from './helpers/child-server';
import { consistencyProblems, countOf } from './helpers/consistency';
import { loadEvent, pause, SURVEY_ANSWERS } from './helpers/load';
import { surveyLink, TestSmtpServer } from './helpers/smtp';

let dir: string;
let smtp: TestSmtpServer;
let counter = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-shutdown-'));
  smtp = await new TestSmtpServer().start();
});
afterEach(() => {
  killAllChildServers();
  smtp.acceptDelayMs = 0;
  smtp.received.length = 0;
});
afterAll(async () => {
  killAllChildServers();
  await smtp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database with an API key; the server's environment for it. */
function setup(extra: Record<string, string> = {}) {
  counter++;
  const databasePath = join(dir, `run-${counter}`, 'meethuis.db');
  const { apiKey } = prepareDatabase(databasePath);
  const env = { DATABASE_PATH: databasePath, SMTP_URL: smtp.url, ...extra };
  return { databasePath, apiKey, env };
}

async function postEvent(server: ChildServer, apiKey: string) {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(loadEvent('shutdown')),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { status: string };
}

/**
 * A request whose body arrives in two halves: after the first it is in progress on the server
 * (reading its body); `finish()` sends the rest and resolves with the answer.
 */
function halfSentRequest(url: string, path: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body, 'utf8');
  let settle!: (value: { status: number; text: string }) => void;
  let fail!: (error: Error) => void;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => ((settle = resolve), (fail = reject)));
  const req = request(`${url}${path}`, { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(bytes.length) } }, (response) => {
    let text = '';
    response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    response.on('end', () => settle({ status: response.statusCode ?? 0, text }));
  });
  req.on('error', fail);
  const half = Math.floor(bytes.length / 2);
  const firstHalfSent = new Promise<void>((resolve) => req.write(bytes.subarray(0, half), () => resolve()));
  return {
    firstHalfSent,
    finish() {
      req.end(bytes.subarray(half));
      return answer;
    },
  };
}

/** Whether a new connection is refused (the server stopped listening). */
function connectionRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    req.end();
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}

const outboxStatuses = (databasePath: string) => {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare(`SELECT message_id AS messageId, status FROM outbox WHERE kind = 'invitation' ORDER BY id`).all() as { messageId: string; status: string }[];
  } finally {
    db.close();
  }
};

/** Restarts on the same database with a quick SMTP server; every queued invitation goes out, then a clean stop. */
async function restartAndDrain(env: Record<string, string>, databasePath: string, expectedMails: number) {
  smtp.acceptDelayMs = 0;
  const server = await startChildServer(env);
  await until(() => outboxStatuses(databasePath).every((mail) => mail.status === 'sent'), 'the outbox to drain after the restart');
  expect(outboxStatuses(databasePath)).toHaveLength(expectedMails);
  server.child.kill('SIGINT');
  expect((await server.exited).code, server.output()).toBe(0);
}

describe('graceful shutdown', () => {
  it('on SIGTERM: refuses new connections, finishes the event being received and the slow mail in flight, exits 0; nothing lost', async () => {
    const { databasePath, apiKey, env } = setup();
    const server = await startChildServer(env);
    // An idle keep-alive connection must not hold the shutdown up.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    smtp.acceptDelayMs = 1500;
    for (let i = 0; i < 3; i++) expect((await postEvent(server, apiKey)).status).toBe('accepted');
    // The first mail is being delivered: the SMTP server has it and takes its time to accept.
    await pause(400);
    expect(smtp.received).toHaveLength(0);

    const event = loadEvent('in-flight');
    const inFlight = halfSentRequest(server.url, '/api/v1/events', { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` }, JSON.stringify(event));
    await inFlight.firstHalfSent;
    await pause(100);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await until(() => server.output().includes('SIGTERM received'), 'the shutdown to begin');
    expect(await connectionRefused(server.url)).toBe(true);
    expect(server.alive()).toBe(true);

    const answer = await inFlight.finish();
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toMatchObject({ eventId: event.id, status: 'accepted' });

    const exit = await server.exited;
    expect(exit.code, server.output()).toBe(0);
    expect(server.output()).toContain('Stopped cleanly.');
    // It waited for the slow SMTP server, not for the shutdown deadline.
    expect(Date.now() - signalledAt).toBeLessThan(5000);

    // The mail in flight was accepted and is marked sent; no further mail was started.
    expect(smtp.received).toHaveLength(1);
    const statuses = outboxStatuses(databasePath);
    expect(statuses).toHaveLength(4);
    expect(statuses.filter((mail) => mail.status === 'sent').map((mail) => mail.messageId)).toEqual([smtp.received[0]!.messageId]);

    await restartAndDrain(env, databasePath, 4);
    const messageIds = smtp.received.map((mail) => mail.messageId);
    expect(messageIds).toHaveLength(4);
    expect(new Set(messageIds).size).toBe(4);
    const db = new Database(databasePath, { readonly: true });
    expect(consistencyProblems(db)).toEqual([]);
    db.close();
  }, 60_000);

  it('on SIGINT: finishes a survey being submitted and the mail in flight, exits 0; the response is stored whole', async () => {
    const { databasePath, apiKey, env } = setup();
    const server = await startChildServer(env);
    expect((await postEvent(server, apiKey)).status).toBe('accepted');
    const [invitation] = await smtp.waitFor(1);
    const path = new URL(surveyLink(invitation!)).pathname;

    smtp.acceptDelayMs = 1500;
    expect((await postEvent(server, apiKey)).status).toBe('accepted');
    await pause(400);
    const submission = halfSentRequest(server.url, path, { 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(SURVEY_ANSWERS).toString());
    await submission.firstHalfSent;
    await pause(100);

    server.child.kill('SIGINT');
    await until(() => server.output().includes('SIGINT received'), 'the shutdown to begin');
    expect(await connectionRefused(server.url)).toBe(true);
    const answer = await submission.finish();
    expect(answer.status).toBe(200);
    expect((await server.exited).code, server.output()).toBe(0);
    expect(smtp.received).toHaveLength(2);
    expect(outboxStatuses(databasePath).map((mail) => mail.status)).toEqual(['sent', 'sent']);

    const db = new Database(databasePath, { readonly: true });
    try {
      const token = path.split('/').pop()!;
      expect(countOf(db, `SELECT count(*) AS n FROM answers a JOIN responses r ON r.id = a.response_id JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = ?`, hashToken(token))).toBe(3);
      expect(consistencyProblems(db)).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('exits anyway after SHUTDOWN_TIMEOUT_SECONDS when the SMTP server hangs; the mail is sent again after a restart with the same Message-ID', async () => {
    const { databasePath, apiKey, env } = setup({ SHUTDOWN_TIMEOUT_SECONDS: '2' });
    const server = await startChildServer(env);
    smtp.acceptDelayMs = 5000;
    expect((await postEvent(server, apiKey)).status).toBe('accepted');
    await pause(500);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const took = Date.now() - signalledAt;
    expect(exit.code, server.output()).toBe(1);
    expect(server.output()).toContain('Shutdown took over 2 s');
    expect(took).toBeGreaterThan(1900);
    expect(took).toBeLessThan(4500);
    expect(outboxStatuses(databasePath).map((mail) => mail.status)).toEqual(['queued']);

    // The hanging server accepts in the end; the restarted server sends the mail again, recognisably.
    await until(() => smtp.received.length === 1, 'the slow server to accept the first copy', 10_000);
    await restartAndDrain(env, databasePath, 1);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.messageId).toBe(smtp.received[0]!.messageId);
  }, 60_000);
});
