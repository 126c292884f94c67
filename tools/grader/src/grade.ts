/** Grades one lesson: run its exercise tests, summarise, optionally write reports. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { listExercises } from './exercises.ts';
import { type GradeSummary, summarize } from './summary.ts';
import { runExerciseTests, type Variant } from './vitest-run.ts';

export interface GradeOptions {
  readonly variant?: Variant;
  /** Write the JSON summary here. */
  readonly jsonFile?: string;
  /** Write vitest's JUnit XML here. */
  readonly junitFile?: string;
}

export async function gradeLesson(lessonDir: string, options: GradeOptions = {}): Promise<GradeSummary> {
  const dir = resolve(lessonDir);
  const exercises = listExercises(dir);
  if (options.junitFile) mkdirSync(dirname(resolve(options.junitFile)), { recursive: true });
  const run = await runExerciseTests(dir, {
    variant: options.variant ?? 'working',
    ...(options.junitFile ? { junitFile: resolve(options.junitFile) } : {}),
  });
  const summary = summarize(dir, exercises, run.json, run.output);
  if (options.jsonFile) {
    mkdirSync(dirname(resolve(options.jsonFile)), { recursive: true });
    writeFileSync(resolve(options.jsonFile), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return summary;
}
