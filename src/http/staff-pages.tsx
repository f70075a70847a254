import type { Context, MiddlewareHandler } from 'hono';
import { nl } from '../texts';
import { MessagePage } from '../../views/layout';
import { renderPage } from './render';

/** Staff pages show accounts, keys and personal data: never kept in a browser or proxy cache. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** The 404 page for a staff address whose id or slug does not exist. */
export function notFoundPage(c: Context, organisation: string) {
  return renderPage(c, <MessagePage title={nl.errors.notFoundTitle} organisation={organisation} paragraphs={[nl.errors.notFoundBody]} />, 404);
}
