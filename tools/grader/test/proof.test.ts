/**
 * Proves every exercise of every lesson (see src/proof.ts): content (hints, wrong answers, the
 * transfer check) and behaviour (the starter fails, the solution passes three times alike, every
 * known wrong answer fails with the failure its mistake.json names). Set STEADY_PROOF_LESSONS to a
 * comma-separated list of lesson folders to prove only those while writing exercises.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listExercises } from '../src/exercises.ts';
import { checkLessonContent, proveLessonBehaviour } from '../src/proof.ts';

// STEADY_LESSONS_DIR proves the lessons of another checkout with this grader.
const lessonsDir = resolve(process.env.STEADY_LESSONS_DIR ?? join(import.meta.dirname, '../../../lessons'));
const only = process.env.STEADY_PROOF_LESSONS?.split(',').map((s) => s.trim());
// A known wrong answer that never yields its thread is stopped after 5 s without a turn, not the
// 15 s a learner waits: no test of a correct answer keeps its thread that long.
process.env.STEADY_GRADE_STARVED_MS ??= '5000';
const lessons = readdirSync(lessonsDir, { withFileTypes: true })
  .filter(
    (d) => d.isDirectory() && /^\d\d-/.test(d.name) && listExercises(join(lessonsDir, d.name)).length > 0,
  )
  .map((d) => d.name)
  .filter((name) => !only || only.includes(name))
  .sort();

let rejected = 0;
let wrongTotal = 0;

describe('every exercise is proven', () => {
  afterAll(() => {
    console.log(`wrong answers rejected with the expected failure: ${rejected}/${wrongTotal}`);
  });

  it('finds lessons with exercises', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of lessons) {
    it(`${lesson}: every exercise has 2-3 hints, at least two wrong answers, and an answer not already in src/`, () => {
      expect(checkLessonContent(join(lessonsDir, lesson))).toEqual([]);
    });

    it(`${lesson}: starter fails, solution passes 3 times alike, every wrong answer fails as its mistake says`, async () => {
      const proof = await proveLessonBehaviour(join(lessonsDir, lesson));
      rejected += proof.wrongRejected;
      wrongTotal += proof.wrongTotal;
      console.log(
        `${lesson}: ${proof.exercises} exercises; wrong answers rejected ${proof.wrongRejected}/${proof.wrongTotal}`,
      );
      expect(proof.problems).toEqual([]);
    }, 900_000);
  }
});
