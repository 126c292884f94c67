/**
 * The browser engine: the lesson runs in this tab, in Web Workers, with no server at all. A Service
 * Worker serves the lesson's files (the learner's edits included) as modules compiled from
 * TypeScript; the program runs in the runtime's program worker, the exercise tests on vitest's own
 * runner in a test worker. Stop asks the program to shut down, then terminates its worker (and with
 * it every actor thread), so an endless loop cannot outlive Stop.
 */
import type { GradeSummary } from '@steady/grader/report';
import { gradeFromResults } from '../browser/grade.ts';
import { ensureServiceWorker, whenServiceWorkerQuiet, writeLessonFiles } from '../browser/sw-client.ts';
import { mergeTestResults, splitTestFiles } from '../browser/test-groups.ts';
import { STARVED_LIMIT_MS, TestWorkerWatch } from '../browser/test-worker-watch.ts';
import type { ResultsJson } from '../browser/testkit/results.ts';
import { PROGRAM_WORKER, TEST_WORKER, vfsUrl, withLessonPaths } from '../browser/urls.ts';
import type { TestWorkerEvent, TestWorkerRequest } from '../browser/worker-protocol.ts';
import { endWorker, startWorker } from '../browser/workers.ts';
import { lessonFiles, unchangedProgramModules } from './file-tree.ts';
import { ENGINE_MARKS, markPhase } from './marks.ts';
import {
  type Engine,
  type EngineStatus,
  type TestRequest as EngineTestRequest,
  EngineUnavailableError,
  type RunHandle,
  type RunRequest,
} from './types.ts';

/** How long a program may take to stop by itself after Stop before its worker is terminated. */
const GRACE_MS = 2000;
/** A check of the test workers this late means the page itself did not run meanwhile (a frozen tab). */
const PAGE_AWAY_MS = 5000;
/** The lessons' vitest config gives each test 20 s. */
const TEST_TIMEOUT_MS = 20_000;

export const NATIVE_ADVICE =
  'Use native mode instead: `git clone` the course repository, then `npm install && npm start` at its root, and open the address it prints.';

/** What the runtime's program worker sends. */
type ProgramEvent =
  | { type: 'ready' }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'telemetry'; dot: string; metrics?: string }
  | { type: 'exit'; code: number };

/** `variant: 'solution'` grades the reference solutions, as `steady-grade --solution` would. */
export type TestRequest = EngineTestRequest & { readonly variant?: 'working' | 'solution' };

interface Current {
  readonly worker: Worker;
  /** Ends the run: with the program's exit code, or null when it was stopped. */
  readonly finish: (code: number | null) => void;
  readonly done: Promise<unknown>;
  readonly graceful?: () => void;
  /** Stop was pressed and the program is shutting down: a second Stop ends it at once. */
  stopping?: boolean;
}

/** A program worker started before Run was pressed, loading the runtime meanwhile. */
interface Spare {
  readonly worker: Worker;
  readonly lesson: string;
  /** It failed to start: the Run gets a fresh worker, which reports why. */
  failed: boolean;
}

export class BrowserEngine implements Engine {
  readonly kind = 'browser' as const;
  private controller: ServiceWorker | undefined;
  private booting: Promise<void> | undefined;
  private current: Current | undefined;
  private spare: Spare | undefined;
  /** A Run or a Test has started on this page: no spare is prepared any more. */
  private ran = false;
  private readonly telemetryListeners: ((dot: string) => void)[] = [];

  boot(onStatus: (status: EngineStatus) => void): Promise<void> {
    this.booting ??= (async () => {
      try {
        this.controller = await ensureServiceWorker((message) => onStatus({ phase: 'booting', message }));
      } catch (error) {
        this.booting = undefined;
        throw new EngineUnavailableError(
          `The browser engine cannot start: ${error instanceof Error ? error.message : String(error)}.`,
          NATIVE_ADVICE,
        );
      }
      markPhase(ENGINE_MARKS.engineReady);
      onStatus({ phase: 'ready', message: 'Ready: lessons run in this browser.' });
    })();
    return this.booting;
  }

