/**
 * Throughput under load, over real HTTP (issue 10): survey submissions at 50 connections, event
 * ingest at 16 connections and in-process, and mail dispatch from the outbox to a local SMTP
 * server. Each server runs in a process of its own (bench/server-process.ts) — first ours, then
 * the bare baseline, on the same machine in the same run — and reports its memory afterwards.
 */
import { SMTPServer } from 'smtp-server';
import { BenchProcess, runLoad, type LoadResult, type ServerMemory } from './http-load';
import { benchEvent, mb, scaled, type Result } from './harness';

const memoryText = (memory: ServerMemory) => `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
const fixed = (value: number, digits = 0) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Starts a benchmark server, runs `measure` against it, and returns its result with the server's memory afterwards. */
async function withServer<T>(run: (server: BenchProcess) => Promise<T>): Promise<T & { memory: ServerMemory }> {
  const server = BenchProcess.start();
  try {
    const result = await run(server);
    return { ...result, memory: await server.memory() };
  } finally {
    await server.stop();
  }
}

const SURVEY_FORM = new URLSearchParams({
  'feeling-afspraak-maken': '1',
  'comment-afspraak-maken': 'Het maken van de afspraak ging snel, maar de bevestiging kwam pas de volgende dag.',
  'feeling-balie': '-1',
  'comment-balie': '',
  'feeling-ophalen': '2',
  grade: '8',
  effort: '6',
}).toString();

/** A distinct client address per request (as seen behind a proxy): the per-address limit is for one client. */
const clientAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export async function surveyLoadBenchmark(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const concurrency = 50;
  const submissions = scaled(10_000, 500);
  const warmup = Math.min(1_000, Math.round(submissions / 5));
  const surveyRequest = (tokens: string[], offset: number) => (i: number) => ({
    method: 'POST' as const,
    path: `/s/${tokens[offset + i]}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': clientAddress(offset + i) },
    body: SURVEY_FORM,
  });

  const ours = await withServer(async (server) => {
    const { port, tokens } = await server.call<{ port: number; tokens: string[] }>({ cmd: 'survey-ours', dir, invitations: warmup + submissions });
    await runLoad({ port, concurrency, requests: warmup, request: surveyRequest(tokens, 0), expectStatus: 200 });
    return runLoad({ port, concurrency, requests: submissions, request: surveyRequest(tokens, warmup), expectStatus: 200 });
  });
  const bare = await withServer(async (server) => {
    const { port } = await server.call<{ port: number }>({ cmd: 'survey-bare', dir });
    const tokens = Array.from({ length: warmup + submissions }, (_, i) => `bare-token-${i}-${'x'.repeat(30)}`);
    await runLoad({ port, concurrency, requests: warmup, request: surveyRequest(tokens, 0), expectStatus: 200 });
    return runLoad({ port, concurrency, requests: submissions, request: surveyRequest(tokens, warmup), expectStatus: 200 });
  });

  const ratio = ours.perSecond / bare.perSecond;
  const path = `POST /s/<token> at ${concurrency} connections over HTTP (validation, token check, response + 3 answers + roll-ups in one fsync'd transaction; ${fixed(submissions)} submissions)`;
  return {
    results: [
      {
        name: `${path}: throughput`,
        ours: ours.perSecond,
        baseline: bare.perSecond,
        unit: 'req/s',
        higherIsBetter: true,
        baselineName: 'bare hono handler on the same server: parse the same form, INSERT one row, same pragmas (WAL, synchronous=FULL)',
        target: '≥ 0.5× baseline',
        met: ratio >= 0.5,
        memory: `ours ${memoryText(ours.memory)}; bare ${memoryText(bare.memory)}`,
        gap:
          ratio >= 0.5
            ? undefined
            : 'Every submission is one transaction with its own fsync (synchronous=FULL), as is the baseline\'s insert; ours also checks the token, writes 3 answers and the roll-ups and renders a page. Grouping concurrent submissions into one commit (group commit) would close it.',
      },
      {
        name: `${path}: p99 latency`,
        ours: ours.p99Ms,
        baseline: bare.p99Ms,
        unit: 'ms',
        baselineName: 'the same bare handler',
        target: '< 50 ms',
        met: ours.p99Ms < 50,
        memory: `p50 ours ${fixed(ours.p50Ms, 1)} ms, bare ${fixed(bare.p50Ms, 1)} ms`,
        gap:
          ours.p99Ms < 50
            ? undefined
            : `At ${concurrency} requests in flight on one writer, a request waits for up to ${concurrency - 1} commits before its own: p99 ≈ ${concurrency} × the time per submission (${fixed(1000 / ours.perSecond, 2)} ms here).`,
      },
    ],
    notes: [
      `Survey load: ${fixed(submissions)} submissions (after ${fixed(warmup)} to warm up) to as many open invitations prepared beforehand, ${concurrency} in flight over keep-alive connections from node:http; ours ${fixed(ours.perSecond)} req/s (p50 ${fixed(ours.p50Ms, 1)} ms, p99 ${fixed(ours.p99Ms, 1)} ms), bare ${fixed(bare.perSecond)} req/s (p50 ${fixed(bare.p50Ms, 1)} ms, p99 ${fixed(bare.p99Ms, 1)} ms).`,
      `Server memory after the survey load: ours ${memoryText(ours.memory)}; bare ${memoryText(bare.memory)}.`,
    ],
  };
}

