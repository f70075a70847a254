import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, recoveryCodes, sessions, users, type Role, type User } from '../db/schema';
import { decryptSecret, encryptSecret } from '../secrets';
import { normaliseAddress } from '../tokens';
import { hashPassword } from './passwords';
import { hashRecoveryCode, newRecoveryCodes, verifyTotp } from './totp';

export class UserError extends Error {}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normaliseAddress(email))).get();
}

export function findUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** An organisation's staff accounts. */
export function listUsers(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): User[] {
  return db.select().from(users).where(eq(users.organisationId, organisationId)).orderBy(asc(users.email)).all();
}

/** One of the organisation's accounts; undefined for another organisation's. */
export function findOrganisationUser(db: Db, id: number, organisationId: number): User | undefined {
  const user = findUserById(db, id);
  return user?.organisationId === organisationId ? user : undefined;
}

export function adminExists(db: Db): boolean {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
      .get(),
  );
}

/** Creates a staff account; without an organisation, the hosting organisation's. */
export async function createUser(db: Db, clock: Clock, input: { email: string; role: Role; password?: string; organisationId?: number }): Promise<User> {
  const email = normaliseAddress(input.email);
  if (findUserByEmail(db, email)) throw new UserError(`Er bestaat al een account voor ${email}.`);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return db.insert(users).values({ email, role: input.role, passwordHash, organisationId: input.organisationId, createdAt: clock.now() }).returning().get();
}

/** A new password ends every session of the user: whoever knew the old one is out. */
export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}

export function recordFailedLogin(db: Db, user: User, lockedUntil: Date | null): void {
  db.update(users).set({ failedLogins: user.failedLogins + 1, lockedUntil }).where(eq(users.id, user.id)).run();
}

export function recordLogin(db: Db, userId: number, at: Date): void {
  db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, userId)).run();
}

export function setRole(db: Db, userId: number, role: Role): void {
  db.update(users).set({ role }).where(eq(users.id, userId)).run();
}

export function setDisabled(db: Db, userId: number, disabledAt: Date | null): void {
  db.transaction((tx) => {
    tx.update(users).set({ disabledAt }).where(eq(users.id, userId)).run();
    if (disabledAt) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}

// ── Second factor ──────────────────────────────────────────────────────────────────────────

export function startTotpEnrolment(db: Db, dataKey: string, userId: number, secret: string): void {
  db.update(users)
    .set({ totpSecret: encryptSecret(dataKey, secret), totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId))
    .run();
}

export function pendingTotpSecret(dataKey: string, user: User): string | undefined {
  return user.totpSecret && !user.totpEnabledAt ? decryptSecret(dataKey, user.totpSecret) : undefined;
}

/** Accepts a TOTP code once (replay-proof) and remembers its step. */
export function checkTotp(db: Db, dataKey: string, user: User, code: string, now: Date): boolean {
  if (!user.totpSecret) return false;
  const step = verifyTotp(decryptSecret(dataKey, user.totpSecret), code, now, user.totpLastStep);
  if (step === undefined) return false;
  db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id)).run();
  return true;
}

/** Turns the second factor on and returns fresh recovery codes (shown once; only hashes kept). */
export function confirmTotpEnrolment(db: Db, userId: number, now: Date): string[] {
  return db.transaction((tx) => {
    tx.update(users).set({ totpEnabledAt: now }).where(eq(users.id, userId)).run();
    return replaceRecoveryCodes(tx as unknown as Db, userId);
  });
}

export function replaceRecoveryCodes(db: Db, userId: number): string[] {
  const codes = newRecoveryCodes();
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  db.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })))
    .run();
  return codes;
}

/** Uses a recovery code: each works exactly once. */
export function useRecoveryCode(db: Db, userId: number, code: string, now: Date): boolean {
  const used = db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
    .all();
  return used.length > 0;
}

export function unusedRecoveryCodes(db: Db, userId: number): number {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** An admin resets a lost second factor; the user enrols again at the next login. */
export function resetSecondFactor(db: Db, userId: number): void {
  db.transaction((tx) => {
    tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}
