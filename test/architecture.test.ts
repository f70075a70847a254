// Dependencies point one way (issue 15, design card): routes → domain → db; views import types
// and pure formatters only; domain code never imports views (mail templates are passed in as
// functions); sibling features in src/<feature>/ do not import each other in a circle.
// The rules are read from the import lines themselves, so a new file is checked without setup.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/**
 * Modules in src/ that views may take runtime values from: words and pure formatters, enum
 * value lists from the schema (plain constant arrays; importing the file pulls in no database
 * connection), and small pure helpers that turn data into display values. Anything else a view
 * needs is passed in as a prop or moved into one of these. A path ending in '/' allows a folder.
 */
export const viewRuntimeAllowList = [
  'src/texts.ts', // every word, and the formatters of dates and numbers
  'src/texts/', // the texts as a folder, once they are split per feature
  'src/clock.ts',
  'src/calendar.ts', // day arithmetic in Amsterdam time, pure
  'src/db/schema.ts', // enum value lists (roles, channels …) for selects; the tables are only declared there
  'src/db/schema/',
  'src/actions/limits.ts', // field lengths shared by the form and its validation
  'src/heartmonitor/filters.ts', // period choices and the query string of the dashboard's filters
  'src/journey-map/heart-line.ts', // the geometry of the heart line
  'src/journey-map/links.ts', // the address of a journey map
  'src/journeys/language-fields.ts', // the names of the touchpoint form's fields per language
  'src/noshows/dimensions.ts', // the breakdowns of no-show figures and the names of their groups
  'src/noshows/filters.ts', // the query string of the no-show filters
  'src/zgw/outcome-text.ts', // the words for what became of a ZGW notification
];

export interface ImportLine {
  from: string; // repository-relative path of the importing file
  specifier: string;
  target: string | null; // repository-relative resolved path, null for packages
  typeOnly: boolean;
}

const sourceExtensions = ['.ts', '.tsx'];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (sourceExtensions.some((ext) => name.endsWith(ext))) out.push(full);
  }
  return out;
}

function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, ...sourceExtensions.map((ext) => base + ext), ...sourceExtensions.map((ext) => join(base, 'index' + ext))];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return relative(root, found ?? base).split('\\').join('/');
}

/**
 * Reads `import … from '…'`, `export … from '…'`, side-effect imports and dynamic `import('…')`.
 * An import is type-only when written `import type`/`export type`, or when every named binding
 * carries `type` (`import { type A, type B }`): those vanish at compile time.
 */
export function parseImports(file: string, text: string): ImportLine[] {
  const from = relative(root, file).split('\\').join('/');
  // Comments could hold example imports; strings cannot span lines here, so this is enough.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const lines: ImportLine[] = [];
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(statement)) {
    const clause = match[3] ?? '';
    const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const names = braces ? braces[1]!.split(',').map((name) => name.trim()).filter(Boolean) : [];
    const typeOnly = Boolean(match[2]) || (names.length > 0 && names.every((name) => name.startsWith('type ')));
    lines.push({ from, specifier: match[4]!, target: resolveRelative(file, match[4]!), typeOnly });
  }
  for (const match of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) {
    lines.push({ from, specifier: match[1]!, target: resolveRelative(file, match[1]!), typeOnly: false });
  }
  for (const match of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    lines.push({ from, specifier: match[1]!, target: resolveRelative(file, match[1]!), typeOnly: false });
  }
  return lines;
}

function allImports(): ImportLine[] {
  return ['src', 'views'].flatMap((dir) => listFiles(join(root, dir)).flatMap((file) => parseImports(file, readFileSync(file, 'utf8'))));
}

/** The feature of a file: its folder directly under src/, or null for top-level files (composition roots, shared helpers). */
export function featureOf(path: string): string | null {
  const match = /^src\/([^/]+)\//.exec(path);
  return match ? match[1]! : null;
}

/** Strongly connected components with more than one member (Tarjan): each is a cycle of features. */
export function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Every feature edge with the import lines behind it, so a failure names the files to change.
 * Type-only imports count too: a type shared both ways is the same knot. Top-level files in src/
 * (composition roots and small shared modules such as tokens.ts or mail-templates.ts) are not features.
 */