  /** The Service Worker controlling this page now (a new version takes over from the booted one). */
  private serviceWorker(): ServiceWorker | undefined {
    return globalThis.navigator?.serviceWorker?.controller ?? this.controller;
  }

  /**
   * Hands the files to the Service Worker, which compiles `entries` and what they import; prints
   * what of that does not compile and says whether anything. It gets the build's compiled program
   * too, for the files the learner has not changed (it uses them for the `working` variant only).
   */
  private async writeFiles(
    request: Omit<TestRequest, 'exercise'>,
    entries: readonly string[],
  ): Promise<boolean> {
    const controller = this.serviceWorker();
    if (!controller) throw new Error('the Service Worker no longer controls this page: reload it');
    const files = lessonFiles(request.bundle, request.edits);
    const errors = await writeLessonFiles(controller, request.bundle.lesson.id, files, {
      entries,
      variant: request.variant,
      compiled: unchangedProgramModules(request.bundle, files),
    });
    for (const error of errors) request.onOutput(`\x1b[31m${error}\x1b[0m\r\n`);
    return errors.length === 0;
  }

  /**
   * Gets the page's first Run ready while the learner reads (about half a second of it, more on a
   * first visit): starts the program worker it will use, which loads the runtime, and hands the
   * Service Worker the lesson's files, which compiles them (the Run's own write then finds them
   * unchanged). Only one worker, and only for the first Run: once a program or the tests have
   * run, no worker is left waiting.
   */
  prepareRun(request: Pick<RunRequest, 'bundle' | 'edits'>): void {
    if (this.spare || this.current || this.ran) return;
    const lesson = request.bundle.lesson.id;
    const worker = startProgramWorker(lesson);
    const spare: Spare = { worker, lesson, failed: false };
    worker.addEventListener('error', () => {
      spare.failed = true;
    });
    this.spare = spare;
    // What fails here (a file that does not compile, a Service Worker gone) the Run says itself.
    void this.writeFiles({ ...request, onOutput: () => undefined }, [request.bundle.lesson.entry]).catch(
      () => undefined,
    );
  }

  /** Once the Service Worker has been asked for no file for a moment: the Run's modules have come. */
  whenLoadsSettle(limitMs: number): Promise<void> {
    const controller = this.serviceWorker();
    return controller ? whenServiceWorkerQuiet(controller, limitMs) : Promise.resolve();
  }

  /** The spare program worker if it can run `lesson` (any other spare is ended). */
  private takeSpare(lesson: string): Worker | undefined {
    const spare = this.spare;
    if (spare?.lesson === lesson && !spare.failed) {
      this.spare = undefined;
      this.ran = true;
      return spare.worker;
    }
    this.endSpare();
    return undefined;
  }

  /** Ends the spare program worker, if any: the page has run something, or goes away. */
  private endSpare(): void {
    this.ran = true;
    if (this.spare) endWorker(this.spare.worker);
    this.spare = undefined;
  }

