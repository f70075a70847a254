import { join } from 'node:path';
import { createApiKey } from '../src/api-keys/api-keys';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDb } from '../src/db/client';
import { loadDemoJourneysIfEmpty } from '../src/journeys/demo-journeys';

export interface Result {
  name: string;
  ours: number;
  baseline: number;
  baselineName: string;
  unit: string;
  note?: string;
  /** Throughputs: more is better (the default, times, is less is better). */
  higherIsBetter?: boolean;
  /** The target from issue 10, as text, and whether this run met it (with why not, if not). */
  target?: string;
  met?: boolean;
  gap?: string;
  /** The server's memory after the measurement (rss and heap used). */
  memory?: string;
}

/**
 * BENCH_SCALE shrinks every benchmark's data and request counts for a quick check
 * (`BENCH_SCALE=0.05 npm run bench`); 1 (the default) is the full size the issue asks for.
 */
export const BENCH_SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** `full` at BENCH_SCALE, but never less than `minimum`. */
export const scaled = (full: number, minimum: number) => Math.max(minimum, Math.round(full * BENCH_SCALE));

/** Median milliseconds per call after a warm-up: robust against the odd slow run on a shared machine. */
export async function medianMs(iterations: number, run: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.max(3, Math.min(200, iterations / 10)); i++) await run(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The real app on a file database in `dir`, with the demo journeys and an API key. */
export function freshApp(dir: string, name: string, env: Record<string, string> = {}) {
  const config = loadConfig({ DATABASE_PATH: join(dir, `${name}.db`), PUBLIC_URL: 'http://bench.local', EVENTS_PER_MINUTE_PER_KEY: '1000000000', ...env });
  const db = openDb(config.DATABASE_PATH);
  loadDemoJourneysIfEmpty(db, systemClock);
  const { key } = createApiKey(db, 'bench', systemClock);
  const app = createApp({
    db,
    config,
    clock: systemClock,
    addressHashKey: 'bench-key-bench-key-bench-key-bench',
    dataKey: 'bench-data-key-bench-data-key-bench',
    mailbox: true,
  });
  return { app, db, key, config };
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** The event of the contract (DESIGN.md) with a fresh id, case and address for each i. */
export function benchEvent(i: number, run = 'x'): string {
  return JSON.stringify({
    id: `bench-${run}-${i}`,
    type: 'case.closed',
    occurredAt: '2026-11-20T14:03:00Z',
    case: { reference: `Z-${run}-${i}`, caseType: 'paspoort-aanvragen', openedAt: '2026-11-01T09:00:00Z', channel: 'balie' },
    citizen: { email: `burger-${run}-${i}@example.nl`, language: 'nl' },
    segment: { ageBand: '65+', district: 'Woensel' },
    touchpoints: ['afspraak-maken', 'balie', 'ophalen'],
  });
}
