/**
 * Reads the citizen language files: the built-in ones (src/texts/citizen/) and those in
 * LANGUAGES_DIR, checked at start-up. A file that is no language file stops the start naming the
 * file; gaps in a good file fall back to Dutch (src/texts/citizen.ts) and are listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../config';
import { DEFAULT_LANGUAGE, LANGUAGE_CODE, languageFrom, type CitizenLanguage, type CitizenLanguages, type Tree } from '../texts/citizen';

const treeSchema: z.ZodType<Tree> = z.lazy(() => z.record(z.string(), z.union([z.string(), treeSchema], { error: 'must be a text or a group of texts' })));
const fileSchema = z.object({
  name: z.string().trim().min(1).max(60),
  dir: z.enum(['ltr', 'rtl']),
  texts: treeSchema,
});

/** A ConfigError: the server stops at start-up with this one message, like a bad setting. */
export class LanguageFileError extends ConfigError {}

/**
 * One language file's content as a language; throws naming the file when it is not JSON or not
 * a language file, and lists what fell back to Dutch in `problems`.
 */
export function parseLanguageFile(file: string, content: string, problems: string[]): CitizenLanguage {
  const code = /([^/\\]+)\.json$/.exec(file)?.[1]?.toLowerCase() ?? '';
  if (!LANGUAGE_CODE.test(code)) throw new LanguageFileError(`${file}: the file name must be a language code, such as en.json or pt-br.json`);
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new LanguageFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new LanguageFileError(`${file}: not a language file ({ "name", "dir": "ltr" | "rtl", "texts" }):\n${lines.join('\n')}`);
  }
  return languageFrom(file, code, parsed.data, parsed.data.texts, problems);
}

const builtInDir = fileURLToPath(new URL('../texts/citizen/', import.meta.url));
const loaded = new Map<string, CitizenLanguages>();

function languageFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The built-in languages plus those in `extraDir` (a file there replaces a built-in language of
 * the same code). Read once per folder: the files are start-up configuration.
 */
export function citizenLanguages(extraDir: string | undefined): CitizenLanguages {
  const key = extraDir ? resolve(extraDir) : '';
  const cached = loaded.get(key);
  if (cached) return cached;
  const problems: string[] = [];
  const byCode = new Map<string, CitizenLanguage>();
  const files = [...languageFiles(builtInDir), ...(extraDir && existsSync(extraDir) ? languageFiles(extraDir) : [])];
  for (const file of files) {
    const language = parseLanguageFile(file, readFileSync(file, 'utf8'), problems);
    byCode.set(language.code, language);
  }
  const all = [...byCode.values()].sort((a, b) => (a.code === DEFAULT_LANGUAGE ? -1 : b.code === DEFAULT_LANGUAGE ? 1 : a.code.localeCompare(b.code)));
  const result = { all, problems };
  loaded.set(key, result);
  return result;
}
