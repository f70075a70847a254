import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type BodyLimitOptions = { maxSize: number; onError: (c: Context) => Response | Promise<Response> };

/**
 * hono's bodyLimit, without its cost where it needs none. It looks at `c.req.raw.body`, which
 * makes @hono/node-server build a whole web Request with a stream around the body (some 30 µs,
 * and the body is then read through that stream instead of straight from the socket). A request
 * with a Content-Length is judged by it: Node's HTTP parser never passes on more body than that
 * header announces. A chunked body, without one, is counted by hono's bodyLimit as it arrives.
 */
export function limitBody(options: BodyLimitOptions): MiddlewareHandler {
  const counting = bodyLimit(options);
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    if (!/^\d+$/.test(length) || Number(length) > options.maxSize) return options.onError(c);
    await next();
  };
}