function featureGraph(imports: ImportLine[]) {
  const edges = new Map<string, Set<string>>();
  const why = new Map<string, string[]>();
  for (const line of imports) {
    const fromFeature = featureOf(line.from);
    const toFeature = line.target ? featureOf(line.target) : null;
    if (!fromFeature || !toFeature || fromFeature === toFeature) continue;
    if (!edges.has(fromFeature)) edges.set(fromFeature, new Set());
    edges.get(fromFeature)!.add(toFeature);
    const key = `${fromFeature} → ${toFeature}`;
    why.set(key, [...(why.get(key) ?? []), `${line.from} imports ${line.specifier}`]);
  }
  return { edges, why };
}

const allowedForViews = (target: string) =>
  viewRuntimeAllowList.some((allowed) => (allowed.endsWith('/') ? target.startsWith(allowed) : target === allowed));

describe('import direction', () => {
  const imports = allImports();

  it('reads the import lines of every file (the parser sees type-only and value imports)', () => {
    expect(imports.length).toBeGreaterThan(300);
    const parsed = parseImports(join(root, 'views/x.tsx'), [
      "import { a, type B } from '../src/one';",
      "import type { C } from '../src/two';",
      "import {\n  type D,\n  type E,\n} from '../src/three';",
      "export { f } from './four';",
      "const g = await import('../src/five');",
    ].join('\n'));
    expect(parsed.map((line) => [line.specifier, line.typeOnly])).toEqual([
      ['../src/one', false],
      ['../src/two', true],
      ['../src/three', true],
      ['./four', false],
      ['../src/five', false],
    ]);
  });

  it('domain code in src/ never imports views/ (mail templates are passed in as functions)', () => {
    const offending = imports.filter((line) => line.target?.startsWith('views/') && line.from.startsWith('src/'));
    // Composition roots wire the real templates in; the HTTP layer (route files, src/http/ with the
    // page renderer and the staff router, the sign-in middleware) renders pages. Everything else in
    // src/ is domain code.
    const compositionRoots = ['src/app.tsx', 'src/server.ts', 'src/cli.ts', 'src/runtime.ts'];
    const routes = /(^|\/)[a-z-]*routes\.tsx?$|^src\/http\/[a-z-]+\.tsx?$|^src\/auth\/middleware\.tsx$/;
    const domain = offending.filter((line) => !compositionRoots.includes(line.from) && !routes.test(line.from));
    expect(domain.map((line) => `${line.from} imports ${line.specifier}`)).toEqual([]);
  });

  it('views import only types from src/, plus values from the allowed pure modules', () => {
    const offending = imports.filter(
      (line) => line.from.startsWith('views/') && line.target?.startsWith('src/') && !line.typeOnly && !allowedForViews(line.target),
    );
    expect(offending.map((line) => `${line.from} imports ${line.specifier}`)).toEqual([]);
  });

  it('the modules views may take values from are pure: at run time they import only each other and no database access', () => {
    const impure = imports.filter(
      (line) =>
        allowedForViews(line.from) &&
        !line.from.startsWith('src/db/schema') &&
        !line.typeOnly &&
        (line.target ? !allowedForViews(line.target) : !line.specifier.startsWith('node:')),
    );
    expect(impure.map((line) => `${line.from} imports ${line.specifier}`)).toEqual([]);
  });

  it('sibling features in src/<feature>/ do not import each other, directly or in a cycle', () => {
    const { edges, why } = featureGraph(imports);
    const explained = cyclesOf(edges).map((cycle) => {
      const inside = new Set(cycle);
      const lines = [...why.entries()]
        .filter(([key]) => {
          const [from, to] = key.split(' → ');
          return inside.has(from!) && inside.has(to!);
        })
        .flatMap(([key, reasons]) => [key, ...reasons.map((reason) => `  ${reason}`)]);
      return `cycle ${cycle.join(' ⇄ ')}\n${lines.join('\n')}`;
    });
    expect(explained).toEqual([]);
  });

  it('finds a cycle of three and ignores a chain', () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>();
      for (const [from, to] of pairs) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      return edges;
    };
    expect(cyclesOf(graph([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']]))).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(graph([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toEqual([]);
  });
});
