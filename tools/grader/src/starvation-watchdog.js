/**
 * Loaded into every exercise test file while grading (a setup file of the generated config).
 *
 * A learner's loop that never really waits (it awaits promises that have already settled: a wait
 * made once, before the loop; or it awaits nothing at all) keeps the test's thread busy for ever.
 * No timer can fire then, not even vitest's own test timeout, and the grading never ends. A
 * thread beside the test's watches it get its turns; after `STEADY_GRADE_STARVED_MS` (15 s by
 * default) without one, it leaves a note beside the grade's results, naming the test, and ends
 * the test's process. The results reporter turns the note into that test's failure.
 *
 * Only where the test has a process of its own (vitest's default `forks` pool): ending a process
 * that runs other things too (the `threads` pool) is not this watchdog's to do.
 */
import { isMainThread, Worker } from 'node:worker_threads';
import { afterAll, beforeEach } from 'vitest';
import { STARVED_LIMIT_MS, TURN_MS } from './starved.js';

/** @returns {number} */
function starvedLimitMs() {
  const asked = Number(process.env.STEADY_GRADE_STARVED_MS);
  return Number.isInteger(asked) && asked >= 1000 ? asked : STARVED_LIMIT_MS;
}

const results = process.env.STEADY_GRADE_RESULTS;
if (results && isMainThread) {
  const turns = new Int32Array(new SharedArrayBuffer(4));
  const watchdog = new Worker(new URL('./starvation-watchdog-thread.js', import.meta.url), {
    workerData: {
      turns,
      note: `${results}.starved-${process.pid}.json`, // one test file a process
      limitMs: starvedLimitMs(),
    },
  });
  watchdog.unref(); // never what keeps a finished test file alive
  const ticker = setInterval(() => Atomics.add(turns, 0, 1), TURN_MS);
  ticker.unref();
  beforeEach((context) => {
    watchdog.postMessage({
      project: context.task.file.projectName ?? '',
      file: context.task.file.filepath,
      test: context.task.name,
    });
  });
  afterAll(async () => {
    clearInterval(ticker);
    await watchdog.terminate();
  });
}
