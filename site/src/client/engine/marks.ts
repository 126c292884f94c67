/**
 * Where the browser engine's time goes: `performance.mark`s at each step of Run and Test, in the
 * page's own timeline (devtools' Performance panel shows them; the site bench's `browser` section
 * reads them back to print its phase table). A mark costs next to nothing.
 */
export const ENGINE_MARKS = {
  /** The Service Worker controls the page: the engine can run lessons. */
  engineReady: 'steady:engine-ready',
  /** Run reached the engine (after the playground's own checks). */
  runStart: 'steady:run-start',
  /** The Service Worker holds the learner's files, compiled. */
  runFilesWritten: 'steady:run-files-written',
  /** The program worker has loaded the runtime and listens. */
  programWorkerReady: 'steady:program-worker-ready',
  /** The program's first line of output reached the page. */
  programFirstOutput: 'steady:program-first-output',
  /** Test reached the engine. */
  testStart: 'steady:test-start',
  testFilesWritten: 'steady:test-files-written',
  /** The test worker has loaded vitest's runner and the runtime's shell. */
  testWorkerReady: 'steady:test-worker-ready',
  /** The test worker sent its results (the grade follows at once). */
  testResults: 'steady:test-results',
} as const;

export type EngineMark = (typeof ENGINE_MARKS)[keyof typeof ENGINE_MARKS];

export function markPhase(name: EngineMark): void {
  globalThis.performance?.mark?.(name);
}
