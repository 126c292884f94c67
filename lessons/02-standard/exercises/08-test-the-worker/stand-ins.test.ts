/**
 * Grades the test you write in worker.spec.ts: it runs against the lesson's real worker (it must
 * pass) and against two buggy workers (it must fail on each).
 */
import { join } from 'node:path';
import {
  expectCatches,
  expectPasses,
  type LearnerTestRun,
  runLearnerTests,
} from '@steady/grader/learner-tests';
import { learnerFile } from '@steady/grader/variant';
import { beforeAll, it } from 'vitest';

const here = import.meta.dirname;
const lessonDir = join(here, '../..');
let runs: Record<string, LearnerTestRun> = {};

beforeAll(async () => {
  runs = await runLearnerTests({
    lessonDir,
    specFile: learnerFile(here, 'worker.spec.ts'),
    subject: join(lessonDir, 'src/actor/worker.ts'),
    standIns: {
      correct: null,
      'one-value-per-beat': join(here, 'buggy/one-value-per-beat.ts'),
      'fizz-before-fizzbuzz': join(here, 'buggy/fizz-before-fizzbuzz.ts'),
    },
  });
}, 180_000);

it('your test passes on the correct worker', () => {
  expectPasses(runs.correct, 'the correct worker');
});

it('your test fails on a worker that forwards only one value per heartbeat', () => {
  expectCatches(runs['one-value-per-beat'], 'a worker that forwards only one value per heartbeat');
});

it('your test fails on a worker that turns 15 into Fizz', () => {
  expectCatches(runs['fizz-before-fizzbuzz'], 'a worker that turns 15 into Fizz');
});
