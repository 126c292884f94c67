/**
 * One module swapped for another in a whole module graph, as the grader's `swapModule` does on
 * Node for a learner-written test (`tools/grader/src/learner-plugin.js`): every import that reaches
 * the subject gets the stand-in instead. In the browser the swap rides on the modules' URLs: the
 * test file is asked for with `?swap=<subject>><stand-in>`, and the Service Worker compiles each
 * module of that URL space with its relative imports carrying the same query, so the graph stays
 * apart from the lesson's own modules (another URL, another module instance). Pure: node tests it.
 */
import type { RelativeMap } from './module-source.ts';

export interface ModuleSwap {
  /** Lesson-relative path of the module the learner's test reaches (`src/actor/worker.ts`). */
  readonly subject: string;
  /** Lesson-relative path of the module served in its place. */
  readonly standIn: string;
}

const PARAM = 'swap';
/** A lesson-relative TypeScript path: no `..`, no leading slash, no query. */
const LESSON_MODULE = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[\w@.-]+(?:\/[\w@.-]+)*\.ts$/;

/** The query that puts a module in the swapped graph (with its `?`). */
export function swapSearch(swap: ModuleSwap): string {
  return `?${new URLSearchParams({ [PARAM]: `${swap.subject}>${swap.standIn}` })}`;
}

/**
 * The swap a module URL asks for: undefined when it asks for none, 'invalid' when its `swap`
 * parameter is not two lesson-relative `.ts` paths (the URL came from outside: refused, not guessed).
 */
export function parseSwap(params: URLSearchParams): ModuleSwap | 'invalid' | undefined {
  const value = params.get(PARAM);
  if (value === null) return undefined;
  const [subject, standIn, ...rest] = value.split('>');
  if (rest.length > 0 || !subject || !standIn || !LESSON_MODULE.test(subject) || !LESSON_MODULE.test(standIn))
    return 'invalid';
  return { subject, standIn };
}

/** `specifier` (relative) resolved against the lesson path `from`; undefined when it leaves the lesson. */
export function resolveLessonPath(from: string, specifier: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/**
 * The imports of the module at `modulePath` in the swapped graph: a relative import of the subject
 * goes to the stand-in (by its URL under `lessonBase`, `/steady/vfs/<lesson>/`), every other relative
 * import stays as written with the swap's query; bare and absolute ones are left alone (the runtime
 * and the test kit are shared, as node_modules are on Node).
 */
export function swapImports(lessonBase: string, modulePath: string, swap: ModuleSwap): RelativeMap {
  const search = swapSearch(swap);
  return (specifier) => {
    if (!/^\.{1,2}\//.test(specifier)) return undefined;
    const target = resolveLessonPath(modulePath, specifier);
    if (target === swap.subject) return `${lessonBase}${swap.standIn}${search}`;
    return `${specifier}${search}`;
  };
}
