/**
 * What the page hears from one test worker while it grades, so that it can answer for a worker
 * whose thread never gets another turn: a learner's loop that never really waits (it awaits
 * promises already settled, or nothing) starves every timer in the worker, vitest's test timeout
 * included, and the worker would never send its results. The page stops such a worker and grades
 * from what it heard: the files it finished as they were, the test it was running failed with why
 * (the words `steady-grade` uses on Node), the files it never reached failed as not run.
 */
import { STARVED_LIMIT_MS, starvedTestMessage } from '@steady/grader/starved';
import type { FileJson, ResultsJson } from './testkit/results.ts';
import type { TestWorkerEvent } from './worker-protocol.ts';

export { STARVED_LIMIT_MS };

const NOT_RUN =
  'not run: a test before it, in the same test worker, kept the thread busy and was stopped (see that test)';

export class TestWorkerWatch {
  /** When the worker last said its thread had a turn; undefined until it first does (it is loading). */
  private lastTurn: number | undefined;
  private current: { file: string; title: string; fullName: string } | undefined;
  private readonly finished: FileJson[] = [];

  /** `files`: the lesson-relative test files the worker was given, in order. */
  constructor(private readonly files: readonly string[]) {}

  heard(event: TestWorkerEvent, now: number): void {
    if (event.type === 'turn') this.lastTurn = now;
    else if (event.type === 'test-started') this.current = event;
    else if (event.type === 'file-done') this.finished.push(...event.json.testResults);
  }

  /**
   * The page itself did not run for a while (a frozen tab, a machine asleep): the worker's silence
   * meanwhile says nothing about it, so its count starts again from `now`.
   */
  pageResumed(now: number): void {
    if (this.lastTurn !== undefined) this.lastTurn = now;
  }

  /** How long the worker's thread has gone without a turn (0 while it loads). */
  starvedFor(now: number): number {
    return this.lastTurn === undefined ? 0 : now - this.lastTurn;
  }

  /** The results of the worker, stopped after `ms` without a turn. */
  resultsWhenStarved(ms: number): ResultsJson {
    const done = new Set(this.finished.map((f) => f.name));
    const unfinished = this.files.filter((file) => !done.has(file));
    // A test was running: it is the one to blame; else the first file not finished was loading.
    const blamed = this.current && !done.has(this.current.file) ? this.current.file : unfinished[0];
    const message = starvedTestMessage(ms);
    const testResults = [
      ...this.finished,
      ...unfinished.map((name): FileJson => {
        if (name !== blamed) return { name, status: 'failed', message: NOT_RUN, assertionResults: [] };
        const test = this.current?.file === name ? this.current : undefined;
        return test
          ? {
              name,
              status: 'failed',
              message: '',
              assertionResults: [
                { title: test.title, fullName: test.fullName, status: 'failed', failureMessages: [message] },
              ],
            }
          : { name, status: 'failed', message, assertionResults: [] };
      }),
    ];
    return { testResults };
  }
}
