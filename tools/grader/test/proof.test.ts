/**
 * Proves every exercise of every lesson: its tests fail on the untouched starter
 * (the learner's working file as committed) and pass on the reference solution.
 * A hollow exercise (passes on the starter) or a broken one (fails on its solution)
 * fails the suite.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExercises } from '../src/exercises.ts';
import { gradeLesson } from '../src/grade.ts';

const lessonsDir = resolve(import.meta.dirname, '../../../lessons');
const lessons = readdirSync(lessonsDir, { withFileTypes: true })
  .filter(
    (d) => d.isDirectory() && /^\d\d-/.test(d.name) && listExercises(join(lessonsDir, d.name)).length > 0,
  )
  .map((d) => d.name)
  .sort();

describe('every exercise is proven', () => {
  it('finds lessons with exercises', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of lessons) {
    it(`${lesson}: every exercise fails on its starter and passes on its solution`, async () => {
      const dir = join(lessonsDir, lesson);
      const [starter, solution] = await Promise.all([
        gradeLesson(dir, { variant: 'working' }),
        gradeLesson(dir, { variant: 'solution' }),
      ]);
      console.log(
        `${lesson}: ${solution.total} exercises; solutions pass ${solution.passed}/${solution.total}; ` +
          `starters pass ${starter.passed}/${starter.total} (must be 0)`,
      );
      expect(
        solution.exercises.filter((e) => !e.passed).map((e) => `${e.id}: ${e.firstFailure}`),
        'solutions that fail their own exercise',
      ).toEqual([]);
      expect(
        starter.exercises.filter((e) => e.passed).map((e) => e.id),
        'exercises whose untouched starter already passes (hollow)',
      ).toEqual([]);
    });
  }
});
