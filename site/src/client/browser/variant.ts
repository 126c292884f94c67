/**
 * The grader's exercise variants in the browser (tools/grader/src/vite-plugin.js): with the
 * `solution` variant, an exercise test's import of a file beside it (`./heartbeat.ts`) is served
 * from `./solution/heartbeat.ts` when the exercise has one, so the same test proves the reference.
 */
import type { RelativeMap } from './module-source.ts';

const EXERCISE_TEST = /^exercises\/[^/]+\/[^/]+\.test\.ts$/;

export function solutionImports(
  testPath: string,
  exists: (lessonPath: string) => boolean,
): RelativeMap | undefined {
  if (!EXERCISE_TEST.test(testPath)) return undefined;
  const folder = testPath.slice(0, testPath.lastIndexOf('/'));
  return (specifier) => {
    const name = /^\.\/([^/]+)$/.exec(specifier)?.[1];
    if (!name || !exists(`${folder}/solution/${name}`)) return undefined;
    return `./solution/${name}`;
  };
}
