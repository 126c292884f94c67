/**
 * A grade from the test worker's results, by the grader's own rules (`gradeResults` in
 * `@steady/grader/report`), so a grade in the page equals `steady-grade`'s for the same files.
 */
import { type GradeSummary, gradeResults } from '@steady/grader/report';
import type { LessonInfo } from '../../shared/lesson.ts';
import type { ResultsJson } from './testkit/results.ts';

export function gradeFromResults(
  lesson: LessonInfo,
  json: ResultsJson,
  hintsOpened: (exerciseId: string) => number = () => 0,
): GradeSummary {
  return gradeResults(lesson.id, lesson.exercises, json.testResults, { hintsOpened });
}
