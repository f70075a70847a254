import { createHash, createHmac, randomFillSync } from 'node:crypto';

const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomPoolAt = RANDOM_POOL_BYTES;

/**
 * `size` bytes from the system's CSPRNG, drawn a block at a time: one call per 4 KiB instead of
 * one per token (a call costs microseconds, and every event needs three). Each byte is handed
 * out once.
 */
export function secureRandomBytes(size: number): Buffer {
  if (randomPoolAt + size > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomPoolAt = 0;
  }
  const bytes = Buffer.from(randomPool.subarray(randomPoolAt, randomPoolAt + size));
  randomPoolAt += size;
  return bytes;
}

/** 256 random bits, URL-safe: unguessable survey links and API keys. */
export function generateToken(prefix = ''): string {
  return prefix + secureRandomBytes(32).toString('base64url');
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
