/**
 * SQLite errors that say "not now" rather than "this request is wrong": another connection holds
 * the write lock longer than busy_timeout, the disk is full, the disk or file system failed.
 * The transaction was rolled back, nothing was stored half, and the same request can succeed later,
 * so they are answered 503 with Retry-After instead of 500.
 */
export type UnavailableKind = 'busy' | 'full' | 'io' | 'read-only';

export interface DatabaseUnavailable {
  kind: UnavailableKind;
  /** The SQLite extended code, e.g. SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE. */
  code: string;
  retryAfterSeconds: number;
}

const kinds: { prefix: string; kind: UnavailableKind; retryAfterSeconds: number }[] = [
  { prefix: 'SQLITE_BUSY', kind: 'busy', retryAfterSeconds: 5 },
  { prefix: 'SQLITE_LOCKED', kind: 'busy', retryAfterSeconds: 5 },
  { prefix: 'SQLITE_FULL', kind: 'full', retryAfterSeconds: 300 },
  { prefix: 'SQLITE_IOERR', kind: 'io', retryAfterSeconds: 60 },
  { prefix: 'SQLITE_READONLY', kind: 'read-only', retryAfterSeconds: 60 },
];

/** Classifies an error (drizzle wraps the driver's error as its `cause`); undefined for any other error. */
export function databaseUnavailable(error: unknown): DatabaseUnavailable | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const match = kinds.find((entry) => code === entry.prefix || code.startsWith(`${entry.prefix}_`));
    if (match) return { kind: match.kind, code, retryAfterSeconds: match.retryAfterSeconds };
  }
  return undefined;
}
