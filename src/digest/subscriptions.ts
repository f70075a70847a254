import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Store } from '../db/client';
import { digestFrequencies, digestSubscriptions, users, type DigestFrequency, type Role } from '../db/schema';

/**
 * The roles that may open /dashboard and /dashboard/samenvatting (src/auth/access.ts): only they
 * can subscribe, and only they are sent the digest (a test checks both lists agree).
 */
export const DIGEST_ROLES = ['manager', 'admin'] as const satisfies readonly Role[];

export const mayReceiveDigest = (role: Role) => (DIGEST_ROLES as readonly Role[]).includes(role);

/** The form on /account: a frequency, or 'uit' for no digest. */
export const subscriptionFormSchema = z.object({ frequency: z.enum([...digestFrequencies, 'uit']) });
export type SubscriptionChoice = z.infer<typeof subscriptionFormSchema>['frequency'];

export function findSubscription(db: Store, userId: number): { frequency: DigestFrequency; since: Date } | undefined {
  return db.select({ frequency: digestSubscriptions.frequency, since: digestSubscriptions.since }).from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).get();
}

/** Stores the choice; returns whether anything changed. A new frequency starts counting from now. */
export function setSubscription(db: Store, userId: number, choice: SubscriptionChoice, now: Date): boolean {
  const current = findSubscription(db, userId);
  if (choice === 'uit') {
    if (!current) return false;
    db.delete(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).run();
    return true;
  }
  if (current?.frequency === choice) return false;
  db.insert(digestSubscriptions)
    .values({ userId, frequency: choice, since: now })
    .onConflictDoUpdate({ target: digestSubscriptions.userId, set: { frequency: choice, since: now } })
    .run();
  return true;
}

export interface Subscriber {
  userId: number;
  email: string;
  since: Date;
  /** Whose digest they get: their own organisation's. */
  organisationId: number;
}

/** Active accounts with a dashboard role that chose this frequency. */
export function subscribersOf(db: Store, frequency: DigestFrequency): Subscriber[] {
  return db
    .select({ userId: users.id, email: users.email, since: digestSubscriptions.since, organisationId: users.organisationId })
    .from(digestSubscriptions)
    .innerJoin(users, eq(users.id, digestSubscriptions.userId))
    .where(and(eq(digestSubscriptions.frequency, frequency), isNull(users.disabledAt), inArray(users.role, [...DIGEST_ROLES])))
    .orderBy(users.id)
    .all();
}
