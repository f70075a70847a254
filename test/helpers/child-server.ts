import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDb } from '../../src/db/client';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import { TestSmtpServer } from './smtp';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The real server (src/server.ts) as its own process, the way `npm start` runs it — but with
 * tsx loaded into node itself (`node --import tsx`) instead of through the tsx launcher, so the
 * pid is the server's own: SIGKILL and SIGTERM reach it, not a wrapper.
 */
export interface ChildServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed, for the failure message of a test. */
  output(): string;
  /** Resolves when the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

const running = new Set<ChildProcess>();

/** Kills every child server still running (for afterAll). */
export function killAllChildServers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Every variable the app's configuration reads: recorded while it parses an empty environment. */
export const configVariables: ReadonlySet<string> = (() => {
  const read = new Set<string>();
  loadConfig(new Proxy({}, { get: (_, name) => void (typeof name === 'string' && read.add(name)) }));
  return read;
})();

/**
 * The environment of a child process (server or CLI): this process's, without any variable the
 * configuration reads, so the developer's shell cannot change a test; then a free port, the
 * test's public URL and `env`. No .env file is read (ENV_FILE empty).
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !configVariables.has(key)));
  return { ...base, ENV_FILE: '', PORT: '0', PUBLIC_URL: 'http://meethuis.test', ...env };
}

export async function startChildServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolvePromise({ code, signal });
    }),
  );
  const port = await new Promise<number>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listens on http:\/\/localhost:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolvePromise(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Prepares a database file as an operator would with the CLI: migrated, demo journeys, one API key. */
export function prepareDatabase(path: string): { apiKey: string } {
  const db = openDb(path);
  try {
    loadDemoJourneysIfEmpty(db, systemClock);
    return { apiKey: createApiKey(db, 'crash-test', systemClock).key };
  } finally {
    db.$client.close();
  }
}

/** What a test file's child servers run on; filled in by the file's beforeAll. */
export interface ChildServerFiles {
  /** A fresh temporary directory, removed after all tests. */
  dir: string;
  /** `<dir>/data/meethuis.db`: migrated, with the demo journeys and `apiKey`. */
  databasePath: string;
  apiKey: string;
  /** A real SMTP server for the child servers' mail. */
  smtp: TestSmtpServer;
}

/**
 * Registers beforeAll/afterAll for a test file that runs child servers on one database file:
 * a temporary directory (named with `prefix`) with a prepared database and a real SMTP server;
 * afterwards every child server is killed, the SMTP server stopped and the directory removed.
 */
export function useChildServerFiles(prefix: string): ChildServerFiles {
  const files = {} as ChildServerFiles;
  beforeAll(async () => {
    files.dir = mkdtempSync(join(tmpdir(), prefix));
    files.databasePath = join(files.dir, 'data', 'meethuis.db');
    ({ apiKey: files.apiKey } = prepareDatabase(files.databasePath));
    files.smtp = await new TestSmtpServer().start();
  });
  afterAll(async () => {
    killAllChildServers();
    await files.smtp?.stop();
    if (files.dir) rmSync(files.dir, { recursive: true, force: true });
  });
  return files;
}

/** The environment of a server under load in a crash test: these files, their SMTP server, no event limit, behind a proxy. */
export const loadTestEnv = (files: ChildServerFiles, addressHashKey: string) => ({
  DATABASE_PATH: files.databasePath,
  SMTP_URL: files.smtp.url,
  TRUST_PROXY: 'true',
  EVENTS_PER_MINUTE_PER_KEY: '1000000',
  ADDRESS_HASH_KEY: addressHashKey,
});
