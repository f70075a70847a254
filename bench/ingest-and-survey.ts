/** Event ingest and the survey page, each against a bare hono handler on the same database settings. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { freshApp, medianMs, type Result } from './harness';

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

export async function ingestAndSurveyBenchmarks(dir: string): Promise<Result[]> {
  const results: Result[] = [];
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
  const oursMs = await medianMs(2000, async (i) => {
    const response = await post(ours.app, i);
    if (response.status !== 202) throw new Error(`event ${i}: ${response.status}`);
  });
  const bareMs = await medianMs(2000, (i) => post(baseline, i));
  results.push({
    name: "POST /api/v1/events (case.closed → invitation + 2 outbox mails, one fsync'd transaction)",
    ours: oursMs,
    baseline: bareMs,
    baselineName: 'bare hono handler: parse JSON + one INSERT, same pragmas',
    unit: 'ms',
  });

  // 2. Survey page: token lookup and render of a 3-step survey vs. a constant HTML string.
  // The token is on the queued invitation mail until it is sent (the mail is rendered then).
  const token = ours.db.$client.prepare("SELECT link_token FROM outbox WHERE kind = 'invitation' AND link_token IS NOT NULL LIMIT 1").pluck().get() as string;
  const path = `/s/${token}`;
  const page = await (await ours.app.request(path)).text();
  const staticApp = new Hono().get('/s/:token', (c) => c.html(page));
  const pageMs = await medianMs(3000, () => Promise.resolve(ours.app.request(path)).then((r) => r.text()));
  const staticMs = await medianMs(3000, () => Promise.resolve(staticApp.request(path)).then((r) => r.text()));
  results.push({
    name: 'GET /s/<token> (look up hashed token, render survey with NL Design System markup)',
    ours: pageMs,
    baseline: staticMs,
    baselineName: 'bare hono handler returning the same HTML as a constant',
    unit: 'ms',
  });
  ours.db.$client.close();
  bare.close();
  return results;
}
