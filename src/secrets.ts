import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const secretsSchema = z.object({ addressHashKey: z.string().min(32) });
export type Secrets = z.infer<typeof secretsSchema>;

/**
 * Secrets not given in the environment are generated once and kept beside the database
 * (mode 0600), so restarts keep recognising opted-out addresses. They are never logged.
 */
export function loadSecrets(databasePath: string, given: { addressHashKey?: string }): Secrets {
  if (given.addressHashKey) return { addressHashKey: given.addressHashKey };
  if (databasePath === ':memory:') return { addressHashKey: randomBytes(32).toString('base64url') };
  const file = join(dirname(resolve(databasePath)), 'secrets.json');
  if (existsSync(file)) return secretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const secrets: Secrets = { addressHashKey: randomBytes(32).toString('base64url') };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
