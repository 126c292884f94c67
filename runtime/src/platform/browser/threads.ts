/**
 * Actor threads in a browser: module Web Workers started from the bundled `worker-host.js`.
 * The plan is the thread's first message (SharedArrayBuffers cross as shared memory, the page
 * being cross-origin isolated). Node gives a thread an exit event and ends it when its work is
 * done; a Web Worker has neither, so both are messages of this module (`steadyPlatform`), kept
 * apart from the runtime's own messages.
 *
 * A worker started by the runtime is named `steady-thread:<threadId>:<label>`: that is how the
 * code in it knows it is an actor thread, and its thread id, before any message arrives. A worker
 * started ahead of any graph (`prewarmActorThread`) is named `steady-thread:spare` and learns its
 * thread id with its plan.
 */
import type { MessagePortLike, SpawnedThread } from '../types.ts';
import { writeOutput } from './process.ts';
import { type WebErrorEvent, type WebMessageEvent, type WebWorker, webGlobal } from './web.ts';

const NAME_PREFIX = 'steady-thread:';

type PlatformMessage =
  | { readonly steadyPlatform: 'plan'; readonly plan: unknown; readonly threadId: number }
  | { readonly steadyPlatform: 'started' }
  | { readonly steadyPlatform: 'exit' }
  | { readonly steadyPlatform: 'error'; readonly message: string }
  | { readonly steadyPlatform: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string };

function platformMessage(data: unknown): PlatformMessage | undefined {
  return typeof data === 'object' && data !== null && 'steadyPlatform' in data
    ? (data as PlatformMessage)
    : undefined;
}

/** The name of a thread started ahead of its plan (`prewarmActorThread`): its id comes with the plan. */
const SPARE_NAME = `${NAME_PREFIX}spare`;

const ownName = webGlobal.name ?? '';
export const isActorThread = ownName.startsWith(NAME_PREFIX);
/**
 * This thread's id: from the worker's name, or for a spare from its plan; 0 on the page or in a
 * worker the runtime did not start. Read it when needed (an actor thread's code runs once its plan
 * has come), not at load.
 */
export let browserThreadId = isActorThread ? Number(ownName.split(':')[1]) || 0 : 0;

let lastThreadId = 0;

/** The URL of the actor threads' entry: the build puts every file of the runtime in one folder. */
const WORKER_HOST_URL = new URL('./worker-host.js', import.meta.url);

/**
 * When a thread's worker is terminated. With a debugger attached to workers (DevTools open, or
 * Playwright in the tests), Chromium loses track of a worker terminated while a worker it started
 * is still starting up or shutting down: the parent never finishes its own shutdown and stays,
 * silent, for the life of the page (one Stop in five on a busy machine, before what follows). It
 * did not happen in 80 gradings without a debugger. Terminating a parent whose children run is
 * safer: they end with it. So:
 * - a thread whose work is done is not terminated then: it idles (its actors have ended) until
 *   this worker starts its next thread, or until this worker itself ends and takes it along;
 * - a thread that must stop now (`terminate()`, an uncaught error) is terminated at once;
 * - `threadsSettled()` tells when this worker may end: no thread still starting (each says so
 *   with its first message), and SETTLE_MS since the last one terminated. 10 ms was always
 *   enough in 200 tries on a busy machine, and 100 ms in most test runs; a test run on a machine
 *   loaded far beyond its two cores still left a test worker behind once, so the margin is wide.
 */
const SETTLE_MS = 400;
/** A thread that has not said it started after this long is not waited for any longer. */
const START_WAIT_MS = 5000;
/** Threads whose work is done, terminated when the next one starts. */
const finished = new Set<{ terminate(): void }>();
/** Threads whose code has not run yet. */
const starting = new Set<object>();
/** Called once no thread is starting any more (`threadsSettled` waiting). */
const whenNoneStarting: (() => void)[] = [];
let lastTerminatedAt = Number.NEGATIVE_INFINITY;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startedOrGone(worker: object): void {
  if (!starting.delete(worker) || starting.size > 0) return;
  for (const resolve of whenNoneStarting.splice(0)) resolve();
}

