/**
 * The README's "Public API" tables and the package's exports name the same things: every name an
 * entry point exports is documented, and nothing documented is missing. Read from the source
 * (TypeScript's parser), so type-only exports count too.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The entry points the README documents name by name (`./aeron` is documented in docs/aeron.md). */
function entryPoints(): Map<string, string> {
  const pkg = JSON.parse(read('package.json')) as { name: string; exports: Record<string, string> };
  const entries = new Map<string, string>();
  for (const [subpath, file] of Object.entries(pkg.exports)) {
    if (subpath === './aeron') continue;
    entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, file);
  }
  return entries;
}

/** The names a module exports: its named re-exports and its exported declarations. */
function exportedNames(source: string, file = 'module.ts'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of sf.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause || !ts.isNamedExports(clause))
        throw new Error(`${file}: \`export *\` hides what is public; name each export`);
      for (const element of clause.elements) names.push(element.name.text);
      continue;
    }
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations)
        if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return names.sort();
}

/** The names the README's "Public API" section lists, per entry point (the `### \`...\`` headings). */
function documentedNames(readme: string): Map<string, string[]> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Public API'));
  if (!section) throw new Error('README has no "## Public API" section');
  const documented = new Map<string, string[]>();
  let entry: string | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) {
      entry = heading[1];
      documented.set(entry!, []);
      continue;
    }
    if (line.startsWith('### ')) entry = undefined;
    if (!entry || !line.startsWith('|') || /^\|\s*(export|-)/.test(line)) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Za-z_$][\w$]*)`/g)) documented.get(entry)!.push(name!);
  }
  for (const names of documented.values()) names.sort();
  return documented;
}

describe('the public API', () => {
  const readme = read('README.md');

  it('is documented in the README exactly: every export listed, nothing listed that is not exported', () => {
    const documented = documentedNames(readme);
    const entries = entryPoints();
    expect([...documented.keys()].sort()).toEqual([...entries.keys()].sort());
    for (const [entry, file] of entries) {
      expect({ entry, names: documented.get(entry) }).toEqual({
        entry,
        names: exportedNames(read(file), file),
      });
    }
  });

  it('reads names from both kinds of export, and refuses `export *`', () => {
    const source = [
      "export { a, type B, c as d } from './x.ts';",
      'export const e = 1;',
      'export function f() {}',
      'export interface G {}',
      'const hidden = 2;',
    ].join('\n');
    expect(exportedNames(source)).toEqual(['B', 'a', 'd', 'e', 'f', 'G'].sort());
    expect(() => exportedNames("export * from './x.ts';")).toThrow(/name each export/);
  });

  it('reads the README tables by entry point, several names to a row', () => {
    const table = [
      '## Public API',
      '### `pkg`',
      '| export | what it is |',
      '|---|---|',
      '| `b`, `a` | two, with `notAName()` in the description |',
      '## Next',
      '| `outside` | not in the section |',
    ].join('\n');
    expect(documentedNames(table)).toEqual(new Map([['pkg', ['a', 'b']]]));
  });
});