  async start(request: RunRequest): Promise<RunHandle> {
    markPhase(ENGINE_MARKS.runStart);
    await this.stop();
    const lesson = request.bundle.lesson.id;
    // The worker loads the runtime while the Service Worker stores and compiles the files (or has
    // loaded it already: the spare): neither waits for the other. It is told what to run once the
    // files are there.
    const worker = this.takeSpare(lesson) ?? startProgramWorker(lesson);
    let finish!: (code: number | null) => void;
    const exit = new Promise<number | null>((resolve) => {
      finish = (code) => {
        if (this.current?.worker === worker) this.current = undefined;
        endWorker(worker);
        resolve(code);
      };
    });
    let running = false;
    // Stopped before it was told to run: nothing to shut down gracefully.
    const graceful = () => (running ? worker.postMessage({ type: 'stop' }) : finish(null));
    this.current = { worker, finish, done: exit, graceful };
    let outputSeen = false;
    worker.addEventListener('message', (event: MessageEvent<ProgramEvent>) => {
      const message = event.data;
      if (message.type === 'output') {
        if (!outputSeen) markPhase(ENGINE_MARKS.programFirstOutput);
        outputSeen = true;
        request.onOutput(withLessonPaths(message.data, location.origin, lesson));
      } else if (message.type === 'telemetry')
        for (const listener of this.telemetryListeners) listener(message.dot);
      else if (message.type === 'exit') finish(message.code);
    });
    worker.addEventListener('error', (event) => {
      request.onOutput(`\x1b[31m${event.message || 'the program worker failed to start'}\x1b[0m\r\n`);
      finish(1);
    });
    let compiled: boolean;
    try {
      compiled = await this.writeFiles(request, [request.bundle.lesson.entry]);
    } catch (error) {
      finish(1);
      throw error;
    }
    markPhase(ENGINE_MARKS.runFilesWritten);
    // Like tsx, a program whose files do not compile does not start: exit code 1.
    if (!compiled) finish(1);
    else if (this.current?.worker === worker) {
      running = true;
      const entry = new URL(vfsUrl(lesson, request.bundle.lesson.entry), location.origin).href;
      worker.postMessage({ type: 'run', entry, argv: [...request.args] });
    }
    return { exit };
  }

  /** Grades the exercises; the tests of a file that does not compile fail with the compiler's message. */
  async test(request: TestRequest): Promise<GradeSummary> {
    markPhase(ENGINE_MARKS.testStart);
    await this.stop();
    this.endSpare();
    // One exercise ("Test this exercise"): only its test files run, and only it is graded.
    const whole = request.bundle.lesson;
    const lesson = request.exercise
      ? { ...whole, exercises: whole.exercises.filter((e) => e.id === request.exercise) }
      : whole;
    const folder = request.exercise ? `exercises/${request.exercise}/` : 'exercises/';
    const nativeOnly = new Map(
      lesson.exercises.flatMap((e) =>
        e.nativeReason === undefined ? [] : [[e.id, e.nativeReason] as const],
      ),
    );
    const files = request.bundle.files
      .filter((f) => f.role === 'test' && f.path.startsWith(folder))
      .filter((f) => !nativeOnly.has(f.path.split('/')[1] ?? ''))
      .map((f) => f.path);
    const groups = splitTestFiles(files);
    const workers = groups.map(() => startWorker(TEST_WORKER, `steady-test:${lesson.id}`));
    const watches = groups.map((group) => new TestWorkerWatch(group));
    const [first] = workers as [Worker];
    let finish!: (code: number | null) => void;
    let watchdog: ReturnType<typeof setInterval> | undefined;
    const results = new Promise<GradeSummary>((resolve, reject) => {
      finish = (code) => {
        if (this.current?.worker === first) this.current = undefined;
        clearInterval(watchdog);
        for (const worker of workers) endWorker(worker);
        if (code === null) reject(new Error('the tests were stopped'));
      };
      const parts: ResultsJson[] = [];
      const answered = new Set<Worker>();
      const deliver = (worker: Worker, json: ResultsJson) => {
        if (answered.has(worker)) return;
        answered.add(worker);
        parts.push(json);
        if (parts.length < workers.length) return;
        markPhase(ENGINE_MARKS.testResults);
        finish(0);
        resolve(withNativeOnly(gradeFromResults(lesson, mergeTestResults(files, parts)), nativeOnly));
      };
      // A worker whose thread has had no turn for long will never answer: stopped, and answered for.
      let lastCheck = performance.now();
      watchdog = setInterval(() => {
        const now = performance.now();
        if (now - lastCheck > PAGE_AWAY_MS) for (const watch of watches) watch.pageResumed(now);
        lastCheck = now;
        workers.forEach((worker, i) => {
          const starved = watches[i]?.starvedFor(now) ?? 0;
          if (answered.has(worker) || starved < STARVED_LIMIT_MS) return;
          endWorker(worker);
          deliver(worker, watches[i]!.resultsWhenStarved(starved));
        });
      }, 1000);
      let ready = 0;
      workers.forEach((worker, i) => {
        worker.addEventListener('message', (event: MessageEvent<TestWorkerEvent>) => {
          const message = event.data;
          watches[i]?.heard(message, performance.now());
          if (message.type === 'output')
            request.onOutput(withLessonPaths(message.data, location.origin, lesson.id));
          else if (message.type === 'ready') {
            if (++ready === workers.length) markPhase(ENGINE_MARKS.testWorkerReady);
          } else if (message.type === 'results') deliver(worker, message.json);
          else if (message.type === 'error') {
            finish(1);
            reject(new Error(`the test runner failed: ${message.message}`));
          }
        });
        worker.addEventListener('error', (event) => {
          finish(1);
          reject(new Error(`the test worker failed to start: ${event.message || 'unknown error'}`));
        });
      });
    });
    this.current = { worker: first, finish, done: results.catch(() => undefined) };
    // The test workers load vitest's runner and the runtime while the files are written (as for Run).
    try {
      await this.writeFiles(request, files);
    } catch (error) {
      finish(1);
      throw error;
    }
    markPhase(ENGINE_MARKS.testFilesWritten);
    if (this.current?.worker !== first) return results; // stopped meanwhile: `results` rejects
    groups.forEach((group, i) => {
      const message: TestWorkerRequest = {
        type: 'test',
        lesson: lesson.id,
        files: group,
        testTimeoutMs: TEST_TIMEOUT_MS,
        variant: request.variant ?? 'working',
        paths: request.bundle.files.map((f) => f.path),
      };
      workers[i]?.postMessage(message);
    });
    return results;
  }

