/**
 * `@steady/grader/learner-tests` in the browser engine: grades a test the learner wrote, as the
 * grader does on Node (`tools/grader/src/learner-tests.ts`), with the same verdicts
 * (`@steady/grader/learner-test-results`). Each run is a test worker of its own, running the
 * learner's file with the subject swapped for one stand-in in its whole module graph (see
 * `module-swap.ts`); the runs go one after the other, as vitest's do on a two-core machine.
 */
import {
  type LearnerTestOptions,
  type LearnerTestRun,
  type Location,
  learnerTestRun,
} from '@steady/grader/learner-test-results';
import { TEST_WORKER, VFS_BASE } from '../urls.ts';
import type { TestWorkerEvent, TestWorkerRequest } from '../worker-protocol.ts';
import { currentGrading } from './grader-variant.ts';

export {
  expectCatches,
  expectPasses,
  type LearnerTestOptions,
  type LearnerTestRun,
} from '@steady/grader/learner-test-results';

export async function runLearnerTests(options: LearnerTestOptions): Promise<Record<string, LearnerTestRun>> {
  const grading = currentGrading();
  const base = `${VFS_BASE}${grading.lesson}/`;
  const pathOf = (location: Location): string => {
    const { pathname } = new URL(String(location), self.location.href);
    if (!pathname.startsWith(base))
      throw new Error(`${String(location)} is not a file of lesson ${grading.lesson}`);
    return decodeURIComponent(pathname.slice(base.length));
  };
  const spec = pathOf(options.specFile);
  const subject = pathOf(options.subject);
  const runs: Record<string, LearnerTestRun> = {};
  for (const [name, standIn] of Object.entries(options.standIns)) {
    runs[name] = await runInWorker({
      type: 'test',
      lesson: grading.lesson,
      files: [spec],
      testTimeoutMs: options.testTimeoutMs ?? 20_000,
      variant: grading.variant,
      paths: grading.paths,
      ...(standIn === null ? {} : { swap: { subject, standIn: pathOf(standIn) } }),
    });
  }
  return runs;
}

/** Runs one request in a test worker of its own, ended once it answers. */
function runInWorker(request: TestWorkerRequest): Promise<LearnerTestRun> {
  return new Promise((resolve) => {
    const worker = new Worker(TEST_WORKER, { type: 'module' });
    let output = '';
    const done = (run: LearnerTestRun) => {
      worker.terminate();
      resolve(run);
    };
    worker.addEventListener('message', (event: MessageEvent<TestWorkerEvent>) => {
      const message = event.data;
      if (message.type === 'output') output += message.data;
      else if (message.type === 'results') done(learnerTestRun(message.json.testResults, output));
      else if (message.type === 'error') done(learnerTestRun(undefined, message.message));
    });
    worker.addEventListener('error', (event) =>
      done(learnerTestRun(undefined, event.message || 'the test worker failed to start')),
    );
    worker.postMessage(request);
  });
}
