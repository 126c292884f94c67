/**
 * Module preloads on the lesson pages: the playground's chunk and the lesson's files. Without
 * them a lesson page asks for the first only once it has hydrated, and for the second only once
 * the first has arrived and mounted, one round trip after the other, before Run can be enabled.
 * Named in the page's head, both arrive beside the page's own scripts. Monaco, xterm and the
 * engine stay lazy: the playground asks for them when it mounts.
 *
 * The client build records which output file holds each (`recordPlaygroundChunks`, from the site's
 * Vite plugin); the page render adds the links (`playgroundPreloads`, VitePress's `transformHead`).
 */
import type { HeadConfig, TransformContext } from 'vitepress';

/** What this reads of a build's output (Rollup's `OutputBundle`, as Vite hands it to plugins). */
type BuildOutput = Readonly<
  Record<string, { type: string; fileName: string; facadeModuleId?: string | null }>
>;

const PLAYGROUND_MODULE = /\/components\/Playground\.vue$/;

const recorded = { playground: undefined as string | undefined, lessons: new Map<string, string>() };

/** Notes the client build's chunks of the playground and of each lesson's files (`virtual:steady/lesson/<id>`). */
export function recordPlaygroundChunks(bundle: BuildOutput, lessonModulePrefix: string): void {
  for (const output of Object.values(bundle)) {
    // The client's chunks live under assets/; the server render's bundle has its own copies.
    if (output.type !== 'chunk' || !output.fileName.startsWith('assets/')) continue;
    const facade = output.facadeModuleId ?? '';
    if (PLAYGROUND_MODULE.test(facade)) recorded.playground = output.fileName;
    else if (facade.startsWith(`\0${lessonModulePrefix}`))
      recorded.lessons.set(facade.slice(lessonModulePrefix.length + 1), output.fileName);
  }
}

/** The preload links of a page: on `lessons/<id>.md`, the playground and that lesson's files. */
export function playgroundPreloads(context: Pick<TransformContext, 'page' | 'siteData'>): HeadConfig[] {
  const lesson = /^lessons\/([^/]+)\.md$/.exec(context.page)?.[1];
  if (!lesson) return [];
  const files = [recorded.playground, recorded.lessons.get(lesson)];
  return files
    .filter((file): file is string => file !== undefined)
    .map((file) => ['link', { rel: 'modulepreload', href: `${context.siteData.base}${file}` }]);
}
