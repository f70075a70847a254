import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Store } from '../db/client';
import { setupLinks } from '../db/schema';
import { generateToken, hashToken } from '../tokens';
import { adminExists } from './users';

export const FIRST_ADMIN_LINK_HOURS = 24;
export const SET_PASSWORD_LINK_HOURS = 72;

/**
 * Issues the first-run link while no admin exists; earlier unused first-run links stop working,
 * so only the most recently printed one is valid.
 */
export function issueFirstAdminLink(db: Db, now: Date): string | undefined {
  if (adminExists(db)) return undefined;
  const token = generateToken();
  db.transaction((tx) => {
    tx.update(setupLinks)
      .set({ usedAt: now })
      .where(and(eq(setupLinks.purpose, 'first-admin'), isNull(setupLinks.usedAt)))
      .run();
    tx.insert(setupLinks)
      .values({
        tokenHash: hashToken(token),
        purpose: 'first-admin',
        createdAt: now,
        expiresAt: new Date(now.getTime() + FIRST_ADMIN_LINK_HOURS * 3_600_000),
      })
      .run();
  });
  return token;
}

export function issueSetPasswordLink(db: Db, userId: number, now: Date): string {
  const token = generateToken();
  db.insert(setupLinks)
    .values({
      tokenHash: hashToken(token),
      purpose: 'set-password',
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000),
    })
    .run();
  return token;
}

/** A usable link: not used, not expired, and for the first-run link, still no admin. */
export function findUsableSetupLink(db: Db, token: string, now: Date) {
  if (token.length < 20 || token.length > 100) return undefined;
  const link = db
    .select()
    .from(setupLinks)
    .where(and(eq(setupLinks.tokenHash, hashToken(token)), isNull(setupLinks.usedAt), gt(setupLinks.expiresAt, now)))
    .get();
  if (!link) return undefined;
  if (link.purpose === 'first-admin' && adminExists(db)) return undefined;
  return link;
}

/** Marks the link used; returns false when another request used it first. */
export function consumeSetupLink(db: Store, id: number, now: Date): boolean {
  return (
    db
      .update(setupLinks)
      .set({ usedAt: now })
      .where(and(eq(setupLinks.id, id), isNull(setupLinks.usedAt)))
      .run().changes === 1
  );
}
