/**
 * The README's architecture section names every folder and top-level file of src/, and nothing
 * that is not there: a newcomer can find the folder for any page or rule, and it cannot drift.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The first word of each line in the README's architecture block, for lines about src/, views/, … */
function architectureEntries(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## Architecture\s+```\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no "## Architecture" section with a code block');
  return block
    .split('\n')
    .map((line) => line.split(/\s+/)[0]!)
    .filter((word) => word.length > 0);
}

function listed(folder: string): string[] {
  return readdirSync(join(root, folder))
    .filter((name) => !name.startsWith('.'))
    .map((name) => `${folder}/${name}${statSync(join(root, folder, name)).isDirectory() ? '/' : ''}`)
    .sort();
}

describe('README architecture section', () => {
  it('names every folder and file of src/, and only those', () => {
    const entries = architectureEntries().filter((entry) => entry.startsWith('src/')).sort();
    expect(entries).toEqual(listed('src'));
  });

  it('names the other top-level folders of the design card', () => {
    const entries = architectureEntries();
    for (const folder of ['views/', 'migrations/', 'public/', 'test/', 'bench/']) expect(entries, folder).toContain(folder);
  });
});
