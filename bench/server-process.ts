/**
 * The server side of the load benchmarks, in its own process (started by BenchProcess in
 * bench/http-load.ts): our app or a bare baseline on @hono/node-server on an ephemeral port, or
 * the outbox worker / a bare nodemailer loop sending to an SMTP server. One process per
 * measurement, so the memory it reports is that server's alone. Commands arrive over IPC.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import nodemailer from 'nodemailer';
import { systemClock } from '../src/clock';
import type { Db } from '../src/db/client';
import { groupCommitCounts } from '../src/db/group-commit';
import { createInvitation, renderDueSurveyMail } from '../src/invitations/invitations';
import { findJourneyBySlug } from '../src/journeys/journeys';
import { deliverDueMails } from '../src/mail/outbox-worker';
import { createMailTransport } from '../src/mail/transport';
import { benchEvent, freshApp } from './harness';
import { mailTemplates } from '../views/mail';

type Synchronous = 'FULL' | 'NORMAL';
type Command =
  | { cmd: 'survey-ours'; dir: string; invitations: number }
  | { cmd: 'survey-bare'; dir: string }
  | { cmd: 'ingest-ours'; dir: string; synchronous: Synchronous }
  | { cmd: 'ingest-bare'; dir: string; synchronous: Synchronous }
  | { cmd: 'ingest-in-process'; dir: string; synchronous: Synchronous; events: number; bare: boolean }
  | { cmd: 'mail-ours'; dir: string; mails: number; smtpUrl: string }
  | { cmd: 'mail-bare'; dir: string; mails: number; smtpUrl: string }
  | { cmd: 'memory' }
  | { cmd: 'cpu' }
  | { cmd: 'commits' }
  | { cmd: 'exit' };

let server: ServerType | undefined;
/** Our app's database in this process, for its group-commit counts. */
let oursDb: Db | undefined;

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<number> {
  return new Promise((resolve) => {
    server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
}

/** A bare SQLite database with our pragmas (src/db/client.ts), unless a benchmark asks for another synchronous level. */
function bareDb(path: string, synchronous: Synchronous = 'FULL') {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${synchronous}`);
  return sqlite;
}

/** Open invitations with their mails, as ingest makes them, in a few big transactions; returns the tokens from the mails. */
function prepareInvitations(db: Db, config: Parameters<typeof createInvitation>[1]['config'], count: number): string[] {
  const found = findJourneyBySlug(db, 'paspoort-aanvragen')!;
  const deps = { clock: systemClock, config, addressHashKey: 'bench-key-bench-key-bench-key-bench', mail: mailTemplates };
  for (let start = 0; start < count; start += 1000) {
    db.transaction((tx) => {
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        createInvitation(tx, deps, {
          journey: found.journey,
          touchpoints: found.touchpoints,
          caseReference: `Z-${i}`,
          email: `burger${i}@example.nl`,
          language: 'nl',
          segment: { ageBand: '65+', district: 'Woensel' },
          channel: 'balie',
          leadTimeDays: 19,
          caseClosedAt: new Date(),
        });
      }
    });
  }
  // The token is on each queued invitation mail until it is sent.
  return db.$client.prepare("SELECT link_token FROM outbox WHERE kind = 'invitation' ORDER BY id").pluck().all() as string[];
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'survey-ours': {
      // Behind a proxy, every citizen has an address of their own (the per-address limit is for one client).
      const ours = freshApp(command.dir, 'survey', { TRUST_PROXY: 'true' });
      oursDb = ours.db;
      const tokens = prepareInvitations(ours.db, ours.config, command.invitations);
      ours.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      return { port: await listen(ours.app.fetch), tokens };
    }
    case 'survey-bare': {
      const sqlite = bareDb(join(command.dir, 'survey-bare.db'));
      sqlite.exec('CREATE TABLE submissions (id INTEGER PRIMARY KEY, token TEXT NOT NULL, grade INTEGER, effort INTEGER, answers TEXT NOT NULL, submitted_at INTEGER NOT NULL)');
      const insert = sqlite.prepare('INSERT INTO submissions (token, grade, effort, answers, submitted_at) VALUES (?, ?, ?, ?, ?)');
      const app = new Hono().post('/s/:token', async (c) => {
        const body = await c.req.parseBody();
        insert.run(c.req.param('token'), Number(body.grade), Number(body.effort), JSON.stringify(body), Date.now());
        return c.html('<!DOCTYPE html><title>Dank u wel!</title><h1>Dank u wel!</h1>');
      });
      return { port: await listen(app.fetch) };
    }
    case 'ingest-ours': {
      const ours = freshApp(command.dir, `ingest-${command.synchronous}`);
      oursDb = ours.db;
      ours.db.$client.pragma(`synchronous = ${command.synchronous}`);
      return { port: await listen(ours.app.fetch), key: ours.key };
    }
    case 'ingest-bare': {
      const sqlite = bareDb(join(command.dir, `ingest-bare-${command.synchronous}.db`), command.synchronous);
      sqlite.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT UNIQUE, payload TEXT)');
      const insert = sqlite.prepare('INSERT INTO events (event_id, payload) VALUES (?, ?)');
      const app = new Hono().post('/api/v1/events', async (c) => {
        const body = await c.req.json<{ id: string }>();
        insert.run(body.id, JSON.stringify(body));
        return c.json({ status: 'accepted' }, 202);
      });
      return { port: await listen(app.fetch) };
    }
    case 'ingest-in-process': {
      let request: (init: RequestInit) => Promise<Response>;
      let key = '';
      if (command.bare) {
        const sqlite = bareDb(join(command.dir, `in-process-bare-${command.synchronous}.db`), command.synchronous);
        sqlite.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT UNIQUE, payload TEXT)');
        const insert = sqlite.prepare('INSERT INTO events (event_id, payload) VALUES (?, ?)');
        const app = new Hono().post('/api/v1/events', async (c) => {
          const body = await c.req.json<{ id: string }>();
          insert.run(body.id, JSON.stringify(body));
          return c.json({ status: 'accepted' }, 202);
        });
        request = async (init) => app.request('/api/v1/events', init);
      } else {
        const ours = freshApp(command.dir, `in-process-${command.synchronous}`);
        ours.db.$client.pragma(`synchronous = ${command.synchronous}`);
        key = ours.key;
        request = async (init) => ours.app.request('/api/v1/events', init);
      }
      const post = async (i: number) => {
        const response = await request({
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: benchEvent(i, 'in-process'),
        });
        if (response.status !== 202) throw new Error(`event ${i}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      };
      for (let i = 0; i < 200; i++) await post(-1 - i);
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (let i = 0; i < command.events; i++) await post(i);
      const { user, system } = process.cpuUsage(cpu);
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuMsPerEvent: (user + system) / 1000 / command.events };
    }
    case 'mail-ours': {
      const ours = freshApp(command.dir, 'mail-ours', { SMTP_URL: command.smtpUrl });
      prepareInvitations(ours.db, ours.config, command.mails);
      const transport = createMailTransport({ smtpUrl: command.smtpUrl, from: ours.config.MAIL_FROM });
      const started = process.hrtime.bigint();
      let sent = 0;
      // As startOutboxWorker does: rounds until a round finds less than a full batch.
      for (;;) {
        const report = await deliverDueMails(ours.db, transport, { clock: systemClock, config: ours.config, mail: mailTemplates });
        sent += report.sent;
        if (report.retrying + report.failed > 0) throw new Error(`outbox: ${JSON.stringify(report)}`);
        if (report.sent + report.cancelled === 0) break;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      transport.close();
      return { seconds, sent };
    }
    case 'mail-bare': {
      // The same mails (rendered the same way), sent by a bare pooled nodemailer transport with the same pool settings.
      const ours = freshApp(command.dir, 'mail-bare', { SMTP_URL: command.smtpUrl });
      prepareInvitations(ours.db, ours.config, command.mails);
      // Rendered before the clock starts, as the worker renders each just before sending it: the bare side only sends.
      const queued = ours.db.$client
        .prepare("SELECT id, kind, invitation_id AS invitationId, link_token AS linkToken, to_address, message_id FROM outbox WHERE kind = 'invitation' ORDER BY id")
        .all() as { id: number; kind: 'invitation'; invitationId: number; linkToken: string; to_address: string; message_id: string }[];
      const mails = queued.map((mail) => {
        const rendered = renderDueSurveyMail(ours.db, { config: ours.config, mail: mailTemplates }, mail);
        return { ...mail, subject: rendered.subject, text_body: rendered.textBody!, html_body: rendered.htmlBody!, headers: rendered.headers };
      });
      const transporter = nodemailer.createTransport({ url: command.smtpUrl, pool: true, maxConnections: 2 });
      const started = process.hrtime.bigint();
      await Promise.all(
        mails.map((mail) =>
          transporter.sendMail({
            from: ours.config.MAIL_FROM,
            to: mail.to_address,
            subject: mail.subject,
            text: mail.text_body,
            html: mail.html_body,
            messageId: mail.message_id,
            headers: mail.headers,
          }),
        ),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      transporter.close();
      return { seconds, sent: mails.length };
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return { ms: (user + system) / 1000 };
    }
    case 'commits':
      return oursDb ? groupCommitCounts(oursDb.$client) : { requests: 0, commits: 0 };
    case 'memory': {
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    }
    case 'exit':
      server?.close();
      setImmediate(() => process.exit(0));
      return {};
  }
}

process.on('message', (command: Command) => {
  handle(command).then(
    (result) => process.send!({ ok: true, result }),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
