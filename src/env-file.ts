import { existsSync } from 'node:fs';

/**
 * Loads `.env` (or the file named by ENV_FILE; an empty ENV_FILE reads none) into process.env
 * when it exists, for the server and the CLI alike, so both build the same links. A variable
 * already set in the shell wins. Without the file nothing is printed: having none is normal.
 */
export function loadEnvFileIfPresent(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.ENV_FILE ?? '.env';
  if (!path || !existsSync(path)) return undefined;
  process.loadEnvFile(path);
  return path;
}
