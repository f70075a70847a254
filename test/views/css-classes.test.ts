/**
 * Every class a view writes must exist in a stylesheet the pages load: a misspelt Utrecht
 * modifier (`utrecht-button--subtle-action`) silently falls back to another look. Reads the
 * string literals of views/ with the TypeScript parser (class lists are plain strings or
 * templates there) and compares their `utrecht-`/`mh-` tokens with the stylesheets' selectors.
 * An element tests select by carries a `data-hook` attribute, never a class of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hole = '§';

/** Class templates with a value filled in at run time, and every value the code passes. */
const templates: Record<string, string[]> = {
  [`utrecht-alert--${hole}`]: ['ok', 'info', 'warning', 'error'],
  [`mh-heat-${hole}`]: ['0', '1', '2', '3', '4'],
  [`mh-face--${hole}`]: ['min2', 'min1', 'plus0', 'plus1', 'plus2'],
};

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}

/** The text of every string and template literal, a template's `${…}` replaced by `§`. */
function literals(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text + node.templateSpans.map((span) => hole + span.literal.text).join(''));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Class tokens used by the views, as `file class` (templates expanded with their known values). */
export function usedClasses(paths: string[]): { where: string; name: string }[] {
  return paths.flatMap((path) =>
    literals(path).flatMap((text) =>
      text
        .split(/\s+/)
        .filter((token) => /^(utrecht|mh)-/.test(token))
        .flatMap((token) => {
          const where = relative(root, path);
          const at = token.indexOf(hole);
          if (at < 0) return [{ where, name: token }];
          // `mh-x${dip ? ' mh-x--dip' : ''}`: a whole class, then a part whose literals are read on their own.
          if (!/[-_]$/.test(token.slice(0, at))) return [{ where, name: token.slice(0, at) }];
          const values = templates[token];
          if (!values) return [{ where, name: `unknown template ${token}` }];
          return values.map((value) => ({ where, name: token.replace(hole, value) }));
        }),
    ),
  );
}

/** Class names in a stylesheet's selectors (comments and declarations' numbers left out). */
export function selectorClasses(css: string): Set<string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors = withoutComments.replace(/\{[^{}]*\}/g, '{}');
  return new Set([...selectors.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1]!));
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const utrecht = selectorClasses(read('node_modules/@utrecht/component-library-css/dist/index.css'));
const own = new Set(files(join(root, 'public', 'css'), /\.css$/).flatMap((path) => [...selectorClasses(readFileSync(path, 'utf8'))]));

describe('CSS classes of the views', () => {
  const used = usedClasses(files(join(root, 'views'), /\.tsx?$/));

  it('every utrecht- class exists in the Utrecht CSS or ours, every mh- class in public/css', () => {
    expect(used.length).toBeGreaterThan(200);
    const missing = used.filter(({ name }) => (name.startsWith('mh-') ? !own.has(name) : !utrecht.has(name) && !own.has(name)));
    expect([...new Set(missing.map(({ where, name }) => `${where} ${name}`))]).toEqual([]);
  });

  it('reads classes from attributes and templates, and recognises a selector', () => {
    expect(selectorClasses('/* .gone */ .a-b:hover, .c > .d { margin: 0.5rem; } @media (x) { .e{color:red} }')).toEqual(new Set(['a-b', 'c', 'd', 'e']));
    const found = usedClasses([join(root, 'views', 'components', 'button.tsx')]).map(({ name }) => name);
    expect(found).toEqual(expect.arrayContaining(['utrecht-button--subtle', 'utrecht-button--primary-action', 'utrecht-button-group']));
    expect(usedClasses([join(root, 'views', 'noshows', 'panels.tsx')]).map(({ name }) => name)).toEqual(expect.arrayContaining(['mh-heat-0', 'mh-heat-4']));
    expect(utrecht.has('utrecht-button--subtle')).toBe(true);
    expect(utrecht.has('utrecht-button--subtle-action')).toBe(false);
  });
});
