/**
 * What a Run or a Test needs of a lesson: the modules it starts from and, module by module, what
 * they refer to (a static import, an `import()` of a literal, or `new URL('./x.ts', import.meta.url)`).
 * The Service Worker compiles these first and reports their compile errors; the lesson's other
 * files compile when something asks for them, as tsx compiles a file when it is first imported.
 * A Run of lesson 01 needs 5 of its 26 TypeScript files, and a cold Service Worker compiles slowly.
 * Pure: node tests it.
 */
import { init, parse } from 'es-module-lexer';
import type { CompiledModule } from './module-source.ts';
import { resolveLessonPath } from './module-swap.ts';

/** `new URL('./actor/heartbeat.ts', import.meta.url)`: a module located by URL, for a worker. */
const URL_REFERENCE = /new URL\(\s*(['"])(\.{1,2}\/[^'"?#]+)[^'"]*\1\s*,\s*import\.meta\.url\s*\)/g;

/** Lesson paths that `code`, the compiled module at lesson path `path`, refers to relatively. */
export async function referencedPaths(path: string, code: string): Promise<string[]> {
  await init;
  const specifiers = parse(code)[0].flatMap((entry) => (entry.n === undefined ? [] : [entry.n]));
  for (const match of code.matchAll(URL_REFERENCE)) specifiers.push(match[2] ?? '');
  return specifiers
    .filter((specifier) => /^\.{1,2}\//.test(specifier))
    .flatMap((specifier) => resolveLessonPath(path, specifier.replace(/[?#].*$/, '')) ?? []);
}

/**
 * Compiles `entries` and every lesson module they reach, one at a time; resolves with the compile
 * errors, in the order the modules were met. `isModule` says which lesson paths are TypeScript
 * files of the lesson: references to anything else are left to the module loader.
 */
export async function compileReachable(
  entries: readonly string[],
  isModule: (path: string) => boolean,
  compile: (path: string) => Promise<CompiledModule>,
): Promise<string[]> {
  const seen = new Set<string>();
  const queue = entries.filter(isModule);
  const errors: string[] = [];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const { code, error } = await compile(path);
    if (error) errors.push(error);
    for (const next of await referencedPaths(path, code))
      if (!seen.has(next) && isModule(next)) queue.push(next);
  }
  return errors;
}
