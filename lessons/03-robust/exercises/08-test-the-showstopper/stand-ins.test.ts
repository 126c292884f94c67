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
      'never-drops': join(here, 'buggy/never-drops.ts'),
      'sends-before-failing': join(here, 'buggy/sends-before-failing.ts'),
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
