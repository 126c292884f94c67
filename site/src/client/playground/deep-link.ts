/**
 * Deep links to an exercise: `/lessons/01-minimum#exercise-01-stop-after-beats` (the heading's own
 * anchor) or `?exercise=01-stop-after-beats`. The playground opens that exercise's working file.
 */
import type { LessonInfo } from '../../shared/lesson.ts';

const HASH = /^#exercise-([A-Za-z0-9_-]{1,80})$/;
const ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The exercise id a page address names, if it names one of this lesson's exercises. */
export function linkedExercise(
  location: Pick<Location, 'hash' | 'search'>,
  lesson: Pick<LessonInfo, 'exercises'>,
): string | undefined {
  const fromQuery = new URLSearchParams(location.search).get('exercise') ?? undefined;
  const fromHash = HASH.exec(decodeURIComponent(location.hash))?.[1];
  const id = [fromQuery, fromHash].find((candidate) => candidate !== undefined && ID.test(candidate));
  return lesson.exercises.some((e) => e.id === id) ? id : undefined;
}

/** The file the editor opens for an exercise: its first working file. */
export function fileOfExercise(lesson: Pick<LessonInfo, 'exercises'>, id: string): string | undefined {
  return lesson.exercises.find((e) => e.id === id)?.workingFiles[0];
}
