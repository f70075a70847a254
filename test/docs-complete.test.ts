/**
 * The documentation cannot drift from the code: every configuration name the server reads is on
 * docs/configuration.md, every CLI command and option is on docs/command-line.md, and every
 * relative link in README.md and docs/*.md reaches an existing file and heading. The lists come
 * from the sources, so a new config name or command without documentation fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliGroup } from '../src/cli-group';
import { loadConfig } from '../src/config';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

/** The keys of the zod object in src/config.ts, plus every `env.NAME` read anywhere in src/. */
function configNames(): string[] {
  const config = read('src/config.ts');
  const object = /z\s*\.object\(\{([\s\S]*?)\n\s*\}\)/.exec(config)?.[1];
  if (!object) throw new Error('src/config.ts has no z.object({ … }) of configuration names');
  const keys = [...object.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
  const direct = filesUnder('src', /\.tsx?$/).flatMap((file) => [...read(file).matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((match) => match[1]!));
  return [...new Set([...keys, ...direct])].sort();
}

/** The command groups src/cli.ts imports from the features' cli-commands.ts files. */
async function cliGroups(): Promise<CliGroup[]> {
  const cli = read('src/cli.ts');
  const imports = [...cli.matchAll(/import \{ (\w+) \} from '\.\/([\w/-]+\/cli-commands)';/g)];
  const listed = /runCli\([^[]*\[([\s\S]*?)\]\)/.exec(cli)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean);
  expect(imports.map((match) => match[1]).sort()).toEqual([...(listed ?? [])].sort());
  return Promise.all(
    imports.map(async ([, name, path]) => {
      const module = (await import(pathToFileURL(join(root, 'src', `${path}.ts`)).href)) as Record<string, CliGroup>;
      return module[name!]!;
    }),
  );
}

/**
 * "zgw subscription add" from the usage line "  zgw subscription add --name N …   what it does":
 * the words before any argument (the description follows after two or more spaces).
 */
function commandsOf(group: CliGroup): string[] {
  const commands = group.usage
    .split('\n')
    .filter((line) => line.startsWith(`  ${group.name}`))
    .map((line) => {
      const words: string[] = [];
      for (const word of line.trim().split(/\s{2,}/)[0]!.split(/\s+/)) {
        if (!/^[a-z][a-z-]*$/.test(word)) break;
        words.push(word);
      }
      return words.join(' ');
    });
  return [...new Set(commands)];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading!);
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

const documents = ['README.md', ...filesUnder('docs', /\.md$/)];

describe('docs/configuration.md', () => {
  const page = read('docs/configuration.md');

  it('the names found in the sources include every key the configuration returns', () => {
    const names = configNames();
    for (const key of Object.keys(loadConfig({}))) expect(names, key).toContain(key);
    expect(names).toContain('ENV_FILE');
  });

  it('documents every configuration name the server reads', () => {
    const undocumented = configNames().filter((name) => !page.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});

describe('docs/command-line.md', () => {
  const page = read('docs/command-line.md');
  const lines = page.split('\n');

  it('shows every registered command as `npm run cli -- <command>`', async () => {
    const groups = await cliGroups();
    expect(groups.length).toBeGreaterThan(5);
    const commands = groups.flatMap(commandsOf);
    expect(commands).toContain('zgw subscription add');
    const missing = commands.filter((command) => !new RegExp(`npm run cli -- ${command}(\\s|$)`, 'm').test(page));
    expect(missing).toEqual([]);
  });

  it('names every option of each command group on one of its lines', async () => {
    const missing = (await cliGroups()).flatMap((group) => {
      const groupLines = lines.filter((line, index) => line.includes(`npm run cli -- ${group.name}`) || (lines[index - 1]?.includes(`npm run cli -- ${group.name}`) && lines[index - 1]!.endsWith('\\')));
      return Object.keys(group.options)
        .filter((option) => !groupLines.some((line) => new RegExp(`--${option}\\b`).test(line)))
        .map((option) => `${group.name} --${option}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('README.md', () => {
  it("the five-minute loop's event uses the demo's Dutch segment keys", () => {
    const readme = read('README.md');
    const body = /## Try the whole loop[\s\S]*?-d '([\s\S]*?)'/.exec(readme)?.[1];
    expect(body).toBeDefined();
    const event = JSON.parse(body!) as { segment: Record<string, string> };
    expect(Object.keys(event.segment).sort()).toEqual(['leeftijd', 'wijk']);
    const demo = read('src/demo/demo-history.ts');
    for (const key of Object.keys(event.segment)) expect(demo).toContain(`${key}:`);
  });

  it('links to every page under docs/', () => {
    const readme = read('README.md');
    const unlinked = filesUnder('docs', /\.md$/).filter((file) => !readme.includes(`](${file})`) && !readme.includes(`](${file}#`));
    expect(unlinked).toEqual([]);
  });
});

describe('relative links in README.md and docs/', () => {
  it('reach an existing file, and a heading of it when they name one', () => {
    const broken: string[] = [];
    for (const document of documents) {
      const text = withoutCode(read(document));
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const file = path ? relative(root, resolve(root, dirname(document), path)) : document;
        let exists = false;
        try {
          exists = statSync(join(root, file)).isFile();
        } catch {
          exists = false;
        }
        if (!exists) broken.push(`${document}: ${target} (no file ${file})`);
        else if (anchor && !anchorsOf(read(file)).has(anchor)) broken.push(`${document}: ${target} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('would notice a broken one', () => {
    expect(anchorsOf('# A\n## Links, `.env` and exit codes\n## Digest "Ongezouten feedback"\n## A')).toEqual(
      new Set(['a', 'links-env-and-exit-codes', 'digest-ongezouten-feedback', 'a-1']),
    );
  });
});
