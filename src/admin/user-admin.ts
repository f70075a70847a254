import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { setupLinks, users, type Role, type User } from '../db/schema';
import { issueSetPasswordLink } from '../auth/setup-links';
import { resetSecondFactor, setDisabled, setRole } from '../auth/users';
import { nl } from '../texts';

/** A change an admin may not make; the message is shown as it is. */
export class AdminGuardError extends Error {}

type Actor = Pick<User, 'id'>;

/** The other active admins of the user's organisation: every organisation keeps one. */
function otherActiveAdmins(db: Db, user: User): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, user.id), eq(users.organisationId, user.organisationId)))
      .get()?.n ?? 0
  );
}

const isActiveAdmin = (user: User) => user.role === 'admin' && !user.disabledAt;

/**
 * Changes a role; an admin cannot take away their own admin role, and the last active admin
 * stays an admin. better-sqlite3 is synchronous, so the check and the write cannot interleave
 * with another request. Returns the previous role, or undefined when nothing changed.
 */
export function changeRole(db: Db, actor: Actor, target: User, role: Role): Role | undefined {
  if (target.role === role) return undefined;
  if (target.role === 'admin' && role !== 'admin') {
    if (isActiveAdmin(target) && otherActiveAdmins(db, target) === 0) throw new AdminGuardError(nl.admin.users.guardLastAdmin);
    if (target.id === actor.id) throw new AdminGuardError(nl.admin.users.guardOwnRole);
  }
  setRole(db, target.id, role);
  return target.role;
}

/** Disables an account: its sessions end at once and its unused set-password links stop working. */
export function disableUser(db: Db, actor: Actor, target: User, now: Date): boolean {
  if (isActiveAdmin(target) && otherActiveAdmins(db, target) === 0) throw new AdminGuardError(nl.admin.users.guardLastAdmin);
  if (target.id === actor.id) throw new AdminGuardError(nl.admin.users.guardDisableSelf);
  if (target.disabledAt) return false;
  db.transaction((tx) => {
    setDisabled(tx as unknown as Db, target.id, now);
    invalidatePasswordLinks(tx as unknown as Db, target.id, now);
  });
  return true;
}

export function enableUser(db: Db, target: User): boolean {
  if (!target.disabledAt) return false;
  setDisabled(db, target.id, null);
  return true;
}

/** Resets someone else's second factor (own factor: through "Mijn account"); their sessions end. */
export function resetUserSecondFactor(db: Db, actor: Actor, target: User): void {
  if (target.id === actor.id) throw new AdminGuardError(nl.admin.users.guardResetSelf);
  resetSecondFactor(db, target.id);
}

/**
 * Issues a one-time set-password link and returns its token, to be shown once and never stored
 * or logged. Earlier unused links of the user stop working: only the newest one counts.
 */
export function newPasswordLink(db: Db, target: User, now: Date): string {
  if (target.disabledAt) throw new AdminGuardError(nl.admin.users.guardLinkDisabled);
  invalidatePasswordLinks(db, target.id, now);
  return issueSetPasswordLink(db, target.id, now);
}

function invalidatePasswordLinks(db: Db, userId: number, now: Date): void {
  db.update(setupLinks)
    .set({ usedAt: now })
    .where(and(eq(setupLinks.userId, userId), eq(setupLinks.purpose, 'set-password'), isNull(setupLinks.usedAt)))
    .run();
}

export function countUsers(db: Db, organisationId: number): { total: number; active: number } {
  const rows = db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.organisationId, organisationId)).all();
  return { total: rows.length, active: rows.filter((row) => !row.disabledAt).length };
}
