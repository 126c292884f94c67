/**
 * A lesson's program compiled for the browser engine at build time: its entry (`src/main.ts`) and
 * every module it reaches, as the Service Worker would compile them (`module-graph.ts`). The page hands these to
 * the Service Worker with the files they came from, so a first Run, on a Service Worker that has
 * just started, waits for no compiler: its first compiles took 150 ms of the thread that also
 * serves the program worker its modules. A lesson whose program needs native mode gets none.
 */
import { compileReachable } from '../client/browser/module-graph.ts';
import { compileModule } from '../client/browser/module-source.ts';
import type { LessonBundle } from '../shared/lesson.ts';

export async function withProgramModules(bundle: LessonBundle): Promise<LessonBundle> {
  if (bundle.lesson.requiresNative) return bundle;
  const sources = new Map(bundle.files.filter((f) => f.path.endsWith('.ts')).map((f) => [f.path, f.content]));
  const browserModules: Record<string, string> = {};
  const errors = await compileReachable(
    [bundle.lesson.entry],
    (path) => sources.has(path),
    async (path) => {
      const module = await compileModule(sources.get(path) ?? '', path);
      browserModules[path] = module.code;
      return module;
    },
  );
  // A lesson whose program does not compile as shipped is a broken lesson: say so at build time.
  if (errors.length > 0)
    throw new Error(`lesson ${bundle.lesson.id} does not compile:\n${errors.join('\n')}`);
  return { ...bundle, browserModules };
}
