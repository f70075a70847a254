import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Session, User } from '../db/schema';
import type { StaffHelpers } from './staff';

/** What the middleware puts on the context for the handlers after it; see StaffEnv for staff routes. */
export type AppEnv = {
  Variables: {
    user?: User;
    session?: Session;
    sessionToken?: string;
    clientAddress: string;
    /** Open call-back requests, for the staff menu of those who handle them. */
    openCallbacks?: number;
  } & Partial<StaffHelpers>;
};

/** The client's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  // app.request() (tests, in-process benchmarks) has no socket; checked, not caught: a thrown error costs a stack trace per request.
  if (!c.env || !('incoming' in (c.env as object) || 'server' in (c.env as object))) return 'local';
  return getConnInfo(c).remote.address ?? 'unknown';
}
