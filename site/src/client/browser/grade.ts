/**
 * A grade from the test worker's results, with the grader's rules (tools/grader/src/summary.ts):
 * per exercise, every test of its folder must pass; a test file that could not load counts as a
 * failed test; no test at all is a failure; the first failure in plain words.
 */
import type { ExerciseResult, GradeSummary, TestResult } from '@steady/grader/report';
import type { LessonInfo } from '../../shared/lesson.ts';
import type { ResultsJson } from './testkit/results.ts';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first meaningful line of a failure message, without colours or stack. */
export function plainFailure(message: string): string {
  const lines = message.replace(ANSI, '').split('\n');
  const first = lines.find((l) => l.trim() && !l.trim().startsWith('at ')) ?? 'failed';
  return first.trim().slice(0, 300);
}

export function exerciseIdOf(testFile: string): string | undefined {
  return /^exercises\/([^/]+)\//.exec(testFile)?.[1];
}

export function gradeFromResults(lesson: LessonInfo, json: ResultsJson): GradeSummary {
  const exercises = lesson.exercises.map((exercise): ExerciseResult => {
    const tests: TestResult[] = [];
    for (const file of json.testResults.filter((r) => exerciseIdOf(r.name) === exercise.id)) {
      if (file.assertionResults.length === 0 && file.status !== 'passed')
        tests.push({
          name: file.name.slice(file.name.lastIndexOf('/') + 1),
          passed: false,
          failure: plainFailure(file.message || 'failed to load'),
        });
      for (const test of file.assertionResults) {
        const passed = test.status === 'passed';
        tests.push({
          name: test.fullName || test.title,
          passed,
          failure: passed ? null : plainFailure(test.failureMessages[0] ?? test.status),
        });
      }
    }
    if (tests.length === 0)
      tests.push({ name: exercise.id, passed: false, failure: 'no test ran for this exercise' });
    const failed = tests.find((t) => !t.passed);
    return {
      id: exercise.id,
      title: exercise.title,
      passed: !failed,
      firstFailure: failed ? `${failed.name}: ${failed.failure}` : null,
      // The grader counts `npm test -- --hint`; in the page, hints opened are kept by the playground.
      hintsOpened: 0,
      tests,
    };
  });
  const passed = exercises.filter((e) => e.passed).length;
  return {
    lesson: lesson.id,
    passed,
    total: exercises.length,
    score: exercises.length === 0 ? 0 : Math.round((100 * passed) / exercises.length),
    exercises,
  };
}
