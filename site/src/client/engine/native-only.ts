/**
 * Lessons whose program needs the learner's own machine (`requiresNative`: real UDP sockets). Away
 * from native mode they say so before anything starts; the exercises the lesson lists for a
 * browser still grade in the browser engine.
 */
import { browserExerciseNumbers, type LessonInfo } from '../../shared/lesson.ts';
import { EngineUnavailableError } from './types.ts';

export const NATIVE_ONLY_ADVICE =
  'Run it on your machine: `git clone` the course repository, then `npm install && npm start` at its root, and open the address it prints.';

const WHY = 'it sends real UDP packets between two programs, which a browser cannot do';

/** Whether the browser engine can do anything for this lesson (grade some of its exercises). */
export function gradesInBrowser(lesson: LessonInfo): boolean {
  return browserExerciseNumbers(lesson).length > 0;
}

/** Thrown when no engine of this page can do anything for the lesson. */
export function nativeOnlyError(lesson: LessonInfo): EngineUnavailableError {
  return new EngineUnavailableError(`Lesson ${lesson.number} needs native mode: ${WHY}.`, NATIVE_ONLY_ADVICE);
}

/** Why Run is refused away from native mode, and what still works here. */
export function runRefusal(lesson: LessonInfo): EngineUnavailableError {
  const here = browserExerciseNumbers(lesson);
  return new EngineUnavailableError(
    `Lesson ${lesson.number}'s program needs native mode: ${WHY}.` +
      (here.length ? ` Exercises ${here.join(', ')} grade here: press Test.` : ''),
    NATIVE_ONLY_ADVICE,
  );
}

/** The status once the browser engine is ready on such a lesson: what it can and cannot do here. */
export function partlyReady(lesson: LessonInfo): string {
  return `Ready to grade exercises ${browserExerciseNumbers(lesson).join(', ')} here; Run needs native mode.`;
}
