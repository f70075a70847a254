/**
 * views/components/ is the only place with NL Design System (Utrecht) markup for fields,
 * selects, notices, tables and buttons: a page that writes such a class by hand drifts from the
 * others (a text field without the hidden "Fout:" prefix, a table without its scroll container).
 * This test reads every source file under views/ and src/ and fails on such a class elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const componentsDir = join(root, 'views', 'components');

/** The Utrecht components that have a component of ours; headings, paragraphs and links do not. */
const componentClass =
  /\butrecht-(?:form-field|form-label|form-fieldset|textbox|textarea|select|checkbox|radio-button|table|button|button-group|button-link|alert)(?:[_-][\w-]*)?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === componentsDir ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Every component class outside views/components, as `file:line class`. */
function handWrittenComponentMarkup(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => [...line.matchAll(componentClass)].map((match) => `${relative(root, path)}:${index + 1} ${match[0]}`)),
  );
}

describe('component markup', () => {
  it('no Utrecht class for fields, selects, notices, tables or buttons outside views/components', () => {
    const files = [...sourceFiles(join(root, 'views')), ...sourceFiles(join(root, 'src'))].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(handWrittenComponentMarkup(files), 'use a component from views/components instead').toEqual([]);
  });

  it('recognises the classes it guards', () => {
    const found = handWrittenComponentMarkup([
      { path: join(root, 'views', 'x.tsx'), text: '<div class="utrecht-alert utrecht-alert--ok">\n<td class="utrecht-table__cell">\n<p class="utrecht-paragraph">' },
    ]);
    expect(found).toEqual(['views/x.tsx:1 utrecht-alert', 'views/x.tsx:1 utrecht-alert--ok', 'views/x.tsx:2 utrecht-table__cell']);
  });
});
