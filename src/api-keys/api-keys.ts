import { and, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { generateToken, hashToken } from '../tokens';

/** Creates an API key; the key itself is returned once and only its hash is stored. */
export function createApiKey(db: Db, name: string, clock: Clock): { id: number; key: string } {
  const key = generateToken('mh_');
  const row = db
    .insert(apiKeys)
    .values({ name, keyHash: hashToken(key), prefix: key.slice(0, 7), createdAt: clock.now() })
    .returning({ id: apiKeys.id })
    .get();
  return { id: row.id, key };
}

export function findActiveApiKey(db: Db, key: string) {
  if (!key.startsWith('mh_') || key.length > 100) return undefined;
  return db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)))
    .get();
}
