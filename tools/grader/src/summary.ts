/** Turns vitest's results into a grade: per exercise, passed or not, and the first failure in plain words. */
import { basename, sep } from 'node:path';
import type { ExerciseInfo } from './exercises.ts';
import { type ExerciseResult, type GradeSummary, plainFailure, type TestResult } from './report.ts';
import type { VitestJson } from './vitest-run.ts';

export type { GradeSummary } from './report.ts';
export { plainFailure } from './report.ts';

function exerciseIdOf(testFile: string): string | undefined {
  const parts = testFile.split(sep).join('/').split('/');
  const at = parts.lastIndexOf('exercises');
  return at >= 0 ? parts[at + 1] : undefined;
}

export function summarize(
  lessonDir: string,
  exercises: readonly ExerciseInfo[],
  json: VitestJson | undefined,
  runOutput = '',
  hintsOpened: (exerciseId: string) => number = () => 0,
): GradeSummary {
  const outcomes = exercises.map((exercise): ExerciseResult => {
    const files = json?.testResults.filter((r) => exerciseIdOf(r.name) === exercise.id) ?? [];
    const tests: TestResult[] = [];
    for (const file of files) {
      if (file.assertionResults.length === 0 && file.status !== 'passed') {
        // The test file itself failed to load (a syntax or type error in the learner's file, say).
        tests.push({
          name: basename(file.name),
          passed: false,
          failure: plainFailure(file.message || 'failed to load'),
        });
      }
      for (const test of file.assertionResults) {
        const passed = test.status === 'passed';
        tests.push({
          name: test.fullName || test.title,
          passed,
          failure: passed ? null : plainFailure(test.failureMessages[0] ?? test.status),
        });
      }
    }
    if (tests.length === 0) {
      const reason = json
        ? 'no test ran for this exercise'
        : `the test runner produced no results${runOutput ? `: ${plainFailure(runOutput)}` : ''}`;
      tests.push({ name: exercise.id, passed: false, failure: reason });
    }
    const failed = tests.find((t) => !t.passed);
    return {
      id: exercise.id,
      title: exercise.title,
      passed: !failed,
      firstFailure: failed ? `${failed.name}: ${failed.failure}` : null,
      hintsOpened: hintsOpened(exercise.id),
      tests,
    };
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return {
    lesson: basename(lessonDir),
    passed,
    total: outcomes.length,
    score: outcomes.length === 0 ? 0 : Math.round((100 * passed) / outcomes.length),
    exercises: outcomes,
  };
}
