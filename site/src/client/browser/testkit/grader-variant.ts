/**
 * `@steady/grader/variant` in the browser engine: `learnerFile`, as exercise tests call it on Node,
 * for a test that hands the learner's file to another tool (`runLearnerTests`). The test worker says
 * which variant it grades before any test file loads (`gradeVariant`), as `STEADY_EXERCISE_VARIANT`
 * does for the grader on Node.
 */
import { VFS_BASE } from '../urls.ts';

export interface Grading {
  readonly lesson: string;
  readonly variant: 'working' | 'solution';
  /** Every lesson-relative path of the lesson as written. */
  readonly paths: readonly string[];
}

let grading: Grading | undefined;
let pathnames: ReadonlySet<string> = new Set();

/** Called by the test worker with its request, before it loads any test file. */
export function gradeVariant(next: Grading): void {
  grading = next;
  pathnames = new Set(next.paths.map((path) => `${VFS_BASE}${next.lesson}/${path}`));
}

/** What this worker grades (set by the test worker). */
export function currentGrading(): Grading {
  if (!grading) throw new Error('no grading in progress: @steady/grader is for exercise tests');
  return grading;
}

/**
 * The learner's file for the current variant, as a URL: `<exerciseDir>/<fileName>`, or with the
 * `solution` variant `<exerciseDir>/solution/<fileName>` when the exercise has one.
 */
export function learnerFile(exerciseDir: string | URL, fileName: string): string {
  const { variant } = currentGrading();
  const text = String(exerciseDir);
  const dir = new URL(text.endsWith('/') ? text : `${text}/`, self.location.href);
  if (variant === 'solution') {
    const solution = new URL(`solution/${fileName}`, dir);
    if (pathnames.has(solution.pathname)) return solution.href;
  }
  return new URL(fileName, dir).href;
}
