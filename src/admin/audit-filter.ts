import type { AuditFilter } from '../audit/audit-log';
import { parseDay, startOfAmsterdamDay } from '../calendar';
import { auditResults } from '../db/schema';
import { nl } from '../texts';

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export interface AuditQuery {
  /** The values as typed, to fill the form again. */
  values: { action: string; actor: string; result: string; from: string; to: string };
  filter: AuditFilter;
  errors: Record<string, string>;
  page: number;
}

/**
 * Reads the audit-log filters from the query string: `action`, `actor`, `result`, `from` and
 * `to` (whole days, both inclusive, Amsterdam time) and `pagina`.
 */
export function parseAuditQuery(query: Record<string, string | undefined>): AuditQuery {
  const text = (name: string, max: number) => (query[name] ?? '').trim().slice(0, max);
  const values = { action: text('action', 100), actor: text('actor', 254), result: text('result', 20), from: text('from', 10), to: text('to', 10) };
  const t = nl.admin.auditLog;
  const errors: Record<string, string> = {};
  const filter: AuditFilter = {};
  if (values.action) filter.action = values.action;
  if (values.actor) filter.actor = values.actor;
  if (values.result) {
    const result = auditResults.find((candidate) => candidate === values.result);
    if (result) filter.result = result;
    else errors.result = t.errorResult;
  }
  const from = values.from ? parseDay(values.from) : undefined;
  const to = values.to ? parseDay(values.to) : undefined;
  if (values.from && !from) errors.from = t.errorDate;
  if (values.to && !to) errors.to = t.errorDate;
  if (from) filter.from = startOfAmsterdamDay(from.year, from.month, from.day);
  if (to) filter.to = startOfAmsterdamDay(to.year, to.month, to.day + 1);
  if (filter.from && filter.to && filter.to <= filter.from) errors.to = t.errorRange;
  const requested = Number(query.pagina ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, MAX_PAGE) : 1;
  return { values, filter, errors, page };
}

/** The audit-log URL for these filters and page: links keep the filters. */
export function auditLogHref(values: AuditQuery['values'], page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `/admin/audit-log?${query}` : '/admin/audit-log';
}
