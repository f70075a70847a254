import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { lockoutMinutes, type PhantomLockouts } from './rate-limit';
import { normaliseAddress } from '../tokens';
import { findUserByEmail, recordFailedLogin } from './users';

export type PasswordCheck = { ok: true; user: User } | { ok: false; user?: User; lockedMinutes?: number };

/**
 * Checks e-mail and password. The same work is done whether or not the account exists, so
 * timing tells an attacker nothing; each failure counts towards a growing lockout.
 */
export async function checkPassword(db: Db, email: string, password: string, now: Date, phantoms: PhantomLockouts): Promise<PasswordCheck> {
  const user = findUserByEmail(db, email);
  const key = normaliseAddress(email);
  const phantomMinutes = user ? 0 : phantoms.lockedMinutes(key, now.getTime());
  if (phantomMinutes > 0) return { ok: false, lockedMinutes: phantomMinutes };
  if (user?.lockedUntil && user.lockedUntil > now) {
    return { ok: false, user, lockedMinutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) };
  }
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (user && matches && user.passwordHash && !user.disabledAt) return { ok: true, user };
  if (user) recordSecondFactorOrPasswordFailure(db, user, now);
  else phantoms.fail(key, now.getTime());
  return { ok: false, user };
}

/** Password and code failures share one counter: guessing either leads to the same lockout. */
export function recordSecondFactorOrPasswordFailure(db: Db, user: User, now: Date): void {
  const minutes = lockoutMinutes(user.failedLogins + 1);
  recordFailedLogin(db, user, minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null);
}
