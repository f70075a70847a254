import { createHmac } from 'node:crypto';
import { inArray, lt } from 'drizzle-orm';
import { DAY_MS } from '../clock';
import type { Db, Store } from '../db/client';
import { zgwCases } from '../db/schema';


/** The keyed hash that replaces a zaak's URL once its invitation no longer carries the case reference. */
export const pseudonymOf = (addressHashKey: string, objectUrl: string) =>
  `hmac:${createHmac('sha256', addressHashKey).update(`zgw-case|${objectUrl}`, 'utf8').digest('hex')}`;

/**
 * Whether this zaak (or contact) was invited for before — by its URL, or by the keyed hash that
 * replaced the URL after retention erased the invitation's contact details.
 */
export function invitedCase(db: Store, addressHashKey: string, objectUrl: string): { invitationId: number } | undefined {
  return db
    .select({ invitationId: zgwCases.invitationId })
    .from(zgwCases)
    .where(inArray(zgwCases.objectUrl, [objectUrl, pseudonymOf(addressHashKey, objectUrl)]))
    .get();
}

/**
 * Keeps retention's promise: once an invitation lost its address and case reference (closed,
 * or erased on request), nothing here may lead from the zaak to it (and so to the answers). The
 * notifications about it are deleted; the zaak's record keeps only a keyed hash of its URL (so
 * it is still never invited twice), without reference, on the day it was made.
 */
export function pseudonymiseClosedCases(db: Db, addressHashKey: string): { cases: number; notifications: number } {
  const client = db.$client;
  const rows = client
    .prepare(
      `SELECT c.id, c.object_url AS url, c.created_at AS created
         FROM zgw_cases c JOIN invitations i ON i.id = c.invitation_id
        WHERE c.object_url NOT LIKE 'hmac:%' AND i.case_reference = '' LIMIT 5000`,
    )
    .all() as { id: number; url: string; created: number }[];
  const update = client.prepare(`UPDATE zgw_cases SET object_url = ?, reference = '', notification_id = NULL, created_at = ? WHERE id = ?`);
  // Also a late repeat, answered "already invited" after the erasure.
  const linked = `SELECT n.id FROM zgw_notifications n JOIN invitations i ON i.id = n.invitation_id WHERE i.case_reference = ''`;
  return db.transaction(() => {
    for (const row of rows) update.run(pseudonymOf(addressHashKey, row.url), Math.floor(row.created / DAY_MS) * DAY_MS, row.id);
    client.prepare(`UPDATE zgw_cases SET notification_id = NULL WHERE notification_id IN (${linked})`).run();
    const notifications = client.prepare(`DELETE FROM zgw_notifications WHERE id IN (${linked})`).run().changes;
    return { cases: rows.length, notifications };
  });
}

/**
 * Records of zaken older than this are dropped: reconciliation looks back at most a year and
 * notification services stop retrying within a day, so such a zaak cannot come back.
 */
export const CASE_RECORD_DAYS = 400;

export function pruneCaseRecords(db: Db, now: Date): number {
  return db.delete(zgwCases).where(lt(zgwCases.createdAt, new Date(now.getTime() - CASE_RECORD_DAYS * DAY_MS))).run().changes;
}
