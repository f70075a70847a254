import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Store } from '../db/client';
import { auditLog, auditResults, HOSTING_ORGANISATION_ID, users } from '../db/schema';

export interface AuditEntry {
  action: string;
  object?: string | null;
  result: (typeof auditResults)[number];
  origin?: string | null;
  actor: { userId: number | null; label: string };
  details?: Record<string, string | number | boolean | null>;
}


/**
 * Writes one BIO log line. Callers pass only identifiers and outcomes: never passwords, codes,
 * tokens or keys — details are for things like a role or a key's name.
 */
export function audit(db: Store, at: Date, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at,
      action: entry.action,
      object: entry.object ?? null,
      result: entry.result,
      origin: entry.origin ?? null,
      actorUserId: entry.actor.userId,
      actor: entry.actor.label,
      details: entry.details ?? null,
    })
    .run();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  result?: (typeof auditResults)[number];
  from?: Date;
  to?: Date;
}

/**
 * The entries an administrator of the organisation may read: those of its own staff; the hosting
 * organisation's administrators also read those without a staff actor ('cli', 'system', failed
 * sign-ins of unknown addresses), as they run the installation.
 */
function visibleTo(organisationId: number): SQL {
  const ownStaff = sql`${auditLog.actorUserId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.organisationId} = ${organisationId})`;
  return organisationId === HOSTING_ORGANISATION_ID ? sql`(${auditLog.actorUserId} IS NULL OR ${ownStaff})` : ownStaff;
}

/** The organisation's audit entries matching the filter, newest first. */
export function searchAuditLog(db: Db, filter: AuditFilter, page: { limit: number; offset: number }, organisationId: number) {
  const conditions: SQL[] = [visibleTo(organisationId)];
  // Exact: a prefix match would make "logout" also find "logout.everywhere".
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  // A part of the actor, case-insensitive; % and _ typed by the admin are taken literally.
  if (filter.actor) conditions.push(sql`${auditLog.actor} LIKE ${`%${filter.actor.replace(/[\\%_]/g, '\\$&')}%`} ESCAPE '\\'`);
  if (filter.result) conditions.push(eq(auditLog.result, filter.result));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

/** The actions in the organisation's entries, for the filter's choices. */
export function auditActions(db: Db, organisationId: number): string[] {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(visibleTo(organisationId))
    .orderBy(auditLog.action)
    .all()
    .map((row) => row.action);
}
