import { like } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Store } from './db/client';
import { settings } from './db/schema';

/**
 * The last run of each scheduled job, kept in the `settings` table (as the hosting organisation's: jobs are the installation's) under `job-run:<name>`
 * (no table of its own): when it ran, how many rows it touched, how long it took, and the
 * error if it failed. Admin pages show them; a job that never ran has no row.
 */
export const jobRunSchema = z.object({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  rows: z.number().int().min(0),
  durationMs: z.number().min(0),
  /** False when the run stopped before all work was done (an error, or its batch budget). */
  complete: z.boolean(),
  error: z.string().nullable(),
  /** Who started it: 'schedule', 'cli', or 'admin:<user id>'. */
  trigger: z.string(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

const PREFIX = 'job-run:';

export function recordJobRun(db: Store, name: string, run: JobRun, now: Date): void {
  const value = jobRunSchema.parse(run);
  db.insert(settings)
    .values({ key: `${PREFIX}${name}`, value, updatedAt: now })
    .onConflictDoUpdate({ target: [settings.organisationId, settings.key], set: { value, updatedAt: now } })
    .run();
}

/** Every recorded last run, by job name; rows that do not parse (an older shape) are left out. */
export function lastJobRuns(db: Db): Map<string, JobRun> {
  const rows = db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(like(settings.key, `${PREFIX}%`))
    .all();
  const runs = new Map<string, JobRun>();
  for (const row of rows) {
    const parsed = jobRunSchema.safeParse(row.value);
    if (parsed.success) runs.set(row.key.slice(PREFIX.length), parsed.data);
  }
  return runs;
}
