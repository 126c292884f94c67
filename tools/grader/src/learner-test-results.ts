/**
 * What a run of a learner's own test file came to, read from vitest's results, and the checks a
 * graded test makes on it. Shared by the Node grader (`learner-tests.ts`, one vitest run) and the
 * course site's browser engine (one test worker a run): both judge a learner's test the same way.
 * Runs in browsers too (no Node imports).
 */

import type { FileResults } from './report.ts';
import { plainFailure } from './report.ts';

/** A file or folder: a path, or a URL (`file:` on Node, the page's own in the browser). */
export type Location = string | URL;

/** What `runLearnerTests` is given, on Node and in the browser alike. */
export interface LearnerTestOptions {
  readonly lessonDir: Location;
  /** The learner's test file. */
  readonly specFile: Location;
  /** The module under test, as the learner's test reaches it (directly or not). */
  readonly subject: Location;
  /** Name of each run and the file that stands in for the subject; null runs the real subject. */
  readonly standIns: Readonly<Record<string, Location | null>>;
  /** Per-test timeout inside the learner's test (default 20 s). */
  readonly testTimeoutMs?: number;
}

export interface LearnerTestRun {
  /** True when at least one test ran and every one passed. */
  readonly passed: boolean;
  /** How many tests of the learner's file ran. */
  readonly tests: number;
  /** `<test name>: <first line of the failure>`, or why nothing ran; null when it passed. */
  readonly firstFailure: string | null;
}

/**
 * One run of the learner's file: `files` are its results (undefined when the run produced none),
 * `output` what the run printed (the reason when nothing ran).
 */
export function learnerTestRun(files: readonly FileResults[] | undefined, output: string): LearnerTestRun {
  const tests = (files ?? []).flatMap((f) => f.assertionResults);
  const loadError = files?.find((f) => f.assertionResults.length === 0 && f.status !== 'passed');
  const failed = tests.find((t) => t.status !== 'passed');
  const firstFailure = loadError
    ? `your test file did not run: ${plainFailure(loadError.message || 'failed to load')}`
    : failed
      ? `${failed.fullName}: ${plainFailure(failed.failureMessages[0] ?? failed.status)}`
      : tests.length === 0
        ? files
          ? 'your test file has no test'
          : `no results: ${plainFailure(output || 'vitest did not start')}`
        : null;
  return { passed: firstFailure === null, tests: tests.length, firstFailure };
}

/** For the graded test: throws, in plain words, unless the learner's test passed on this run. */
export function expectPasses(run: LearnerTestRun | undefined, on: string): void {
  if (!run) throw new Error(`your test did not run on ${on}`);
  if (!run.passed) throw new Error(`your test should pass on ${on}, but: ${run.firstFailure}`);
}

/** For the graded test: throws, in plain words, unless the learner's test failed on this buggy stand-in. */
export function expectCatches(run: LearnerTestRun | undefined, bug: string): void {
  if (!run) throw new Error(`your test did not run on ${bug}`);
  if (run.tests === 0) throw new Error(`your test did not run on ${bug}: ${run.firstFailure}`);
  if (run.passed) throw new Error(`your test passed on ${bug}: it should fail there`);
}
