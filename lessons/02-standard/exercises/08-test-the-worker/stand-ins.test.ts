/**
 * Grades the test you write in worker.spec.ts: it runs against the lesson's real worker (it must
 * pass) and against two buggy workers (it must fail on each).
 */
import {
  expectCatches,
  expectPasses,
  type LearnerTestRun,
  runLearnerTests,
} from '@steady/grader/learner-tests';
import { learnerFile } from '@steady/grader/variant';
import { beforeAll, it } from 'vitest';

// URLs, not paths: the same test grades in the course site's browser engine.
const here = new URL('./', import.meta.url);
let runs: Record<string, LearnerTestRun> = {};

beforeAll(async () => {
  runs = await runLearnerTests({
    lessonDir: new URL('../../', here),
    specFile: learnerFile(here, 'worker.spec.ts'),
    subject: new URL('../../src/actor/worker.ts', here),
    standIns: {
      correct: null,
      'one-value-per-beat': new URL('buggy/one-value-per-beat.ts', here),
      'fizz-before-fizzbuzz': new URL('buggy/fizz-before-fizzbuzz.ts', here),
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
