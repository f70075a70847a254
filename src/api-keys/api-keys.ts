import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { preparedPerConnection } from '../db/prepared';
import { apiKeys, HOSTING_ORGANISATION_ID } from '../db/schema';
import { generateToken, hashToken } from '../tokens';

/**
 * Creates an API key for an organisation (default: the hosting organisation); the key itself is
 * returned once and only its hash is stored.
 */
export function createApiKey(db: Db, name: string, clock: Clock, organisationId?: number): { id: number; key: string } {
  const key = generateToken('mh_');
  const row = db
    .insert(apiKeys)
    .values({ name, organisationId, keyHash: hashToken(key), prefix: key.slice(0, 7), createdAt: clock.now() })
    .returning({ id: apiKeys.id })
    .get();
  return { id: row.id, key };
}

const activeKeyByHash = preparedPerConnection((store) =>
  store
    .select({ id: apiKeys.id, name: apiKeys.name, organisationId: apiKeys.organisationId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
    .prepare(),
);

export function findActiveApiKey(db: Db, key: string) {
  if (!key.startsWith('mh_') || key.length > 100) return undefined;
  return activeKeyByHash(db).get({ hash: hashToken(key) });
}

// Everything about a key except its hash.
const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** An organisation's keys, newest first, without their hash: for the admin page. */
export function listApiKeys(db: Db, organisationId: number = HOSTING_ORGANISATION_ID) {
  return db.select(summary).from(apiKeys).where(eq(apiKeys.organisationId, organisationId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).all();
}

export type ApiKeySummary = ReturnType<typeof listApiKeys>[number];

/** One of the organisation's keys; undefined for another organisation's. */
export function findApiKeyById(db: Db, id: number, organisationId: number): ApiKeySummary | undefined {
  return db
    .select(summary)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.organisationId, organisationId)))
    .get();
}

/** Revokes a key at once; returns false when it was unknown or already revoked. */
export function revokeApiKey(db: Db, id: number, now: Date): boolean {
  return (
    db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .run().changes === 1
  );
}

export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/**
 * Records that a key was used; writes at most once a minute per key, so busy clients cost no
 * extra writes. Pass the `lastUsedAt` already read (findActiveApiKey returns it) to skip even
 * the no-op UPDATE, which costs a write transaction (tens of microseconds) on every request.
 */
export function touchApiKey(db: Db, id: number, now: Date, lastUsedAt?: Date | null): void {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < API_KEY_TOUCH_INTERVAL_MS) return;
  db.update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS))),
      ),
    )
    .run();
}
