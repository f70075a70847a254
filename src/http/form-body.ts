import type { Context } from 'hono';
import type { BodyData } from 'hono/utils/body';

/**
 * The posted form, as `c.req.parseBody()` gives it: the last value of a repeated field, an array
 * for a field named `…[]` (every field with `all`). hono parses a urlencoded body by wrapping it
 * in a web Response and asking undici for FormData, some 40 µs of a survey submission's CPU;
 * the same WHATWG parser is URLSearchParams, used here directly. Multipart forms (file uploads)
 * still go through parseBody, which keeps its parse for isUnreadableForm.
 */
export function readForm(c: Context): Promise<BodyData>;
export function readForm(c: Context, options: { all: true }): Promise<BodyData<{ all: true }>>;
export async function readForm(c: Context, options: { all?: boolean } = {}): Promise<BodyData<{ all: true }>> {
  const type = c.req.header('Content-Type')?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return c.req.parseBody({ all: options.all ?? false });
  const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(await c.req.text())) {
    if (!options.all && !key.endsWith('[]')) {
      form[key] = value;
      continue;
    }
    const existing = form[key];
    if (existing === undefined) form[key] = key.endsWith('[]') ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else form[key] = [existing, value];
  }
  return form;
}
