/** Turns vitest's results into a grade: per exercise, passed or not, and the first failure in plain words. */
import { basename } from 'node:path';
import type { ExerciseInfo } from './exercises.ts';
import { type GradeSummary, gradeResults, plainFailure } from './report.ts';
import type { VitestJson } from './vitest-run.ts';

export type { GradeSummary } from './report.ts';
export { plainFailure } from './report.ts';

export function summarize(
  lessonDir: string,
  exercises: readonly ExerciseInfo[],
  json: VitestJson | undefined,
  runOutput = '',
  hintsOpened: (exerciseId: string) => number = () => 0,
): GradeSummary {
  return gradeResults(basename(lessonDir), exercises, json?.testResults, {
    hintsOpened,
    noResults: `the test runner produced no results${runOutput ? `: ${plainFailure(runOutput)}` : ''}`,
  });
}
