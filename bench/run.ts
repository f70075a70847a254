/**
 * Benchmarks: each measures our path and a bare baseline in the same run, on the same machine,
 * and reports the ratio (these machines are shared and noisy; absolute numbers drift).
 * Run with `npm run bench`; writes BENCHMARKS.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { createApiKey } from '../src/api-keys/api-keys';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDb } from '../src/db/client';
import { loadDemoJourneysIfEmpty } from '../src/journeys/demo-journeys';

interface Result {
  name: string;
  ours: number;
  baseline: number;
  baselineName: string;
  unit: string;
}

async function measure(iterations: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations / 10); i++) await run(-1 - i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await run(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

function freshApp(dir: string, name: string) {
  const config = loadConfig({ DATABASE_PATH: join(dir, `${name}.db`), PUBLIC_URL: 'http://bench.local' });
  const db = openDb(config.DATABASE_PATH);
  loadDemoJourneysIfEmpty(db, systemClock);
  const { key } = createApiKey(db, 'bench', systemClock);
  const app = createApp({ db, config, clock: systemClock, addressHashKey: 'bench-key-bench-key-bench-key-bench', dataKey: 'bench-data-key-bench-data-key-bench', mailbox: true });
  return { app, db, key };
}

const event = (i: number) =>
  JSON.stringify({
    id: `bench-${i}`,
    type: 'case.closed',
    occurredAt: '2026-11-20T14:03:00Z',
    case: { reference: `Z-${i}`, caseType: 'paspoort-aanvragen', openedAt: '2026-11-01T09:00:00Z', channel: 'balie' },
    citizen: { email: `burger${i}@example.nl`, language: 'nl' },
    segment: { ageBand: '65+', district: 'Woensel' },
    touchpoints: ['afspraak-maken', 'balie', 'ophalen'],
  });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'meethuis-bench-'));
  const results: Result[] = [];
  try {
    // 1. Event ingest: validation, idempotency, fatigue and opt-out checks, invitation, two outbox mails.
    const ours = freshApp(dir, 'events');
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT UNIQUE, payload TEXT)');
    const insert = bare.prepare('INSERT INTO events (event_id, payload) VALUES (?, ?)');
    const baseline = new Hono().post('/api/v1/events', async (c) => {
      const body = await c.req.json<{ id: string }>();
      insert.run(body.id, JSON.stringify(body));
      return c.json({ status: 'accepted' }, 202);
    });
    const post = (app: { request: Hono['request'] }, i: number, key = ours.key) =>
      app.request('/api/v1/events', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: event(i),
      });
    const n = 2000;
    const oursMs = await measure(n, async (i) => {
      const response = await post(ours.app, i);
      if (response.status !== 202) throw new Error(`event ${i}: ${response.status}`);
    });
    const bareMs = await measure(n, async (i) => {
      await post(baseline, i);
    });
    results.push({
      name: 'POST /api/v1/events (case.closed → invitation + 2 outbox mails, one fsync\'d transaction)',
      ours: oursMs,
      baseline: bareMs,
      baselineName: 'bare hono handler: parse JSON + one INSERT, same pragmas',
      unit: 'ms/request',
    });

    // 2. Survey page: token lookup and render of a 3-step survey vs. a constant HTML string.
    const row = ours.db.$client.prepare("SELECT text_body FROM outbox WHERE kind='invitation' LIMIT 1").get() as { text_body: string };
    const path = new URL(/https?:\/\/\S+\/s\/\S+/.exec(row.text_body)![0]).pathname;
    const page = await (await ours.app.request(path)).text();
    const staticApp = new Hono().get('/s/:token', (c) => c.html(page));
    const pageMs = await measure(3000, () => Promise.resolve(ours.app.request(path)).then((r) => r.text()));
    const staticMs = await measure(3000, () => Promise.resolve(staticApp.request(path)).then((r) => r.text()));
    results.push({
      name: 'GET /s/<token> (look up hashed token, render survey with NL Design System markup)',
      ours: pageMs,
      baseline: staticMs,
      baselineName: 'bare hono handler returning the same HTML as a constant',
      unit: 'ms/request',
    });
    ours.db.$client.close();
    bare.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const lines = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${process.platform} ${process.arch}, Node ${process.version}. Each row runs our path and a bare baseline in the same process; compare the ratio, not the absolute numbers.`,
    '',
    '| path | ours | baseline | ratio | baseline is |',
    '|---|---:|---:|---:|---|',
    ...results.map(
      (r) => `| ${r.name} | ${r.ours.toFixed(3)} ${r.unit} | ${r.baseline.toFixed(3)} ${r.unit} | ${(r.ours / r.baseline).toFixed(2)}× | ${r.baselineName} |`,
    ),
    '',
  ];
  writeFileSync('BENCHMARKS.md', lines.join('\n'));
  console.log(lines.join('\n'));
}

await main();
