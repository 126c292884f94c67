/** Grades one lesson: run its exercise tests, summarise, optionally write reports. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ExerciseInfo, listExercises } from './exercises.ts';
import { readOpenedHints } from './hints.ts';
import { type GradeSummary, summarize } from './summary.ts';
import { runVariants, type Variant, type VariantProject } from './vitest-run.ts';

export interface GradeOptions {
  readonly variant?: Variant;
  /** Grade only these exercise ids (all when left out). */
  readonly exercises?: readonly string[];
  /** Write the JSON summary here. */
  readonly jsonFile?: string;
  /** Write vitest's JUnit XML here. */
  readonly junitFile?: string;
  /** Who is graded, recorded in the JSON report (for merging a class's reports). */
  readonly learner?: string;
}

export async function gradeLesson(lessonDir: string, options: GradeOptions = {}): Promise<GradeSummary> {
  const dir = resolve(lessonDir);
  const only = options.exercises;
  const exercises = listExercises(dir).filter((e) => !only || only.includes(e.id));
  if (options.junitFile) mkdirSync(dirname(resolve(options.junitFile)), { recursive: true });
  const opened = readOpenedHints(dir);
  const [graded] = await gradeVariants(
    dir,
    [{ name: 'grade', variant: options.variant ?? 'working', exercises: exercises.map((e) => e.id) }],
    {
      ...(options.junitFile ? { junitFile: resolve(options.junitFile) } : {}),
      hintsOpened: (id) => opened[id] ?? 0,
    },
  );
  if (!graded) throw new Error('grader: no summary for the lesson');
  const summary: GradeSummary = options.learner ? { ...graded, learner: options.learner } : graded;
  if (options.jsonFile) {
    mkdirSync(dirname(resolve(options.jsonFile)), { recursive: true });
    writeFileSync(resolve(options.jsonFile), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return summary;
}

/**
 * Grades several variants in one vitest run; one summary per project, in order, each over the
 * exercises its project names (all exercises when it names none).
 */
export async function gradeVariants(
  lessonDir: string,
  projects: readonly VariantProject[],
  options: {
    junitFile?: string;
    hintsOpened?: (id: string) => number;
    filesAtOnce?: number;
  } = {},
): Promise<GradeSummary[]> {
  const dir = resolve(lessonDir);
  const all = listExercises(dir);
  const run = await runVariants(dir, projects, {
    ...(options.junitFile ? { junitFile: options.junitFile } : {}),
    ...(options.filesAtOnce ? { filesAtOnce: options.filesAtOnce } : {}),
  });
  return projects.map((project) => {
    const exercises: ExerciseInfo[] = project.exercises
      ? all.filter((e) => project.exercises?.includes(e.id))
      : all;
    return summarize(dir, exercises, run.results[project.name], run.output, options.hintsOpened);
  });
}
