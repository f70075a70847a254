import { generateToken } from '../tokens';
import type { ImportOptions, ImportResult } from './csv-import';

/**
 * An import started from the upload page with htmx: it runs in the background (batches yield to
 * the event loop between them) and the page polls its progress. Kept in memory only — a restart
 * forgets it, which is harmless: the batches already committed stay, and importing the file
 * again completes it.
 */
export interface ImportJob {
  id: string;
  userId: number;
  fileName: string;
  startedAt: Date;
  phase: 'checking' | 'importing' | 'done' | 'failed';
  done: number;
  total: number;
  result?: ImportResult;
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly keepMs = 60 * 60_000,
    private readonly maxJobs = 50,
  ) {}

  /** Starts `run` now; its progress and result land on the returned job. */
  start(
    owner: { userId: number; fileName: string; now: Date },
    run: (onProgress: NonNullable<ImportOptions['onProgress']>) => Promise<ImportResult>,
    onFailure: (error: unknown) => void,
  ): ImportJob {
    this.prune(owner.now);
    const job: ImportJob = {
      id: generateToken().slice(0, 32),
      userId: owner.userId,
      fileName: owner.fileName,
      startedAt: owner.now,
      phase: 'checking',
      done: 0,
      total: 0,
    };
    this.jobs.set(job.id, job);
    run((done, total) => {
      job.phase = 'importing';
      job.done = done;
      job.total = total;
    }).then(
      (result) => {
        job.result = result;
        job.phase = 'done';
      },
      (error: unknown) => {
        job.phase = 'failed';
        onFailure(error);
      },
    );
    return job;
  }

  /** A job, only for the user who started it. */
  get(id: string, userId: number): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job && job.userId === userId ? job : undefined;
  }

  private prune(now: Date): void {
    for (const [id, job] of this.jobs) {
      if (now.getTime() - job.startedAt.getTime() > this.keepMs && (job.phase === 'done' || job.phase === 'failed')) this.jobs.delete(id);
    }
    // Never grow without bound: drop the oldest finished jobs first.
    for (const [id, job] of this.jobs) {
      if (this.jobs.size < this.maxJobs) break;
      if (job.phase === 'done' || job.phase === 'failed') this.jobs.delete(id);
    }
  }
}