function terminateNow(worker: { terminate(): void }): void {
  worker.terminate();
  lastTerminatedAt = performance.now();
}

/** Resolves once this worker can be terminated without Chromium losing track of it (see above). */
export async function threadsSettled(): Promise<void> {
  if (starting.size > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      whenNoneStarting.push(resolve);
      timer = setTimeout(resolve, START_WAIT_MS);
    });
    clearTimeout(timer);
  }
  const wait = lastTerminatedAt + SETTLE_MS - performance.now();
  if (wait > 0) await sleep(wait);
}

/** An actor thread's worker and what the runtime listens to on it, from its start. */
interface ThreadWorker {
  readonly worker: WebWorker;
  readonly messageListeners: Set<(message: unknown) => void>;
  readonly errorListeners: ((error: Error) => void)[];
  readonly exitListeners: ((code: number) => void)[];
  exited: boolean;
  /** Ends the thread now: its worker is terminated, its exit listeners hear code 1. */
  end(): void;
}

function startThreadWorker(name: string): ThreadWorker {
  const Worker = webGlobal.Worker;
  if (!Worker)
    throw new Error('this browser context cannot start workers (actors need SoloAct or a troupe thread)');
  const worker = new Worker(WORKER_HOST_URL, { type: 'module', name });
  starting.add(worker);
  const thread: ThreadWorker = {
    worker,
    messageListeners: new Set(),
    errorListeners: [],
    exitListeners: [],
    exited: false,
    end: () => exit(1),
  };
  function exit(code: number): void {
    if (thread.exited) return;
    thread.exited = true;
    startedOrGone(worker);
    if (code === 0) finished.add(worker);
    else terminateNow(worker);
    for (const listener of thread.exitListeners) listener(code);
  }
  const fail = (error: Error) => {
    if (thread.exited) return;
    for (const listener of thread.errorListeners) listener(error);
    exit(1); // like Node: an uncaught error ends the thread
  };
  worker.addEventListener('message', (event: WebMessageEvent) => {
    if (thread.exited) return; // a timer the thread's code left behind: the thread has ended for the runtime
    const control = platformMessage(event.data);
    if (!control) {
      for (const listener of thread.messageListeners) listener(event.data);
      return;
    }
    if (control.steadyPlatform === 'started') startedOrGone(worker);
    else if (control.steadyPlatform === 'exit') exit(0);
    else if (control.steadyPlatform === 'error') fail(new Error(control.message));
    else if (control.steadyPlatform === 'output') writeOutput(control.stream, control.text);
  });
  worker.addEventListener('error', (event: WebErrorEvent) => {
    event.preventDefault();
    const error =
      event.error instanceof Error ? event.error : new Error(event.message ?? 'worker failed to load');
    fail(error);
  });
  worker.addEventListener('messageerror', () => fail(new Error('a message could not be received')));
  return thread;
}

/** A thread started before any graph asked for one, loading the runtime meanwhile (see `prewarmActorThread`). */
let spare: ThreadWorker | undefined;

/**
 * Starts one actor thread's worker now, before a graph asks for a thread: the first thread a
 * graph starts then finds the runtime loaded, instead of starting a worker that loads its modules
 * then. Measured on the course site, lesson 01 with Run pressed once the page had settled:
 * Heartbeat 3 showed 264 ms after the press against 507 (medians of six). A program worker calls
 * this as it starts; a spare no graph takes ends with the worker that started it, and
 * `threadsSettled` waits for its start like any thread's.
 */
export function prewarmActorThread(): void {
  if (spare || isActorThread || !webGlobal.Worker) return;
  const started = startThreadWorker(SPARE_NAME);
  started.exitListeners.push(() => {
    if (spare === started) spare = undefined; // it failed to load: a graph starts a worker of its own
  });
  spare = started;
}

