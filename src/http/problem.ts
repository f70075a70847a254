import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

type ZodIssues = Pick<z.ZodError, 'issues'>;

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the error format of the JSON API. */
export function problem(c: Context, status: ContentfulStatusCode, title: string, detail?: string, errors?: FieldError[]) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }), status, {
    'Content-Type': 'application/problem+json',
  });
}

/** One error per issue; `describe` may replace zod's generic wording for the API's own fields. */
export function fieldErrors(error: ZodIssues, describe: (issue: z.core.$ZodIssue) => string = (issue) => issue.message): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: describe(issue),
  }));
}
