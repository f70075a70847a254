import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';

/** Whether htmx sent this request (it then swaps the answer into the page). */
export const isHtmx = (c: Context) => c.req.header('HX-Request') === 'true';

/**
 * Whether to answer with only the part htmx swaps. A history restore wants the whole page:
 * htmx asks for it when its own history cache misses.
 */
export const wantsFragment = (c: Context) => isHtmx(c) && c.req.header('HX-History-Restore-Request') !== 'true';

/**
 * A filtered page that works at one URL with and without JavaScript: the whole page, or for htmx
 * only the part it swaps (the answer varies by HX-Request, so caches keep both); 422 while a
 * filter is invalid.
 */
export function pageOrFragment(c: Context, view: { invalid: boolean; fragment: JSX.Element; page: JSX.Element }) {
  const status = view.invalid ? 422 : 200;
  c.header('Vary', 'HX-Request', { append: true });
  return wantsFragment(c) ? c.html(view.fragment, status) : c.render(view.page, { status });
}