  /**
   * Asks the program to stop, then terminates its worker if it has not ended within the grace
   * period. Pressed again while the program shuts down, as a second Ctrl-C: terminates it at once.
   */
  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    if (current.graceful && !current.stopping) {
      current.stopping = true;
      current.graceful();
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), GRACE_MS));
      // Too late (an actor in an endless loop): terminating the worker ends its actor threads too.
      if ((await Promise.race([current.done, timer])) !== 'late') return;
    }
    current.finish(null);
  }

  /** The program's telemetry graph (DOT), each time it changes. */
  onTelemetry(listener: (dot: string) => void): void {
    this.telemetryListeners.push(listener);
  }

  dispose(): void {
    this.current?.finish(null);
    this.endSpare();
  }
}

/**
 * A program worker, which marks when it has loaded the runtime (listening from its start: a
 * prepared worker says so before any Run listens).
 */
function startProgramWorker(lesson: string): Worker {
  const worker = startWorker(PROGRAM_WORKER, `steady-program:${lesson}`);
  worker.addEventListener('message', (event: MessageEvent<ProgramEvent>) => {
    if (event.data.type === 'ready') markPhase(ENGINE_MARKS.programWorkerReady);
  });
  return worker;
}

/** Exercises that grade in native mode only: failed here, with why and what to do, never silently skipped. */
function withNativeOnly(grade: GradeSummary, nativeOnly: ReadonlyMap<string, string>): GradeSummary {
  if (nativeOnly.size === 0) return grade;
  return {
    ...grade,
    exercises: grade.exercises.map((e) => {
      const why = nativeOnly.get(e.id);
      if (why === undefined) return e;
      const reason = `grades in native mode only (${why}): clone the course, \`npm install\`, \`npm start\``;
      return {
        ...e,
        passed: false,
        firstFailure: `${e.id}: ${reason}`,
        tests: [{ name: e.id, passed: false, failure: reason }],
      };
    }),
  };
}
