import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const secretsSchema = z.object({
  addressHashKey: z.string().min(32),
  // Encrypts secrets we must be able to read back (TOTP secrets).
  dataKey: z.string().min(32),
});
export type Secrets = z.infer<typeof secretsSchema>;

const newKey = () => randomBytes(32).toString('base64url');

/**
 * Secrets not given in the environment are generated once and kept beside the database
 * (mode 0600), so restarts keep recognising opted-out addresses. They are never logged.
 * A file from an older version gains the keys it lacks.
 */
export function loadSecrets(databasePath: string, given: { addressHashKey?: string; dataKey?: string }): Secrets {
  if (databasePath === ':memory:') {
    return { addressHashKey: given.addressHashKey ?? newKey(), dataKey: given.dataKey ?? newKey() };
  }
  const file = join(dirname(resolve(databasePath)), 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  const complete = secretsSchema.parse({ addressHashKey: newKey(), dataKey: newKey(), ...stored });
  if (complete.addressHashKey !== stored.addressHashKey || complete.dataKey !== stored.dataKey) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(complete, null, 2), { mode: 0o600 });
    renameSync(temporary, file);
  }
  return {
    addressHashKey: given.addressHashKey ?? complete.addressHashKey,
    dataKey: given.dataKey ?? complete.dataKey,
  };
}

const keyBytes = (dataKey: string) => createHash('sha256').update(dataKey).digest();

/** AES-256-GCM: "iv.tag.ciphertext", base64url. */
export function encryptSecret(dataKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(dataKey), iv);
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64url')).join('.');
}

export function decryptSecret(dataKey: string, sealed: string): string {
  const [iv, tag, encrypted] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !encrypted) throw new Error('Malformed encrypted secret');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(dataKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
}
