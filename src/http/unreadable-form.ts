import type { Context } from 'hono';

/**
 * Whether `error` is the failure of parsing this request's form body (a multipart body without
 * its boundary, cut off or otherwise malformed): the client's fault, answered with 400, not 500.
 * Handlers read forms with `c.req.parseBody()`, which keeps the parse in `bodyCache.formData`;
 * only when that very promise failed with this very error is the request to blame.
 */
export async function isUnreadableForm(c: Context, error: unknown): Promise<boolean> {
  // Typed as FormData, but parseBody keeps the promise of it there.
  const pending = c.req.bodyCache.formData as Promise<FormData> | FormData | undefined;
  if (!pending) return false;
  return Promise.resolve(pending).then(
    () => false,
    (reason: unknown) => reason === error,
  );
}
