/** Messages between the page and the browser engine's workers (the test worker is ours; the program worker is the runtime's). */
import type { ModuleSwap } from './module-swap.ts';
import type { ResultsJson } from './testkit/results.ts';

export type TestWorkerRequest = {
  readonly type: 'test';
  readonly lesson: string;
  /** Lesson-relative paths of the test files to run. */
  readonly files: readonly string[];
  readonly testTimeoutMs: number;
  /** Which files exercise tests grade: the learner's, or the reference solutions. */
  readonly variant: 'working' | 'solution';
  /** Every lesson-relative path of the lesson as written (where `learnerFile` looks for a solution). */
  readonly paths: readonly string[];
  /** Run the files with this module swapped in their whole graph (a learner's test against a stand-in). */
  readonly swap?: ModuleSwap;
};

export type TestWorkerEvent =
  /** The runner and the runtime's shell are loaded: the worker waits for its `test` request. */
  | { readonly type: 'ready' }
  | { readonly type: 'output'; readonly data: string }
  /** The worker's thread had a turn (every `TURN_MS` of `@steady/grader/starved`): a page that hears none for long stops it. */
  | { readonly type: 'turn' }
  /** A test starts: the one to blame if the worker's thread never has another turn. */
  | {
      readonly type: 'test-started';
      readonly file: string;
      readonly title: string;
      readonly fullName: string;
    }
  /** A test file is done, its results as they will be in `results`. */
  | { readonly type: 'file-done'; readonly json: ResultsJson }
  | { readonly type: 'results'; readonly json: ResultsJson }
  | { readonly type: 'error'; readonly message: string };
