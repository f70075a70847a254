import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApiKey } from '../../src/api-keys/api-keys';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDb, type Db } from '../../src/db/client';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import { startOutboxWorker, type OutboxWorker } from '../../src/jobs/outbox';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { generateDemoHistory, type DemoOptions, type DemoReport } from '../../src/demo/demo-history';
import { mailTemplates } from '../../views/mail';
import { TEST_DATA_KEY as DATA_KEY, TestClock } from './test-context';

const ADDRESS_HASH_KEY = 'test-address-hash-key-with-enough-length';

export interface RunningServer {
  url: string;
  db: Db;
  clock: TestClock;
  apiKey: string;
  worker: OutboxWorker;
  transport: MailTransport;
  /** POSTs an event to the server's event API with its API key, over real HTTP. */
  postEvent(event: unknown): Promise<Response>;
  /** Fills the server's database with a demo history through the real domain functions, on the server's own configuration and key. */
  generateHistory(options: DemoOptions): DemoReport;
  close(): Promise<void>;
}

/**
 * The real app on a real HTTP port with the real outbox worker, as src/server.ts composes it.
 * PUBLIC_URL is the port it got, so links in mails lead back here.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  let handler: (request: Request, env?: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request, env) => handler(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: url, ...env });
  const db = openDb(config.DATABASE_PATH);
  const clock = new TestClock();
  loadDemoJourneysIfEmpty(db, clock);
  const { key } = createApiKey(db, 'test', clock);
  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const worker = startOutboxWorker(db, transport, { clock, config, mail: mailTemplates }, { intervalMs: 200 });
  const app = createApp({
    db,
    config,
    clock,
    addressHashKey: ADDRESS_HASH_KEY,
    dataKey: DATA_KEY,
    mailbox: transport.kind === 'mailbox',
    onMailQueued: () => worker.wake(),
  });
  handler = app.fetch;
  return {
    url,
    db,
    clock,
    apiKey: key,
    worker,
    transport,
    postEvent: (event) =>
      fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(event),
      }),
    generateHistory: (options) => generateDemoHistory(db, { config, addressHashKey: ADDRESS_HASH_KEY, dataKey: DATA_KEY, mail: mailTemplates }, options, clock.now()),
    async close() {
      await worker.stop();
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.$client.close();
    },
  };
}
