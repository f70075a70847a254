import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: unguessable survey links and API keys. */
export function generateToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them without keeping them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Keyed hash of an address: lets fatigue and opt-out checks work after the address itself is
 * erased, without allowing anyone holding only the database to test guesses.
 */
export function addressHash(key: string, email: string): string {
  return createHmac('sha256', key).update(normaliseAddress(email), 'utf8').digest('hex');
}
