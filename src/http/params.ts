/** Reading path, query and form values: the one place routes take raw request input apart. */

/** A form or query value as text: anything else (a file, an absent field, a repeated one) is ''. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An id (or count) from a path, query or form value: digits only, or undefined. */
export function idParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** A calendar day written YYYY-MM-DD, as midnight UTC, or undefined. */
export function dayParam(value: string | undefined): Date | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
}