export function spawnBrowserThread(plan: unknown, label: string): SpawnedThread {
  const threadId = ++lastThreadId + browserThreadId * 1000; // nested graphs get ids of their own
  for (const idle of finished) terminateNow(idle);
  finished.clear();
  const thread = spare ?? startThreadWorker(`${NAME_PREFIX}${threadId}:${label}`);
  spare = undefined;
  const { worker } = thread;
  worker.postMessage({ steadyPlatform: 'plan', plan, threadId } satisfies PlatformMessage);
  return {
    post: (message) => worker.postMessage(message),
    onMessage(listener) {
      thread.messageListeners.add(listener);
      return () => thread.messageListeners.delete(listener);
    },
    onError: (listener) => thread.errorListeners.push(listener),
    onExit: (listener) => thread.exitListeners.push(listener),
    terminate: async () => {
      // Node reports exit code 1 for a terminated thread; so does this, once it is gone.
      await Promise.resolve();
      thread.end();
    },
  };
}

// ---- Inside an actor thread ------------------------------------------------------------

let resolvePlan: (plan: unknown) => void = () => {};
const plan = new Promise<unknown>((resolve) => {
  resolvePlan = resolve;
});
const parentListeners = new Set<(message: unknown) => void>();
/** Messages that came before anyone listened (a stage direction racing the actors' start). */
const early: unknown[] = [];

function postToParent(message: PlatformMessage | unknown): void {
  webGlobal.postMessage(message);
}

if (isActorThread) {
  // Listen at once: a module worker drops the messages that arrive before a listener exists.
  webGlobal.addEventListener('message', (event: WebMessageEvent) => {
    const control = platformMessage(event.data);
    if (control?.steadyPlatform === 'plan') {
      browserThreadId = control.threadId;
      resolvePlan(control.plan);
    } else if (parentListeners.size === 0) early.push(event.data);
    else for (const listener of parentListeners) listener(event.data);
  });
  // Node ends a thread on an unhandled rejection; so does this.
  webGlobal.addEventListener('unhandledrejection', (event: { reason: unknown }) => {
    const reason =
      event.reason instanceof Error ? (event.reason.stack ?? event.reason.message) : String(event.reason);
    postToParent({ steadyPlatform: 'error', message: reason } satisfies PlatformMessage); // the parent terminates this worker
  });
  // Console output of actor code goes to the program's output, as worker_threads' does on Node.
  const forward =
    (stream: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      postToParent({
        steadyPlatform: 'output',
        stream,
        text: `${formatArgs(args)}\n`,
      } satisfies PlatformMessage);
  Object.assign(console, {
    log: forward('stdout'),
    info: forward('stdout'),
    debug: forward('stdout'),
    warn: forward('stderr'),
    error: forward('stderr'),
  });
  postToParent({ steadyPlatform: 'started' } satisfies PlatformMessage); // see `threadsSettled`
}

export const browserParent: MessagePortLike | undefined = isActorThread
  ? {
      post: postToParent,
      onMessage(listener) {
        parentListeners.add(listener);
        for (const message of early.splice(0)) listener(message);
        return () => parentListeners.delete(listener);
      },
    }
  : undefined;

export function browserThreadPlan(): Promise<unknown> {
  if (!isActorThread) return Promise.reject(new Error('not an actor thread: there is no thread plan here'));
  return plan;
}

/** The thread's work is done. Its parent ends its worker (see `finished` above for when). */
export function endBrowserThread(): void {
  if (!isActorThread) return;
  postToParent({ steadyPlatform: 'exit' } satisfies PlatformMessage);
}

/** Console arguments as one line: strings as they are, errors by their stack, the rest as JSON. */
export function formatArgs(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg instanceof Error) return arg.stack ?? String(arg);
      try {
        return typeof arg === 'object' ? JSON.stringify(arg) : String(arg);
      } catch {
        return String(arg);
      }
    })
    .join(' ');
}
