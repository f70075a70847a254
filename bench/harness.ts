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
}

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
