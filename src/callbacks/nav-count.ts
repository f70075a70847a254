import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import type { AppEnv } from '../http/env';
import { countOpenCallbacks } from './work-list';

/** Puts the number of the user's organisation's open call-back requests on the context for the staff menu of kcc staff and managers. */
export function openCallbackCount(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // c.get, not c.var: c.var copies every variable into a new object on each read.
    const role = c.get('user')?.role;
    if (role === 'kcc' || role === 'manager') c.set('openCallbacks', countOpenCallbacks(db, c.get('user')!.organisationId));
    await next();
  };
}
