import type { Context } from 'hono';

/** Whether htmx sent this request (it then swaps the answer into the page). */
export const isHtmx = (c: Context) => c.req.header('HX-Request') === 'true';

/**
 * Whether to answer with only the part htmx swaps. A history restore wants the whole page:
 * htmx asks for it when its own history cache misses.
 */
export const wantsFragment = (c: Context) => isHtmx(c) && c.req.header('HX-History-Restore-Request') !== 'true';
