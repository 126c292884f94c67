/**
 * Grades the test you write in worker.spec.ts: it runs against the lesson's real worker (it must
 * pass) and against three buggy workers (it must fail on each).
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
      'never-drops': new URL('buggy/never-drops.ts', here),
      'sends-before-failing': new URL('buggy/sends-before-failing.ts', here),
      'resends-after-restart': new URL('buggy/resends-after-restart.ts', here),
    },
  });
}, 180_000);

it('your test passes on the correct worker', () => {
  expectPasses(runs.correct, 'the correct worker');
});

it('your test fails on a worker that never drops a showstopper', () => {
  expectCatches(runs['never-drops'], 'a worker that never drops a showstopper');
});

it('your test fails on a worker that sends before the step that can fail', () => {
  expectCatches(runs['sends-before-failing'], 'a worker that sends before the step that can fail');
});

it('your test fails on a worker that sends its last value again after a restart', () => {
  expectCatches(runs['resends-after-restart'], 'a worker that sends its last value again after a restart');
});