export async function ingestLoadBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const concurrency = 16;
  const events = scaled(10_000, 500);
  const warmup = Math.min(500, Math.round(events / 5));
  const eventRequest = (key: string, run: string) => (i: number) => ({
    method: 'POST' as const,
    path: '/api/v1/events',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: benchEvent(i, run),
  });

  const overHttp = async (synchronous: 'FULL' | 'NORMAL', bare: boolean): Promise<LoadResult & { memory: ServerMemory }> =>
    withServer(async (server) => {
      const { port, key } = await server.call<{ port: number; key?: string }>({ cmd: bare ? 'ingest-bare' : 'ingest-ours', dir, synchronous });
      await runLoad({ port, concurrency, requests: warmup, request: eventRequest(key ?? '', 'warmup'), expectStatus: 202 });
      return runLoad({ port, concurrency, requests: events, request: eventRequest(key ?? '', 'run'), expectStatus: 202 });
    });
  const inProcess = async (synchronous: 'FULL' | 'NORMAL', bare: boolean) =>
    withServer(async (server) => {
      const { seconds } = await server.call<{ seconds: number }>({ cmd: 'ingest-in-process', dir, synchronous, events, bare });
      return { perSecond: events / seconds };
    });

  const results: Result[] = [];
  const notes: string[] = [];
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const ours = await overHttp(synchronous, false);
    const bare = await overHttp(synchronous, true);
    const oursIn = await inProcess(synchronous, false);
    const bareIn = await inProcess(synchronous, true);
    const setting = synchronous === 'FULL' ? 'synchronous=FULL (the default)' : 'synchronous=NORMAL (WAL; an option, not the default)';
    const fsyncGap =
      synchronous === 'FULL'
        ? `Not reachable with one fsync per event on this disk: the bare insert with the same synchronous=FULL itself reaches ${fixed(bare.perSecond)}/s. With synchronous=NORMAL (next rows) ours reaches the target; a group commit (one transaction for the events in flight) would reach it with FULL.`
        : undefined;
    results.push(
      {
        name: `POST /api/v1/events case.closed → invitation + 2 outbox mails, ${concurrency} connections over HTTP, ${setting}`,
        ours: ours.perSecond,
        baseline: bare.perSecond,
        unit: 'events/s',
        higherIsBetter: true,
        baselineName: `bare hono handler on the same server: parse JSON + one INSERT, ${synchronous}`,
        target: '≥ 2,000 events/s',
        met: ours.perSecond >= 2000,
        gap: ours.perSecond >= 2000 ? undefined : fsyncGap ?? 'see the notes',
        memory: `ours ${memoryText(ours.memory)}; bare ${memoryText(bare.memory)}`,
      },
      {
        name: `the same in-process (app.request, one event after another), ${setting}`,
        ours: oursIn.perSecond,
        baseline: bareIn.perSecond,
        unit: 'events/s',
        higherIsBetter: true,
        baselineName: `the same bare handler in-process, ${synchronous}`,
        target: '≥ 2,000 events/s',
        met: oursIn.perSecond >= 2000,
        gap: oursIn.perSecond >= 2000 ? undefined : fsyncGap ?? 'see the notes',
        memory: `ours ${memoryText(oursIn.memory)}; bare ${memoryText(bareIn.memory)}`,
      },
    );
    notes.push(
      `Event ingest, ${setting}: ${fixed(events)} events; over HTTP ours ${fixed(ours.perSecond)}/s (p50 ${fixed(ours.p50Ms, 1)} ms, p99 ${fixed(ours.p99Ms, 1)} ms), bare ${fixed(bare.perSecond)}/s; in-process ours ${fixed(oursIn.perSecond)}/s, bare ${fixed(bareIn.perSecond)}/s. Server memory after the HTTP run: ours ${memoryText(ours.memory)}, bare ${memoryText(bare.memory)}.`,
    );
  }
  return { results, notes };
}

/** A local SMTP server that accepts and discards: the cost measured is the sender's. */
async function startSinkSmtp(): Promise<{ url: string; received: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function mailDispatchBenchmark(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const mails = scaled(5_000, 300);
  const smtp = await startSinkSmtp();
  try {
    const ours = await withServer((server) => server.call<{ seconds: number; sent: number }>({ cmd: 'mail-ours', dir, mails, smtpUrl: smtp.url }));
    const oursReceived = smtp.received();
    const bare = await withServer((server) => server.call<{ seconds: number; sent: number }>({ cmd: 'mail-bare', dir, mails, smtpUrl: smtp.url }));
    if (ours.sent !== mails || oursReceived !== mails || smtp.received() !== 2 * mails) {
      throw new Error(`mail dispatch: sent ${ours.sent}/${bare.sent}, received ${oursReceived}/${smtp.received() - oursReceived} of ${mails} each`);
    }
    const oursRate = mails / ours.seconds;
    const bareRate = mails / bare.seconds;
    const ratio = oursRate / bareRate;
    return {
      results: [
        {
          name: `mail dispatch: the outbox worker (deliverDueMails, pooled SMTP transport of src/mail/transport.ts) to a local smtp-server (${fixed(mails)} mails)`,
          ours: oursRate,
          baseline: bareRate,
          unit: 'mails/s',
          higherIsBetter: true,
          baselineName: 'bare pooled nodemailer (same pool size) sending the same mails to the same server, all handed over at once',
          target: '≥ 0.8× baseline',
          met: ratio >= 0.8,
          gap: ratio >= 0.8 ? undefined : 'The worker marks each mail sent in its own fsync\'d transaction after the server accepted it; see the notes.',
          memory: `ours ${memoryText(ours.memory)}; bare ${memoryText(bare.memory)}`,
        },
      ],
      notes: [
        `Mail dispatch: ${fixed(mails)} survey invitations (text and HTML, as rendered for real) per side; ours ${fixed(oursRate)} mails/s, bare ${fixed(bareRate)} mails/s. Sender memory afterwards: ours ${memoryText(ours.memory)}, bare ${memoryText(bare.memory)}.`,
      ],
    };
  } finally {
    await smtp.stop();
  }
}
