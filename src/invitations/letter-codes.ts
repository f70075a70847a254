import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Store } from '../db/client';
import { invitations } from '../db/schema';
import { hashToken } from '../tokens';

/**
 * A letter's short code: 8 characters from 31 that cannot be mistaken for each other when read
 * aloud or typed from paper — digits 2–9 and capitals without I, L and O (so no 0/O, 1/l/I).
 * 31^8 ≈ 8.5·10^11 codes (≈ 40 bits); with /vragenlijst's per-address limit, guessing one of
 * the open codes takes far longer than an invitation lives.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
const MAX_ATTEMPTS = 8;

/**
 * The code and the letter's survey token are not random but derived with the secret key from
 * the invitation's id (HMAC). The database keeps only their hashes, as for mailed tokens, yet a
 * duplicate event can still be answered with the same code and link, and the QR code can be
 * drawn later: both are computed again. Storing them encrypted would do the same with more
 * moving parts. Whoever holds the database without the key learns neither.
 */
function derive(key: string, purpose: string): Buffer {
  return createHmac('sha256', key).update(purpose, 'utf8').digest();
}

/** The letter's survey token (43 URL-safe characters, 256 bits), for the link /s/<token>. */
export function letterToken(key: string, invitationId: number): string {
  return derive(key, `letter-token|${invitationId}`).toString('base64url');
}

/** The code shown grouped, e.g. `K7QX-M2PD`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The `attempt`-th candidate code for an invitation; a later attempt only when an earlier one collides. */
export function candidateCode(key: string, invitationId: number, attempt: number): string {
  // 64 bits reduced modulo 31^8: the bias (< 2^-24) is negligible.
  let value = derive(key, `letter-code|${invitationId}|${attempt}`).readBigUInt64BE(0);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[Number(value % 31n)];
    value /= 31n;
  }
  return code;
}

/**
 * What a citizen typed, as stored codes are: capitals, without spaces and dashes. Look-alikes are
 * not mapped (O to 0 or the reverse): neither is in the alphabet, so a typed 0, O, 1, I or L
 * cannot stand for a character of a real code, and the code is simply not found.
 */
export function normaliseCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : undefined;
}

/** Keyed, because 40 bits are few: a plain hash of every possible code could be computed in hours. */
export function codeHash(key: string, code: string): string {
  return createHmac('sha256', key).update(`letter-code|${code}`, 'utf8').digest('hex');
}

/** Keyed hash of the case system's own identifier for a citizen, kept apart from address hashes. */
export function citizenKeyHash(key: string, citizenKey: string): string {
  return createHmac('sha256', key).update(`citizen-key|${citizenKey}`, 'utf8').digest('hex');
}

/**
 * Stands in for the address hash of a letter without `citizen.key`: unique, so it matches no
 * other invitation — fatigue and opt-out cannot be applied to such letters.
 */
export function unmatchableHash(): string {
  return `none:${randomUUID()}`;
}

/**
 * Gives a new letter invitation its token and code (in the caller's transaction). Codes are
 * unique; on the rare collision the next candidate is taken, which findLetterCode finds again.
 */
export function assignLetterCode(tx: Store, key: string, invitationId: number): { token: string; code: string } {
  const token = letterToken(key, invitationId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const code = candidateCode(key, invitationId, attempt);
    const hash = codeHash(key, code);
    if (tx.select({ id: invitations.id }).from(invitations).where(eq(invitations.codeHash, hash)).get()) continue;
    tx.update(invitations).set({ tokenHash: hashToken(token), codeHash: hash }).where(eq(invitations.id, invitationId)).run();
    return { token, code };
  }
  throw new Error(`No free letter code for invitation ${invitationId}`);
}

/** The code an invitation was given, computed again from its id and checked against the stored hash. */
export function findLetterCode(key: string, invitationId: number, storedHash: string): string | undefined {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const code = candidateCode(key, invitationId, attempt);
    if (codeHash(key, code) === storedHash) return code;
  }
  return undefined;
}

/** The invitation behind a typed code, in any state; undefined for text that is no code or no known code. */
export function findInvitationByCode(db: Store, key: string, typed: string) {
  const code = normaliseCode(typed);
  if (!code) return undefined;
  return db.select().from(invitations).where(eq(invitations.codeHash, codeHash(key, code))).get();
}
