/**
 * A small HTTP load generator for the benchmarks: `concurrency` requests in flight over
 * keep-alive connections (node:http with a keep-alive Agent, one socket per request in flight),
 * against a server in another process (bench/server-process.ts), so client and server do not
 * share an event loop. Reports throughput and latency percentiles.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<number, number>;
}

/**
 * Sends `requests` requests (request(i) builds the i-th), `concurrency` at a time; every answer
 * must have `expectStatus`. Without `ratePerSecond` each connection sends its next request as soon
 * as the last one is answered (closed loop: the server's saturation throughput, where latency is
 * by Little's law concurrency ÷ throughput). With it, request i is due at i ÷ rate seconds (open
 * loop: latency at that load) and its latency counts from when it was due, so a slow server cannot
 * hide its queue (no coordinated omission).
 */
export async function runLoad(options: {
  port: number;
  concurrency: number;
  requests: number;
  request: (i: number) => LoadRequest;
  expectStatus: number;
  ratePerSecond?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  // A keep-alive socket the server closes just as a request goes out ends in ECONNRESET before the
  // server read anything: sent again once on a fresh socket, as the Node documentation advises.
  const send = (request: LoadRequest, retried = false): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: options.port,
          agent,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, ...(request.body !== undefined ? { 'Content-Length': Buffer.byteLength(request.body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(request, true));
        else reject(error);
      });
      req.end(request.body);
    });
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < options.requests) {
      const i = next++;
      let start = process.hrtime.bigint();
      if (options.ratePerSecond) {
        const due = started + BigInt(Math.round((i / options.ratePerSecond) * 1e9));
        if (due > start) await new Promise((resolve) => setTimeout(resolve, Number(due - start) / 1e6));
        start = due;
      }
      const status = await send(options.request(i));
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const unexpected = Object.entries(statuses).filter(([status]) => Number(status) !== options.expectStatus);
  if (unexpected.length) throw new Error(`unexpected statuses: ${JSON.stringify(statuses)} (expected only ${options.expectStatus})`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: options.requests, seconds, perSecond: options.requests / seconds, p50Ms: at(0.5), p99Ms: at(0.99), statuses };
}

export interface ServerMemory {
  rss: number;
  heapUsed: number;
}

/** A benchmark server in a child process (bench/server-process.ts), driven over IPC. */
export class BenchProcess {
  private constructor(private readonly child: ChildProcess) {}

  static start(): BenchProcess {
    const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new BenchProcess(child);
  }

  /** Sends a command and waits for its answer (or the child's error). */
  call<T = Record<string, unknown>>(command: Record<string, unknown>): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { ok: boolean; error?: string; result?: T }) => {
        this.child.off('exit', onExit);
        if (message.ok) resolve(message.result as T);
        else reject(new Error(`bench server: ${message.error}`));
      };
      const onExit = (code: number | null) => {
        this.child.off('message', onMessage);
        reject(new Error(`bench server exited with ${code} during ${String(command.cmd)}`));
      };
      this.child.once('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(command);
    });
  }

  /** The server's CPU time so far (user + system), in ms. */
  async cpuMs(): Promise<number> {
    return (await this.call<{ ms: number }>({ cmd: 'cpu' })).ms;
  }

  /** Requests that went through the group commit of our server so far, and the commits they took (zero for a bare server). */
  commits(): Promise<{ requests: number; commits: number }> {
    return this.call<{ requests: number; commits: number }>({ cmd: 'commits' });
  }

  memory(): Promise<ServerMemory> {
    return this.call<ServerMemory>({ cmd: 'memory' });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ cmd: 'exit' });
    await exited;
  }
}
