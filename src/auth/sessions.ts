import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users, type Session, type User } from '../db/schema';
import { generateToken, hashToken } from '../tokens';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** Creates a session and returns the cookie value (only its hash is stored). */
export function createSession(
  db: Db,
  userId: number,
  now: Date,
  policy: SessionPolicy,
  options: { secondFactorDone: boolean; origin: string | null; userAgent: string | null },
): string {
  const token = generateToken();
  db.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId,
      secondFactorDone: options.secondFactorDone,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.maxMs),
      origin: options.origin,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return token;
}

export type SessionLookup = { state: 'none' } | { state: 'expired' } | { state: 'active'; session: Session; user: User };

/** Finds the live session behind a cookie, enforcing idle and absolute expiry, and marks it seen. */
export function loadSession(db: Db, token: string | undefined, now: Date, policy: SessionPolicy): SessionLookup {
  if (!token || token.length > 100) return { state: 'none' };
  const idHash = hashToken(token);
  const row = db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).get();
  if (!row) return { state: 'none' };
  const { sessions: session, users: user } = row;
  if (user.disabledAt || session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > policy.idleMs) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return { state: 'expired' };
  }
  // Writing on every request is wasteful; a minute's precision is plenty for idle expiry.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
  }
  return { state: 'active', session, user };
}

export function deleteSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.idHash, hashToken(token))).run();
}

export function deleteUserSessions(db: Db, userId: number): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function countUserSessions(db: Db, userId: number): number {
  return db.select({ id: sessions.idHash }).from(sessions).where(eq(sessions.userId, userId)).all().length;
}
