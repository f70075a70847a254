import { chmodSync, constants, copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  durationMs: number;
  pages: number;
}

/**
 * A consistent copy of the live database with SQLite's online backup API, while the server keeps
 * writing (WAL: the server is never blocked). The copy is written to a temporary file beside the
 * target, checked with `PRAGMA quick_check`, and only then put in place: a failed backup never leaves
 * a half file under the target name, and without `force` an existing file is never overwritten.
 */
export async function backupDatabase(sqlite: Database.Database, target: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const file = resolve(target);
  if (!existsSync(dirname(file))) throw new BackupError(`The folder ${dirname(file)} does not exist.`);
  if (existsSync(file) && !options.force) throw new BackupError(`${file} already exists; choose another name or add --force to overwrite it.`);
  const source = sqlite.name ? resolve(sqlite.name) : '';
  if (source === file) throw new BackupError('The backup cannot be written over the database itself.');

  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const started = performance.now();
  try {
    // 100 pages first, then all the rest in one step: a single step copies from one snapshot, so
    // writes by the server cannot make the backup start over again and again.
    const progress = await sqlite.backup(temporary, { progress: () => 0x7fffffff });
    const copy = new Database(temporary, { fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`The copy failed its check (${String(check)}); the database was not changed.`);
      // One self-contained file: no -wal beside it is needed to read it.
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    rmSync(`${temporary}-wal`, { force: true });
    rmSync(`${temporary}-shm`, { force: true });
    // It holds what the database holds (addresses of open invitations): readable by its owner only.
    chmodSync(temporary, 0o600);
    if (options.force) {
      renameSync(temporary, file);
    } else {
      // A hard link fails if the target appeared meanwhile: never overwrite without --force.
      try {
        linkSync(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`${file} already exists; add --force to overwrite it.`);
        // A file system without hard links: an exclusive copy refuses an existing target too.
        copyFileSync(temporary, file, constants.COPYFILE_EXCL);
      }
      rmSync(temporary, { force: true });
    }
    return { file, bytes: statSync(file).size, durationMs: performance.now() - started, pages: progress.totalPages };
  } finally {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`]) rmSync(leftover, { force: true });
  }
}

/** Where the generated secrets live (src/secrets.ts): beside the database, and needed with every backup. */
export function secretsFileFor(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'secrets.json');
}

/** Opens the live database file for a backup without migrating or otherwise changing it. */
export function openForBackup(databasePath: string): Database.Database {
  if (databasePath === ':memory:' || !existsSync(databasePath)) throw new BackupError(`There is no database at ${databasePath} (DATABASE_PATH).`);
  const sqlite = new Database(databasePath, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
